package io.pooldesk.model.novaedge;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Family;

import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * NovaEdge's in-process allocator: per VIP name, the first unallocated entry of the pool's text-sorted list
 * ({@code 10.200.0.1}, {@code 10.200.0.10}, {@code 10.200.0.100}, ...). No check across pools.
 */
public final class NovaEdgeEngine {

    public static final class PoolState {
        final PoolExpansion expansion;
        final BitSet allocated = new BitSet();
        final Map<String, Integer> byVip = new HashMap<>();
        final Map<Integer, String> vipAt = new TreeMap<>();

        PoolState(PoolExpansion expansion) {
            this.expansion = expansion;
        }

        public PoolExpansion expansion() {
            return expansion;
        }

        public int allocatedCount() {
            return allocated.cardinality();
        }

        public Map<String, String> allocations() {
            TreeMap<Address, String> sorted = new TreeMap<>();
            vipAt.forEach((index, vip) -> sorted.put(expansion.entries().get(index), vip));
            Map<String, String> out = new LinkedHashMap<>();
            sorted.forEach((a, vip) -> out.put(a.toString(), vip));
            return out;
        }
    }

    public record Outcome(String pool, Address address, String error) {
        public boolean isServed() {
            return error == null;
        }
    }

    private final TreeMap<String, PoolState> pools = new TreeMap<>();

    public void add(PoolExpansion expansion) {
        pools.put(expansion.pool().name(), new PoolState(expansion));
    }

    public PoolState pool(String name) {
        return pools.get(name);
    }

    public Iterable<PoolState> pools() {
        return pools.values();
    }

    /** @param family null for any family */
    public Outcome allocate(String poolName, String vip, Family family) {
        PoolState state = pools.get(poolName);
        if (state == null) {
            return new Outcome(null, null, "pool " + poolName + " not found");
        }
        Integer held = state.byVip.get(vip);
        if (held != null) {
            return new Outcome(poolName, state.expansion.entries().get(held), null);
        }
        List<Address> entries = state.expansion.entries();
        for (int i = state.allocated.nextClearBit(0); i < entries.size(); i = state.allocated.nextClearBit(i + 1)) {
            if (family == null || entries.get(i).family() == family) {
                state.allocated.set(i);
                state.byVip.put(vip, i);
                state.vipAt.put(i, vip);
                return new Outcome(poolName, entries.get(i), null);
            }
        }
        return new Outcome(poolName, null, "no available addresses in pool " + poolName);
    }

    /** Releases the VIP from every pool, as the Service controller does (it does not remember which one). */
    public Outcome release(String vip) {
        for (PoolState state : pools.values()) {
            Integer index = state.byVip.remove(vip);
            if (index != null) {
                state.allocated.clear(index);
                state.vipAt.remove(index);
                return new Outcome(state.expansion.pool().name(), state.expansion.entries().get(index), null);
            }
        }
        return null;
    }

    /** Pools other than {@code poolName} that also hold {@code address} as allocated: NovaEdge never checks. */
    public List<String> alsoAllocatedIn(String poolName, Address address) {
        TreeSet<String> others = new TreeSet<>();
        for (PoolState state : pools.values()) {
            if (state.expansion.pool().name().equals(poolName)) {
                continue;
            }
            int index = Collections.binarySearch(state.expansion.entries(), address,
                    Comparator.comparing(Address::toString));
            if (index >= 0 && state.allocated.get(index)) {
                others.add(state.expansion.pool().name());
            }
        }
        return List.copyOf(others);
    }
}
