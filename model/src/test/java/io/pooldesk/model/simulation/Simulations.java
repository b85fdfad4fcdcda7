package io.pooldesk.model.simulation;

import io.pooldesk.model.manifest.ManifestReader;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs YAML through the whole simulator, as the command line does. */
public final class Simulations {
    private Simulations() {
    }

    public static SimulationReport simulate(String yaml) {
        ManifestReader.Result read = ManifestReader.parse("input.yaml", yaml);
        assertTrue(read.ok(), read.errors().toString());
        Simulator simulator = Simulator.withAllKinds();
        Simulator.Plan plan = simulator.plan(read.manifests());
        assertTrue(plan.errors().isEmpty(), plan.errors().toString());
        return simulator.run(plan);
    }

    /** The address (or "error: ...") each request got, in order. */
    public static List<String> outcomes(SimulationReport report) {
        return report.allocations().stream()
                .map(a -> a.isServed() ? a.address() : "error: " + a.error()).toList();
    }

    public static PoolReport pool(SimulationReport report, String name) {
        return report.pools().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no pool " + name + " in " + report.pools()));
    }
}
