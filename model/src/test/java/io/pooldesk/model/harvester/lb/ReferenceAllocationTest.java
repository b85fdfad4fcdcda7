package io.pooldesk.model.harvester.lb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.List;

import static io.pooldesk.model.harvester.lb.Fixtures.allocate;
import static io.pooldesk.model.harvester.lb.Fixtures.engineWith;
import static io.pooldesk.model.harvester.lb.Fixtures.ip;
import static io.pooldesk.model.harvester.lb.Fixtures.pool;
import static io.pooldesk.model.harvester.lb.Fixtures.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section 8 of harvester-lb.md, cases 8 to 14: counts and the order addresses are handed out in. */
class ReferenceAllocationTest {

    private static HarvesterLbEngine engineOver(PoolRangeSpec... ranges) {
        return engineWith(pool("p", List.of(ranges), "", 0, "/default/"));
    }

    private static RangeSet ranges(PoolRangeSpec... ranges) throws RangeException {
        return engineOver(ranges).pool("p").ranges();
    }

    @ParameterizedTest(name = "case 8: subnet {0} start {1} end {2} gateway {3} -> total {4}")
    @CsvSource(nullValues = "-", value = {
            "192.168.100.0/24, -, -, -, 253",
            "192.168.100.0/24, 192.168.100.1, 192.168.100.10, -, 9",
            "192.168.100.0/24, 192.168.100.1, 192.168.100.10, 192.168.100.11, 10",
            "192.168.100.0/24, 192.168.100.251, -, -, 4",
            "192.168.100.0/24, -, 192.168.100.10, -, 9"})
    void case8_totalSubtractsTheGatewayOnlyInsideTheRange(String subnet, String start, String end, String gateway,
                                                          long total) throws RangeException {
        RangeSet set = ranges(range(subnet, orEmpty(start), orEmpty(end), orEmpty(gateway)));
        assertEquals(BigInteger.valueOf(total), set.total());
        assertEquals(total, set.referenceTotal());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @Test
    void case9_slash32HasOneAddressAndNoGateway() throws RangeException {
        HarvesterLbEngine engine = engineOver(range("192.168.100.10/32"));
        PoolState state = engine.pool("p");
        assertEquals(BigInteger.ONE, state.ranges().total());
        assertNull(state.ranges().ranges().get(0).gateway());
        assertEquals("192.168.100.10", allocate(engine, "first"));
        assertEquals("error: fail to get ip from pool p, error: no IP addresses available in range set: "
                + "192.168.100.10-192.168.100.10 (pool p is exhausted)", allocate(engine, "second"));
    }

    @Test
    void case10_roundRobinWrapsAndTakesAReleasedAddress() {
        HarvesterLbEngine engine = engineOver(range("192.168.100.0/24", "192.168.100.10", "192.168.100.14"));
        assertEquals("192.168.100.10", allocate(engine, "a"));
        assertEquals("192.168.100.11", allocate(engine, "b"));
        assertEquals("192.168.100.12", allocate(engine, "c"));
        HarvesterLbEngine.Release release = engine.release("default/a");
        assertEquals(ip("192.168.100.10"), release.address());
        assertEquals("default/a", engine.pool("p").ledger().historyHolderOf(ip("192.168.100.10")));
        assertEquals("192.168.100.13", allocate(engine, "d"));
        assertEquals("192.168.100.14", allocate(engine, "e"));
        assertEquals("192.168.100.10", allocate(engine, "f"));
        assertTrue(engine.pool("p").ledger().historyEntries().isEmpty(), "f's reservation clears a's history");
        assertTrue(allocate(engine, "a").contains("no IP addresses available in range set: "
                + "192.168.100.10-192.168.100.14"));
    }

    @Test
    void case11_recreatedLoadBalancerGetsItsPreviousAddress() {
        HarvesterLbEngine engine = engineOver(range("192.168.100.0/24", "192.168.100.10", "192.168.100.19"));
        assertEquals("192.168.100.10", allocate(engine, "x"));
        assertEquals("192.168.100.11", allocate(engine, "y"));
        assertEquals("192.168.100.12", allocate(engine, "z"));
        engine.release("default/x");
        assertEquals("192.168.100.10", allocate(engine, "x"));
    }

    @Test
    void case12_rangesAreWalkedInSpecOrderNotNumericOrder() {
        HarvesterLbEngine engine = engineOver(
                range("10.1.0.0/24", "10.1.0.250", "10.1.0.251"),
                range("10.0.0.0/24", "10.0.0.5", "10.0.0.6"));
        assertEquals("10.1.0.250", allocate(engine, "a"));
        assertEquals("10.1.0.251", allocate(engine, "b"));
        assertEquals("10.0.0.5", allocate(engine, "c"));
        assertEquals("10.0.0.6", allocate(engine, "d"));
        assertTrue(allocate(engine, "e").contains("no IP addresses available in range set: "
                + "10.1.0.250-10.1.0.251,10.0.0.5-10.0.0.6"));
    }

    @Test
    void case13_reversedStartAndEndAreSwapped() throws RangeException {
        RangeSet set = ranges(range("192.168.100.0/24", "192.168.100.20", "192.168.100.10"));
        EffectiveRange range = set.ranges().get(0);
        assertEquals(ip("192.168.100.10"), range.start());
        assertEquals(ip("192.168.100.20"), range.end());
        assertTrue(range.swapped());
        assertEquals(BigInteger.valueOf(11), set.total());
    }

    @Test
    void case14_slash31HandsOutTheNetworkAddress() {
        HarvesterLbEngine engine = engineOver(range("192.168.100.0/31"));
        PoolState state = engine.pool("p");
        assertEquals(BigInteger.ONE, state.ranges().total());
        assertEquals(ip("192.168.100.1"), state.ranges().ranges().get(0).gateway());
        assertEquals("192.168.100.0", allocate(engine, "a"));
    }

    @Test
    void case14_smallIpv6RangeSkipsTheGateway() {
        HarvesterLbEngine engine = engineOver(range("fd00::/126"));
        assertEquals(BigInteger.TWO, engine.pool("p").ranges().total());
        assertEquals("fd00::2", allocate(engine, "a"));
        assertEquals("fd00::3", allocate(engine, "b"));
        assertTrue(allocate(engine, "c").startsWith("error:"));
    }

    @Test
    void case14_ipv6Slash64OverflowsTheReferenceTotal() throws RangeException {
        RangeSet set = ranges(range("fd00::/64"));
        assertEquals(-2, set.referenceTotal());
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO), set.total());
        assertEquals("fd00::2", allocate(engineOver(range("fd00::/64")), "a"));
    }

    @Test
    void ipv6Slash128ReportsTwoButHandsOutOne() throws RangeException {
        HarvesterLbEngine engine = engineOver(range("fd00::5/128"));
        assertEquals(2, engine.pool("p").ranges().referenceTotal());
        assertEquals("fd00::5", allocate(engine, "a"));
        assertTrue(allocate(engine, "b").startsWith("error:"));
    }

    @Test
    void historyAddressThatBecameTheGatewayFailsWithoutFallback() {
        IpPool pool = Fixtures.withAllocated(pool("p", List.of(range("192.168.100.0/24", "192.168.100.1",
                "192.168.100.20")), "", 0, "/default/"), java.util.Map.of(),
                java.util.Map.of("192.168.100.1", "default/a"));
        HarvesterLbEngine engine = engineWith(pool);
        assertEquals("error: fail to get ip from pool p, error: requested ip 192.168.100.1 is subnet's gateway",
                allocate(engine, "a"));
    }

    /**
     * The CNI allocator would fail "192.168.100.50 not in range set" with no fallback, but the ippool controller prunes
     * the history to the ranges the first time it sees the pool (controller/ippool/controller.go 67-75, 140-157;
     * controllers.md §4), so the iterator serves.
     */
    @Test
    void historyAddressOutsideTheRangesIsPrunedOnFirstSightAndTheIteratorServes() {
        IpPool pool = Fixtures.withAllocated(pool("p", List.of(range("192.168.100.0/24", "192.168.100.10",
                "192.168.100.20")), "", 0, "/default/"), java.util.Map.of(),
                java.util.Map.of("192.168.100.50", "default/a"));
        assertEquals("192.168.100.10", allocate(engineWith(pool), "a"));
    }

    @Test
    void roundRobinResumesAfterLastAllocatedFromStatus() {
        IpPool pool = pool("p", List.of(range("192.168.100.0/24", "192.168.100.10", "192.168.100.14")), "", 0,
                "/default/").withStatus(new IpPoolStatus("192.168.100.12",
                java.util.Map.of("192.168.100.12", "default/old"), java.util.Map.of()));
        HarvesterLbEngine engine = engineWith(pool);
        assertEquals(ip("192.168.100.13"), engine.pool("p").nextAddress());
        assertEquals("192.168.100.13", allocate(engine, "a"));
        assertEquals("192.168.100.14", allocate(engine, "b"));
        assertEquals("192.168.100.10", allocate(engine, "c"));
    }

    @Test
    void loadBalancerThatAlreadyHoldsAnAddressKeepsIt() {
        IpPool pool = pool("p", List.of(range("192.168.100.0/24", "192.168.100.10", "192.168.100.14")), "", 0,
                "/default/").withStatus(new IpPoolStatus("192.168.100.11",
                java.util.Map.of("192.168.100.11", "default/a"), java.util.Map.of()));
        HarvesterLbEngine engine = engineWith(pool);
        assertEquals("192.168.100.11", allocate(engine, "a"));
        assertEquals(1, engine.pool("p").ledger().allocatedCount());
        assertFalse(engine.pool("p").ledger().isAllocated(ip("192.168.100.12")));
    }
}
