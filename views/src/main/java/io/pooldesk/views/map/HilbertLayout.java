package io.pooldesk.views.map;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Span;

import java.math.BigInteger;

/**
 * A pool's extent laid out along a Hilbert curve, so that every aligned CIDR block is one compact square (or two
 * squares side by side for an odd prefix length) and neighbouring blocks stay neighbours.
 * <p>
 * The curve covers the smallest aligned block holding the extent, {@code 2^bits} addresses: one square when
 * {@code bits} is even, two squares side by side when it is odd. At a level {@code k} (even) each cell holds
 * {@code 2^k} addresses, and going from level {@code k + 2} to {@code k} splits every cell into its four quarters in
 * place. Cells past the extent's ends are outside it.
 */
public final class HilbertLayout {
    private final Span extent;
    private final int bits;
    private final BigInteger rootFirst;

    public HilbertLayout(Span extent) {
        this.extent = extent;
        BigInteger first = extent.first().value();
        BigInteger last = extent.last().value();
        // the lowest bit at which first and last agree above: the root block's size
        int b = first.xor(last).bitLength();
        this.bits = b;
        this.rootFirst = first.shiftRight(b).shiftLeft(b);
    }

    /** The first address of the root block: cell offsets count from here. */
    public BigInteger rootFirst() {
        return rootFirst;
    }

    public Span extent() {
        return extent;
    }

    /** The root block holds {@code 2^bits} addresses. */
    public int bits() {
        return bits;
    }

    /** How many squares the root block is drawn as: 1, or 2 side by side when {@code bits} is odd. */
    public int squares() {
        return 1 + (bits & 1);
    }

    /** The finest level: one address per cell, unless the curve would exceed 64-bit positions (beyond an IPv6 /64). */
    public int finestLevel() {
        int level = Math.max(0, bits - squares() + 1 - 2 * HilbertCurve.MAX_ORDER);
        return level + (level & 1);
    }

    /** The coarsest level: the whole root block in one cell per square. */
    public int coarsestLevel() {
        return bits - (bits & 1);
    }

    /** The Hilbert order of each square at a level. */
    public int order(int level) {
        checkLevel(level);
        return (bits - (bits & 1) - level) / 2;
    }

    public long columns(int level) {
        return (long) squares() << order(level);
    }

    public long rows(int level) {
        return 1L << order(level);
    }

    /** The addresses of the cell at column x, row y, clipped to the extent; null when it lies wholly outside. */
    public Span cell(int level, long x, long y) {
        int order = order(level);
        long side = 1L << order;
        if (x < 0 || y < 0 || y >= side || x >= columns(level)) {
            return null;
        }
        long square = x >>> order;
        long d = HilbertCurve.index(order, x & (side - 1), y);
        BigInteger index = new BigInteger(Long.toUnsignedString(d)).add(BigInteger.valueOf(square).shiftLeft(2 * order));
        BigInteger from = rootFirst.add(index.shiftLeft(level));
        BigInteger to = from.add(BigInteger.ONE.shiftLeft(level)).subtract(BigInteger.ONE);
        BigInteger lo = from.max(extent.first().value());
        BigInteger hi = to.min(extent.last().value());
        if (lo.compareTo(hi) > 0) {
            return null;
        }
        return new Span(Address.of(extent.family(), lo), Address.of(extent.family(), hi));
    }

    /** The {column, row} at a level of the cell holding an address of the root block. */
    public long[] position(int level, Address address) {
        int order = order(level);
        BigInteger index = address.value().subtract(rootFirst).shiftRight(level);
        long square = index.shiftRight(2 * order).longValue();
        long d = index.subtract(BigInteger.valueOf(square).shiftLeft(2 * order)).longValue();
        long[] point = HilbertCurve.point(order, d);
        point[0] += square << order;
        return point;
    }

    private void checkLevel(int level) {
        if (level < 0 || (level & 1) != 0 || level > coarsestLevel()) {
            throw new IllegalArgumentException("level " + level + " is not an even level of a " + bits + "-bit block");
        }
    }
}
