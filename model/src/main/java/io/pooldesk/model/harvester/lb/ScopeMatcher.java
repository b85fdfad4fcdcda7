package io.pooldesk.model.harvester.lb;

/**
 * The reference's {@code Matcher}: a pool matches a requirement when the networks are equal and any scope tuple
 * matches. A tuple field matches when either side is {@code *} or both are equal. In loose mode (cluster load
 * balancers, second pass) an empty project or guest cluster in the pool also acts as a wildcard.
 */
public final class ScopeMatcher {
    private ScopeMatcher() {
    }

    public static boolean matches(PoolSelector selector, Requirement requirement, boolean loose) {
        if (!selector.network().equals(requirement.network())) {
            return false;
        }
        for (ScopeTuple tuple : selector.scope()) {
            if (matches(tuple, requirement, loose)) {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(ScopeTuple tuple, Requirement requirement, boolean loose) {
        return field(tuple.project(), requirement.project(), loose)
                && field(tuple.namespace(), requirement.namespace(), false)
                && field(tuple.guestCluster(), requirement.cluster(), loose);
    }

    private static boolean field(String pool, String wanted, boolean emptyIsWildcard) {
        return ScopeTuple.ALL.equals(pool) || ScopeTuple.ALL.equals(wanted) || pool.equals(wanted)
                || (emptyIsWildcard && pool.isEmpty());
    }
}
