package io.pooldesk.views.common;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountsTest {

    @Test
    void smallCountsStayExact() {
        assertEquals("65533", Counts.compact(BigInteger.valueOf(65533)));
        assertEquals("4294967296", Counts.compact(BigInteger.ONE.shiftLeft(32)));
    }

    @Test
    void ipv6CountsAreWrittenExactlyAroundTheirPowerOfTwo() {
        BigInteger slash64 = BigInteger.ONE.shiftLeft(64);
        assertEquals("2^64", Counts.compact(slash64));
        assertEquals("2^64 − 12", Counts.compact(slash64.subtract(BigInteger.valueOf(12))));
        assertEquals("2^63 + 5", Counts.compact(BigInteger.ONE.shiftLeft(63).add(BigInteger.valueOf(5))));
    }

    @Test
    void otherLargeCountsAreApproximatedAndSaySo() {
        assertEquals("≈3.00e+12", Counts.compact(BigInteger.valueOf(3_000_000_000_000L)));
    }
}
