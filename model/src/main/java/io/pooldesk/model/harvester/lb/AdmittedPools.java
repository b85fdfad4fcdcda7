package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Family;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pools a validation admitted so far, indexed so that the next pool is checked only against the pools it could
 * conflict with: those whose ranges meet its ranges, the global ones, those of its priority, and (at priority 0)
 * those whose scope names its network and namespace. {@link PoolAdmission} then runs its exact rules on those alone,
 * so a run over 10,000 pools takes time in proportion to their number, where checking each against all before it
 * took minutes. Spans kept in the sorted map never overlap, so sorted by start they have sorted ends; a pool whose
 * ranges overlap one already there (a simulation loads the cluster's pools even when they break the rules) is kept
 * aside and offered as a candidate to every pool.
 */
final class AdmittedPools {
    private record Admitted(int order, IpPool pool, RangeSet ranges) {
    }

    private record Held(Address last, String pool) {
    }

    private final Map<String, Admitted> byName = new LinkedHashMap<>();
    private final Map<Family, TreeMap<Address, Held>> spans = new EnumMap<>(Family.class);
    private final Set<String> overlapping = new LinkedHashSet<>();
    private final Set<String> global = new LinkedHashSet<>();
    private final Map<Long, Set<String>> byPriority = new HashMap<>();
    /** Priority-0 pools by network, then by the namespace of each scope tuple ({@code *} included as written). */
    private final Map<String, Map<String, Set<String>>> unprioritised = new HashMap<>();

    boolean contains(String name) {
        return byName.containsKey(name);
    }

    Collection<IpPool> all() {
        return byName.values().stream().map(Admitted::pool).toList();
    }

    RangeSet rangesOf(IpPool pool) {
        Admitted admitted = byName.get(pool.name());
        return admitted != null && admitted.pool() == pool ? admitted.ranges() : PoolAdmission.resolveQuietly(pool);
    }

    void add(IpPool pool, RangeSet ranges) {
        byName.put(pool.name(), new Admitted(byName.size(), pool, ranges));
        if (ranges != null) {
            if (overlapsHeld(ranges)) {
                overlapping.add(pool.name());
            } else {
                for (EffectiveRange range : ranges.ranges()) {
                    spans.computeIfAbsent(range.span().family(), f -> new TreeMap<>())
                            .put(range.span().first(), new Held(range.span().last(), pool.name()));
                }
            }
        }
        PoolSelector selector = pool.selector();
        if (pool.isGlobal()) {
            global.add(pool.name());
        } else if (selector.priority() != 0) {
            byPriority.computeIfAbsent(selector.priority(), p -> new LinkedHashSet<>()).add(pool.name());
        } else {
            Map<String, Set<String>> byNamespace = unprioritised.computeIfAbsent(selector.network(),
                    n -> new HashMap<>());
            for (ScopeTuple tuple : selector.scope()) {
                byNamespace.computeIfAbsent(tuple.namespace(), n -> new LinkedHashSet<>()).add(pool.name());
            }
        }
    }

    private boolean overlapsHeld(RangeSet ranges) {
        List<EffectiveRange> own = ranges.ranges();
        for (int i = 0; i < own.size(); i++) {
            var span = own.get(i).span();
            NavigableMap<Address, Held> family = spans.get(span.family());
            Map.Entry<Address, Held> below = family == null ? null : family.floorEntry(span.last());
            if (below != null && below.getValue().last().compareTo(span.first()) >= 0) {
                return true;
            }
            for (int j = 0; j < i; j++) {
                if (own.get(j).span().overlaps(span)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The admitted pools {@code pool} could conflict with, in the order they were admitted. */
    List<IpPool> candidates(IpPool pool) {
        Set<String> names = new LinkedHashSet<>(global);
        names.addAll(overlapping);
        RangeSet ranges = PoolAdmission.resolveQuietly(pool);
        if (ranges != null) {
            for (EffectiveRange range : ranges.ranges()) {
                NavigableMap<Address, Held> family = spans.get(range.span().family());
                if (family == null) {
                    continue;
                }
                for (Map.Entry<Address, Held> held : family.headMap(range.span().last(), true).descendingMap()
                        .entrySet()) {
                    if (held.getValue().last().compareTo(range.span().first()) < 0) {
                        break;
                    }
                    names.add(held.getValue().pool());
                }
            }
        }
        PoolSelector selector = pool.selector();
        names.addAll(byPriority.getOrDefault(selector.priority(), Set.of()));
        Map<String, Set<String>> byNamespace = unprioritised.getOrDefault(selector.network(), Map.of());
        for (ScopeTuple tuple : selector.scope()) {
            if (ScopeTuple.ALL.equals(tuple.namespace())) {
                byNamespace.values().forEach(names::addAll);
                break;
            }
            names.addAll(byNamespace.getOrDefault(tuple.namespace(), Set.of()));
            names.addAll(byNamespace.getOrDefault(ScopeTuple.ALL, Set.of()));
        }
        List<Admitted> found = new ArrayList<>();
        for (String name : names) {
            Admitted admitted = byName.get(name);
            if (admitted != null) {
                found.add(admitted);
            }
        }
        found.sort(Comparator.comparingInt(Admitted::order));
        return found.stream().map(Admitted::pool).toList();
    }
}
