package io.pooldesk.model.system;

import io.pooldesk.model.address.Address;

import java.math.BigInteger;
import java.util.NavigableMap;

/**
 * One pool's state at the end of a simulation.
 *
 * @param namespace        null for a cluster-scoped pool
 * @param allocated        address to holder, in the system's own notation ({@code ns/name}, a MAC, a marker such as
 *                         {@code EXCLUDED}, {@code ns/a;ns/b} when shared), lowest address first
 * @param allocatedHistory address to the holder that last had it, lowest address first
 */
public record PoolReport(String kind, String apiGroup, String namespace, String name, BigInteger total,
                         BigInteger used, BigInteger available, NavigableMap<Address, String> allocated,
                         NavigableMap<Address, String> allocatedHistory) {

    /** For systems that keep no history. */
    public static final NavigableMap<Address, String> NO_HISTORY = java.util.Collections.emptyNavigableMap();
}
