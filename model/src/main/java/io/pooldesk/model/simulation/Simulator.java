package io.pooldesk.model.simulation;

import io.pooldesk.model.harvester.dhcp.DhcpSimulation;
import io.pooldesk.model.harvester.lb.HarvesterLbSimulation;
import io.pooldesk.model.metallb.MetalLbSimulation;
import io.pooldesk.model.novaedge.NovaEdgeSimulation;
import io.pooldesk.model.openelb.OpenElbSimulation;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a simulation over manifests: every pool, with its status, is the starting state; then requests and scenario
 * steps run in document order. Each object goes to the pool kind that knows it; unknown kinds are skipped with a
 * warning.
 */
public final class Simulator {
    private final List<PoolKind> kinds;

    public Simulator(List<PoolKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** A simulator that knows every pool kind Pooldesk models. */
    public static Simulator withAllKinds() {
        return new Simulator(allKinds().get());
    }

    public static Supplier<List<PoolKind>> allKinds() {
        return () -> List.of(new HarvesterLbSimulation(), new DhcpSimulation(), new OpenElbSimulation(),
                new NovaEdgeSimulation(), new MetalLbSimulation());
    }

    /** The work a set of manifests describes, checked before anything runs. */
    public record Plan(List<Manifest> pools, List<Object> work, List<String> skipped, List<ManifestProblem> errors) {
    }

    public Plan plan(List<Manifest> manifests) {
        List<Manifest> pools = new ArrayList<>();
        List<Object> work = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<ManifestProblem> errors = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (Scenario.isScenario(manifest)) {
                ScenarioReader.Result read = ScenarioReader.read(manifest);
                errors.addAll(read.problems());
                if (read.problems().isEmpty()) {
                    work.add(read.scenario());
                }
            } else if (kindOf(manifest) == null) {
                skipped.add(skipWarning(manifest));
            } else if (kindOf(manifest).isPool(manifest)) {
                pools.stream().filter(p -> p.sameObject(manifest)).findFirst().ifPresent(earlier ->
                        skipped.add(manifest.source() + ": document " + manifest.document() + " ("
                                + manifest.describe() + "): defined again (first in " + earlier.source()
                                + ", document " + earlier.document() + "); the later definition is used"));
                pools.add(manifest);
            } else {
                work.add(manifest);
            }
        }
        return new Plan(pools, work, skipped, errors);
    }

    public SimulationReport run(Plan plan) {
        SimulationLog log = new SimulationLog();
        plan.skipped().forEach(log::warn);
        for (Manifest pool : plan.pools()) {
            if (named(pool, log)) {
                kindOf(pool).load(pool, log);
            }
        }
        for (Object item : plan.work()) {
            if (item instanceof Scenario scenario) {
                runScenario(scenario, log);
            } else {
                create((Manifest) item, false, log);
            }
        }
        return log.toReport(report());
    }

    private void runScenario(Scenario scenario, SimulationLog log) {
        for (Scenario.Step step : scenario.steps()) {
            if (step instanceof Scenario.Create create) {
                create.objects().forEach(m -> create(m, true, log));
            } else if (step instanceof Scenario.Delete delete) {
                delete(delete, log);
            } else if (step instanceof Scenario.Repeat repeat) {
                for (int i = 1; i <= repeat.count(); i++) {
                    create(repeat.instance(i), true, log);
                }
            }
        }
    }

    /** A Kubernetes object needs a name; the API server refuses one without. */
    private static boolean named(Manifest manifest, SimulationLog log) {
        if (!manifest.name().isBlank()) {
            return true;
        }
        log.reject(manifest.problem("metadata.name", "name is required"));
        return false;
    }

    private void create(Manifest manifest, boolean fromScenario, SimulationLog log) {
        PoolKind kind = kindOf(manifest);
        if (kind != null && !named(manifest, log)) {
            return;
        }
        if (kind == null) {
            log.warn(skipWarning(manifest));
        } else if (kind.isPool(manifest)) {
            if (fromScenario) {
                kind.apply(manifest, log);
            } else {
                kind.load(manifest, log);
            }
        } else {
            kind.request(manifest, log);
        }
    }

    private void delete(Scenario.Delete delete, SimulationLog log) {
        for (PoolKind kind : kinds) {
            if (kind.delete(delete.kind(), delete.namespace(), delete.name(), delete.label(), log)) {
                return;
            }
        }
        log.warn(delete.label() + ": nothing to delete: no " + delete.kind() + " named "
                + (delete.namespace().isEmpty() ? "" : delete.namespace() + "/") + delete.name());
    }

    private List<PoolReport> report() {
        List<PoolReport> pools = new ArrayList<>();
        for (PoolKind kind : kinds) {
            pools.addAll(kind.report());
        }
        pools.sort(Comparator.comparing((PoolReport p) -> p.namespace() == null ? "" : p.namespace())
                .thenComparing(PoolReport::name)
                .thenComparing(PoolReport::kind));
        return pools;
    }

    private PoolKind kindOf(Manifest manifest) {
        for (PoolKind kind : kinds) {
            if (kind.isPool(manifest) || kind.isRequest(manifest)) {
                return kind;
            }
        }
        return null;
    }

    private static String skipWarning(Manifest manifest) {
        return manifest.source() + ": document " + manifest.document() + " (" + manifest.describe() + "): kind "
                + manifest.kind() + " of " + manifest.apiVersion() + " is not one Pooldesk simulates; skipped";
    }
}
