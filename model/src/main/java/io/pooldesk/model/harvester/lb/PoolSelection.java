package io.pooldesk.model.harvester.lb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which pool a load balancer gets, as the reference's {@code selectIPPool}: the pool named in {@code spec.ipPool}
 * without any check; else the highest-priority strict match among non-global pools; else the global pool whatever its
 * network; else, for cluster load balancers only, a loose match. Where the cluster would choose at random (equal
 * priorities, several global pools), Pooldesk takes the first by name and says so.
 */
public final class PoolSelection {

    /**
     * @param pool   the chosen pool, or null
     * @param error  why none was chosen, or null
     * @param reason how the pool was chosen, in words, for the window
     */
    public record Choice(IpPool pool, String error, String reason, List<String> warnings) {
    }

    private PoolSelection() {
    }

    public static Choice select(Collection<IpPool> pools, LoadBalancer lb) {
        List<String> warnings = new ArrayList<>();
        String who = "LoadBalancer " + lb.applicantId();
        if (!lb.ipPool().isEmpty()) {
            for (IpPool pool : pools) {
                if (pool.name().equals(lb.ipPool())) {
                    return new Choice(pool, null, "named in spec.ipPool (no scope or network check)", warnings);
                }
            }
            return new Choice(null, "fail to get allocator " + lb.ipPool(), null, warnings);
        }
        Requirement requirement = lb.requirement();
        IpPool strict = bestMatch(pools, requirement, false, who, warnings);
        if (strict != null) {
            return new Choice(strict, null, "highest-priority pool whose network and scope match", warnings);
        }
        IpPool global = globalPool(pools, who, warnings);
        if (global != null) {
            if (!global.selector().network().equals(requirement.network())) {
                warnings.add(who + " falls back to the global pool " + global.name() + " on network "
                        + shown(global.selector().network()) + " although it asks for network "
                        + shown(requirement.network()) + " (the reference's cross-network fallback, harvester#10592)");
            }
            return new Choice(global, null, "no pool matches; the global pool is the fallback", warnings);
        }
        if (lb.isClusterWorkload()) {
            IpPool loose = bestMatch(pools, requirement, true, who, warnings);
            if (loose != null) {
                return new Choice(loose, null,
                        "loose match: empty project or guest cluster in the pool's scope act as wildcards", warnings);
            }
        }
        return new Choice(null, "no IP pool matches " + requirement.describe(), null, warnings);
    }

    private static IpPool bestMatch(Collection<IpPool> pools, Requirement requirement, boolean loose, String who,
                                    List<String> warnings) {
        List<IpPool> best = new ArrayList<>();
        long bestPriority = -1;
        for (IpPool pool : pools) {
            if (pool.isGlobal() || !ScopeMatcher.matches(pool.selector(), requirement, loose)) {
                continue;
            }
            long priority = pool.selector().priority();
            if (priority > bestPriority) {
                best.clear();
                bestPriority = priority;
            }
            if (priority == bestPriority) {
                best.add(pool);
            }
        }
        return firstByName(best, who, "match with the same priority " + bestPriority, warnings);
    }

    private static IpPool globalPool(Collection<IpPool> pools, String who, List<String> warnings) {
        List<IpPool> globals = new ArrayList<>();
        for (IpPool pool : pools) {
            if (pool.isGlobal()) {
                globals.add(pool);
            }
        }
        return firstByName(globals, who, "are global pools", warnings);
    }

    private static IpPool firstByName(List<IpPool> pools, String who, String tie, List<String> warnings) {
        if (pools.isEmpty()) {
            return null;
        }
        pools.sort(Comparator.comparing(IpPool::name));
        if (pools.size() > 1) {
            List<String> names = pools.stream().map(IpPool::name).toList();
            warnings.add(who + ": pools " + String.join(", ", names) + " " + tie + "; the cluster picks one at "
                    + "random, Pooldesk chose " + names.get(0) + " (first by name)");
        }
        return pools.get(0);
    }

    private static String shown(String network) {
        return network.isEmpty() ? "\"\"" : network;
    }
}
