package io.pooldesk.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pooldesk validate} finds addresses claimed twice across pool systems and with the network: no system's own
 * webhook sees another system's pools, the nodes, the pods or the services.
 */
class ConflictsCliTest {
    private static final String HARVESTER = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: %s}
            spec:
              ranges: [{subnet: %s}]
              selector: {scope: [{namespace: %s}]}
            """;
    private static final String METALLB = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: %s, namespace: metallb-system}
            spec: {addresses: [%s]}
            """;
    private static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata: {name: %s}
            spec: {podCIDR: %s, podCIDRs: [%s]}
            status:
              addresses:
                - {type: Hostname, address: %s}
                - {type: InternalIP, address: %s}
            """;

    @TempDir
    Path dir;

    @Test
    void aMetalLbPoolOverlappingAHarvesterPoolAndANodeAddressReportsBothNamingTheObjects() throws IOException {
        Path pools = write("pools.yaml", HARVESTER.formatted("vm-lbs", "10.20.0.0/24", "default") + "---\n"
                + METALLB.formatted("services", "10.20.0.192/26"));
        Path nodes = write("nodes.yaml", NODE.formatted("worker-1", "10.42.1.0/24", "10.42.1.0/24", "worker-1",
                "10.20.0.200"));
        CliContractTest.Run run = CliContractTest.run("validate", pools.toString(), nodes.toString());
        assertEquals(1, run.code(), run.all());
        List<String> errors = errors(run);
        assertTrue(errors.stream().anyMatch(e -> e.contains(pools + ": document 2 (IPAddressPool/services): spec.addresses: ") && e.contains("and IPPool/vm-lbs (Harvester load balancer, " + pools + ")")
                && e.contains("can both hand out 10.20.0.192-10.20.0.254 (63 addresses)")), run.err());
        // the node's address lies in both pools: each is told, naming the node, its file and the field
        for (String pool : List.of("document 1 (IPPool/vm-lbs): spec.ranges", "(IPAddressPool/services): spec.addresses")) {
            assertTrue(errors.stream().anyMatch(e -> e.contains(pool) && e.contains("10.20.0.200, the InternalIP of"
                    + " Node worker-1 (" + nodes + ", status.addresses[1].address)")), pool + "\n" + run.err());
        }
        assertEquals(3, errors.size(), run.err());
    }

    @Test
    void poolsOfDifferentSystemsThatDoNotMeetAreNoConflict() throws IOException {
        Path pools = write("pools.yaml", HARVESTER.formatted("vm-lbs", "10.20.0.0/25", "default") + "---\n"
                + METALLB.formatted("services", "10.20.0.128/25") + "---\n"
                + NODE.formatted("worker-1", "10.42.1.0/24", "10.42.1.0/24", "worker-1", "10.10.0.5"));
        CliContractTest.Run run = CliContractTest.run("validate", pools.toString());
        assertEquals(0, run.code(), run.all());
    }

    @Test
    void aPoolInsideANodesPodCidrIsAConflict() throws IOException {
        Path pools = write("pools.yaml", METALLB.formatted("services", "10.42.1.240-10.42.2.10") + "---\n"
                + NODE.formatted("worker-1", "10.42.1.0/24", "10.42.1.0/24", "worker-1", "10.10.0.5"));
        CliContractTest.Run run = CliContractTest.run("validate", pools.toString());
        assertEquals(1, run.code(), run.all());
        List<String> errors = errors(run);
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).contains("can hand out 10.42.1.240-10.42.1.255 (16 addresses), inside the pod CIDR"
                + " 10.42.1.0/24 of Node worker-1 (" + pools + ", spec.podCIDRs[0])"), errors.get(0));
    }

    @Test
    void thePoolsAreCheckedAgainstTheServiceCidrOnlyWhenItIsGiven() throws IOException {
        Path pools = write("pools.yaml", METALLB.formatted("services", "10.43.255.0/24"));
        assertEquals(0, CliContractTest.run("validate", pools.toString()).code());
        CliContractTest.Run run = CliContractTest.run("validate", "--service-cidr", "10.43.0.0/16", pools.toString());
        assertEquals(1, run.code(), run.all());
        assertTrue(errors(run).get(0).contains("can hand out 10.43.255.0-10.43.255.255 (256 addresses), inside the"
                + " cluster's service CIDR 10.43.0.0/16 (--service-cidr)"), run.err());
    }

    @Test
    void aDhcpServerOrRouterInsideAnotherSystemsPoolIsAConflict() throws IOException {
        Path pools = write("pools.yaml", """
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: IPPool
                metadata: {name: net-48, namespace: default}
                spec:
                  ipv4Config:
                    serverIP: 192.168.48.77
                    cidr: 192.168.48.0/24
                    pool: {start: 192.168.48.81, end: 192.168.48.90}
                    router: 192.168.48.1
                  networkName: default/net-48
                ---
                apiVersion: network.kubesphere.io/v1alpha2
                kind: Eip
                metadata: {name: edge}
                spec: {address: 192.168.48.0-192.168.48.80, protocol: layer2, interface: eth0}
                """);
        CliContractTest.Run run = CliContractTest.run("validate", pools.toString());
        assertEquals(1, run.code(), run.all());
        List<String> errors = errors(run);
        assertEquals(2, errors.size(), run.err());
        assertTrue(errors.get(0).contains("(Eip/edge): spec.address: ") && errors.get(0).contains("can hand out"
                + " 192.168.48.77, the DHCP server of IPPool/net-48 (Harvester managed DHCP, " + pools
                + ", spec.ipv4Config.serverIP)"), run.err());
        assertTrue(errors.get(1).contains("can hand out 192.168.48.1, the router of IPPool/net-48")
                && errors.get(1).contains("spec.ipv4Config.router)"), run.err());
    }

    @Test
    void aHarvesterGatewayHandedOutByAnotherHarvesterPoolIsAConflict() throws IOException {
        // the ranges do not overlap, so Harvester's webhook accepts both; the second hands out the first's gateway
        Path pools = write("pools.yaml", """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: upper}
                spec:
                  ranges: [{subnet: 10.30.0.0/24, rangeStart: 10.30.0.100, rangeEnd: 10.30.0.200, gateway: 10.30.0.1}]
                  selector: {scope: [{namespace: a}]}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: lower}
                spec:
                  ranges: [{subnet: 10.30.0.0/24, rangeStart: 10.30.0.1, rangeEnd: 10.30.0.50, gateway: 10.30.0.254}]
                  selector: {scope: [{namespace: b}]}
                """);
        CliContractTest.Run run = CliContractTest.run("validate", pools.toString());
        assertEquals(1, run.code(), run.all());
        List<String> errors = errors(run);
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).contains("(IPPool/lower): spec.ranges: ") && errors.get(0).contains(
                "can hand out 10.30.0.1, the gateway of IPPool/upper"), run.err());
    }

    @Test
    void aSlashEightAgainstASlashNineIsCountedExactlyNotListed() throws IOException {
        Path pools = write("pools.yaml", METALLB.formatted("big", "10.0.0.0/8") + "---\n" + """
                apiVersion: novaedge.io/v1alpha1
                kind: ProxyIPPool
                metadata: {name: vips}
                spec: {cidrs: [10.128.0.0/9]}
                """);
        CliContractTest.Run run = CliContractTest.run("validate", pools.toString());
        assertEquals(1, run.code(), run.all());
        // NovaEdge expands only the first 65,536 addresses of a CIDR: only those can be handed out twice
        assertTrue(errors(run).get(0).contains("(ProxyIPPool/vips): spec: ProxyIPPool/vips (NovaEdge, " + pools
                + ") and IPAddressPool/big (MetalLB, " + pools + ") can both hand out 10.128.0.1-10.128.255.254"
                + " (65534 addresses)"), run.err());
    }

    /**
     * MetalLB re-adopts a Service's ingress only when a pool of its own holds it (metallb controller/service.go 77-156):
     * an address in no MetalLB pool is accounted for nowhere, and the Harvester pool that contains it hands it out too.
     */
    @Test
    void anIngressAddressInNoPoolOfItsSystemButInAnotherSystemsPoolIsHeldOutsidePools() throws IOException {
        Path files = write("held.yaml", HARVESTER.formatted("vm-lbs", "10.20.0.0/24", "default") + "---\n"
                + METALLB.formatted("services", "10.30.0.0/24") + "---\n" + """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: prod}
                spec: {type: LoadBalancer, ports: [{port: 80, protocol: TCP}]}
                status: {loadBalancer: {ingress: [{ip: 10.20.0.7}]}}
                """);
        CliContractTest.Run run = CliContractTest.run("validate", files.toString());
        assertEquals(1, run.code(), run.all());
        List<String> errors = errors(run);
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).contains("document 3 (Service/web): status.loadBalancer.ingress[0].ip: Service/web"
                + " (MetalLB, " + files + ", status.loadBalancer.ingress[0].ip) holds 10.20.0.7, which no MetalLB pool"
                + " contains: MetalLB releases it") && errors.get(0).contains("IPPool/vm-lbs (Harvester load balancer, "
                + files + ") can hand it out as well, so the address is given twice"), run.err());
    }

    /** OpenELB looks for the Eip holding a requested address and stops when none does (pkg/controllers/ipam/ipam.go 307-327). */
    @Test
    void anOpenElbAnnotationAskingForAnAddressInNoEipIsHeldOutsidePools() throws IOException {
        Path files = write("asked.yaml", """
                apiVersion: network.kubesphere.io/v1alpha2
                kind: Eip
                metadata: {name: edge}
                spec: {address: 192.168.50.0/28, protocol: layer2, interface: eth0}
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: api
                  namespace: prod
                  annotations: {lb.kubesphere.io/v1alpha1: openelb, eip.openelb.kubesphere.io/v1alpha1: 192.168.50.99}
                spec: {type: LoadBalancer, ports: [{port: 443, protocol: TCP}]}
                """);
        CliContractTest.Run run = CliContractTest.run("validate", files.toString());
        assertEquals(1, run.code(), run.all());
        List<String> errors = errors(run);
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).contains("(Service/api): metadata.annotations.eip.openelb.kubesphere.io/v1alpha1:"
                + " Service/api (OpenELB, " + files + ", metadata.annotations.eip.openelb.kubesphere.io/v1alpha1) asks"
                + " for 192.168.50.99, which no OpenELB pool contains: OpenELB leaves the Service without an address"),
                run.err());
    }

    /**
     * A Harvester load balancer with DHCP IPAM takes its address from the VM network's DHCP server, outside every pool;
     * a MetalLB Service given the same address from its own pool announces it too.
     */
    @Test
    void oneAddressHeldByRequestsOfTwoSystemsIsHeldTwice() throws IOException {
        Path files = write("twice.yaml", METALLB.formatted("services", "10.40.0.0/24") + "---\n" + """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: prod}
                spec: {type: LoadBalancer, ports: [{port: 80, protocol: TCP}]}
                status: {loadBalancer: {ingress: [{ip: 10.40.0.9}]}}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata: {name: vm-web, namespace: prod}
                spec: {ipam: dhcp, workloadType: vm, listeners: [{name: http, port: 80, protocol: TCP, backendPort: 8080}]}
                status: {address: 10.40.0.9}
                """);
        CliContractTest.Run run = CliContractTest.run("validate", files.toString());
        assertEquals(1, run.code(), run.all());
        List<String> errors = errors(run);
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).contains("(LoadBalancer/vm-web): status.address: LoadBalancer/vm-web (Harvester load"
                + " balancer, " + files + ", status.address) and Service/web (MetalLB, " + files
                + ", status.loadBalancer.ingress[0].ip) both hold 10.40.0.9"), run.err());
    }

    /** managed DHCP leases only what a pool's status records (vm-dhcp-controller pkg/ipam): a VM's address elsewhere is unaccounted for. */
    @Test
    void aVmNetworkConfigHoldingAnAddressInNoDhcpPoolIsHeldOutsidePools() throws IOException {
        Path files = write("vm.yaml", """
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: IPPool
                metadata: {name: net-48, namespace: default}
                spec:
                  ipv4Config:
                    serverIP: 192.168.48.2
                    cidr: 192.168.48.0/24
                    pool: {start: 192.168.48.10, end: 192.168.48.90}
                    router: 192.168.48.1
                  networkName: default/net-48
                ---
                apiVersion: network.harvesterhci.io/v1alpha1
                kind: VirtualMachineNetworkConfig
                metadata: {name: vm-1, namespace: default}
                spec:
                  vmName: vm-1
                  networkConfigs: [{networkName: default/net-48, macAddress: "52:54:00:aa:bb:01"}]
                status:
                  networkConfigs: [{networkName: default/net-48, macAddress: "52:54:00:aa:bb:01",
                                    allocatedIPAddress: 192.168.49.20, state: Allocated}]
                """);
        CliContractTest.Run run = CliContractTest.run("validate", files.toString());
        assertEquals(1, run.code(), run.all());
        List<String> errors = errors(run);
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).contains("status.networkConfigs[0].allocatedIPAddress) holds 192.168.49.20, which no"
                + " Harvester managed DHCP pool contains"), run.err());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static List<String> errors(CliContractTest.Run run) {
        return run.err().lines().filter(l -> l.startsWith("error:")).toList();
    }
}
