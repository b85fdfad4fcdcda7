package io.pooldesk.model.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A sorted map from a 128-bit address value (unsigned {@code hi}, {@code lo}) to an int, in chunks of primitive
 * arrays: about 12 bytes an entry for IPv4 (whose {@code hi} is always 0 and never stored) and 20 for IPv6, where a
 * TreeMap of Address objects costs over 100. Ascending inserts fill chunks completely.
 */
final class AddressIdMap {
    private static final int CHUNK = 128;

    /** A chunk starts small and doubles up to {@link #CHUNK}: a pool holding three addresses costs bytes, not kilobytes. */
    private static final int FIRST_CAPACITY = 8;

    private static final class Chunk {
        long[] hi; // null while every key of the chunk has hi == 0
        long[] lo;
        int[] value;
        int size;

        Chunk(int capacity) {
            lo = new long[capacity];
            value = new int[capacity];
        }

        int capacity() {
            return lo.length;
        }

        void grow() {
            int capacity = Math.min(CHUNK, capacity() * 2);
            lo = java.util.Arrays.copyOf(lo, capacity);
            value = java.util.Arrays.copyOf(value, capacity);
            if (hi != null) {
                hi = java.util.Arrays.copyOf(hi, capacity);
            }
        }

        long hi(int i) {
            return hi == null ? 0 : hi[i];
        }
    }

    /** Visits entries in ascending order. */
    interface Visitor {
        void visit(long hi, long lo, int value);
    }

    private final List<Chunk> chunks = new ArrayList<>();
    private final ChunkStarts starts = new ChunkStarts();
    private int size;

    private void setFirst(int index) {
        Chunk c = chunks.get(index);
        starts.set(index, c.hi(0), c.lo[0]);
    }

    /** After {@code chunks.add(index, ...)}, with the chunk's keys in place. */
    private void indexInserted(int index) {
        Chunk c = chunks.get(index);
        starts.inserted(index, chunks.size(), c.hi(0), c.lo[0]);
    }

    int size() {
        return size;
    }

    /** The chunk that holds, or would hold, the key: the last whose first key is not above it. */
    private int chunkFor(long hi, long lo) {
        return Math.max(0, starts.floor(chunks.size(), hi, lo));
    }

    /** Position of the key in the chunk, or -(insertion point) - 1. */
    private static int search(Chunk c, long hi, long lo) {
        int left = 0;
        int right = c.size - 1;
        while (left <= right) {
            int mid = (left + right) >>> 1;
            int cmp = Unsigned128.compare(c.hi(mid), c.lo[mid], hi, lo);
            if (cmp < 0) {
                left = mid + 1;
            } else if (cmp > 0) {
                right = mid - 1;
            } else {
                return mid;
            }
        }
        return -left - 1;
    }

    /** The value, or -1 when the key is absent. */
    int get(long hi, long lo) {
        if (size == 0) {
            return -1;
        }
        Chunk c = chunks.get(chunkFor(hi, lo));
        int at = search(c, hi, lo);
        return at >= 0 ? c.value[at] : -1;
    }

    /** Puts the key; returns the value it replaced, or -1. */
    int put(long hi, long lo, int value) {
        if (chunks.isEmpty()) {
            chunks.add(new Chunk(FIRST_CAPACITY));
            indexInserted(0);
        }
        int index = chunkFor(hi, lo);
        Chunk c = chunks.get(index);
        int at = search(c, hi, lo);
        if (at >= 0) {
            int old = c.value[at];
            c.value[at] = value;
            return old;
        }
        int insert = -at - 1;
        if (c.size == c.capacity() && c.capacity() < CHUNK) {
            c.grow();
        }
        boolean split = c.size == CHUNK;
        if (split) {
            Chunk next = new Chunk(CHUNK);
            chunks.add(index + 1, next);
            if (insert == CHUNK) {
                // appending past a full chunk (ascending fills): start the next one, leave this one full
                c = next;
                insert = 0;
            } else {
                int half = CHUNK / 2;
                moveTail(c, half, next);
                if (insert > half) {
                    c = next;
                    insert -= half;
                }
            }
        }
        insertAt(c, insert, hi, lo, value);
        size++;
        if (split) {
            indexInserted(index + 1);
        }
        setFirst(index);
        return -1;
    }

