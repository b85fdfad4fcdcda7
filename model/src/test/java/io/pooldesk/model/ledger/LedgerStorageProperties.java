package io.pooldesk.model.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ledger's primitive storage behaves as the plain collections it replaces, under random operations. */
class LedgerStorageProperties {

    private static BigInteger unsigned128(long hi, long lo) {
        return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }

    @Property(tries = 200)
    void addressIdMapActsAsASortedMap(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6000) int operations,
                                      @ForAll @LongRange(min = 2, max = 5000) long keySpace) {
        Random random = new Random(seed);
        AddressIdMap map = new AddressIdMap();
        TreeMap<BigInteger, Integer> reference = new TreeMap<>();
        for (int i = 0; i < operations; i++) {
            long k = Math.floorMod(random.nextLong(), keySpace);
            // some keys far apart and with the high half set, as IPv6 keys are
            // in some runs only the top keys have the high half set, so chunks of both kinds meet and merge
            long hi = (seed & 1) == 0 ? (random.nextInt(4) == 0 ? -1L - k % 3 : 0) : (k > keySpace / 2 ? 1 : 0);
            long lo = random.nextInt(3) == 0 ? k : Long.MIN_VALUE + k;
            BigInteger key = unsigned128(hi, lo);
            int op = random.nextInt(10);
            if (op < 6) {
                Integer old = reference.put(key, i);
                assertEquals(old == null ? -1 : old, map.put(hi, lo, i));
            } else if (op < 9) {
                Integer old = reference.remove(key);
                assertEquals(old == null ? -1 : old, map.remove(hi, lo));
            } else {
                Integer old = reference.get(key);
                assertEquals(old == null ? -1 : old, map.get(hi, lo));
            }
        }
        assertEquals(reference.size(), map.size());
        List<BigInteger> keys = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        map.forEach((hi, lo, v) -> {
            keys.add(unsigned128(hi, lo));
            values.add(v);
        });
        assertEquals(new ArrayList<>(reference.keySet()), keys);
        assertEquals(new ArrayList<>(reference.values()), values);
    }

    @Property(tries = 60)
    void holderTableInternsWhileReferencedAndForgetsAfter(@ForAll long seed,
                                                          @ForAll @IntRange(min = 1, max = 8000) int operations) {
        Random random = new Random(seed);
        HolderTable table = new HolderTable();
        Map<String, Integer> refs = new HashMap<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < operations; i++) {
            String holder = "ns-" + random.nextInt(50) + "/lb-" + random.nextInt(400);
            if (random.nextInt(3) > 0) {
                int id = table.retain(holder);
                Integer known = ids.putIfAbsent(holder, id);
                assertEquals(known == null ? id : known, id, "an interned holder keeps its id");
                refs.merge(holder, 1, Integer::sum);
                assertEquals(holder, table.name(id));
            } else if (refs.containsKey(holder)) {
                table.release(ids.get(holder));
                if (refs.merge(holder, -1, Integer::sum) == 0) {
                    refs.remove(holder);
                    ids.remove(holder);
                }
            }
            String probe = "ns-" + random.nextInt(50) + "/lb-" + random.nextInt(400);
            assertEquals(ids.getOrDefault(probe, -1), table.find(probe), probe);
        }
    }

    @Property(tries = 60)
    void runSetActsAsASetOfNumbers(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6000) int operations,
                                   @ForAll @LongRange(min = 2, max = 3000) long keySpace) {
        Random random = new Random(seed);
        RunSet runs = new RunSet();
        java.util.TreeSet<BigInteger> reference = new java.util.TreeSet<>();
        // values straddle the carry between the low and high halves, and the very top of the space
        long[][] bases = {{0, 0}, {0, -1500}, {-1, -1500}, {5, Long.MAX_VALUE - 700}};
        long[] base = bases[random.nextInt(bases.length)];
        BigInteger origin = unsigned128(base[0], base[1]);
        BigInteger top = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        for (int i = 0; i < operations; i++) {
            BigInteger v = origin.add(BigInteger.valueOf(Math.floorMod(random.nextLong(), keySpace)));
            if (v.compareTo(top) > 0) {
                continue;
            }
            long hi = v.shiftRight(64).longValue();
            long lo = v.longValue();
            int op = random.nextInt(10);
            if (op < 6) {
                assertEquals(reference.add(v), runs.add(hi, lo));
            } else if (op < 9) {
                assertEquals(reference.remove(v), runs.remove(hi, lo));
            } else {
                assertEquals(reference.contains(v), runs.contains(hi, lo));
                BigInteger to = v.add(BigInteger.valueOf(random.nextInt(50))).min(top);
                BigInteger expected = null;
                for (BigInteger c = v; c.compareTo(to) <= 0; c = c.add(BigInteger.ONE)) {
                    if (!reference.contains(c)) {
                        expected = c;
                        break;
                    }
                }
                long[] out = new long[2];
                boolean found = runs.firstAbsent(hi, lo, to.shiftRight(64).longValue(), to.longValue(), out);
                assertEquals(expected != null, found);
                if (found) {
                    assertEquals(expected, unsigned128(out[0], out[1]));
                }
            }
            assertEquals(reference.size(), runs.count());
        }
    }

    @net.jqwik.api.Example
    void holderNamesSurviveTheArenaBeingCompacted() {
        HolderTable table = new HolderTable();
        Map<String, Integer> kept = new HashMap<>();
        String padding = "x".repeat(200);
        for (int i = 0; i < 20_000; i++) {
            String holder = "ns-" + i + "/" + padding;
            int id = table.retain(holder);
            if (i % 10 == 0) {
                kept.put(holder, id);
            } else {
                table.release(id);
            }
        }
        kept.forEach((holder, id) -> {
            assertEquals(holder, table.name(id));
            assertEquals(id, table.find(holder));
        });
        assertEquals(-1, table.find("ns-1/" + padding));
    }
}
