package io.pooldesk.model.conflicts;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.registry.PoolSystems;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: pools against the service CIDR "given by an option, or learned where the cluster shows it": a
 * networking.k8s.io/v1 ServiceCIDR object (the API server's own is named kubernetes), else the cluster IP of the
 * kubernetes Service in default, one address of the range and no more.
 */
class LearnedServiceCidrTest {
    private static final String POOL = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: web, namespace: metallb-system}
            spec: {addresses: [10.96.0.0-10.96.0.15, 10.80.0.0/24]}
            ---
            """;
    private static final String SERVICE_CIDR = """
            apiVersion: networking.k8s.io/v1
            kind: ServiceCIDR
            metadata: {name: kubernetes}
            spec: {cidrs: [10.96.0.0/28, "fd00:10:96::/112"]}
            ---
            """;
    private static final String KUBERNETES_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: kubernetes, namespace: default}
            spec: {type: ClusterIP, clusterIP: 10.96.0.1, clusterIPs: [10.96.0.1], ports: [{port: 443}]}
            ---
            """;

    private static List<Conflict> check(String yaml, Optional<String> option) throws Exception {
        List<Manifest> manifests = ManifestReader.parse("cluster.yaml", yaml).manifests();
        return new ConflictCheck(PoolSystems.all()).check(manifests, option).stream()
                .filter(c -> c.kind() == Conflict.Kind.SERVICE_CIDR).toList();
    }

    @Test
    void aPoolInsideTheServiceCidrObjectIsReportedNamingThePoolAndTheServiceCidr() throws Exception {
        List<Conflict> conflicts = check(POOL + SERVICE_CIDR + KUBERNETES_SERVICE, Optional.empty());
        assertEquals(1, conflicts.size(), conflicts.toString());
        Conflict conflict = conflicts.get(0);
        assertEquals("IPAddressPool/web", conflict.pool().describe());
        assertEquals("ServiceCIDR/kubernetes", conflict.other().describe());
        assertEquals(BigInteger.valueOf(16), conflict.addresses().size());
        assertEquals("IPAddressPool/web (MetalLB, cluster.yaml) can hand out 10.96.0.0-10.96.0.15 (16 addresses),"
                + " inside the cluster's service CIDR 10.96.0.0/28 (ServiceCIDR/kubernetes, cluster.yaml,"
                + " spec.cidrs[0]): a load balancer given one of them collides with a Service's cluster IP",
                conflict.message());
        assertEquals("ServiceCIDR/kubernetes", conflict.otherThan(conflict.pool()));
    }

    @Test
    void withoutServiceCidrObjectsTheKubernetesServicesClusterIpIsAHintNotTheRange() throws Exception {
        List<Conflict> conflicts = check(POOL + KUBERNETES_SERVICE, Optional.empty());
        assertEquals(1, conflicts.size(), conflicts.toString());
        Conflict conflict = conflicts.get(0);
        assertEquals("Service/kubernetes", conflict.other().describe());
        assertEquals(BigInteger.ONE, conflict.addresses().size(), "one address, not the 16 of the pool's first range");
        assertTrue(conflict.message().startsWith("IPAddressPool/web (MetalLB, cluster.yaml) can hand out 10.96.0.1,"
                + " the cluster IP of the API server's Service default/kubernetes (cluster.yaml, spec.clusterIPs[0])"),
                conflict.message());
        assertTrue(conflict.message().contains("a hint, not the range"), conflict.message());
    }

    @Test
    void theOptionWinsOverWhatTheClusterShows() throws Exception {
        List<Conflict> conflicts = check(POOL + SERVICE_CIDR + KUBERNETES_SERVICE, Optional.of("10.80.0.128/25"));
        assertEquals(1, conflicts.size(), conflicts.toString());
        assertEquals(null, conflicts.get(0).other(), "the option's range is no object of the input");
        assertEquals(BigInteger.valueOf(128), conflicts.get(0).addresses().size());
    }

    @Test
    void aPoolOutsideTheLearnedRangeAndAServiceCalledKubernetesElsewhereAreNoConflict() throws Exception {
        String otherNamespace = KUBERNETES_SERVICE.replace("namespace: default", "namespace: web");
        assertEquals(List.of(), check(POOL.replace("10.96.0.0-10.96.0.15, ", "") + SERVICE_CIDR, Optional.empty()));
        assertEquals(List.of(), check(POOL + otherNamespace, Optional.empty()));
    }

    @Test
    void validateCountsAServiceCidrAsCheckedAndReportsTheConflict() throws Exception {
        var report = new io.pooldesk.model.validation.ManifestValidator().validate(
                ManifestReader.parse("cluster.yaml", POOL + SERVICE_CIDR).manifests());
        assertTrue(report.warnings().stream().noneMatch(w -> w.contains("ServiceCIDR")), report.warnings().toString());
        assertTrue(report.errors().stream().anyMatch(e -> e.toString().contains("ServiceCIDR/kubernetes")),
                report.errors().toString());
    }

    /** The window on a folder workspace: a ServiceCIDR manifest the folder holds is the range its analysis checks. */
    @Test
    void aFolderWorkspaceHoldingAServiceCidrManifestIsCheckedAgainstIt(@org.junit.jupiter.api.io.TempDir
                                                                      java.nio.file.Path folder) throws Exception {
        java.nio.file.Files.writeString(folder.resolve("pools.yaml"), POOL);
        java.nio.file.Files.writeString(folder.resolve("servicecidr.yaml"), SERVICE_CIDR);
        var workspace = io.pooldesk.model.workspace.Workspace.open(folder);
        var pool = io.pooldesk.model.workspace.WorkspaceAnalysis.of(workspace.manifests()).pools().get(0);
        assertEquals(1, pool.conflicts().size(), pool.conflicts().toString());
        assertEquals("ServiceCIDR/kubernetes", pool.conflicts().get(0).other().describe());
        assertEquals(folder.resolve("servicecidr.yaml").toString(), pool.conflicts().get(0).other().source());
    }
}
