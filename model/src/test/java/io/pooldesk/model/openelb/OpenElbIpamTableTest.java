package io.pooldesk.model.openelb;

import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.simulation.Simulations;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenELB's IPAM tables, case by case: pkg/controllers/ipam/ipam_test.go and ipamv6_test.go (openelb/openelb f35d3f1)
 * TestManager_AssignIP, TestManager_ReleaseIP and (IPv6) TestManager_ConstructAllocateV6, each case the Eips with
 * their {@code status.used} as the starting state and one Service through the whole simulator, as {@code pooldesk
 * simulate} runs them. The reference tests call AssignIP/ReleaseIP on a request record; here the record is what the
 * Service asks for, and the controller's release-then-assign (pkg/controllers/lb/controller.go 194-238) decides the
 * end state. Every Service carries {@code ipFamilies} (the API server writes it; OpenELB refuses a Service without).
 *
 * <p>Eips: {@code name address} then {@code default}, {@code disable}, {@code deleting}, {@code ns=a+b}, {@code
 * sel=k:v}, {@code priority=N}, {@code used=ip>ns/a+ns/b} (several separated by spaces); several Eips separated by
 * {@code ;}. Service: {@code ns/name} then {@code eip=E} (names the Eip), {@code ip=I} (the requested-IP annotation),
 * {@code lbip=I} (spec.loadBalancerIP), {@code label=E} (the label the controller writes), {@code status=I}, {@code
 * v6}, {@code type=T}, {@code noopt} (no opt-in annotation). Then: Scenario steps after the input ({@code delete
 * ns/name}). Expected: the address, {@code error TEXT}, or {@code none}; used: the Eip's {@code status.used} at the
 * end, {@code -} when empty.
 */
class OpenElbIpamTableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", nullValues = "", textBlock = """
            A1 allocate is nil (a ClusterIP Service asks nothing)            | eip 192.168.1.0/24 | default/svc eip=eip type=ClusterIP | | none | -
            A2 eip not found                                                  | eip 192.168.1.0/24 | default/svc eip=xx | | error eips.network.kubesphere.io "xx" not found | -
            A3 allocate from eip 1 - static ip                                | eip 192.168.1.0/24 | default/svc eip=eip ip=192.168.1.100 | | 192.168.1.100 | 192.168.1.100>default/svc
            A4 allocate from eip 2 - auto                                     | eip 192.168.1.0/24 | default/svc eip=eip | | 192.168.1.0 | 192.168.1.0>default/svc
            A5 no avliable eip 1 - eip is deleting                            | eip 192.168.1.0/24 deleting | default/svc eip=eip | | error no avliable eip, err:eip:eip is deleting | -
            A6 no avliable eip 2 - eip is disabled                            | eip 192.168.1.0/24 disable | default/svc eip=eip | | error no avliable eip, err:eip:eip is disabled | -
            A7 no avliable eip 3 - out of range                               | eip 192.168.1.0/24 | default/svc eip=eip ip=192.168.0.100 | | error no avliable eip, err:the specified ip:192.168.0.100 is beyond the range of eip[eip:192.168.1.0/24] | -
            A8 no avliable eip 4 - ippool is full (as written: names a missing Eip) | eip-full 192.168.1.100-192.168.1.101 used=192.168.1.100>default/test0 used=192.168.1.101>default/test1 | default/svc eip=eip | | error eips.network.kubesphere.io "eip" not found | 192.168.1.100>default/test0 192.168.1.101>default/test1
            A8 corrected - the full Eip named                                 | eip-full 192.168.1.100-192.168.1.101 used=192.168.1.100>default/test0 used=192.168.1.101>default/test1 | default/svc eip=eip-full | | error no avliable eip, err:no suitable ip to allocate | 192.168.1.100>default/test0 192.168.1.101>default/test1
            A9 Allocation records that already exist - share address          | eip 192.168.1.0/24 used=192.168.1.100>default/test | default/svc eip=eip ip=192.168.1.100 | | 192.168.1.100 | 192.168.1.100>default/test+default/svc
            A10 Allocation records that already exist - return records        | eip 192.168.1.0/24 used=192.168.1.100>default/svc | default/svc eip=eip ip=192.168.1.100 label=eip status=192.168.1.100 | | 192.168.1.100 | 192.168.1.100>default/svc
            A11 records exist but specify a different IP (controller: released first) | eip 192.168.1.0/24 used=192.168.1.100>default/svc | default/svc eip=eip ip=192.168.1.110 label=eip status=192.168.1.100 | | 192.168.1.110 | 192.168.1.110>default/svc
            R1 release is nil (a Service with no record is deleted)          | eip 192.168.1.0/24 used=192.168.1.100>default/testsvc | default/other eip=eip type=ClusterIP | delete default/other | none | 192.168.1.100>default/testsvc
            R4 eip no record                                                  | eip 192.168.1.0/24 used=192.168.1.100>default/testsvc | | delete default/no-svc | none | 192.168.1.100>default/testsvc
            R5 release ip from eip                                            | eip 192.168.1.0/24 used=192.168.1.100>default/testsvc | | delete default/testsvc | none | -
            A6-1 allocate is nil                                              | eip 2001:db8::/120 | default/svc eip=eip type=ClusterIP v6 | | none | -
            A6-2 eip not found                                                | eip 2001:db8::/120 | default/svc eip=xx v6 | | error eips.network.kubesphere.io "xx" not found | -
            A6-3 allocate from eip 1 - static ip                              | eip 2001:db8::/120 | default/svc eip=eip ip=2001:0db8::f v6 | | 2001:db8::f | 2001:db8::f>default/svc
            A6-4 allocate from eip 2 - auto                                   | eip 2001:db8::/120 | default/svc eip=eip v6 | | 2001:db8:: | 2001:db8::>default/svc
            A6-5 no avliable eip 1 - eip is deleting                          | eip 2001:db8::/120 deleting | default/svc eip=eip v6 | | error no avliable eip, err:eip:eip is deleting | -
            A6-6 no avliable eip 2 - eip is disabled                          | eip 2001:db8::/120 disable | default/svc eip=eip v6 | | error no avliable eip, err:eip:eip is disabled | -
            A6-7 no avliable eip 3 - out of range                             | eip 2001:0db8::0/120 | default/svc eip=eip ip=2001:0db8::100 v6 | | error no avliable eip, err:the specified ip:2001:0db8::100 is beyond the range of eip[eip:2001:0db8::0/120] | -
            A6-8 corrected - the full Eip named                               | eip-full 2001:db8::100-2001:db8::101 used=2001:db8::100>default/test0 used=2001:db8::101>default/test1 | default/svc eip=eip-full v6 | | error no avliable eip, err:no suitable ip to allocate | 2001:db8::100>default/test0 2001:db8::101>default/test1
            A6-9 share address (canonical keys: shared, see fidelity.md O19)  | eip 2001:db8::/120 used=2001:db8::1>default/test | default/svc eip=eip ip=2001:0db8::1 v6 | | 2001:db8::1 | 2001:db8::1>default/test+default/svc
            A6-10 records already exist - return records                      | eip 2001:db8::/120 used=2001:db8::100>default/svc | default/svc eip=eip ip=2001:0db8::100 label=eip status=2001:db8::100 v6 | | 2001:db8::100 | 2001:db8::100>default/svc
            A6-11 records exist but specify a different IP (controller: released first) | eip 2001:db8::/120 used=2001:db8::>default/svc | default/svc eip=eip ip=2001:0db8::1 label=eip status=2001:db8:: v6 | | 2001:db8::1 | 2001:db8::1>default/svc
            R6-1 release is nil                                               | eip 2001:db8::/120 used=2001:db8::1>default/testsvc | default/other eip=eip type=ClusterIP v6 | delete default/other | none | 2001:db8::1>default/testsvc
            R6-4 eip no record                                                | eip 2001:db8::/120 used=2001:db8::1>default/testsvc | | delete default/no-svc | none | 2001:db8::1>default/testsvc
            R6-5 release ip from eip                                          | eip 2001:db8::/120 used=2001:db8::1>default/testsvc | | delete default/testsvc | none | -
            C6-2 clusterIP service                                            | eip 2001:db8::/120 used=2001:db8::>test/test | default/testsvc1 eip=eip type=ClusterIP v6 | | none | 2001:db8::>test/test
            C6-4 no specify openelb annotations completely: released, none    | eip 2001:db8::/120 used=2001:db8::>default/testsvc | default/testsvc v6 | | error no available default eip found | -
            C6-5 loadbalancer service - default eip                           | eip 2001:db8::/120 default used=2001:db8::>default/testsvc | default/testsvc v6 | | 2001:db8:: | 2001:db8::>default/testsvc
            C6-6 annotations completely, eip has no corresponding record      | eip 2001:db8::/120 | default/testsvc eip=eip v6 | | 2001:db8:: | 2001:db8::>default/testsvc
            C6-7 annotations completely, eip has corresponding records        | eip 2001:db8::/120 used=2001:db8::>default/testsvc | default/testsvc eip=eip v6 | | 2001:db8:: | 2001:db8::>default/testsvc
            C6-8 spec.loadBalancerIP, eip has no corresponding record         | eip 2001:db8::/120 | default/testsvc eip=eip lbip=2001:0db8::1 v6 | | 2001:db8::1 | 2001:db8::1>default/testsvc
            C6-9 spec.loadBalancerIP, eip has corresponding records           | eip 2001:db8::/120 used=2001:db8::1>default/testsvc | default/testsvc eip=eip lbip=2001:0db8::1 label=eip status=2001:db8:85a3::8a2e:370:1 v6 | | 2001:db8::1 | 2001:db8::1>default/testsvc
            C6-10 annotation loadBalancerIP 1                                 | eip 2001:db8::/120 | default/testsvc eip=eip ip=2001:0db8::1 v6 | | 2001:db8::1 | 2001:db8::1>default/testsvc
            C6-11 annotation loadBalancerIP 2 (the annotation wins)          | eip 2001:db8::/120 | default/testsvc eip=eip ip=2001:0db8::50 lbip=2001:0db8::51 v6 | | 2001:db8::50 | 2001:db8::50>default/testsvc
            C6-12 no eip                                                      | | default/testsvc eip=eip v6 | | error eips.network.kubesphere.io "eip" not found | -
            C6-14 service is deleting - eip has records                       | eip 2001:db8::/120 used=2001:db8::>default/testsvc | default/testsvc eip=eip label=eip status=2001:db8:: v6 | delete default/testsvc | none | -
            C6-16 normal service update                                       | eip 2001:db8::/120 used=2001:db8::>default/testsvc | default/testsvc eip=eip label=eip status=2001:db8:: v6 | | 2001:db8:: | 2001:db8::>default/testsvc
            C6-17 normal service update eip (eip1 moved off eip's prefix)     | eip 2001:db8::/120 ; eip1 2001:db8:1::/120 used=2001:db8:1::1>default/testsvc | default/testsvc eip=eip status=2001:db8:1::1 label=eip1 v6 | | 2001:db8:: | 2001:db8::>default/testsvc
            C6-18 eip bind default namespace by spec.namespace                | eip 2001:db8::/120 ns=default | default/testsvc v6 | | 2001:db8:: | 2001:db8::>default/testsvc
            C6-19 eip bind default namespace by spec.namespaceSelector        | eip 2001:db8::/120 sel=label:test | default/testsvc v6 | | 2001:db8:: | 2001:db8::>default/testsvc
            C6-21 default eip                                                 | eip 2001:db8::/120 default | default/testsvc v6 | | 2001:db8:: | 2001:db8::>default/testsvc
            T7 types_test.go IPToOrdinal 192.168.0.2 (ordinal 1)             | eip 192.168.0.1-192.168.0.100 | default/svc eip=eip ip=192.168.0.2 | | 192.168.0.2 | 192.168.0.2>default/svc
            T7 types_test.go IPToOrdinal 192.168.0.0 (-1)                     | eip 192.168.0.1-192.168.0.100 | default/svc eip=eip ip=192.168.0.0 | | error no avliable eip, err:the specified ip:192.168.0.0 is beyond the range of eip[eip:192.168.0.1-192.168.0.100] | -
            T7 types_test.go IPToOrdinal 192.168.0.101 (-1)                   | eip 192.168.0.1-192.168.0.100 | default/svc eip=eip ip=192.168.0.101 | | error no avliable eip, err:the specified ip:192.168.0.101 is beyond the range of eip[eip:192.168.0.1-192.168.0.100] | -
            T12 types_test.go Contains "" (no request: the first address)     | eip 192.168.0.100-192.168.0.200 | default/svc eip=eip | | 192.168.0.100 | 192.168.0.100>default/svc
            T12 types_test.go Contains 192.168.0.100                          | eip 192.168.0.100-192.168.0.200 | default/svc ip=192.168.0.100 | | 192.168.0.100 | 192.168.0.100>default/svc
            T12 types_test.go Contains 192.168.0.200                          | eip 192.168.0.100-192.168.0.200 | default/svc ip=192.168.0.200 | | 192.168.0.200 | 192.168.0.200>default/svc
            T12 types_test.go Contains 192.168.0.150                          | eip 192.168.0.100-192.168.0.200 | default/svc ip=192.168.0.150 | | 192.168.0.150 | 192.168.0.150>default/svc
            T12 types_test.go Contains 192.168.0.99 (no Eip contains it)      | eip 192.168.0.100-192.168.0.200 | default/svc ip=192.168.0.99 | | error no available eip was found containing the ip:[192.168.0.99] | -
            T12 types_test.go Contains 192.168.0.201 (no Eip contains it)     | eip 192.168.0.100-192.168.0.200 | default/svc ip=192.168.0.201 | | error no available eip was found containing the ip:[192.168.0.201] | -
            """)
    void ipam(String name, String eips, String service, String then, String expected, String used) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: default, labels: {label: test}}
                """);
        if (eips != null) {
            for (String eip : eips.split(";")) {
                yaml.append(eip(eip.trim()));
            }
        }
        String ref = null;
        if (service != null) {
            yaml.append(service(service));
            ref = service.split("\\s+")[0];
        }
        if (then != null) {
            yaml.append("---\napiVersion: pooldesk.io/v1alpha1\nkind: Scenario\nmetadata: {name: then}\nsteps:\n");
            for (String step : then.split(";")) {
                String[] words = step.trim().split("\\s+");
                String[] id = words[1].split("/");
                yaml.append("  - delete: {kind: Service, namespace: ").append(id[0]).append(", name: ").append(id[1])
                        .append("}\n");
                ref = words[1];
            }
        }
        SimulationReport report = Simulations.simulate(yaml.toString());
        String context = "\nwarnings: " + report.warnings() + "\nallocations: " + report.allocations();
        String[] id = ref.split("/");
        List<Outcome> outcomes = report.outcome(ObjectRef.namespaced("Service", id[0], id[1]));
        if (expected.equals("none")) {
            assertTrue(outcomes.isEmpty(), outcomes + context);
        } else if (expected.startsWith("error ")) {
            assertEquals(1, outcomes.size(), context);
            assertTrue(outcomes.get(0) instanceof Outcome.Pending, outcomes + context);
            assertEquals(expected.substring("error ".length()), ((Outcome.Pending) outcomes.get(0)).message(), context);
        } else {
            assertEquals(1, outcomes.size(), context);
            assertTrue(outcomes.get(0) instanceof Outcome.Served, outcomes + context);
            assertEquals(expected, ((Outcome.Served) outcomes.get(0)).addresses().get(0).toString(), context);
        }
        Map<String, String> wanted = new TreeMap<>();
        if (!used.equals("-")) {
            for (String entry : used.split("\\s+")) {
                String[] kv = entry.split(">");
                wanted.put(kv[0], kv[1].replace('+', ';'));
            }
        }
        String eipName = eips == null ? null : eips.split(";")[eips.split(";").length - 1].trim().split("\\s+")[0];
        if (eips != null && eips.contains(";")) {
            eipName = "eip";
        }
        if (eipName != null) {
            assertEquals(wanted, new TreeMap<>(Simulations.allocated(Simulations.pool(report, eipName))),
                    "status.used of " + eipName + context);
        }
    }

    private static String steps(String... steps) {
        return "---\napiVersion: pooldesk.io/v1alpha1\nkind: Scenario\nmetadata: {name: then}\nsteps:\n"
                + String.join("", java.util.Arrays.stream(steps).map(step -> "  - " + step + "\n").toList());
    }

    private static String last(SimulationReport report, String service) {
        String[] id = service.split("/");
        List<Outcome> outcomes = report.outcome(ObjectRef.namespaced("Service", id[0], id[1]));
        assertEquals(1, outcomes.size(), outcomes.toString());
        return outcomes.get(0) instanceof Outcome.Served served ? served.addresses().get(0).toString()
                : "error " + ((Outcome.Pending) outcomes.get(0)).message();
    }

    /**
     * ipam_test.go TestManager_ReleaseIP R2 "eip is not exist": the Eip goes before its Service. The webhook admits
     * the delete (ValidateDelete is a TODO, api/v1alpha2/eip_types.go 277-280) and the Eip controller's finalizer does
     * not wait for the Services: it takes their Eip label off and lets the Eip go (pkg/controllers/ipam/controller.go
     * 79-86, 166-183). The Service, finding no record, releases what its status shows (ipam.go 395-419,
     * lb/controller.go 195-210) and, naming the Eip, waits for it; deleting it afterwards releases nothing and fails
     * nothing, as ReleaseIP of a missing Eip does.
     */
    @Test
    void releaseAfterTheEipIsDeleted() {
        String input = eip("eip 192.168.1.0/24 used=192.168.1.100>default/testsvc")
                + service("default/testsvc eip=eip label=eip status=192.168.1.100");
        SimulationReport deleted = Simulations.simulate(input + steps("delete: {kind: Eip, name: eip}"));
        assertTrue(deleted.pools().isEmpty(), deleted.pools().toString());
        assertEquals(List.of(new Simulations.Entry("Service/default/testsvc", "eip", "192.168.1.100", null)),
                Simulations.releases(deleted));
        assertEquals("error eips.network.kubesphere.io \"eip\" not found", last(deleted, "default/testsvc"));
        assertTrue(deleted.warnings().stream().anyMatch(w -> w.contains("Eip/eip is deleted while default/testsvc use"
                + " it")), deleted.warnings().toString());
        SimulationReport then = Simulations.simulate(input + steps("delete: {kind: Eip, name: eip}",
                "delete: {kind: Service, namespace: default, name: testsvc}"));
        assertEquals(1, Simulations.releases(then).size(), Simulations.releases(then).toString());
        assertTrue(then.rejected().isEmpty(), then.rejected().toString());
        assertTrue(then.outcome(ObjectRef.namespaced("Service", "default", "testsvc")).isEmpty());
    }

    /**
     * The same deletion for a Service that names no Eip: released, it is assigned again from the default Eip left
     * (getDefaultEIP skips the deleting one, ipam.go 341-350); a Service asking for an address of the deleted Eip finds
     * no Eip containing it and waits (getEIPBasedOnIP, ipam.go 307-327).
     */
    @Test
    void aDeletedEipsServicesMoveToTheDefaultEipOrWait() {
        SimulationReport report = Simulations.simulate(eip("a 10.0.0.0/30 default") + eip("b 10.1.0.0/30 default")
                + service("default/svc") + service("default/pinned ip=10.0.0.2")
                + steps("delete: {kind: Eip, name: a}"));
        assertEquals(List.of("b"), report.pools().stream().map(p -> p.name()).toList());
        assertEquals(List.of(new Simulations.Entry("Service/default/pinned", "a", "10.0.0.2", null),
                new Simulations.Entry("Service/default/svc", "a", "10.0.0.0", null)), Simulations.releases(report));
        assertEquals("10.1.0.0", last(report, "default/svc"));
        assertEquals("error no available eip was found containing the ip:[10.0.0.2]", last(report, "default/pinned"));
    }

    private static String eip(String spec) {
        String[] words = spec.split("\\s+");
        List<String> specFields = new ArrayList<>(List.of("address: \"" + words[1] + "\""));
        List<String> metadata = new ArrayList<>(List.of("name: " + words[0]));
        List<String> usedEntries = new ArrayList<>();
        for (int i = 2; i < words.length; i++) {
            String w = words[i];
            if (w.equals("default")) {
                metadata.add("annotations: {eip.openelb.kubesphere.io/is-default-eip: \"true\"}");
            } else if (w.equals("disable")) {
                specFields.add("disable: true");
            } else if (w.equals("deleting")) {
                metadata.add("deletionTimestamp: \"2025-05-19T00:00:00Z\"");
            } else if (w.startsWith("ns=")) {
                specFields.add("namespaces: [" + w.substring(3).replace('+', ',') + "]");
            } else if (w.startsWith("sel=")) {
                specFields.add("namespaceSelector: {" + w.substring(4).replace(":", ": ") + "}");
            } else if (w.startsWith("priority=")) {
                specFields.add("priority: " + w.substring(9));
            } else if (w.startsWith("used=")) {
                String[] kv = w.substring(5).split(">");
                usedEntries.add("\"" + kv[0] + "\": \"" + kv[1].replace('+', ';') + "\"");
            } else {
                throw new IllegalArgumentException(w);
            }
        }
        return "---\napiVersion: network.kubesphere.io/v1alpha2\nkind: Eip\nmetadata: {" + String.join(", ", metadata)
                + "}\nspec: {" + String.join(", ", specFields) + "}\n"
                + (usedEntries.isEmpty() ? "" : "status: {used: {" + String.join(", ", usedEntries) + "}}\n");
    }

    private static String service(String spec) {
        String[] words = spec.split("\\s+");
        String[] id = words[0].split("/");
        List<String> annotations = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String type = "LoadBalancer";
        String family = "IPv4";
        String lbip = null;
        String status = null;
        boolean optIn = true;
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (w.startsWith("eip=")) {
                annotations.add("eip.openelb.kubesphere.io/v1alpha2: " + w.substring(4));
            } else if (w.startsWith("ip=")) {
                annotations.add("eip.openelb.kubesphere.io/v1alpha1: \"" + w.substring(3) + "\"");
            } else if (w.startsWith("lbip=")) {
                lbip = w.substring(5);
            } else if (w.startsWith("label=")) {
                labels.add("eip.openelb.kubesphere.io/v1alpha2: " + w.substring(6));
            } else if (w.startsWith("status=")) {
                status = w.substring(7);
            } else if (w.equals("v6")) {
                family = "IPv6";
            } else if (w.startsWith("type=")) {
                type = w.substring(5);
            } else if (w.equals("noopt")) {
                optIn = false;
            } else {
                throw new IllegalArgumentException(w);
            }
        }
        if (optIn) {
            annotations.add("lb.kubesphere.io/v1alpha1: openelb");
        }
        return "---\napiVersion: v1\nkind: Service\nmetadata: {name: " + id[1] + ", namespace: " + id[0]
                + ", labels: {" + String.join(", ", labels) + "}, annotations: {" + String.join(", ", annotations)
                + "}}\nspec: {type: " + type + ", ipFamilies: [" + family + "], ports: [{port: 80}]"
                + (lbip == null ? "" : ", loadBalancerIP: \"" + lbip + "\"") + "}\n"
                + (status == null ? "" : "status: {loadBalancer: {ingress: [{ip: \"" + status + "\"}]}}\n");
    }
}
