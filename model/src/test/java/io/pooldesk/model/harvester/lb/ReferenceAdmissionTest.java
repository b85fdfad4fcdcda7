package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.system.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.pooldesk.model.harvester.lb.Fixtures.pool;
import static io.pooldesk.model.harvester.lb.Fixtures.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section 8 of harvester-lb.md, cases 15 to 22: the admission webhooks. */
class ReferenceAdmissionTest {
    private static final String NET = "default/vlan1";

    private static IpPool poolOf(PoolRangeSpec... ranges) {
        return pool("input", List.of(ranges), NET, 0, "/default/");
    }

    private static List<Violation> create(IpPool pool, IpPool... existing) {
        return PoolAdmission.checkCreate(pool, List.of(existing));
    }

    private static void assertRefused(List<Violation> violations, String field, String fragment) {
        assertTrue(violations.stream().anyMatch(v -> v.field().equals(field) && v.message().contains(fragment)),
                "expected " + field + ": ..." + fragment + "... in " + violations);
    }

    @Test
    void case15_emptyRangesAreRefused() {
        assertRefused(create(pool("input", List.of(), NET, 0, "/default/")), "spec.ranges",
                "can't create IP pool input because range can't be empty");
    }

    @ParameterizedTest(name = "case 15: {0}={1} -> {3}")
    @CsvSource({
            "subnet, 192.168.300.0/24, spec.ranges[0].subnet, invalid CIDR address: 192.168.300.0/24",
            "subnet, 192.168.100.0, spec.ranges[0].subnet, invalid CIDR address: 192.168.100.0",
            "rangeStart, 192.168.100.0, spec.ranges[0].rangeStart, invalid range start 192.168.100.0: IP 192.168.100.0 is the network address",
            "rangeEnd, 192.168.100.255, spec.ranges[0].rangeEnd, invalid range end 192.168.100.255: IP 192.168.100.255 is the broadcast address",
            "gateway, 192.168.100.255, spec.ranges[0].gateway, invalid gateway 192.168.100.255: IP 192.168.100.255 is the broadcast address",
            "rangeStart, 192.168.101.5, spec.ranges[0].rangeStart, "
                    + "invalid range start 192.168.101.5: IP 192.168.101.5 is out of subnet 192.168.100.0/24",
            "rangeStart, 192.168.100.x, spec.ranges[0].rangeStart, invalid range start 192.168.100.x"})
    void case15_rangeFieldsAreChecked(String field, String value, String path, String message) {
        PoolRangeSpec spec = switch (field) {
            case "subnet" -> range(value);
            case "rangeStart" -> range("192.168.100.0/24", value, "");
            case "rangeEnd" -> range("192.168.100.0/24", "", value);
            default -> range("192.168.100.0/24", "", "", value);
        };
        assertRefused(create(poolOf(spec)), path, message);
    }

    @Test
    void case16_rangesInsideOnePoolMustNotOverlap() {
        assertEquals(List.of(), create(poolOf(
                range("192.168.100.0/24", "192.168.100.10", "192.168.100.20"),
                range("192.168.100.0/24", "192.168.100.30", "192.168.100.40"))));
        assertRefused(create(poolOf(range("192.168.100.0/24"),
                range("192.168.100.0/24", "192.168.100.10", "192.168.100.20"))),
                "spec.ranges[1]", "there are overlaps between range");
    }

    @Test
    void case16_rangesMustNotOverlapOtherPoolsWhateverTheirNetwork() {
        IpPool other = pool("other", List.of(
                range("192.168.100.0/24", "192.168.100.10", "192.168.100.20"),
                range("192.168.100.0/24", "192.168.100.30", "192.168.100.40")), "default/elsewhere", 7, "/x/");
        assertEquals(List.of(), create(poolOf(range("192.168.100.0/24", "192.168.100.50", "192.168.100.60")), other));
        assertRefused(create(poolOf(range("192.168.100.0/24")), other), "spec.ranges[0]",
                "overlap with other pools: pool other holds 192.168.100.10-192.168.100.20");
    }

    @Test
    void onlyEffectiveSpansCountForOverlap() {
        IpPool other = pool("other", List.of(range("192.168.0.128/25")), NET, 3, "/x/");
        assertEquals(List.of(), create(poolOf(range("192.168.0.0/24", "192.168.0.1", "192.168.0.100")), other));
    }

    @Test
    void case17_thereIsOneGlobalPoolPerCluster() {
        IpPool global = pool("global", List.of(range("10.0.0.0/24")), "", 0, "*/*/*");
        IpPool input = pool("input", List.of(range("10.0.1.0/24")), NET, 0, "*/*/*");
        assertRefused(create(input, global), "spec.selector.scope", "there is already a global IP pool: global");
        assertEquals(List.of(), create(input));
    }

