package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.system.Violation;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The reference's IPPool admission webhook (mutator and validator) for create, update and delete. Where the reference
 * stops at the first error, Pooldesk reports every independent one. Each message is the reference's, wrapped as the
 * webhook wraps it ("can't create IP pool NAME because ..."), plus the name of the conflicting pool or range.
 */
public final class PoolAdmission {
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern NETWORK = Pattern.compile("[^/\\s]+/[^/\\s]+");
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PoolAdmission() {
    }

    /** Rules for creating {@code pool} in a cluster that already holds {@code existing}. */
    public static List<Violation> checkCreate(IpPool pool, Collection<IpPool> existing) {
        return check(pool, existing, "create", PoolAdmission::resolveQuietly);
    }

    /**
     * The same, with the other pools' ranges already resolved (an engine holding thousands of pools resolves each
     * once, not once per check).
     */
    public static List<Violation> checkCreate(IpPool pool, Collection<IpPool> existing,
                                              java.util.function.Function<IpPool, RangeSet> rangesOf) {
        return check(pool, existing, "create", rangesOf);
    }

    /**
     * Rules for replacing the pool of the same name by {@code pool}; {@code pool}'s status is the status the update
     * carries (the reference has no status subresource).
     */
    public static List<Violation> checkUpdate(IpPool pool, Collection<IpPool> existing) {
        List<Violation> violations = check(pool, existing, "update", PoolAdmission::resolveQuietly);
        RangeSet ranges = resolveQuietly(pool);
        if (ranges != null) {
            for (String ip : pool.status().allocated().keySet()) {
                violations.add(allocatedOutside(pool.name(), ip, ranges));
            }
            violations.removeIf(v -> v == null);
        }
        return violations;
    }

    public static List<Violation> checkDelete(IpPool pool) {
        if (pool.status().allocated().isEmpty()) {
            return List.of();
        }
        return List.of(new Violation("status.allocated", "can't delete IP pool " + pool.name()
                + " because can't delete pool before releasing all the allocated IP ("
                + pool.status().allocated().size() + " still allocated)"));
    }

    /**
     * Limits of the reference that Pooldesk treats as errors although the webhook lets them through: a pool whose
     * size does not fit the int64 {@code status.total} (the counters wrap and read negative).
     */
    public static List<Violation> checkLimits(IpPool pool) {
        RangeSet ranges = resolveQuietly(pool);
        if (ranges == null) {
            return List.of();
        }
        BigInteger total = ranges.total();
        if (total.compareTo(INT64_MAX) <= 0) {
            return List.of();
        }
        return List.of(new Violation("spec.ranges", "IP pool " + pool.name() + " holds " + total
                + " usable addresses, more than the reference's int64 status.total can count: the cluster would"
                + " accept it but report total " + ranges.referenceTotal() + "; use a smaller range"));
    }

    /** Things the reference accepts silently but an operator should know. */
    public static List<Violation> advisories(IpPool pool) {
        List<Violation> notes = new ArrayList<>();
        for (int i = 0; i < pool.ranges().size(); i++) {
            String path = "spec.ranges[" + i + "]";
            PoolRangeSpec spec = pool.ranges().get(i);
            if (IpV4Mapped.isMapped(spec.subnet())) {
                notes.add(new Violation(path + ".subnet", IpV4Mapped.warning(spec.subnet())));
                continue;
            }
            EffectiveRange range;
            try {
                range = RangeResolver.resolve(spec, path);
            } catch (RangeException e) {
                continue;
            }
            if (range.swapped()) {
                notes.add(new Violation(path + ".rangeStart", "rangeStart " + spec.rangeStart() + " is after rangeEnd "
                        + spec.rangeEnd() + "; the cluster silently swaps them to " + range));
            }
            boolean gatewayInside = range.gateway() != null && range.contains(range.gateway());
            // the default gateway inside a default range is the ordinary case; only a written one surprises
            if (gatewayInside && (!spec.gateway().isEmpty() || !spec.rangeStart().isEmpty())) {
                notes.add(new Violation(path + ".gateway", "gateway " + range.gateway() + " lies inside " + range
                        + " and is never handed out"));
            }
            int prefix = range.subnet().prefixLength();
            if (range.subnet().family() == Family.IPV4 && prefix == 31) {
                notes.add(new Violation(path + ".subnet", range.subnet() + " is a /31: the cluster hands out the network"
                        + " address " + range.subnet().network() + " and treats the other as the gateway"));
            }
            if (range.subnet().family() == Family.IPV6) {
                notes.add(new Violation(path + ".subnet", "Harvester does not support IPv6 load-balancer pools"
                        + " (harvester#10767); its code partly works for small ranges"
                        + (prefix == 128 ? ", and a /128 reports total 2 but hands out 1 address" : "")));
            }
        }
        return notes;
    }

