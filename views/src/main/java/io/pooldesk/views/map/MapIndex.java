package io.pooldesk.views.map;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.registry.PoolSystems;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;

/**
 * A map model's addresses as sorted primitive offsets from a base, for drawing a frame in one forward sweep: a cursor
 * asked about blocks in ascending order gallops through the arrays, so a frame costs its cells plus the held
 * addresses it passes, never a search per cell. Offsets are unsigned 64-bit (an IPv6 /64 fits); they are stored
 * with the sign bit flipped so that signed order is address order.
 */
final class MapIndex {
    private static final BigInteger SPAN_64 = BigInteger.ONE.shiftLeft(64);

    private final long[] held;
    private final long[] markers;
    private final long[] history;
    private final long[] changed;
    private final long[] usableStart;
    private final long[] usableEnd;
    private final long[] reservedStart;
    private final long[] reservedEnd;

    private MapIndex(long[] held, long[] markers, long[] history, long[] changed, long[][] usable, long[][] reserved) {
        this.held = held;
        this.markers = markers;
        this.history = history;
        this.changed = changed;
        this.usableStart = usable[0];
        this.usableEnd = usable[1];
        this.reservedStart = reserved[0];
        this.reservedEnd = reserved[1];
    }

    /** The index of a model from {@code base}, or null when its extent reaches 2^64 addresses past the base. */
    static MapIndex of(Span extent, AddressSet usable, AddressSet reserved, NavigableMap<Address, String> allocated,
                       NavigableMap<Address, String> historyMap, NavigableSet<Address> changedSet, BigInteger base) {
        if (extent.last().value().subtract(base).compareTo(SPAN_64) >= 0 || extent.first().value().compareTo(base) < 0) {
            return null;
        }
        int markerCount = 0;
        for (String holder : allocated.values()) {
            if (PoolSystems.isMarker(holder)) {
                markerCount++;
            }
        }
        long[] held = new long[allocated.size() - markerCount];
        long[] markers = new long[markerCount];
        int h = 0;
        int m = 0;
        for (Map.Entry<Address, String> e : allocated.entrySet()) {
            long key = key(e.getKey(), base);
            if (PoolSystems.isMarker(e.getValue())) {
                markers[m++] = key;
            } else {
                held[h++] = key;
            }
        }
        long[] history = keys(historyMap.keySet(), base);
        long[] changed = keys(changedSet, base);
        return new MapIndex(held, markers, history, changed, spans(usable, extent, base), spans(reserved, extent, base));
    }

    private static long key(Address address, BigInteger base) {
        return address.value().subtract(base).longValue() ^ Long.MIN_VALUE;
    }

    private static long[] keys(java.util.Collection<Address> addresses, BigInteger base) {
        long[] out = new long[addresses.size()];
        int i = 0;
        for (Address a : addresses) {
            out[i++] = key(a, base);
        }
        // sorted sets give ascending order already; a caller's set might not be sorted by value
        Arrays.sort(out);
        return out;
    }

    /** The spans clipped to the extent, as flipped start and end offsets. */
    private static long[][] spans(AddressSet set, Span extent, BigInteger base) {
        long[] starts = new long[set.spans().size()];
        long[] ends = new long[starts.length];
        int n = 0;
        for (Span s : set.spans()) {
            if (!s.overlaps(extent)) {
                continue;
            }
            BigInteger from = s.first().value().max(extent.first().value());
            BigInteger to = s.last().value().min(extent.last().value());
            starts[n] = from.subtract(base).longValue() ^ Long.MIN_VALUE;
            ends[n] = to.subtract(base).longValue() ^ Long.MIN_VALUE;
            n++;
        }
        return new long[][] {Arrays.copyOf(starts, n), Arrays.copyOf(ends, n)};
    }

    Cursor cursor() {
        return new Cursor();
    }

