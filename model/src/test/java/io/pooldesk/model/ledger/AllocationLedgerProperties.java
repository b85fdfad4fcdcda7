package io.pooldesk.model.ledger;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Family;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ledger every kind keeps its allocations in answers as a plain {@code TreeMap<Address, String>} would: holders,
 * shared holder lists, holder to addresses, counts, first free and first matching held address, in both families.
 */
class AllocationLedgerProperties {

    private static final String[] HOLDERS = {"ns/a", "ns/b", "ns/c", "aa:bb:cc:dd:ee:ff", "EXCLUDED", "vip-1"};

    private static Address pick(Random random, Address[] origins, int space) {
        Address origin = origins[random.nextInt(origins.length)];
        return origin.plus(BigInteger.valueOf(random.nextInt(space)));
    }

    @Property(tries = 100)
    void actsAsASortedMapOfHolders(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int operations,
                                   @ForAll @IntRange(min = 2, max = 300) int space) {
        Random random = new Random(seed);
        // both families, and IPv6 values on both sides of the carry from the low to the high 64 bits
        Address[] origins = {Address.of(Family.IPV4, BigInteger.valueOf(0x0a000000L)),
                Address.of(Family.IPV6, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(150))),
                Address.of(Family.IPV6, new BigInteger("fd000000000000000000000000000000", 16))};
        AllocationLedger ledger = new AllocationLedger();
        TreeMap<Address, String> reference = new TreeMap<>();
        for (int i = 0; i < operations; i++) {
            Address address = pick(random, origins, space);
            String holder = HOLDERS[random.nextInt(HOLDERS.length)];
            int op = random.nextInt(12);
            if (op < 4) {
                assertEquals(reference.put(address, holder), ledger.hold(address, holder));
            } else if (op < 6) {
                assertEquals(reference.remove(address), ledger.release(address));
            } else if (op < 8) {
                String current = reference.get(address);
                reference.put(address, current == null ? holder : current + ";" + holder);
                ledger.share(address, holder);
            } else if (op < 9) {
                String current = reference.get(address);
                if (current != null) {
                    List<String> rest = new ArrayList<>(List.of(current.split(";")));
                    rest.remove(holder);
                    if (rest.isEmpty()) {
                        reference.remove(address);
                    } else {
                        reference.put(address, String.join(";", rest));
                    }
                }
                assertEquals(!reference.containsKey(address), ledger.unshare(address, holder));
            } else if (op < 10) {
                Address to = address.plus(BigInteger.valueOf(random.nextInt(40)));
                if (!to.family().equals(address.family()) || to.compareTo(address) < 0) {
                    continue;
                }
                Address expected = null;
                for (Address a = address; a.compareTo(to) <= 0; a = a.next()) {
                    if (!reference.containsKey(a) && (a.value().intValue() & 3) != 0) {
                        expected = a;
                        break;
                    }
                }
                assertEquals(expected, ledger.firstFree(address, to, a -> (a.value().intValue() & 3) != 0));
                Address held = reference.subMap(address, true, to, true).entrySet().stream()
                        .filter(e -> e.getValue().contains(holder)).map(Map.Entry::getKey).findFirst().orElse(null);
                assertEquals(held, ledger.firstHeld(address, to, (a, h) -> h.contains(holder)));
            } else {
                TreeSet<Address> expected = new TreeSet<>();
                reference.forEach((a, h) -> {
                    if (h.equals(holder)) {
                        expected.add(a);
                    }
                });
                assertEquals(expected, ledger.addressesOf(holder));
                assertEquals(expected.isEmpty() ? null : expected.first(), ledger.firstOf(holder));
                assertEquals(expected.size(), ledger.countOf(holder));
            }
            assertEquals(reference.get(address), ledger.holderOf(address));
            assertEquals(reference.size(), ledger.count());
        }
        assertEquals(reference, ledger.entries());
        assertEquals(reference, ledger.copy().entries());
        for (Family family : Family.values()) {
            assertEquals(reference.keySet().stream().filter(a -> a.family() == family).count(), ledger.count(family));
        }
        Map<String, String> snapshot = new java.util.LinkedHashMap<>();
        reference.forEach((a, h) -> snapshot.put(a.toString(), h));
        assertEquals(List.copyOf(snapshot.entrySet()), List.copyOf(ledger.snapshot().entrySet()));
    }
}
