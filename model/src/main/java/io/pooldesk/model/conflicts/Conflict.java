package io.pooldesk.model.conflicts;

import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;

/**
 * Addresses that a pool can hand out although something else already uses them: another system's pool, a node, the
 * pods or services of the cluster, another pool's gateway or DHCP server.
 *
 * @param pool      the pool that would hand the addresses out
 * @param field     where the pool names its addresses
 * @param other     the other object, when it is in the input (null for the service CIDR, which an option gives)
 * @param addresses the addresses both claim
 * @param message   which objects, which addresses, and what each system will do about it
 */
public record Conflict(Kind kind, Manifest pool, String field, Manifest other, AddressSet addresses,
                       String message) {
    private static final int SHOWN_SPANS = 3;

    public enum Kind {
        POOLS_OVERLAP, NODE_ADDRESS, POD_CIDR, SERVICE_CIDR, NETWORK_ADDRESS
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
