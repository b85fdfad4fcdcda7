package io.pooldesk.model.metallb;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.simulation.Simulator;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PoolReport;
import org.junit.jupiter.api.DynamicTest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a table of MetalLB allocator steps (internal/allocator/allocator_test.go) through the whole simulator, as
 * {@code pooldesk simulate} runs a Scenario: each row is a Service created, changed (apply) or deleted, and the row's
 * check reads the Service's outcome after the steps up to it have converged.
 *
 * <p>A row is {@code # | case | service | asks | expected}. {@code service} is {@code name} (namespace default) or
 * {@code namespace/name}. {@code asks} holds space-separated words: {@code delete}; the family {@code ipv4},
 * {@code ipv6}, {@code dual} (RequireDualStack) or {@code prefer-dual} (PreferDualStack), given to the Service as its
 * cluster IPs (MetalLB reads the family there, never elsewhere; when absent, the family of {@code ips}); {@code
 * ips=a,b} (the {@code metallb.io/loadBalancerIPs} annotation); {@code pool=p}; {@code key=k} (allow-shared-ip);
 * {@code backend=b} (externalTrafficPolicy Local with selector app=b: MetalLB's backend key); {@code ports=TCP/80,..};
 * {@code labels=k:v}; {@code withdraw} (the Service is deleted after its check: the allocator test's failed call
 * leaves nothing behind, where a cluster's controller would retry the pending Service). {@code expected} is the
 * addresses held ({@code a,b}), {@code one of a | b}, {@code same as NAME}, {@code error TEXT}, {@code -} (holds
 * nothing), or {@code hold a b c} for a {@code check} row whose service column lists several Services that together
 * hold exactly those addresses, one each; {@code from POOL} for a Service served from that pool; {@code pool NAME used
 * N available M} for a pool's counters, {@code pool NAME gone} for a pool that no longer exists. A row whose service is
 * {@code pool/NAME} applies that IPAddressPool with {@code addresses=a,b} (and {@code avoidBuggyIPs}, {@code
 * namespaces=n}); its expected value is {@code applied}; with {@code delete} it deletes the pool, expected {@code
 * deleted}. {@code ; warns TEXT} after
 * any expected value asks for a warning.
 */
final class AllocatorSteps {

    record Row(String number, String name, List<String> services, Map<String, String> asks, String expected) {
        String service() {
            return services.get(0);
        }

        boolean is(String word) {
            return asks.containsKey(word);
        }
    }

    private final String source;
    private final String pools;
    private final List<Row> rows = new ArrayList<>();

    /** @param source the reference file and function, for the test names */
    AllocatorSteps(String source, String pools, String table) {
        this.source = source;
        this.pools = pools;
        for (String line : table.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\|", 5);
            if (cells.length != 5) {
                throw new IllegalArgumentException("row needs five cells: " + line);
            }
            Map<String, String> asks = new LinkedHashMap<>();
            for (String word : cells[3].trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    int eq = word.indexOf('=');
                    asks.put(eq < 0 ? word : word.substring(0, eq), eq < 0 ? "" : word.substring(eq + 1));
                }
            }
            rows.add(new Row(cells[0].trim(), cells[1].trim(), List.of(cells[2].trim().split("\\s+")), asks,
                    cells[4].trim()));
        }
    }

    static String pool(String name, String addresses, String extra) {
        return """
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: %s, namespace: metallb-system}
                spec: {addresses: [%s]%s}
                """.formatted(name, Arrays.stream(addresses.split(",")).map(a -> "\"" + a.trim() + "\"")
                .collect(Collectors.joining(", ")), extra.isEmpty() ? "" : ", " + extra);
    }

    List<DynamicTest> tests() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int upTo = i;
            Row row = rows.get(i);
            tests.add(DynamicTest.dynamicTest(source + " #" + row.number() + " " + row.name(), () -> check(upTo)));
        }
        return tests;
    }

    /** The simulation of the rows up to {@code upTo}, as one Scenario after the pools. */
    SimulationReport runTo(int upTo) {
        StringBuilder yaml = new StringBuilder(pools);
        int stepsAt = yaml.length();
        yaml.append("---\napiVersion: pooldesk.io/v1alpha1\nkind: Scenario\nmetadata: {name: steps}\nsteps:\n");
        int emptyLength = yaml.length();
        for (int i = 0; i <= upTo; i++) {
            Row row = rows.get(i);
            if (row.is("check")) {
                continue;
            }
            if (row.service().startsWith("pool/") && row.is("delete")) {
                yaml.append("  - delete: {kind: IPAddressPool, namespace: metallb-system, name: ")
                        .append(row.service().substring("pool/".length())).append("}\n");
                continue;
            }
            if (row.service().startsWith("pool/")) {
                yaml.append("  - apply: {apiVersion: metallb.io/v1beta1, kind: IPAddressPool, metadata: {name: ")
                        .append(row.service().substring("pool/".length())).append(", namespace: metallb-system},")
                        .append(" spec: {addresses: [").append(Arrays.stream(row.asks().get("addresses").split(","))
                                .map(a -> "\"" + a + "\"").collect(Collectors.joining(", "))).append("]")
                        .append(row.is("avoidBuggyIPs") ? ", avoidBuggyIPs: true" : "")
                        .append(row.is("namespaces") ? ", serviceAllocation: {namespaces: [" + row.asks().get("namespaces")
                                + "]}" : "").append("}}\n");
                continue;
            }
            String[] id = id(row.service());
            if (row.is("delete")) {
                yaml.append("  - delete: {kind: Service, namespace: ").append(id[0]).append(", name: ").append(id[1])
                        .append("}\n");
                continue;
            }
            yaml.append("  - apply: ").append(service(row)).append('\n');
            if (row.is("withdraw") && i < upTo) {
                yaml.append("  - delete: {kind: Service, namespace: ").append(id[0]).append(", name: ").append(id[1])
                        .append("}\n");
            }
        }
        if (yaml.length() == emptyLength) {
            yaml.setLength(stepsAt);
        }
        ManifestReader.Result read = ManifestReader.parse("steps.yaml", yaml.toString());
        assertTrue(read.ok(), read.errors().toString());
        Simulator simulator = new Simulator();
        Simulator.Plan plan = simulator.plan(read.manifests());
        assertTrue(plan.errors().isEmpty(), plan.errors().toString());
        SimulationReport report = simulator.run(plan);
        assertTrue(report.rejected().isEmpty(), report.rejected().toString());
        return report;
    }

    private void check(int upTo) {
        Row row = rows.get(upTo);
        SimulationReport report = runTo(upTo);
        String expected = row.expected();
        String warning = null;
        int warns = expected.indexOf(" ; warns ");
        if (warns >= 0) {
            warning = expected.substring(warns + " ; warns ".length());
            expected = expected.substring(0, warns);
        }
        String context = "\nwarnings: " + report.warnings();
        if (row.service().startsWith("pool/")) {
            assertEquals(row.is("delete") ? "deleted" : "applied", expected, row.toString());
            if (row.is("delete")) {
                String name = row.service().substring("pool/".length());
                assertTrue(report.pools().stream().noneMatch(p -> p.name().equals(name)), name + " is gone" + context);
            }
        } else if (expected.matches("pool \\S+ gone")) {
            String name = expected.split("\\s+")[1];
            assertTrue(report.pools().stream().noneMatch(p -> p.name().equals(name)),
                    "pool " + name + " and its counters are gone" + context);
        } else if (expected.startsWith("pool ")) {
            // pool NAME used N available M: the pool's counters after the row (a shared address counts once)
            String[] words = expected.split("\\s+");
            PoolReport pool = report.pools().stream().filter(p -> p.name().equals(words[1])).findFirst()
                    .orElseThrow(() -> new AssertionError("no pool " + words[1] + context));
            assertEquals(new BigInteger(words[3]), pool.used(), "used" + context);
            assertEquals(new BigInteger(words[5]), pool.available(), "available" + context);
        } else if (expected.startsWith("from ")) {
            Outcome outcome = last(report, row.service());
            assertTrue(outcome instanceof Outcome.Served, row.service() + " should be served, got " + outcome + context);
            assertEquals(expected.substring("from ".length()), ((Outcome.Served) outcome).pool().name(), context);
        } else if (row.is("check") && expected.startsWith("hold ")) {
            List<String> held = new ArrayList<>();
            for (String service : row.services()) {
                held.add(got(report, service));
            }
            List<String> wanted = new ArrayList<>(List.of(expected.substring("hold ".length()).split("\\s+")));
            assertEquals(wanted.stream().sorted().toList(), held.stream().sorted().toList(), row.services() + context);
        } else if (expected.startsWith("error ")) {
            Outcome outcome = last(report, row.service());
            assertTrue(outcome instanceof Outcome.Pending, row.service() + " should wait, got " + outcome + context);
            assertEquals(expected.substring("error ".length()), ((Outcome.Pending) outcome).message(), context);
        } else if (expected.startsWith("one of ")) {
            List<String> acceptable = List.of(expected.substring("one of ".length()).split("\\s*\\|\\s*"));
            String got = got(report, row.service());
            assertTrue(acceptable.contains(got), "got " + got + ", acceptable " + acceptable + context);
        } else if (expected.startsWith("same as ")) {
            assertEquals(got(report, expected.substring("same as ".length())), got(report, row.service()), context);
        } else {
            assertEquals(expected, got(report, row.service()), context);
        }
        if (warning != null) {
            String text = warning;
            assertTrue(report.warnings().stream().anyMatch(w -> w.contains(text)), "warning " + text + context);
        }
    }

    /** The addresses the Service holds at the end, comma-joined; {@code -} when none; the error when it waits. */
    static String got(SimulationReport report, String service) {
        Outcome outcome = last(report, service);
        if (outcome == null) {
            return "-";
        }
        if (outcome instanceof Outcome.Served served) {
            return served.addresses().stream().map(Object::toString).collect(Collectors.joining(","));
        }
        return outcome instanceof Outcome.Pending pending ? "error " + pending.message() : outcome.toString();
    }

    static Outcome last(SimulationReport report, String service) {
        String[] id = id(service);
        List<Outcome> outcomes = report.outcome(ObjectRef.namespaced("Service", id[0], id[1]));
        return outcomes.isEmpty() ? null : outcomes.get(0);
    }

    private static String[] id(String service) {
        int slash = service.indexOf('/');
        return slash < 0 ? new String[] {"default", service}
                : new String[] {service.substring(0, slash), service.substring(slash + 1)};
    }

    private static String service(Row row) {
        String[] id = id(row.service());
        Map<String, String> asks = row.asks();
        List<String> annotations = new ArrayList<>();
        if (asks.containsKey("ips")) {
            annotations.add("metallb.io/loadBalancerIPs: \"" + asks.get("ips") + "\"");
        }
        if (asks.containsKey("pool")) {
            annotations.add("metallb.io/address-pool: " + asks.get("pool"));
        }
        if (asks.containsKey("key")) {
            annotations.add("metallb.io/allow-shared-ip: " + asks.get("key"));
        }
        String family = asks.containsKey("dual") ? "dual" : asks.containsKey("prefer-dual") ? "prefer-dual"
                : asks.containsKey("ipv6") ? "ipv6" : asks.containsKey("ipv4") ? "ipv4"
                : asks.getOrDefault("ips", "").contains(",") ? "dual"
                : asks.getOrDefault("ips", "").contains(":") ? "ipv6" : "ipv4";
        StringBuilder spec = new StringBuilder("type: LoadBalancer, ");
        spec.append(switch (family) {
            case "ipv6" -> "clusterIPs: [\"fd00:96::1\"]";
            case "dual" -> "clusterIPs: [10.96.0.1, \"fd00:96::1\"], ipFamilyPolicy: RequireDualStack";
            case "prefer-dual" -> "clusterIPs: [10.96.0.1, \"fd00:96::1\"], ipFamilyPolicy: PreferDualStack";
            default -> "clusterIPs: [10.96.0.1]";
        });
        List<String> ports = new ArrayList<>();
        if (asks.containsKey("ports")) {
            for (String port : asks.get("ports").split(",")) {
                String[] pp = port.split("/");
                ports.add("{protocol: " + pp[0] + ", port: " + pp[1] + "}");
            }
        }
        spec.append(", ports: [").append(String.join(", ", ports)).append(']');
        if (asks.containsKey("backend")) {
            spec.append(", externalTrafficPolicy: Local, selector: {app: ").append(asks.get("backend")).append('}');
        }
        String labels = asks.containsKey("labels") ? ", labels: {" + Arrays.stream(asks.get("labels").split(","))
                .map(l -> l.replace(":", ": ")).collect(Collectors.joining(", ")) + "}" : "";
        return "{apiVersion: v1, kind: Service, metadata: {name: " + id[1] + ", namespace: " + id[0] + labels
                + ", annotations: {" + String.join(", ", annotations) + "}}, spec: {" + spec + "}}";
    }
}