    private static List<Violation> check(IpPool pool, Collection<IpPool> existing, String verb,
                                         java.util.function.Function<IpPool, RangeSet> rangesOf) {
        String wrap = "can't " + verb + " IP pool " + pool.name() + " because ";
        List<Violation> violations = new ArrayList<>();
        if (pool.name().isEmpty()) {
            violations.add(new Violation("metadata.name", "name is required"));
        } else if (pool.name().length() > 253 || !DNS_SUBDOMAIN.matcher(pool.name()).matches()) {
            violations.add(new Violation("metadata.name", "\"" + pool.name() + "\" is not a valid name: lower-case"
                    + " letters, digits, '-' and '.', starting and ending with a letter or digit"));
        }
        String network = pool.selector().network();
        if (!network.isEmpty() && !NETWORK.matcher(network).matches()) {
            violations.add(new Violation("spec.selector.network", wrap + "invalid network " + network
                    + " (expected namespace/name of a NetworkAttachmentDefinition)"));
        }
        List<IpPool> others = new ArrayList<>();
        for (IpPool other : existing) {
            if (!other.name().equals(pool.name())) {
                others.add(other);
            }
        }
        checkRanges(pool, others, wrap, violations, rangesOf);
        checkSelector(pool, others, wrap, violations);
        return violations;
    }

    private static void checkRanges(IpPool pool, List<IpPool> others, String wrap, List<Violation> violations,
                                    java.util.function.Function<IpPool, RangeSet> rangesOf) {
        if (pool.ranges().isEmpty()) {
            violations.add(new Violation("spec.ranges", wrap + "range can't be empty"));
            return;
        }
        List<EffectiveRange> resolved = new ArrayList<>();
        for (int i = 0; i < pool.ranges().size(); i++) {
            try {
                resolved.add(RangeResolver.resolve(pool.ranges().get(i), "spec.ranges[" + i + "]"));
            } catch (RangeException e) {
                violations.add(new Violation(e.field(), wrap + e.getMessage()));
            }
        }
        if (resolved.size() != pool.ranges().size()) {
            return;
        }
        for (int i = 0; i < resolved.size(); i++) {
            for (int j = i + 1; j < resolved.size(); j++) {
                if (overlaps(resolved.get(i), resolved.get(j))) {
                    violations.add(new Violation("spec.ranges[" + j + "]", wrap + "there are overlaps between range "
                            + ReferenceFormat.range(resolved.get(i)) + " and " + ReferenceFormat.range(resolved.get(j))));
                }
            }
        }
        String ours = null;
        for (IpPool other : others) {
            RangeSet otherRanges = rangesOf.apply(other);
            if (otherRanges == null) {
                continue;
            }
            List<String> theirs = new ArrayList<>();
            List<Integer> mine = new ArrayList<>();
            for (EffectiveRange range : otherRanges.ranges()) {
                boolean met = false;
                for (int i = 0; i < resolved.size(); i++) {
                    if (overlaps(resolved.get(i), range)) {
                        met = true;
                        if (!mine.contains(i)) {
                            mine.add(i);
                        }
                    }
                }
                if (met) {
                    theirs.add(range.toString());
                }
            }
            if (!mine.isEmpty()) {
                ours = ours == null ? ReferenceFormat.rangeSet(resolved) : ours;
                mine.sort(null);
                // the reference's words name neither the pool nor which of the ranges: the tail does
                violations.add(new Violation("spec.ranges[" + mine.get(0) + "]", wrap + "the ranges " + ours
                        + " overlap with other pools: pool " + other.name() + " holds " + String.join(", ", theirs)
                        + " (met by " + mine.stream().map(i -> "spec.ranges[" + i + "]")
                        .collect(Collectors.joining(", ")) + ")"));
            }
        }
    }

