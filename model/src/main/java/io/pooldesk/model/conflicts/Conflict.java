package io.pooldesk.model.conflicts;

import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;

/**
 * Addresses that a pool can hand out although something else already uses them: another system's pool, a node, the
 * pods or services of the cluster, another pool's gateway or DHCP server; or addresses a request holds outside every
 * pool of its system, or that requests of two systems both hold.
 *
 * @param pool      the pool that would hand the addresses out; for {@code HELD_*} the request that holds them
 * @param field     where the pool names its addresses (the request, the address it holds)
 * @param other     the other object, when it is in the input (the ServiceCIDR object or the {@code kubernetes}
 *                  Service a learned service CIDR comes from; null for the service CIDR an option gives, and for an
 *                  address held outside every pool that no other system's pool contains either)
 * @param addresses the addresses both claim
 * @param message   which objects, which addresses, and what each system will do about it
 */
public record Conflict(Kind kind, Manifest pool, String field, Manifest other, AddressSet addresses,
                       String message) {
    private static final int SHOWN_SPANS = 3;

    public enum Kind {
        POOLS_OVERLAP("Pools overlap"), NODE_ADDRESS("Node address"), POD_CIDR("Pod CIDR"),
        SERVICE_CIDR("Service CIDR"), NETWORK_ADDRESS("Gateway or server"),
        HELD_OUTSIDE_POOLS("Held outside pools"), HELD_TWICE("Held twice");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind in a few words, as the Conflicts page and the map's tooltip say it. */
        public String label() {
            return label;
        }
    }

    /** The other side of the conflict, seen from {@code object}: the object it conflicts with, in words. */
    public String otherThan(Manifest object) {
        Manifest that = object == pool ? other : pool;
        return that != null ? that.describe() : kind == Kind.SERVICE_CIDR ? "the service CIDR (--service-cidr)" : "";
    }

    /** A few of the addresses' ranges, never the whole list: a conflict between two /8s is not listed. */
    public static String listed(AddressSet addresses) {
        java.util.List<io.pooldesk.model.address.Span> spans = addresses.spans();
        String listed = spans.stream().limit(SHOWN_SPANS)
                .map(s -> s.size().equals(java.math.BigInteger.ONE) ? s.first().toString() : s.toString())
                .collect(java.util.stream.Collectors.joining(", "));
        return spans.size() > SHOWN_SPANS ? listed + " and " + (spans.size() - SHOWN_SPANS) + " more ranges" : listed;
    }

    public ManifestProblem problem() {
        return pool.problem(field, message);
    }
}
