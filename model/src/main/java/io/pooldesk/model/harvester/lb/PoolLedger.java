package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The allocation state of one pool, as the reference's store keeps it in {@code status}: live allocations, the history
 * of released addresses, and the round-robin cursor {@code lastAllocated}. Held addresses are also kept as runs, so
 * that finding the next free address costs a lookup, not a walk.
 * <p>
 * Addresses are stored as primitive 128-bit keys in sorted chunks and holders as interned UTF-8 names
 * ({@link AddressIdMap}, {@link HolderTable}): a million held addresses cost tens of megabytes, not hundreds.
 */
public final class PoolLedger {
    private final HolderTable holders = new HolderTable();
    // per family, made when first written: an unused pool costs a few small objects
    private final AddressIdMap[] allocated = new AddressIdMap[Family.values().length];
    private final AddressIdMap[] history = new AddressIdMap[Family.values().length];
    private final HolderAddresses allocatedByHolder = new HolderAddresses();
    private final HolderAddresses historyByHolder = new HolderAddresses();
    private final RunSet[] occupied = new RunSet[Family.values().length];
    private String lastAllocated = "";
    /** The cursor parsed once: the allocator reads it on every allocation. */
    private Address lastAllocatedAddress;

    private static final AddressIdMap NONE = new AddressIdMap();
    private static final RunSet NO_RUNS = new RunSet();

    /** The map of a family, made when first written; reads of a family never written see an empty one. */
    private static AddressIdMap read(AddressIdMap[] maps, Family family) {
        AddressIdMap map = maps[family.ordinal()];
        return map == null ? NONE : map;
    }

    private static AddressIdMap write(AddressIdMap[] maps, Family family) {
        AddressIdMap map = maps[family.ordinal()];
        if (map == null) {
            map = new AddressIdMap();
            maps[family.ordinal()] = map;
        }
        return map;
    }

    private RunSet runs(Family family) {
        RunSet runs = occupied[family.ordinal()];
        return runs == null ? NO_RUNS : runs;
    }

    /** Builds a ledger from a pool's status. Keys that are not addresses are reported and left out. */
    public static PoolLedger fromStatus(IpPoolStatus status, List<String> problems) {
        PoolLedger ledger = new PoolLedger();
        ledger.setLastAllocated(status.lastAllocated());
        for (Map.Entry<String, String> entry : sortedEntries(status.allocated())) {
            Address address = parseKey(entry.getKey(), "status.allocated", problems);
            if (address != null) {
                ledger.putAllocated(address, entry.getValue());
            }
        }
        for (Map.Entry<String, String> entry : sortedEntries(status.allocatedHistory())) {
            Address address = parseKey(entry.getKey(), "status.allocatedHistory", problems);
            if (address != null && !ledger.isAllocated(address)) {
                ledger.putHistory(address, entry.getValue());
            }
        }
        return ledger;
    }