    /** The CNI {@code Range.Overlaps}: either range contains the other's start or end. */
    static boolean overlaps(EffectiveRange a, EffectiveRange b) {
        // ranges whose start..end do not meet cannot overlap: the exact test below only runs when they do
        if (a.start().family() != b.start().family() || !a.span().overlaps(b.span())) {
            return false;
        }
        return a.contains(b.start()) || a.contains(b.end()) || b.contains(a.start()) || b.contains(a.end());
    }

    private static void checkSelector(IpPool pool, List<IpPool> others, String wrap, List<Violation> violations) {
        PoolSelector selector = pool.selector();
        if (selector.isGlobal()) {
            for (IpPool other : others) {
                if (other.isGlobal()) {
                    violations.add(new Violation("spec.selector.scope", wrap + "there is already a global IP pool: "
                            + other.name()));
                }
            }
            return;
        }
        List<ScopeTuple> scope = selector.scope();
        for (int i = 0; i < scope.size(); i++) {
            Requirement asRequirement = asRequirement(selector.network(), scope.get(i));
            for (int j = i + 1; j < scope.size(); j++) {
                if (ScopeMatcher.matches(scope.get(j), asRequirement, false)) {
                    violations.add(new Violation("spec.selector.scope[" + j + "]", wrap + "selector "
                            + ReferenceFormat.selector(selector) + " is invalid: scope overlaps: " + scope.get(j)
                            + " matches " + scope.get(i)));
                }
            }
        }
        for (IpPool other : others) {
            if (other.isGlobal()) {
                continue;
            }
            long theirs = other.selector().priority();
            if (theirs != 0 && theirs == selector.priority()) {
                violations.add(new Violation("spec.selector.priority", wrap + "the priority can't be the same as the"
                        + " pool " + other.name() + " (priority " + theirs + ")"));
            } else if (theirs == 0 && selector.priority() == 0) {
                for (int i = 0; i < scope.size(); i++) {
                    ScopeTuple tuple = scope.get(i);
                    if (ScopeMatcher.matches(other.selector(), asRequirement(selector.network(), tuple), false)) {
                        violations.add(new Violation("spec.selector.scope[" + i + "]", wrap + "scope selector is same"
                                + " as the pool " + other.name() + " with priority 0 Project " + tuple.project()
                                + " Namespace " + tuple.namespace() + " GuestCluster " + tuple.guestCluster()
                                + ", set a different priority or scope"));
                    }
                }
            }
        }
    }

    private static Requirement asRequirement(String network, ScopeTuple tuple) {
        return new Requirement(network, tuple.project(), tuple.namespace(), tuple.guestCluster());
    }

    private static Violation allocatedOutside(String poolName, String ip, RangeSet ranges) {
        String wrap = "can't update IP pool " + poolName + " because ";
        Address address;
        try {
            address = AddressParser.address(ip);
        } catch (InvalidAddressException e) {
            return new Violation("status.allocated", wrap + "invalid ip string " + ip);
        }
        if (!ranges.contains(address)) {
            return new Violation("status.allocated", wrap + "allocated IP " + ip + " is excluded");
        }
        return null;
    }

    /** The pool's ranges, or null when any of them is invalid. */
    public static RangeSet resolveQuietly(IpPool pool) {
        List<EffectiveRange> resolved = new ArrayList<>();
        for (int i = 0; i < pool.ranges().size(); i++) {
            try {
                resolved.add(RangeResolver.resolve(pool.ranges().get(i), "spec.ranges[" + i + "]"));
            } catch (RangeException e) {
                return null;
            }
        }
        return resolved.isEmpty() ? null : new RangeSet(resolved);
    }
}
