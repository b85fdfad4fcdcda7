package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.IntervalSet;
import io.pooldesk.model.address.InvalidAddressException;

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
 */
public final class PoolLedger {
    private final TreeMap<Address, String> allocated = new TreeMap<>();
    private final HolderIndex allocatedByHolder = new HolderIndex();
    private final Map<Family, IntervalSet> occupied = Map.of(Family.IPV4, new IntervalSet(), Family.IPV6, new IntervalSet());
    private final TreeMap<Address, String> history = new TreeMap<>();
    private final HolderIndex historyByHolder = new HolderIndex();
    private String lastAllocated = "";
    /** The cursor parsed once: the allocator reads it on every allocation. */
    private Address lastAllocatedAddress;

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
            if (address != null && !ledger.allocated.containsKey(address)) {
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

    public String holderOf(Address address) {
        return allocated.get(address);
    }

    public boolean isAllocated(Address address) {
        return allocated.containsKey(address);
    }

    public String historyHolderOf(Address address) {
        return history.get(address);
    }

    /** The addresses allocated to this holder, lowest first. */
    public NavigableSet<Address> allocatedTo(String holder) {
        return allocatedByHolder.all(holder);
    }

    /** Whether the holder holds an address inside the ranges (the CNI allocator's duplicate guard). */
    public boolean holdsWithin(String holder, RangeSet ranges) {
        Address first = allocatedByHolder.first(holder);
        if (first == null) {
            return false;
        }
        if (allocatedByHolder.count(holder) == 1) {
            return ranges.contains(first);
        }
        return allocatedByHolder.all(holder).stream().anyMatch(ranges::contains);
    }

    /** The lowest released address this holder last held, or null. */
    public Address firstInHistory(String holder) {
        return historyByHolder.first(holder);
    }

    public int historyCount(String holder) {
        return historyByHolder.count(holder);
    }

    /** The released addresses this holder last held, lowest first. */
    public NavigableSet<Address> historyOf(String holder) {
        return historyByHolder.all(holder);
    }

    public IntervalSet occupied(Family family) {
        return occupied.get(family);
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
        String current = allocated.get(address);
        if (current != null) {
            return current.equals(holder);
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
        Address address = allocatedByHolder.first(holder);
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
        for (Address address : new ArrayList<>(history.keySet())) {
            if (!keep.test(address)) {
                removeHistory(address);
            }
        }
    }

    public int allocatedCount() {
        return allocated.size();
    }

    /** Live allocations, lowest address first, keyed by canonical text. */
    public Map<String, String> allocatedSnapshot() {
        return snapshot(allocated);
    }

    /** History, lowest address first, keyed by canonical text. */
    public Map<String, String> historySnapshot() {
        return snapshot(history);
    }

    public Map<Address, String> allocatedEntries() {
        return Collections.unmodifiableMap(allocated);
    }

    public Map<Address, String> historyEntries() {
        return Collections.unmodifiableMap(history);
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
        allocated.forEach(copy::putAllocated);
        history.forEach(copy::putHistory);
        copy.setLastAllocated(lastAllocatedText());
        return copy;
    }

    private static Map<String, String> snapshot(TreeMap<Address, String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((address, holder) -> out.put(address.toString(), holder));
        return out;
    }

    private void putAllocated(Address address, String holder) {
        allocated.put(address, holder);
        allocatedByHolder.add(holder, address);
        occupied.get(address.family()).add(address.value());
    }

    private void removeAllocated(Address address) {
        String holder = allocated.remove(address);
        if (holder != null) {
            allocatedByHolder.remove(holder, address);
            occupied.get(address.family()).remove(address.value());
        }
    }

    private void putHistory(Address address, String holder) {
        history.put(address, holder);
        historyByHolder.add(holder, address);
    }

    private void removeHistory(Address address) {
        String holder = history.remove(address);
        if (holder != null) {
            historyByHolder.remove(holder, address);
        }
    }
}
