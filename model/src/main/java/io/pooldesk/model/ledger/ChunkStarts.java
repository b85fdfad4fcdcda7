package io.pooldesk.model.ledger;

import java.util.Arrays;

/**
 * The first 128-bit key of each of a list of sorted chunks, side by side in two arrays: finding the chunk that holds a
 * key reads these few cache lines, not a chunk object and its array per step of the search (a million held is 8,000
 * chunks: 13 steps). The owner says when a chunk is inserted or removed and when a chunk's first key changes.
 */
final class ChunkStarts {
    private static final long[] NO_LONGS = new long[0];
    private long[] hi = NO_LONGS;
    private long[] lo = NO_LONGS;

    /** The last of the first {@code count} chunks whose first key is not above the key; -1 when none is. */
    int floor(int count, long keyHi, long keyLo) {
        int left = 0;
        int right = count - 1;
        int found = -1;
        while (left <= right) {
            int mid = (left + right) >>> 1;
            if (Unsigned128.compare(hi[mid], lo[mid], keyHi, keyLo) <= 0) {
                found = mid;
                left = mid + 1;
            } else {
                right = mid - 1;
            }
        }
        return found;
    }

    void set(int chunk, long firstHi, long firstLo) {
        hi[chunk] = firstHi;
        lo[chunk] = firstLo;
    }

    /** After a chunk was inserted at {@code chunk}, making {@code count} chunks. */
    void inserted(int chunk, int count, long firstHi, long firstLo) {
        if (count > lo.length) {
            int capacity = Math.max(8, count + (count >> 1));
            hi = Arrays.copyOf(hi, capacity);
            lo = Arrays.copyOf(lo, capacity);
        }
        System.arraycopy(hi, chunk, hi, chunk + 1, count - 1 - chunk);
        System.arraycopy(lo, chunk, lo, chunk + 1, count - 1 - chunk);
        set(chunk, firstHi, firstLo);
    }

    /** After the chunk at {@code chunk} was removed, leaving {@code count} chunks. */
    void removed(int chunk, int count) {
        System.arraycopy(hi, chunk + 1, hi, chunk, count - chunk);
        System.arraycopy(lo, chunk + 1, lo, chunk, count - chunk);
    }
}
