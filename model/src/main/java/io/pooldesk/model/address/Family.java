package io.pooldesk.model.address;

import java.math.BigInteger;

/** An address family, with the width of its addresses. */
public enum Family {
    IPV4(32),
    IPV6(128);

    private final int bits;
    private final BigInteger maxValue;

    Family(int bits) {
        this.bits = bits;
        this.maxValue = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    public int bits() {
        return bits;
    }

    /** The all-ones address of this family, as a number. */
    public BigInteger maxValue() {
        return maxValue;
    }

    public String label() {
        return this == IPV4 ? "IPv4" : "IPv6";
    }
}
