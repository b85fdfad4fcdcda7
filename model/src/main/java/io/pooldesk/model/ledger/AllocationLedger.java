package io.pooldesk.model.ledger;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Family;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Who holds which address, for every pool system: address to holder, holder to addresses, and the held addresses as
 * runs, so that the first free address from any point costs a lookup, not a walk. Each kind adds only its policy
 * (where a search starts, what it skips, how holders share).
 * <p>
 * Addresses are stored as primitive 128-bit keys in sorted chunks and holders as interned UTF-8 names
 * ({@link AddressIdMap}, {@link HolderTable}): a million held addresses cost tens of megabytes, not hundreds. A holder
 * is any text; an address several holders share is held by their names joined with {@value #SHARED_SEPARATOR}, as
 * OpenELB writes {@code status.used} and MetalLB lists an address's services.
 */
public final class AllocationLedger {
    /** Joins the holders of a shared address. */
    public static final String SHARED_SEPARATOR = ";";

    private final HolderTable holders;
    // per family, made when first written: an unused pool (and a history never written) costs a few small objects
    private AddressIdMap[] byAddress;
    private final HolderAddresses byHolder = new HolderAddresses();
    private RunSet[] occupied;

    private static final AddressIdMap NONE = new AddressIdMap();
    private static final RunSet NO_RUNS = new RunSet();

    public AllocationLedger() {
        this(new HolderTable());
    }

    private AllocationLedger(HolderTable holders) {
        this.holders = holders;
    }

    /**
     * An empty ledger that interns holder names in the same table as this one: a name held in both (a live allocation
     * and a history entry, say) is stored once.
     */
    public AllocationLedger companion() {
        return new AllocationLedger(holders);
    }

    private AddressIdMap read(Family family) {
        AddressIdMap map = byAddress == null ? null : byAddress[family.ordinal()];
        return map == null ? NONE : map;
    }

    private AddressIdMap write(Family family) {
        if (byAddress == null) {
            byAddress = new AddressIdMap[Family.values().length];
            occupied = new RunSet[Family.values().length];
        }
        AddressIdMap map = byAddress[family.ordinal()];
        if (map == null) {
            map = new AddressIdMap();
            byAddress[family.ordinal()] = map;
            occupied[family.ordinal()] = new RunSet();
        }
        return map;
    }

    private RunSet runs(Family family) {
        RunSet runs = occupied == null ? null : occupied[family.ordinal()];
        return runs == null ? NO_RUNS : runs;
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

    // --- queries ---

    /** The holder of an address (for a shared address, the joined list), or null when it is free. */
    public String holderOf(Address address) {
        int id = read(address.family()).get(hi(address), lo(address));
        return id < 0 ? null : holders.name(id);
    }

    /** Whether the address is held under exactly this holder name (alone, not in a shared list). */
    public boolean isHeldBy(Address address, String holder) {
        int id = holders.find(holder);
        return id >= 0 && read(address.family()).get(hi(address), lo(address)) == id;
    }

    public boolean isHeld(Address address) {
        return read(address.family()).get(hi(address), lo(address)) >= 0;
    }

    /** The addresses held under exactly this holder name, lowest first. */
    public NavigableSet<Address> addressesOf(String holder) {
        int id = holders.find(holder);
        if (id < 0 || byHolder.count(id) == 0) {
            return Collections.emptyNavigableSet();
        }
        TreeSet<Address> out = new TreeSet<>();
        byHolder.all(id).forEach(k -> out.add(address(k)));
        return Collections.unmodifiableNavigableSet(out);
    }

    /** The lowest address held under this holder name, or null. */
    public Address firstOf(String holder) {
        int id = holders.find(holder);
        return id < 0 ? null : address(byHolder.first(id));
    }

    /** How many addresses are held under this holder name. */
    public int countOf(String holder) {
        int id = holders.find(holder);
        return id < 0 ? 0 : byHolder.count(id);
    }

    /**
     * The number a policy keeps with a holder name (the pool a Service holds in, say), 0 when it keeps none: a kind
     * that needs one int per holder keeps it here, beside the interned name, instead of in a map of its own. Companions
     * share it. It lives as long as the name holds an address here or in a companion: a name that holds nothing has 0.
     */
    public int tag(String holder) {
        int id = holders.find(holder);
        return id < 0 ? 0 : holders.tag(id);
    }

    /** Sets the holder's number; false (and nothing kept) when the name holds no address here or in a companion. */
    public boolean tag(String holder, int tag) {
        int id = holders.find(holder);
        if (id < 0) {
            return false;
        }
        holders.tag(id, tag);
        return true;
    }

    /** How many addresses are held, both families. */
    public int count() {
        int n = 0;
        for (Family family : Family.values()) {
            n += read(family).size();
        }
        return n;
    }

    /** How many addresses of a family are held. */
    public long count(Family family) {
        return runs(family).count();
    }

    /** The first address from {@code from} to {@code to} (inclusive, one family) that nobody holds, or null. */
    public Address firstFree(Address from, Address to) {
        long[] out = new long[2];
        if (!runs(from.family()).firstAbsent(hi(from), lo(from), hi(to), lo(to), out)) {
            return null;
        }
        return address(from.family(), out[0], out[1]);
    }

    /**
     * The first free address from {@code from} to {@code to} that the policy would hand out ({@code usable} says no to
     * a gateway or a MetalLB "buggy" address, say), or null. Each refused address costs one more lookup.
     */
    public Address firstFree(Address from, Address to, Predicate<Address> usable) {
        Address start = from;
        while (true) {
            Address candidate = firstFree(start, to);
            if (candidate == null || usable.test(candidate)) {
                return candidate;
            }
            if (candidate.equals(to)) {
                return null;
            }
            start = candidate.next();
        }
    }

    /**
     * The lowest held address from {@code from} to {@code to} whose holder the test accepts, or null. This visits the
     * held addresses of the span in order: a policy uses it for sharing, never for finding free addresses.
     */
    public Address firstHeld(Address from, Address to, BiPredicate<Address, String> test) {
        Address[] found = new Address[1];
        Family family = from.family();
        read(family).forEachFrom(hi(from), lo(from), (hi, lo, id) -> {
            if (Unsigned128.compare(hi, lo, hi(to), lo(to)) > 0) {
                return false;
            }
            Address address = address(family, hi, lo);
            if (test.test(address, holders.name(id))) {
                found[0] = address;
                return false;
            }
            return true;
        });
        return found[0];
    }

    // --- changes ---

    /** Gives the address to the holder, replacing whoever held it; returns the previous holder, or null. */
    public String hold(Address address, String holder) {
        int id = holders.retain(holder);
        int old = write(address.family()).put(hi(address), lo(address), id);
        String previous = null;
        if (old >= 0) {
            previous = holders.name(old);
            byHolder.remove(old, key(address));
            holders.release(old);
        }
        byHolder.add(id, key(address));
        runs(address.family()).add(hi(address), lo(address));
        return previous;
    }

    /** Frees the address; returns who held it, or null when nobody did. */
    public String release(Address address) {
        String previous = holderOf(address);
        free(address);
        return previous;
    }

    /** Frees the address; false when nobody held it. */
    public boolean free(Address address) {
        int id = read(address.family()).remove(hi(address), lo(address));
        if (id < 0) {
            return false;
        }
        byHolder.remove(id, key(address));
        holders.release(id);
        runs(address.family()).remove(hi(address), lo(address));
        return true;
    }

    /**
     * Frees every address held under exactly this holder name (not the shared lists that name it); returns them,
     * lowest first, or an empty list when it held none. One lookup of the name for all of them.
     */
    public List<Address> releaseAll(String holder) {
        int id = holders.find(holder);
        int n = id < 0 ? 0 : byHolder.count(id);
        if (n == 0) {
            return List.of();
        }
        List<HolderAddresses.Key> keys = n == 1 ? List.of(byHolder.first(id)) : new ArrayList<>(byHolder.all(id));
        List<Address> out = new ArrayList<>(n);
        for (HolderAddresses.Key k : keys) {
            read(k.family()).remove(k.hi(), k.lo());
            runs(k.family()).remove(k.hi(), k.lo());
            byHolder.remove(id, k);
            out.add(address(k));
        }
        for (int i = 0; i < n; i++) {
            holders.release(id);
        }
        return n == 1 ? List.of(out.get(0)) : List.copyOf(out);
    }

    /** Adds a holder to the address's list (making it held if it was free); a holder may appear twice. */
    public void share(Address address, String holder) {
        String current = holderOf(address);
        hold(address, current == null ? holder : current + SHARED_SEPARATOR + holder);
    }

    /**
     * Takes one occurrence of the holder off the address's list; the address is freed when the list empties. Returns
     * true when the address is now free.
     */
    public boolean unshare(Address address, String holder) {
        String current = holderOf(address);
        if (current == null) {
            return true;
        }
        if (current.equals(holder)) {
            free(address);
            return true;
        }
        List<String> rest = new ArrayList<>(holders(current));
        rest.remove(holder);
        if (rest.isEmpty()) {
            free(address);
            return true;
        }
        hold(address, String.join(SHARED_SEPARATOR, rest));
        return false;
    }

    /** The holders a shared address's list names, in the order they arrived. */
    public static List<String> holders(String list) {
        return list == null || list.isEmpty() ? List.of() : List.of(list.split(SHARED_SEPARATOR, -1));
    }

    /** Keeps only the addresses the predicate accepts. */
    public void retain(Predicate<Address> keep) {
        for (Address address : new ArrayList<>(entries().keySet())) {
            if (!keep.test(address)) {
                free(address);
            }
        }
    }

    // --- snapshots ---

    /** Visits every held address, lowest first (IPv4 before IPv6). */
    public void forEach(BiConsumer<Address, String> visitor) {
        for (Family family : Family.values()) {
            read(family).forEach((hi, lo, id) -> visitor.accept(address(family, hi, lo), holders.name(id)));
        }
    }

    /** Every held address and its holder, lowest first: a copy, made on each call. */
    public NavigableMap<Address, String> entries() {
        TreeMap<Address, String> out = new TreeMap<>();
        forEach(out::put);
        return Collections.unmodifiableNavigableMap(out);
    }

    /** Every held address as canonical text and its holder, lowest first, as a status writes it. */
    public Map<String, String> snapshot() {
        Map<String, String> out = new LinkedHashMap<>();
        forEach((address, holder) -> out.put(address.toString(), holder));
        return out;
    }

    /** An independent copy with its own holder table. */
    public AllocationLedger copy() {
        AllocationLedger copy = new AllocationLedger();
        forEach(copy::hold);
        return copy;
    }
}
