package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.ledger.AllocationLedger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.function.Predicate;

/**
 * The allocation state of one Harvester pool, as the reference's store keeps it in {@code status}: live allocations,
 * the history of released addresses, and the round-robin cursor {@code lastAllocated}. Live allocations and history
 * are two {@link AllocationLedger}s sharing one table of holder names; this class adds only Harvester's semantics
 * (reserve moves the cursor and clears the history entry, release moves the address into the history).
 */
public final class PoolLedger {
    private final AllocationLedger allocated = new AllocationLedger();
    private final AllocationLedger history = allocated.companion();
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
                ledger.allocated.hold(address, entry.getValue());
            }
        }
        for (Map.Entry<String, String> entry : sortedEntries(status.allocatedHistory())) {
            Address address = parseKey(entry.getKey(), "status.allocatedHistory", problems);
            if (address == null) {
                continue;
            }
            String holder = ledger.allocated.holderOf(address);
            if (holder != null && !holder.equals(entry.getValue())) {
                // pkg/ipam/allocator.go Get reads the history as the status holds it: that load balancer asks for this
                // address again and fails, with no fallback to the round robin
                problems.add("status.allocatedHistory: " + address + " is remembered for " + entry.getValue()
                        + " but allocated to " + holder + "; " + entry.getValue() + " will ask for it and fail");
            }
            ledger.history.hold(address, entry.getValue());
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

    // --- queries ---

    public String holderOf(Address address) {
        return allocated.holderOf(address);
    }

    public boolean isAllocated(Address address) {
        return allocated.isHeld(address);
    }

    public String historyHolderOf(Address address) {
        return history.holderOf(address);
    }

    /** The addresses allocated to this holder, lowest first. */
    public NavigableSet<Address> allocatedTo(String holder) {
        return allocated.addressesOf(holder);
    }

    /** Whether the holder holds an address inside the ranges (the CNI allocator's duplicate guard). */
    public boolean holdsWithin(String holder, RangeSet ranges) {
        int count = allocated.countOf(holder);
        if (count == 0) {
            return false;
        }
        if (count == 1) {
            return ranges.contains(allocated.firstOf(holder));
        }
        return allocatedTo(holder).stream().anyMatch(ranges::contains);
    }

    /** The lowest released address this holder last held, or null. */
    public Address firstInHistory(String holder) {
        return history.firstOf(holder);
    }

    public int historyCount(String holder) {
        return history.countOf(holder);
    }

    /** The released addresses this holder last held, lowest first. */
    public NavigableSet<Address> historyOf(String holder) {
        return history.addressesOf(holder);
    }

    /** How many addresses of a family are held. */
    public long occupiedCount(Family family) {
        return allocated.count(family);
    }

    /** The first address from {@code from} to {@code to} that nobody holds, or null. */
    public Address firstFree(Address from, Address to) {
        return allocated.firstFree(from, to);
    }

    /** The first address from {@code from} to {@code to} that nobody holds and {@code usable} accepts, or null. */
    public Address firstFree(Address from, Address to, Predicate<Address> usable) {
        return allocated.firstFree(from, to, usable);
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
        String current = allocated.holderOf(address);
        if (current != null) {
            return current.equals(holder);
        }
        history.free(address);
        allocated.hold(address, holder);
        // the text is made when the status is written: formatting an IPv6 address on every reservation is costly
        lastAllocated = null;
        lastAllocatedAddress = address;
        return true;
    }

    /** The store's {@code ReleaseByID}: moves this holder's (lowest) address into the history. Null if it held none. */
    public Address releaseByHolder(String holder) {
        Address address = allocated.firstOf(holder);
        if (address == null) {
            return null;
        }
        allocated.free(address);
        history.hold(address, holder);
        return address;
    }

    /** Keeps only history entries the predicate accepts (the controller prunes to the current ranges). */
    public void retainHistory(Predicate<Address> keep) {
        history.retain(keep);
    }

    public int allocatedCount() {
        return allocated.count();
    }

    /** Live allocations, lowest address first, keyed by canonical text. */
    public Map<String, String> allocatedSnapshot() {
        return allocated.snapshot();
    }

    /** History, lowest address first, keyed by canonical text. */
    public Map<String, String> historySnapshot() {
        return history.snapshot();
    }

    /** Live allocations, lowest first: a copy, made on each call. */
    public java.util.NavigableMap<Address, String> allocatedEntries() {
        return allocated.entries();
    }

    /** History, lowest first: a copy, made on each call. */
    public java.util.NavigableMap<Address, String> historyEntries() {
        return history.entries();
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
        allocated.forEach(copy.allocated::hold);
        history.forEach(copy.history::hold);
        copy.setLastAllocated(lastAllocatedText());
        return copy;
    }
}
