package io.pooldesk.model.planning;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The run-out time {@code pooldesk metrics} serves: free addresses over the growth observed in the last day. */
class ObservedGrowthTest {
    private static final Instant T0 = Instant.parse("2026-12-08T00:00:00Z");
    private static final double NEVER = Double.POSITIVE_INFINITY;

    private static BigInteger n(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void aPoolThatGrewTenAddressesInAnHourWithNinetyFreeRunsOutInNineHours() {
        ObservedGrowth growth = new ObservedGrowth();
        growth.observe("edge", T0, n(100));
        growth.observe("edge", T0.plus(Duration.ofMinutes(30)), n(104));
        growth.observe("edge", T0.plus(Duration.ofHours(1)), n(110));
        assertEquals(9 * 3600.0, growth.secondsUntilFull("edge", T0.plus(Duration.ofHours(1)), n(90), n(200)));
        // an hour more without a change halves the pace: twice the time from now
        assertEquals(18 * 3600.0, growth.secondsUntilFull("edge", T0.plus(Duration.ofHours(2)), n(90), n(200)));
    }

    @Test
    void notGrowingNeverObservedOrNothingToHandOutNeverRunsOutAndFullIsZero() {
        ObservedGrowth growth = new ObservedGrowth();
        assertEquals(NEVER, growth.secondsUntilFull("edge", T0, n(10), n(20)), "never observed");
        growth.observe("edge", T0, n(10));
        assertEquals(NEVER, growth.secondsUntilFull("edge", T0.plusSeconds(60), n(10), n(20)), "one count only");
        growth.observe("edge", T0.plusSeconds(60), n(8));
        assertEquals(NEVER, growth.secondsUntilFull("edge", T0.plusSeconds(60), n(12), n(20)), "shrinking");
        assertEquals(0.0, growth.secondsUntilFull("edge", T0.plusSeconds(60), n(0), n(20)), "full now");
        assertEquals(NEVER, growth.secondsUntilFull("edge", T0.plusSeconds(60), n(0), n(0)), "hands out nothing");
    }

    @Test
    void onlyTheLastDayCountsFromTheCountTheDayStartedWith() {
        ObservedGrowth growth = new ObservedGrowth();
        growth.observe("edge", T0, n(0));
        growth.observe("edge", T0.plus(Duration.ofHours(2)), n(1000));
        growth.observe("edge", T0.plus(Duration.ofHours(20)), n(1012));
        // 26 h after T0 the day started at 2 h, with 1,000 used: 12 more in 24 h, 120 free take 10 days
        assertEquals(240 * 3600.0, growth.secondsUntilFull("edge", T0.plus(Duration.ofHours(26)), n(120),
                n(2000)));
        // a burst older than the window is forgotten: 50 h after T0 nothing grew in the last day
        growth.observe("edge", T0.plus(Duration.ofHours(50)), n(1012));
        assertEquals(NEVER, growth.secondsUntilFull("edge", T0.plus(Duration.ofHours(50)), n(120), n(2000)));
    }

    @Test
    void aPoolForgottenStartsAfresh() {
        ObservedGrowth growth = new ObservedGrowth();
        growth.observe("edge", T0, n(1));
        growth.observe("edge", T0.plusSeconds(10), n(2));
        growth.keepOnly(Set.of("other"));
        growth.observe("edge", T0.plusSeconds(20), n(2));
        assertEquals(NEVER, growth.secondsUntilFull("edge", T0.plusSeconds(20), n(5), n(7)));
    }

    @Test
    void countsBeyondALongAreExact() {
        ObservedGrowth growth = new ObservedGrowth();
        BigInteger base = BigInteger.TWO.pow(100);
        growth.observe("v6", T0, base);
        growth.observe("v6", T0.plusSeconds(1), base.add(n(1)));
        // 2^64 free at one address a second
        assertEquals(BigInteger.TWO.pow(64).doubleValue(),
                growth.secondsUntilFull("v6", T0.plusSeconds(1), BigInteger.TWO.pow(64), BigInteger.TWO.pow(101)));
    }
}
