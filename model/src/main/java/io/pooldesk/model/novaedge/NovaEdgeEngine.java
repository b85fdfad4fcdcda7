package io.pooldesk.model.novaedge;

import io.pooldesk.model.system.PendingReason;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.ledger.AllocationLedger;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
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
        /** Address to VIP name. */
        final AllocationLedger held = new AllocationLedger();
        /**
         * The policy's index over the ledger: which positions of the text-sorted expansion are taken, so the first
         * untaken entry is a word scan, not a lookup per entry. Set and cleared with the ledger, never alone.
         */
        final BitSet taken = new BitSet();
        /** Every position below this one is taken: allocation starts its scan here, not at the list's head. */
        int lowestFree;
        /** Positions sorted by address value, made at the first release: finds an address's position by value. */
        private int[] byValue;

        PoolState(PoolExpansion expansion) {
            this.expansion = expansion;
        }

        public PoolExpansion expansion() {
            return expansion;
        }

        /** Address to holder, lowest address first, as the report carries it. */
        public java.util.NavigableMap<Address, String> holders() {
            return held.entries();
        }

        public int allocatedCount() {
            return held.count();
        }

        /** Address to VIP, lowest address first. */
        public Map<String, String> allocations() {
            return held.snapshot();
        }

        /** The address's position in the text-sorted expansion, or -1 when it is not an entry. */
        int position(Address address) {
            List<Address> entries = expansion.entries();
            if (byValue == null) {
                byValue = valueOrder(entries);
            }
            int left = 0;
            int right = byValue.length - 1;
            while (left <= right) {
                int mid = (left + right) >>> 1;
                int cmp = entries.get(byValue[mid]).compareTo(address);
                if (cmp < 0) {
                    left = mid + 1;
                } else if (cmp > 0) {
                    right = mid - 1;
                } else {
                    return byValue[mid];
                }
            }
            return -1;
        }

        /** The first untaken position from {@code from} on (the list's size when none is left). */
        int nextFree(int from) {
            int next = taken.nextClearBit(Math.max(from, lowestFree));
            if (from <= lowestFree) {
                lowestFree = next;
            }
            return next;
        }

        void hold(int position, String vip) {
            held.hold(expansion.entries().get(position), vip);
            taken.set(position);
        }

        Address release(String vip) {
            Address address = held.firstOf(vip);
            if (address != null) {
                held.free(address);
                int position = position(address);
                taken.clear(position);
                lowestFree = Math.min(lowestFree, position);
            }
            return address;
        }
    }

    /** Positions of the entries sorted by address value: a primitive sort of value and position for IPv4. */
    private static int[] valueOrder(List<Address> entries) {
        int n = entries.size();
        int[] out = new int[n];
        if (entries.stream().allMatch(Address::isIPv4)) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = entries.get(i).value().longValue() << 31 | i;
            }
            Arrays.sort(keys);
            for (int i = 0; i < n; i++) {
                out[i] = (int) (keys[i] & Integer.MAX_VALUE);
            }
            return out;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparing(entries::get));
        for (int i = 0; i < n; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    public record Outcome(String pool, Address address, PendingReason waitReason, String error) {
        public boolean isServed() {
            return error == null;
        }
    }

    private final TreeMap<String, PoolState> pools = new TreeMap<>();

    public void add(PoolExpansion expansion) {
        pools.put(expansion.pool().name(), new PoolState(expansion));
    }

    /**
     * A pool changed: its allocations migrate into the new definition when their address lies in one of its CIDRs or
     * addresses, even where the new expansion leaves that address out (NovaEdge's AddPool, ipam/allocator.go 62-73,
     * test TestAllocator_AddPool_Migration). The others are forgotten by the pool while their holders keep them.
     *
     * @return the allocations the pool forgot, address to VIP
     */
    public Map<Address, String> update(PoolExpansion expansion) {
        PoolState current = pools.get(expansion.pool().name());
        PoolState next = new PoolState(expansion);
        Map<Address, String> forgotten = new TreeMap<>();
        if (current != null) {
            current.held.forEach((address, vip) -> {
                if (expansion.written().contains(address)) {
                    next.held.hold(address, vip);
                    int position = next.position(address);
                    if (position >= 0) {
                        next.taken.set(position);
                    }
                } else {
                    forgotten.put(address, vip);
                }
            });
        }
        pools.put(expansion.pool().name(), next);
        return forgotten;
    }

    /**
     * A pool deleted: NovaEdge's RemovePool drops it with its allocations (ipam/allocator.go 86-100); the holders keep
     * their addresses in their status, and nothing releases them.
     *
     * @return the allocations dropped, address to VIP; null when there is no such pool
     */
    public Map<Address, String> remove(String name) {
        PoolState removed = pools.remove(name);
        if (removed == null) {
            return null;
        }
        Map<Address, String> dropped = new TreeMap<>();
        removed.held.forEach(dropped::put);
        return dropped;
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
            return new Outcome(null, null, PendingReason.NO_MATCHING_POOL, "pool: " + poolName + " not found");
        }
        Address held = state.held.firstOf(vip);
        if (held != null) {
            return new Outcome(poolName, held, null, null);
        }
        List<Address> entries = state.expansion.entries();
        for (int i = state.nextFree(0); i < entries.size(); i = state.nextFree(i + 1)) {
            if (family == null || entries.get(i).family() == family) {
                state.hold(i, vip);
                return new Outcome(poolName, entries.get(i), null, null);
            }
        }
        return new Outcome(poolName, null, PendingReason.POOL_EXHAUSTED, "pool: " + poolName
                + " exhausted: no available addresses");
    }

    /** Releases the VIP from every pool, as the Service controller does (it does not remember which one). */
    public Outcome release(String vip) {
        for (PoolState state : pools.values()) {
            Address address = state.release(vip);
            if (address != null) {
                return new Outcome(state.expansion.pool().name(), address, null, null);
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
            if (state.held.isHeld(address)) {
                others.add(state.expansion.pool().name());
            }
        }
        return List.copyOf(others);
    }
}
