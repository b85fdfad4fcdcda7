package io.pooldesk.model.simulation;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.system.PoolReport;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs YAML through the whole simulator, as the command line does. */
public final class Simulations {
    private Simulations() {
    }

    public static SimulationReport simulate(String yaml) {
        ManifestReader.Result read = ManifestReader.parse("input.yaml", yaml);
        assertTrue(read.ok(), read.errors().toString());
        Simulator simulator = new Simulator();
        Simulator.Plan plan = simulator.plan(read.manifests());
        assertTrue(plan.errors().isEmpty(), plan.errors().toString());
        return simulator.run(plan);
    }

    /** One line of the report's {@code allocations} or {@code released}, as {@code --output json} writes it. */
    public record Entry(String request, String pool, String address, String error) {
        public boolean isServed() {
            return error == null;
        }
    }

    /** The {@code allocations} array as the command line writes it. */
    public static List<Entry> entries(SimulationReport report) {
        return read(ReportWriter.toTree(report).path("allocations"));
    }

    /** The {@code released} array as the command line writes it. */
    public static List<Entry> releases(SimulationReport report) {
        return read(ReportWriter.toTree(report).path("released"));
    }

    private static List<Entry> read(com.fasterxml.jackson.databind.JsonNode array) {
        List<Entry> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(new Entry(n.path("request").asText(), text(n.get("pool")), text(n.get("address")),
                text(n.get("error")))));
        return out;
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** The address (or "error: ...") each request got, in order. */
    public static List<String> outcomes(SimulationReport report) {
        return entries(report).stream()
                .map(a -> a.isServed() ? a.address() : "error: " + a.error()).toList();
    }

    /** A pool's {@code allocated} map as the JSON writes it: canonical address text to holder. */
    public static java.util.Map<String, String> allocated(PoolReport pool) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        pool.allocated().forEach((address, holder) -> out.put(address.toString(), holder));
        return out;
    }

    public static PoolReport pool(SimulationReport report, String name) {
        return report.pools().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no pool " + name + " in " + report.pools()));
    }
}