    @Test
    void case18_scopeTuplesOfOnePoolMustNotOverlap() {
        List<PoolRangeSpec> ranges = List.of(range("10.0.0.0/24"));
        assertEquals(List.of(), create(pool("input", ranges, NET, 0, "pj1/ns1/*", "pj1/ns2/*", "pj2/ns1/cluster1")));
        assertRefused(create(pool("input", ranges, NET, 0, "pj1/ns1/*", "pj1/*/cluster1")),
                "spec.selector.scope[1]", "is invalid: scope overlaps");
    }

    @Test
    void case19_nonZeroPrioritiesAreUniqueWhateverTheNetwork() {
        IpPool pool1 = pool("pool1", List.of(range("10.0.0.0/24")), NET, 1, "pj1/ns1/*");
        assertEquals(List.of(), create(pool("input", List.of(range("10.0.1.0/24")), NET, 2, "pj1/ns1/*"), pool1));
        assertRefused(create(pool("input", List.of(range("10.0.1.0/24")), NET, 1, "pj1/ns1/*"), pool1),
                "spec.selector.priority", "the priority can't be the same as the pool pool1");
        assertRefused(create(pool("input", List.of(range("10.0.1.0/24")), "default/other", 1, "pj1/ns1/*"), pool1),
                "spec.selector.priority", "the priority can't be the same as the pool pool1");
    }

    @Test
    void case20_priorityZeroPoolsMustNotShareAScope() {
        IpPool existing = pool("default", List.of(range("10.0.0.0/24")), NET, 0, "pj1/ns1/cluster1");
        assertEquals(List.of(), create(pool("input", List.of(range("10.0.1.0/24")), NET, 0,
                "pj1/ns1/cluster2", "pj1/ns2/cluster1", "pj2/*/*"), existing));
        IpPool wide = pool("default", List.of(range("10.0.0.0/24")), NET, 0, "pj1/*/*");
        assertRefused(create(pool("input", List.of(range("10.0.1.0/24")), NET, 0, "pj1/ns1/cluster2"), wide),
                "spec.selector.scope[0]", "scope selector is same as the pool default with priority 0");
    }

    @Test
    void case21_updateMayNotExcludeAnAllocatedAddress() {
        IpPool shrunk = Fixtures.withAllocated(pool("input", List.of(range("192.168.0.0/24", "192.168.0.1",
                "192.168.0.20")), NET, 0, "/default/"), Map.of("192.168.0.30", "default/lb"), Map.of());
        assertRefused(PoolAdmission.checkUpdate(shrunk, List.of()), "status.allocated",
                "can't update IP pool input because allocated IP 192.168.0.30 is excluded");
    }

    @Test
    void case21_deleteWaitsForAllocationsButNotForHistory() {
        IpPool allocated = Fixtures.withAllocated(poolOf(range("192.168.0.0/24")),
                Map.of("192.168.0.30", "default/lb"), Map.of());
        assertRefused(PoolAdmission.checkDelete(allocated), "status.allocated",
                "can't delete pool before releasing all the allocated IP");
        IpPool historyOnly = Fixtures.withAllocated(poolOf(range("192.168.0.0/24")),
                Map.of(), Map.of("192.168.0.30", "default/lb"));
        assertEquals(List.of(), PoolAdmission.checkDelete(historyOnly));
    }

    @Test
    void case22_loadBalancerMayNotSwitchBetweenPoolAndDhcp() {
        LoadBalancer pooled = Fixtures.vmLb("default", "lb", "");
        LoadBalancer dhcp = new LoadBalancer("default", "lb", LoadBalancer.IPAM_DHCP, "", "", Map.of(), "", "");
        List<Violation> violations = LoadBalancerAdmission.checkUpdate(pooled, dhcp);
        assertRefused(violations, "spec.ipam", "can't change the IPAM from pool to dhcp");
        HarvesterLbEngine engine = Fixtures.engineWith(poolOf(range("192.168.0.0/24")));
        Fixtures.request(engine, pooled);
        try {
            engine.request(dhcp);
            throw new AssertionError("the engine accepted an IPAM switch");
        } catch (AdmissionException e) {
            assertEquals("can't change the IPAM from pool to dhcp", e.getMessage());
        }
    }

    @Test
    void everyIndependentProblemIsReportedNotOnlyTheFirst() {
        IpPool global = pool("global", List.of(range("10.0.0.0/24")), "", 0, "*/*/*");
        IpPool input = pool("input", List.of(range("10.0.0.0/24"), range("10.9.0.0/24", "10.8.0.1", "")),
                NET, 0, "*/*/*");
        List<Violation> violations = create(input, global);
        assertRefused(violations, "spec.ranges[1].rangeStart", "out of subnet");
        assertRefused(violations, "spec.selector.scope", "there is already a global IP pool: global");
    }

    @Test
    void poolsTooLargeForTheReferenceCountersAreReported() {
        assertRefused(PoolAdmission.checkLimits(poolOf(range("fd00::/64"))), "spec.ranges",
                "would accept it but report total -2");
        assertRefused(PoolAdmission.checkLimits(poolOf(range("::/0"))), "spec.ranges", "usable addresses");
        assertEquals(List.of(), PoolAdmission.checkLimits(poolOf(range("fd00::/100"))));
    }
}