    private static void moveTail(Chunk from, int start, Chunk to) {
        int count = from.size - start;
        System.arraycopy(from.lo, start, to.lo, 0, count);
        System.arraycopy(from.value, start, to.value, 0, count);
        if (from.hi != null) {
            to.hi = new long[to.capacity()];
            System.arraycopy(from.hi, start, to.hi, 0, count);
        }
        to.size = count;
        from.size = start;
    }

    private static void insertAt(Chunk c, int at, long hi, long lo, int value) {
        int tail = c.size - at;
        if (hi != 0 && c.hi == null) {
            c.hi = new long[c.capacity()];
        }
        System.arraycopy(c.lo, at, c.lo, at + 1, tail);
        System.arraycopy(c.value, at, c.value, at + 1, tail);
        if (c.hi != null) {
            System.arraycopy(c.hi, at, c.hi, at + 1, tail);
            c.hi[at] = hi;
        }
        c.lo[at] = lo;
        c.value[at] = value;
        c.size++;
    }

    /** Removes the key; returns its value, or -1 when it was absent. */
    int remove(long hi, long lo) {
        if (size == 0) {
            return -1;
        }
        int index = chunkFor(hi, lo);
        Chunk c = chunks.get(index);
        int at = search(c, hi, lo);
        if (at < 0) {
            return -1;
        }
        int old = c.value[at];
        int tail = c.size - at - 1;
        System.arraycopy(c.lo, at + 1, c.lo, at, tail);
        System.arraycopy(c.value, at + 1, c.value, at, tail);
        if (c.hi != null) {
            System.arraycopy(c.hi, at + 1, c.hi, at, tail);
        }
        c.size--;
        size--;
        if (c.size == 0) {
            chunks.remove(index);
            starts.removed(index, chunks.size());
        } else {
            if (index + 1 < chunks.size() && c.size + chunks.get(index + 1).size <= CHUNK / 2) {
                merge(c, chunks.get(index + 1));
                chunks.remove(index + 1);
                starts.removed(index + 1, chunks.size());
            }
            setFirst(index);
        }
        return old;
    }

    private static void merge(Chunk into, Chunk from) {
        while (into.capacity() < into.size + from.size) {
            into.grow();
        }
        if (from.hi != null && into.hi == null) {
            into.hi = new long[into.capacity()];
        }
        System.arraycopy(from.lo, 0, into.lo, into.size, from.size);
        System.arraycopy(from.value, 0, into.value, into.size, from.size);
        if (into.hi != null) {
            if (from.hi != null) {
                System.arraycopy(from.hi, 0, into.hi, into.size, from.size);
            } else {
                // the keys merged in all have hi == 0; stale slots from earlier removals must not show through
                java.util.Arrays.fill(into.hi, into.size, into.size + from.size, 0L);
            }
        }
        into.size += from.size;
    }

    /** Visits entries in ascending order while the visitor returns true. */
    interface Walker {
        boolean visit(long hi, long lo, int value);
    }

    /** Visits the entries from the key on (inclusive), ascending, until the walker returns false. */
    void forEachFrom(long hi, long lo, Walker walker) {
        if (size == 0) {
            return;
        }
        int index = chunkFor(hi, lo);
        int at = search(chunks.get(index), hi, lo);
        at = at >= 0 ? at : -at - 1;
        for (int c = index; c < chunks.size(); c++, at = 0) {
            Chunk chunk = chunks.get(c);
            for (int i = at; i < chunk.size; i++) {
                if (!walker.visit(chunk.hi(i), chunk.lo[i], chunk.value[i])) {
                    return;
                }
            }
        }
    }

    void forEach(Visitor visitor) {
        for (Chunk c : chunks) {
            for (int i = 0; i < c.size; i++) {
                visitor.visit(c.hi(i), c.lo[i], c.value[i]);
            }
        }
    }
}