    /** What a block holds, asked in ascending order of blocks; one cursor per frame. */
    final class Cursor {
        private int heldAt;
        private int markerAt;
        private int historyAt;
        private int changedAt;
        private int usableAt;
        private int reservedAt;
        boolean changedHere;

        /** The state of the block of offsets {@code lo..hi} (unsigned), and in {@link #fill} how full it is. */
        CellState state(long lo, long hi) {
            long from = lo ^ Long.MIN_VALUE;
            long to = hi ^ Long.MIN_VALUE;
            heldAt = firstAtLeast(held, heldAt, from);
            int heldEnd = firstAbove(held, heldAt, to);
            markerAt = firstAtLeast(markers, markerAt, from);
            int markerEnd = firstAbove(markers, markerAt, to);
            historyAt = firstAtLeast(history, historyAt, from);
            boolean remembered = historyAt < history.length && history[historyAt] <= to;
            changedAt = firstAtLeast(changed, changedAt, from);
            changedHere = changedAt < changed.length && changed[changedAt] <= to;
            long heldHere = heldEnd - heldAt;
            long markedHere = markerEnd - markerAt;
            long inUse = heldHere + markedHere;
            double canUse = overlap(from, to);
            heldAt = heldEnd;
            markerAt = markerEnd;
            if (lo == hi) {
                fill = inUse > 0 ? 1 : 0;
                if (markedHere > 0) {
                    return CellState.RESERVED;
                }
                if (heldHere > 0) {
                    return CellState.ALLOCATED;
                }
                if (remembered) {
                    return CellState.HISTORY;
                }
                if (canUse > 0) {
                    return CellState.FREE;
                }
                return inReserved(from) ? CellState.RESERVED : CellState.OUTSIDE;
            }
            fill = canUse > 0 ? Math.min(1, inUse / canUse) : 0;
            if (inUse > 0) {
                return CellState.ALLOCATED;
            }
            if (remembered) {
                return CellState.HISTORY;
            }
            return canUse > 0 ? CellState.FREE : CellState.OUTSIDE;
        }

        double fill;

        /** Usable addresses within from..to (flipped offsets); spans ahead of {@code from} are passed for good. */
        private double overlap(long from, long to) {
            while (usableAt < usableEnd.length && usableEnd[usableAt] < from) {
                usableAt++;
            }
            double count = 0;
            for (int i = usableAt; i < usableStart.length && usableStart[i] <= to; i++) {
                long a = Math.max(usableStart[i], from);
                long b = Math.min(usableEnd[i], to);
                if (a <= b) {
                    count += (double) (b - a) + 1;
                }
            }
            return count;
        }

        private boolean inReserved(long at) {
            while (reservedAt < reservedEnd.length && reservedEnd[reservedAt] < at) {
                reservedAt++;
            }
            return reservedAt < reservedStart.length && reservedStart[reservedAt] <= at;
        }
    }

    /** The first index from {@code from} whose value is at least {@code value}: galloping, then binary search. */
    static int firstAtLeast(long[] values, int from, long value) {
        int n = values.length;
        if (from >= n || values[from] >= value) {
            return from;
        }
        int step = 1;
        int lo = from;
        int hi = from + 1;
        while (hi < n && values[hi] < value) {
            lo = hi;
            step <<= 1;
            hi = (int) Math.min(n, (long) hi + step);
        }
        if (hi >= n) {
            hi = n;
        }
        // values[lo] < value; the answer lies in (lo, hi]
        int left = lo + 1;
        int right = hi;
        while (left < right) {
            int mid = (left + right) >>> 1;
            if (values[mid] < value) {
                left = mid + 1;
            } else {
                right = mid;
            }
        }
        return left;
    }

    /** The first index from {@code from} whose value is above {@code value}. */
    static int firstAbove(long[] values, int from, long value) {
        return value == Long.MAX_VALUE ? values.length : firstAtLeast(values, from, value + 1);
    }
}
