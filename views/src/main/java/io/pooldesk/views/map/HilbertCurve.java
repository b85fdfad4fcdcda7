package io.pooldesk.views.map;

/**
 * The Hilbert curve on a square of side {@code 2^order}: position along the curve to cell and back. Positions are
 * unsigned 64-bit values, so an order of 32 (an IPv6 /64 one address per cell) still fits.
 * <p>
 * The top quadrants are always visited in the same order (lower left, upper left, upper right, lower right, with y
 * growing downwards on screen), whatever the order: the curve of order {@code r} is the coarse view of the curve of
 * any higher order, so zooming in splits every cell into its four quarters in place.
 */
public final class HilbertCurve {
    public static final int MAX_ORDER = 32;

    private HilbertCurve() {
    }

    /** The position along the curve of the cell at column {@code x}, row {@code y}. */
    public static long index(int order, long x, long y) {
        check(order);
        long d = 0;
        for (long s = order == 0 ? 0 : 1L << (order - 1); s > 0; s >>>= 1) {
            int rx = (x & s) != 0 ? 1 : 0;
            int ry = (y & s) != 0 ? 1 : 0;
            d += s * s * ((3L * rx) ^ ry);
            if (ry == 0) {
                if (rx == 1) {
                    // reflect the lower bits; only bits below s are read from here on
                    x = ~x;
                    y = ~y;
                }
                long t = x;
                x = y;
                y = t;
            }
        }
        return d;
    }

    /** The cell {x, y} at position {@code d} along the curve. */
    public static long[] point(int order, long d) {
        check(order);
        long x = 0;
        long y = 0;
        long t = d;
        for (int level = 0; level < order; level++) {
            long s = 1L << level;
            long rx = 1 & (t >>> 1);
            long ry = 1 & (t ^ rx);
            if (ry == 0) {
                if (rx == 1) {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                long swap = x;
                x = y;
                y = swap;
            }
            x += s * rx;
            y += s * ry;
            t >>>= 2;
        }
        return new long[] {x, y};
    }

    private static void check(int order) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("Hilbert order must be 0.." + MAX_ORDER + ", not " + order);
        }
    }
}
