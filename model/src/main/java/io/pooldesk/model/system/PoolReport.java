package io.pooldesk.model.system;

import java.math.BigInteger;
import java.util.Map;

/**
 * One pool's state at the end of a simulation.
 *
 * @param namespace        null for a cluster-scoped pool
 * @param allocated        address to holder, in the kind's own notation, lowest address first
 * @param allocatedHistory address to last holder, lowest address first
 */
public record PoolReport(String kind, String apiGroup, String namespace, String name, BigInteger total,
                         BigInteger used, BigInteger available, Map<String, String> allocated,
                         Map<String, String> allocatedHistory) {
}
