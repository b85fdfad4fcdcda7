package io.pooldesk.views.pools.forms.harvesterlb;

import io.pooldesk.model.harvester.lb.HarvesterLbCodec;
import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.model.harvester.lb.LoadBalancer;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool form without a window: what it marks, and what it says the pool would serve. */
class IpPoolFormModelTest {
    private static final String WORKSPACE = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: default-pool}
            spec:
              ranges: [{subnet: 192.168.100.0/24}]
              selector:
                scope: [{project: "*", namespace: default, guestCluster: "*"}]
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: LoadBalancer
            metadata: {name: web, namespace: team}
            spec: {ipam: pool}
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: LoadBalancer
            metadata: {name: named, namespace: other}
            spec: {ipam: pool, ipPool: team-pool}
            ---
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: LoadBalancer
            metadata: {name: home, namespace: default}
            spec: {ipam: pool}
            """;

    private static IpPoolFormModel form() throws Exception {
        List<IpPool> pools = new ArrayList<>();
        List<LoadBalancer> balancers = new ArrayList<>();
        for (Manifest m : ManifestReader.parse("ws.yaml", WORKSPACE).manifests()) {
            if (m.kind().equals("IPPool")) {
                pools.add(HarvesterLbCodec.readPool(m));
            } else {
                balancers.add(HarvesterLbCodec.readLoadBalancer(m));
            }
        }
        IpPoolFormModel form = new IpPoolFormModel(null, pools, balancers);
        form.name.set("team-pool");
        form.ranges.get(0).subnet.set("10.20.0.0/24");
        form.scope.get(0).namespace.set("team");
        return form;
    }

    @Test
    void aPriorityBeyondTheReferenceBoundIsMarkedWithTheCodecsWords() throws Exception {
        IpPoolFormModel form = form();
        assertNull(form.error("spec.selector.priority"));
        form.priority.set("4294967295");
        assertNull(form.error("spec.selector.priority"), "the largest uint32 is a priority");
        form.priority.set("4294967296");
        assertEquals("priority must be between 0 and 4294967295, found 4294967296",
                form.error("spec.selector.priority"));
        assertFalse(form.validProperty().get());
        form.priority.set("high");
        assertTrue(form.error("spec.selector.priority").startsWith("priority must be a whole number"),
                form.error("spec.selector.priority"));
        form.priority.set("");
        assertTrue(form.validProperty().get(), "no priority is priority 0");
    }

    @Test
    void thePreviewNamesTheLoadBalancersThatWouldChooseThePool() throws Exception {
        IpPoolFormModel form = form();
        assertTrue(form.validProperty().get(), form.errors().toString());
        String preview = form.previewProperty().get();
        assertTrue(preview.contains("2 load balancer(s) would choose it: team/web, other/named"), preview);
        assertFalse(preview.contains("default/home"), "default's load balancer keeps default-pool: " + preview);
    }
}
