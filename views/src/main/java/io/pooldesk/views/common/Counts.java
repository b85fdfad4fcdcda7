package io.pooldesk.views.common;

import java.math.BigInteger;

/** Address counts short enough for a table cell, and exact wherever that is possible. */
public final class Counts {
    private static final BigInteger LARGE = BigInteger.TEN.pow(10);
    private static final BigInteger NEAR = BigInteger.valueOf(1_000_000);

    private Counts() {
    }

    /**
     * Up to ten digits as written; beyond, as {@code 2^64} or {@code 2^64 − 12} when the count sits close to a
     * power of two (IPv6 blocks always do), else to three significant figures with an approximation sign.
     */
    public static String compact(BigInteger count) {
        if (count.abs().compareTo(LARGE) < 0) {
            return count.toString();
        }
        int k = count.bitLength();
        for (int exponent : new int[] {k - 1, k}) {
            BigInteger power = BigInteger.ONE.shiftLeft(exponent);
            BigInteger delta = count.subtract(power);
            if (delta.abs().compareTo(NEAR) <= 0) {
                String base = "2^" + exponent;
                return delta.signum() == 0 ? base : base + (delta.signum() > 0 ? " + " : " − ") + delta.abs();
            }
        }
        return "≈" + String.format(java.util.Locale.ROOT, "%.3g", count.doubleValue());
    }
}
