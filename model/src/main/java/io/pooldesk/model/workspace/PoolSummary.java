package io.pooldesk.model.workspace;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.manifest.Manifest;

import io.pooldesk.model.conflicts.Conflict;

import java.math.BigInteger;
import java.util.List;
import java.util.NavigableMap;

/**
 * One pool as the window shows it, whatever its kind: its definition in words, its counts, and the per-address
 * state its utilisation map draws.
 *
 * @param extent    the span the map covers: from the lowest to the highest address the pool mentions
 * @param size      every address the pool's ranges name, usable or not: the exact size beside {@code total}
 * @param usable    what the pool can hand out
 * @param reserved  addresses inside the extent that are never handed out on purpose (gateways)
 * @param allocated address to holder (excluded and reserved markers included for DHCP pools)
 * @param history   address to the holder that last had it
 * @param next      the address the controller hands out next, where Pooldesk knows it; else null
 * @param written   every address the pool's ranges name (what {@code size} counts), merged into spans
 * @param conflicts the workspace's conflicts that name this pool, as {@code pooldesk validate} reports them
 */
public record PoolSummary(Manifest manifest, String kind, String name, String namespace, String description,
                          String network, String scope, String priority, boolean global, BigInteger size,
                          BigInteger total,
                          BigInteger used, BigInteger available, Span extent, AddressSet usable,
                          AddressSet reserved, NavigableMap<Address, String> allocated, NavigableMap<Address, String> history,
                          Address next, AddressSet written, List<Conflict> conflicts) {

    /** How full the pool is, from 0 to 1. */
    public double utilisation() {
        if (total.signum() <= 0) {
            return 0;
        }
        return used.doubleValue() / total.doubleValue();
    }

    /** How the free addresses lie: runs, the longest run, the largest free aligned block. */
    public Fragmentation fragmentation() {
        return Fragmentation.of(usable, allocated);
    }

    /** The pool as the engine's outcomes name it. */
    public io.pooldesk.model.system.ObjectRef ref() {
        return new io.pooldesk.model.system.ObjectRef(kind, namespace, name);
    }

    /** When the cluster created the pool ({@code metadata.creationTimestamp}); empty when the file does not say. */
    public java.util.Optional<java.time.Instant> created() {
        String written = manifest.object().path("metadata").path("creationTimestamp").asText("");
        try {
            return written.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(java.time.OffsetDateTime.parse(written).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    public String sourceFile() {
        return java.nio.file.Path.of(manifest.source()).getFileName().toString();
    }
}
