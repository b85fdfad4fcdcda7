package io.pooldesk.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pooldesk.model.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A field the cluster's schema lacks is refused, not dropped: the gateway asks the real server for strict field
 * validation on the dry-run and on every write (create, update, server-side apply), and says which object and which
 * field.
 */
@ExtendWith(RealApiServer.class)
class RealServerStrictFieldsTest {
    private static final ClusterKind CONFIGS = RealApiServer.kind("network.harvesterhci.io",
            "VirtualMachineNetworkConfig");

    /** A VirtualMachineNetworkConfig with the README's spelling {@code networkConfig} (the CRD has networkConfigs). */
    private static List<Manifest> misspelt(String name) {
        return RealServerGatewayTest.workspace("""
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: VirtualMachineNetworkConfig
                metadata: {name: %s, namespace: default}
                spec:
                  vmName: %s
                  networkConfig:
                    - {macAddress: "ca:70:82:e6:84:6e", networkName: default/net-48}
                """.formatted(name, name));
    }

    private static void assertRefusedNamingTheField(List<ObjectOutcome> outcomes, String name) {
        assertEquals(1, outcomes.size(), outcomes.toString());
        ObjectOutcome outcome = outcomes.get(0);
        assertEquals(ObjectOutcome.Result.INVALID, outcome.result(), outcome.toString());
        assertTrue(outcome.toString().contains("VirtualMachineNetworkConfig/default/" + name), outcome.toString());
        assertTrue(outcome.message().contains("has no field spec.networkConfig "), outcome.message());
    }

    private static GenericKubernetesResource inCluster(KubernetesClient admin, String name) {
        return admin.genericKubernetesResources(CONFIGS.context()).inNamespace("default").withName(name).get();
    }

    @Test
    void aCreateWithAFieldTheSchemaLacksIsRefusedOnDryRunAndApplyAndNothingIsStored(RealApiServer.Server server)
            throws Exception {
        String name = "strict-create-" + ProcessHandle.current().pid();
        try (KubernetesClient admin = server.admin(); ClusterGateway gateway = new ClusterGateway(server.admin())) {
            assertRefusedNamingTheField(gateway.apply(misspelt(name), true, o -> { }), name);
            assertRefusedNamingTheField(gateway.apply(misspelt(name), false, o -> { }), name);
            assertRefusedNamingTheField(gateway.apply(misspelt(name), false, true, o -> { }), name);
            assertNull(inCluster(admin, name), "nothing was stored, not even without the unknown field");
        }
    }

    @Test
    void anUpdateWithAFieldTheSchemaLacksIsRefusedAndTheLiveObjectIsKept(RealApiServer.Server server)
            throws Exception {
        String name = "strict-update-" + ProcessHandle.current().pid();
        List<Manifest> good = RealServerGatewayTest.workspace("""
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: VirtualMachineNetworkConfig
                metadata: {name: %s, namespace: default}
                spec:
                  vmName: %s
                  networkConfigs:
                    - {macAddress: "ca:70:82:e6:84:6e", networkName: default/net-48}
                """.formatted(name, name));
        try (KubernetesClient admin = server.admin(); ClusterGateway gateway = new ClusterGateway(server.admin())) {
            List<ObjectOutcome> created = gateway.apply(good, false, o -> { });
            assertEquals(ObjectOutcome.Result.CREATED, created.get(0).result(), created.toString());
            String before = inCluster(admin, name).getMetadata().getResourceVersion();
            // the live object gains a field the schema lacks: an update (PUT) and a server-side apply
            assertRefusedNamingTheField(gateway.apply(misspelt(name), false, o -> { }), name);
            assertRefusedNamingTheField(gateway.apply(misspelt(name), false, true, o -> { }), name);
            GenericKubernetesResource live = inCluster(admin, name);
            assertEquals(before, live.getMetadata().getResourceVersion(), "the live object is as it was");
            assertTrue(((Map<?, ?>) live.getAdditionalProperties().get("spec")).containsKey("networkConfigs"));
        } finally {
            try (KubernetesClient admin = server.admin()) {
                admin.genericKubernetesResources(CONFIGS.context()).inNamespace("default").withName(name).delete();
            }
        }
    }
}
