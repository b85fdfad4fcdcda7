package io.pooldesk.model.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Held addresses as disjoint, non-adjacent runs of unsigned 128-bit values, in chunks of primitive arrays: finding
 * the first free address after the cursor is one floor lookup, and a pool filled in order is a single run.
 */
final class RunSet {
    private static final int CHUNK = 64;
    private static final int WIDTH = 4; // start hi, start lo, end hi, end lo

    private final List<long[]> chunks = new ArrayList<>();
    private final List<int[]> sizes = new ArrayList<>();
    private final ChunkStarts starts = new ChunkStarts();
    private long count;

    private void setFirst(int chunk) {
        long[] d = chunks.get(chunk);
        starts.set(chunk, d[0], d[1]);
    }

    /** After {@code chunks.add(chunk, ...)}, with the chunk's runs in place. */
    private void indexInserted(int chunk) {
        long[] d = chunks.get(chunk);
        starts.inserted(chunk, chunks.size(), d[0], d[1]);
    }

    /** How many values the runs hold. */
    long count() {
        return count;
    }

    private int size(int chunk) {
        return sizes.get(chunk)[0];
    }

    /** {chunk, index} of the last run starting at or before the value; index -1 when none does. */
    private int[] floor(long hi, long lo) {
        if (chunks.isEmpty()) {
            return new int[] {0, -1};
        }
        int chunk = starts.floor(chunks.size(), hi, lo);
        if (chunk < 0) {
            return new int[] {0, -1};
        }
        long[] d = chunks.get(chunk);
        int l = 0;
        int r = size(chunk) - 1;
        int found = -1;
        while (l <= r) {
            int mid = (l + r) >>> 1;
            if (Unsigned128.compare(d[mid * WIDTH], d[mid * WIDTH + 1], hi, lo) <= 0) {
                found = mid;
                l = mid + 1;
            } else {
                r = mid - 1;
            }
        }
        return new int[] {chunk, found};
    }

    private static boolean endsAtOrAfter(long[] d, int i, long hi, long lo) {
        return Unsigned128.compare(d[i * WIDTH + 2], d[i * WIDTH + 3], hi, lo) >= 0;
    }

    boolean contains(long hi, long lo) {
        int[] f = floor(hi, lo);
        return f[1] >= 0 && endsAtOrAfter(chunks.get(f[0]), f[1], hi, lo);
    }

