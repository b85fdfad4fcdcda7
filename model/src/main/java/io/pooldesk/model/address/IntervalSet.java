package io.pooldesk.model.address;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of numbers kept as disjoint, non-adjacent runs {@code [start, end]}. Memory and time grow with the number of
 * runs, never with the numbers they cover, so a /64 with a few holders costs the same as a /30. Not thread-safe.
 */
public final class IntervalSet {
    private final TreeMap<BigInteger, BigInteger> runs = new TreeMap<>();
    private BigInteger count = BigInteger.ZERO;

    public boolean contains(BigInteger value) {
        Map.Entry<BigInteger, BigInteger> run = runs.floorEntry(value);
        return run != null && run.getValue().compareTo(value) >= 0;
    }

    /** Adds one value; returns false when it was already there. */
    public boolean add(BigInteger value) {
        if (contains(value)) {
            return false;
        }
        BigInteger start = value;
        BigInteger end = value;
        Map.Entry<BigInteger, BigInteger> before = runs.floorEntry(value);
        if (before != null && before.getValue().add(BigInteger.ONE).equals(value)) {
            start = before.getKey();
        }
        BigInteger afterKey = value.add(BigInteger.ONE);
        BigInteger afterEnd = runs.get(afterKey);
        if (afterEnd != null) {
            runs.remove(afterKey);
            end = afterEnd;
        }
        runs.put(start, end);
        count = count.add(BigInteger.ONE);
        return true;
    }

    /** Removes one value; returns false when it was not there. */
    public boolean remove(BigInteger value) {
        Map.Entry<BigInteger, BigInteger> run = runs.floorEntry(value);
        if (run == null || run.getValue().compareTo(value) < 0) {
            return false;
        }
        BigInteger start = run.getKey();
        BigInteger end = run.getValue();
        runs.remove(start);
        if (start.compareTo(value) < 0) {
            runs.put(start, value.subtract(BigInteger.ONE));
        }
        if (end.compareTo(value) > 0) {
            runs.put(value.add(BigInteger.ONE), end);
        }
        count = count.subtract(BigInteger.ONE);
        return true;
    }

    /** The smallest value in {@code [from, to]} that is not in the set, or null when every one is. */
    public BigInteger firstAbsent(BigInteger from, BigInteger to) {
        if (from.compareTo(to) > 0) {
            return null;
        }
        Map.Entry<BigInteger, BigInteger> run = runs.floorEntry(from);
        BigInteger candidate = from;
        if (run != null && run.getValue().compareTo(from) >= 0) {
            candidate = run.getValue().add(BigInteger.ONE);
        }
        return candidate.compareTo(to) <= 0 ? candidate : null;
    }

    /** How many values of {@code [from, to]} are in the set. */
    public BigInteger countWithin(BigInteger from, BigInteger to) {
        BigInteger total = BigInteger.ZERO;
        Map.Entry<BigInteger, BigInteger> first = runs.floorEntry(from);
        BigInteger startKey = first != null ? first.getKey() : from;
        for (Map.Entry<BigInteger, BigInteger> run : runs.subMap(startKey, true, to, true).entrySet()) {
            BigInteger lo = run.getKey().max(from);
            BigInteger hi = run.getValue().min(to);
            if (lo.compareTo(hi) <= 0) {
                total = total.add(hi.subtract(lo).add(BigInteger.ONE));
            }
        }
        return total;
    }

    public BigInteger size() {
        return count;
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    /** The runs, lowest first, as {@code [start, end]} pairs. */
    public List<BigInteger[]> runs() {
        List<BigInteger[]> out = new ArrayList<>(runs.size());
        runs.forEach((start, end) -> out.add(new BigInteger[] {start, end}));
        return out;
    }
}