    private static List<Map.Entry<String, String>> sortedEntries(Map<String, String> map) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(map.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    private static Address parseKey(String key, String field, List<String> problems) {
        try {
            return AddressParser.address(key);
        } catch (InvalidAddressException e) {
            problems.add(field + ": \"" + key + "\" is not an IP address; entry ignored");
            return null;
        }
    }

    // --- keys: an address as family and unsigned 128-bit value ---

    private static long hi(Address a) {
        return a.isIPv4() ? 0 : a.value().shiftRight(64).longValue();
    }

    private static long lo(Address a) {
        return a.value().longValue();
    }

    private static HolderAddresses.Key key(Address a) {
        return new HolderAddresses.Key(a.family(), hi(a), lo(a));
    }

    private static Address address(Family family, long hi, long lo) {
        if (family == Family.IPV4) {
            return Address.of(family, BigInteger.valueOf(lo));
        }
        byte[] bytes = new byte[17];
        for (int i = 0; i < 8; i++) {
            bytes[1 + i] = (byte) (hi >>> (56 - 8 * i));
            bytes[9 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return Address.of(family, new BigInteger(bytes));
    }

    private static Address address(HolderAddresses.Key key) {
        return key == null ? null : address(key.family(), key.hi(), key.lo());
    }

    private NavigableSet<Address> addresses(java.util.Set<HolderAddresses.Key> keys) {
        TreeSet<Address> out = new TreeSet<>();
        keys.forEach(k -> out.add(address(k)));
        return Collections.unmodifiableNavigableSet(out);
    }

    // --- queries ---

    public String holderOf(Address address) {
        int id = read(allocated, address.family()).get(hi(address), lo(address));
        return id < 0 ? null : holders.name(id);
    }

    public boolean isAllocated(Address address) {
        return read(allocated, address.family()).get(hi(address), lo(address)) >= 0;
    }

    public String historyHolderOf(Address address) {
        int id = read(history, address.family()).get(hi(address), lo(address));
        return id < 0 ? null : holders.name(id);
    }

    /** The addresses allocated to this holder, lowest first. */
    public NavigableSet<Address> allocatedTo(String holder) {
        int id = holders.find(holder);
        return id < 0 ? Collections.emptyNavigableSet() : addresses(allocatedByHolder.all(id));
    }

    /** Whether the holder holds an address inside the ranges (the CNI allocator's duplicate guard). */
    public boolean holdsWithin(String holder, RangeSet ranges) {
        int id = holders.find(holder);
        if (id < 0 || allocatedByHolder.count(id) == 0) {
            return false;
        }
        if (allocatedByHolder.count(id) == 1) {
            return ranges.contains(address(allocatedByHolder.first(id)));
        }
        return allocatedTo(holder).stream().anyMatch(ranges::contains);
    }

    /** The lowest released address this holder last held, or null. */
    public Address firstInHistory(String holder) {
        int id = holders.find(holder);
        return id < 0 ? null : address(historyByHolder.first(id));
    }

    public int historyCount(String holder) {
        int id = holders.find(holder);
        return id < 0 ? 0 : historyByHolder.count(id);
    }

    /** The released addresses this holder last held, lowest first. */
    public NavigableSet<Address> historyOf(String holder) {
        int id = holders.find(holder);
        return id < 0 ? Collections.emptyNavigableSet() : addresses(historyByHolder.all(id));
    }

    /** How many addresses of a family are held. */
    public long occupiedCount(Family family) {
        return runs(family).count();
    }

    /** The first address from {@code from} to {@code to} that nobody holds, or null. */
    public Address firstFree(Address from, Address to) {
        long[] out = new long[2];
        if (!runs(from.family()).firstAbsent(hi(from), lo(from), hi(to), lo(to), out)) {
            return null;
        }
        return address(from.family(), out[0], out[1]);
    }

    /** The cursor as an address, or null when it is empty or not an address. */
    public Address lastAllocated() {
        return lastAllocatedAddress;
    }

    private void setLastAllocated(String text) {
        lastAllocated = text == null ? "" : text;
        try {
            lastAllocatedAddress = lastAllocated.isEmpty() ? null : AddressParser.address(lastAllocated);
        } catch (InvalidAddressException e) {
            lastAllocatedAddress = null;
        }
    }

    /**
     * The store's {@code Reserve}: true when the address is now (or already was) this holder's, false when another
     * holds it. A new reservation removes the address from the history and moves the cursor to it.
     */
    public boolean reserve(Address address, String holder) {
        int current = read(allocated, address.family()).get(hi(address), lo(address));
        if (current >= 0) {
            return holders.name(current).equals(holder);
        }
        removeHistory(address);
        putAllocated(address, holder);
        // the text is made when the status is written: formatting an IPv6 address on every reservation is costly
        lastAllocated = null;
        lastAllocatedAddress = address;
        return true;
    }

    /** The store's {@code ReleaseByID}: moves this holder's (lowest) address into the history. Null if it held none. */
    public Address releaseByHolder(String holder) {
        int id = holders.find(holder);
        Address address = id < 0 ? null : address(allocatedByHolder.first(id));
        if (address == null) {
            return null;
        }
        removeAllocated(address);
        removeHistory(address);
        putHistory(address, holder);
        return address;
    }

    /** Keeps only history entries the predicate accepts (the controller prunes to the current ranges). */
    public void retainHistory(Predicate<Address> keep) {
        for (Address address : new ArrayList<>(historyEntries().keySet())) {
            if (!keep.test(address)) {
                removeHistory(address);
            }
        }
    }

    public int allocatedCount() {
        int n = 0;
        for (AddressIdMap map : allocated) {
            n += map == null ? 0 : map.size();
        }
        return n;
    }

    /** Live allocations, lowest address first, keyed by canonical text. */
    public Map<String, String> allocatedSnapshot() {
        return snapshot(allocated);
    }

    /** History, lowest address first, keyed by canonical text. */
    public Map<String, String> historySnapshot() {
        return snapshot(history);
    }

    /** Live allocations, lowest first: a copy, made on each call. */
    public Map<Address, String> allocatedEntries() {
        return entries(allocated);
    }

    /** History, lowest first: a copy, made on each call. */
    public Map<Address, String> historyEntries() {
        return entries(history);
    }

    public IpPoolStatus toStatus() {
        return new IpPoolStatus(lastAllocatedText(), allocatedSnapshot(), historySnapshot());
    }

    private String lastAllocatedText() {
        if (lastAllocated == null) {
            lastAllocated = lastAllocatedAddress.toString();
        }
        return lastAllocated;
    }

    public PoolLedger copy() {
        PoolLedger copy = new PoolLedger();
        allocatedEntries().forEach(copy::putAllocated);
        historyEntries().forEach(copy::putHistory);
        copy.setLastAllocated(lastAllocatedText());
        return copy;
    }

    private Map<Address, String> entries(AddressIdMap[] maps) {
        TreeMap<Address, String> out = new TreeMap<>();
        for (Family family : Family.values()) {
            read(maps, family).forEach((hi, lo, id) -> out.put(address(family, hi, lo), holders.name(id)));
        }
        return Collections.unmodifiableMap(out);
    }

    private Map<String, String> snapshot(AddressIdMap[] maps) {
        Map<String, String> out = new LinkedHashMap<>();
        entries(maps).forEach((address, holder) -> out.put(address.toString(), holder));
        return out;
    }

    private void putAllocated(Address address, String holder) {
        int id = holders.retain(holder);
        int old = write(allocated, address.family()).put(hi(address), lo(address), id);
        if (old >= 0) {
            allocatedByHolder.remove(old, key(address));
            holders.release(old);
        }
        allocatedByHolder.add(id, key(address));
        if (occupied[address.family().ordinal()] == null) {
            occupied[address.family().ordinal()] = new RunSet();
        }
        occupied[address.family().ordinal()].add(hi(address), lo(address));
    }

    private void removeAllocated(Address address) {
        int id = read(allocated, address.family()).remove(hi(address), lo(address));
        if (id >= 0) {
            allocatedByHolder.remove(id, key(address));
            holders.release(id);
            runs(address.family()).remove(hi(address), lo(address));
        }
    }

    private void putHistory(Address address, String holder) {
        int id = holders.retain(holder);
        int old = write(history, address.family()).put(hi(address), lo(address), id);
        if (old >= 0) {
            historyByHolder.remove(old, key(address));
            holders.release(old);
        }
        historyByHolder.add(id, key(address));
    }

    private void removeHistory(Address address) {
        int id = read(history, address.family()).remove(hi(address), lo(address));
        if (id >= 0) {
            historyByHolder.remove(id, key(address));
            holders.release(id);
        }
    }
}
