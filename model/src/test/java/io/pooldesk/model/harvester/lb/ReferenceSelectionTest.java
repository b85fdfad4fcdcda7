package io.pooldesk.model.harvester.lb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pooldesk.model.harvester.lb.Fixtures.clusterLb;
import static io.pooldesk.model.harvester.lb.Fixtures.namedPoolLb;
import static io.pooldesk.model.harvester.lb.Fixtures.selectorPool;
import static io.pooldesk.model.harvester.lb.Fixtures.vmLb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section 8 of harvester-lb.md, cases 1 to 7: which pool a load balancer gets. */
class ReferenceSelectionTest {
    private static final String VLAN10 = "default/vlan10";

    private static String chosen(List<IpPool> pools, LoadBalancer lb) {
        PoolSelection.Choice choice = PoolSelection.select(pools, lb);
        return choice.pool() == null ? null : choice.pool().name();
    }

    @Test
    void case1_namespacePoolWinsAndGlobalPoolCatchesTheRest() {
        List<IpPool> pools = List.of(
                selectorPool("default", VLAN10, 0, "*/default/*"),
                selectorPool("global", "", 0, "*/*/*"));
        assertEquals("default", chosen(pools, clusterLb("default", "a", VLAN10, "", "")));
        assertEquals("global", chosen(pools, clusterLb("test", "b", VLAN10, "", "")));
        assertEquals("global", chosen(pools, clusterLb("other", "c", VLAN10, "unknow", "cluster1")));
    }

    @Test
    void case2_withoutGlobalPoolAnUnmatchedLoadBalancerGetsNothing() {
        List<IpPool> pools = List.of(selectorPool("default", VLAN10, 0, "*/default/*"));
        PoolSelection.Choice choice = PoolSelection.select(pools, vmLb("test", "b", VLAN10));
        assertNull(choice.pool());
        assertEquals("no IP pool matches network default/vlan10, project \"\", namespace test, cluster \"\"",
                choice.error());
    }

    @Test
    void case3_higherPriorityWins() {
        List<IpPool> pools = List.of(
                selectorPool("default", VLAN10, 0, "*/default/*"),
                selectorPool("defaultPriority", VLAN10, 100, "*/default/*"));
        assertEquals("defaultPriority", chosen(pools, vmLb("default", "a", VLAN10)));
    }

    @Test
    void case4_looseModeServesClusterLoadBalancersOnly() {
        List<IpPool> pools = List.of(
                selectorPool("vlan-100-with-scope", VLAN10, 0, "project1/default/cluster1"),
                selectorPool("vlan-100-no-scope", VLAN10, 0, "/default/"));
        assertEquals("vlan-100-with-scope",
                chosen(pools, clusterLb("default", "a", VLAN10, "project1", "cluster1")));
        assertEquals("vlan-100-no-scope",
                chosen(pools, clusterLb("default", "b", VLAN10, "unknow", "cluster1")));
        LoadBalancer vm = Fixtures.lb("default", "c", LoadBalancer.WORKLOAD_VM, VLAN10, "unknow", "cluster1");
        assertNull(chosen(pools, vm));
    }

    @Test
    void case5_vmLoadBalancerWithoutNetworkAnnotationIgnoresNetworkPools() {
        List<IpPool> pools = List.of(selectorPool("P", "default/vlan1", 0, "/default/"));
        assertNull(chosen(pools, vmLb("default", "a", "")));
        assertEquals("P", chosen(pools, vmLb("default", "a", "default/vlan1")));
    }

    @Test
    void case6_globalPoolServesAnotherNetworkAndPooldeskWarns() {
        List<IpPool> pools = List.of(
                selectorPool("G", "default/vm-100", 0, "*/*/*"),
                selectorPool("P", "default/vm-untag", 0, "*/other/*"));
        PoolSelection.Choice choice = PoolSelection.select(pools,
                clusterLb("default", "a", "default/vm-untag", "", ""));
        assertEquals("G", choice.pool().name());
        assertTrue(choice.warnings().stream().anyMatch(w -> w.contains("10592")), choice.warnings().toString());
    }

    @Test
    void case7_explicitPoolIsUsedWithoutChecks() {
        List<IpPool> pools = List.of(selectorPool("X", "default/other", 0, "*/elsewhere/*"));
        assertEquals("X", chosen(pools, namedPoolLb("default", "a", "X")));
        PoolSelection.Choice missing = PoolSelection.select(pools, namedPoolLb("default", "a", "Y"));
        assertNull(missing.pool());
        assertEquals("fail to get allocator Y", missing.error());
    }

    @Test
    void equalPrioritiesAreBrokenByNameWithAWarning() {
        List<IpPool> pools = List.of(
                selectorPool("zeta", VLAN10, 5, "*/default/*"),
                selectorPool("alpha", VLAN10, 5, "*/*/cluster1"));
        PoolSelection.Choice choice = PoolSelection.select(pools, clusterLb("default", "a", VLAN10, "", "cluster1"));
        assertEquals("alpha", choice.pool().name());
        assertTrue(choice.warnings().get(0).contains("at random"), choice.warnings().toString());
    }
}