    /**
     * The first value from {@code from} to {@code to} (inclusive) not held, written into {@code out} as {hi, lo};
     * false when every one is held.
     */
    boolean firstAbsent(long fromHi, long fromLo, long toHi, long toLo, long[] out) {
        int[] f = floor(fromHi, fromLo);
        long hi = fromHi;
        long lo = fromLo;
        if (f[1] >= 0) {
            long[] d = chunks.get(f[0]);
            int i = f[1];
            if (endsAtOrAfter(d, i, fromHi, fromLo)) {
                long endHi = d[i * WIDTH + 2];
                long endLo = d[i * WIDTH + 3];
                if (endHi == -1L && endLo == -1L) {
                    return false;
                }
                lo = endLo + 1;
                hi = lo == 0 ? endHi + 1 : endHi;
            }
        }
        if (Unsigned128.compare(hi, lo, toHi, toLo) > 0) {
            return false;
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    /** Adds one value; false when it was held already. */
    boolean add(long hi, long lo) {
        int[] f = floor(hi, lo);
        long[] fd = f[1] >= 0 ? chunks.get(f[0]) : null;
        if (fd != null && endsAtOrAfter(fd, f[1], hi, lo)) {
            return false;
        }
        long prevHi = lo == 0 ? hi - 1 : hi;
        long prevLo = lo - 1;
        long nextLo = lo + 1;
        long nextHi = nextLo == 0 ? hi + 1 : hi;
        boolean joinsLeft = fd != null && fd[f[1] * WIDTH + 2] == prevHi && fd[f[1] * WIDTH + 3] == prevLo
                && !(hi == 0 && lo == 0);
        int[] n = successor(f);
        long[] nd = n == null ? null : chunks.get(n[0]);
        boolean joinsRight = nd != null && nd[n[1] * WIDTH] == nextHi && nd[n[1] * WIDTH + 1] == nextLo
                && !(hi == -1L && lo == -1L);
        if (joinsLeft && joinsRight) {
            fd[f[1] * WIDTH + 2] = nd[n[1] * WIDTH + 2];
            fd[f[1] * WIDTH + 3] = nd[n[1] * WIDTH + 3];
            delete(n[0], n[1]);
        } else if (joinsLeft) {
            fd[f[1] * WIDTH + 2] = hi;
            fd[f[1] * WIDTH + 3] = lo;
        } else if (joinsRight) {
            nd[n[1] * WIDTH] = hi;
            nd[n[1] * WIDTH + 1] = lo;
            if (n[1] == 0) {
                setFirst(n[0]);
            }
        } else {
            insertAfter(f, hi, lo, hi, lo);
        }
        count++;
        return true;
    }

    /** Removes one value; false when it was not held. */
    boolean remove(long hi, long lo) {
        int[] f = floor(hi, lo);
        if (f[1] < 0) {
            return false;
        }
        long[] d = chunks.get(f[0]);
        int i = f[1] * WIDTH;
        if (!endsAtOrAfter(d, f[1], hi, lo)) {
            return false;
        }
        boolean isStart = d[i] == hi && d[i + 1] == lo;
        boolean isEnd = d[i + 2] == hi && d[i + 3] == lo;
        long nextLo = lo + 1;
        long nextHi = nextLo == 0 ? hi + 1 : hi;
        long prevLo = lo - 1;
        long prevHi = lo == 0 ? hi - 1 : hi;
        if (isStart && isEnd) {
            delete(f[0], f[1]);
        } else if (isStart) {
            d[i] = nextHi;
            d[i + 1] = nextLo;
            if (f[1] == 0) {
                setFirst(f[0]);
            }
        } else if (isEnd) {
            d[i + 2] = prevHi;
            d[i + 3] = prevLo;
        } else {
            long endHi = d[i + 2];
            long endLo = d[i + 3];
            d[i + 2] = prevHi;
            d[i + 3] = prevLo;
            insertAfter(f, nextHi, nextLo, endHi, endLo);
        }
        count--;
        return true;
    }

    private int[] successor(int[] f) {
        if (chunks.isEmpty()) {
            return null;
        }
        int chunk = f[0];
        int index = f[1] + 1;
        if (index < size(chunk)) {
            return new int[] {chunk, index};
        }
        return chunk + 1 < chunks.size() ? new int[] {chunk + 1, 0} : null;
    }

    private void insertAfter(int[] f, long sHi, long sLo, long eHi, long eLo) {
        if (chunks.isEmpty()) {
            // small first: most pools hold one run or a few
            chunks.add(new long[4 * WIDTH]);
            sizes.add(new int[1]);
            indexInserted(0);
        }
        int chunk = f[0];
        int at = f[1] + 1;
        long[] d = chunks.get(chunk);
        int size = size(chunk);
        if (size * WIDTH == d.length && size < CHUNK) {
            d = java.util.Arrays.copyOf(d, Math.min(CHUNK, size * 2) * WIDTH);
            chunks.set(chunk, d);
        }
        if (size == CHUNK) {
            long[] next = new long[CHUNK * WIDTH];
            int[] nextSize = new int[1];
            chunks.add(chunk + 1, next);
            sizes.add(chunk + 1, nextSize);
            if (at == CHUNK) {
                indexInserted(chunk + 1);
                d = next;
                chunk++;
                at = 0;
            } else {
                int half = CHUNK / 2;
                System.arraycopy(d, half * WIDTH, next, 0, (CHUNK - half) * WIDTH);
                nextSize[0] = CHUNK - half;
                sizes.get(chunk)[0] = half;
                indexInserted(chunk + 1);
                if (at > half) {
                    d = next;
                    chunk++;
                    at -= half;
                }
            }
            size = size(chunk);
        }
        System.arraycopy(d, at * WIDTH, d, (at + 1) * WIDTH, (size - at) * WIDTH);
        d[at * WIDTH] = sHi;
        d[at * WIDTH + 1] = sLo;
        d[at * WIDTH + 2] = eHi;
        d[at * WIDTH + 3] = eLo;
        sizes.get(chunk)[0] = size + 1;
        if (at == 0) {
            setFirst(chunk);
        }
    }

    private void delete(int chunk, int index) {
        long[] d = chunks.get(chunk);
        int size = size(chunk);
        System.arraycopy(d, (index + 1) * WIDTH, d, index * WIDTH, (size - index - 1) * WIDTH);
        sizes.get(chunk)[0] = size - 1;
        if (size - 1 == 0) {
            chunks.remove(chunk);
            sizes.remove(chunk);
            starts.removed(chunk, chunks.size());
        } else if (index == 0) {
            setFirst(chunk);
        }
    }
}
