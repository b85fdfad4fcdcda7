package io.pooldesk.model.workspace;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.conflicts.Conflict;
import io.pooldesk.model.conflicts.ConflictCheck;
import io.pooldesk.model.conversion.Converter;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.simulation.Scenario;
import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.simulation.Simulator;
import io.pooldesk.model.system.NeutralPool;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PoolFacts;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.PoolSystem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/**
 * What the window shows of a workspace: the simulator's answer, per pool and per request, and the conflicts
 * {@code pooldesk validate} reports (of the workspace as written, before any what-if).
 */
public record WorkspaceAnalysis(List<PoolSummary> pools, List<LoadBalancerSummary> loadBalancers,
                                SimulationReport report, List<Conflict> conflicts) {

    public static WorkspaceAnalysis of(List<Manifest> manifests) {
        return of(manifests, List.of());
    }

    /**
     * The workspace after what-if scenarios ran on it: its own scenario documents are left out, {@code scenarios}
     * run after every request of the workspace, as {@code pooldesk simulate WORKSPACE SCENARIO} runs them.
     */
    public static WorkspaceAnalysis of(List<Manifest> manifests, List<Manifest> scenarios) {
        Simulator simulator = new Simulator();
        List<Manifest> input = new ArrayList<>(manifests.stream().filter(m -> !Scenario.isScenario(m)).toList());
        input.addAll(scenarios);
        Simulator.Plan plan = simulator.plan(input);
        Simulator.Finished run = simulator.runKeepingState(plan);
        SimulationReport report = run.report();
        Map<String, Manifest> poolManifests = new HashMap<>();
        List<Manifest> definitions = new ArrayList<>(manifests);
        // a pool a what-if creates or changes is shown as the what-if defines it (the plan has read the scenarios)
        for (Object work : plan.work()) {
            if (work instanceof Scenario scenario) {
                for (Scenario.Step step : scenario.steps()) {
                    List<Manifest> objects = step instanceof Scenario.Create create ? create.objects()
                            : step instanceof Scenario.Apply apply ? apply.objects() : List.of();
                    // unless the webhook refused it: the pool then stays as it was
                    objects.stream().filter(m -> report.rejected().stream()
                            .noneMatch(r -> r.object().equals(m.describe()))).forEach(definitions::add);
                }
            }
        }
        for (Manifest m : definitions) {
            if (PoolSystems.ofPool(m).isPresent()) {
                poolManifests.put(key(m.kind(), m.namespace(), m.name()), m);
            }
        }
        List<Conflict> conflicts = conflicts(input.stream().filter(m -> !Scenario.isScenario(m)).toList());
        Map<Manifest, List<Conflict>> conflictsOf = new java.util.IdentityHashMap<>();
        for (Conflict conflict : conflicts) {
            conflictsOf.computeIfAbsent(conflict.pool(), m -> new ArrayList<>()).add(conflict);
            if (conflict.other() != null && conflict.other() != conflict.pool()) {
                conflictsOf.computeIfAbsent(conflict.other(), m -> new ArrayList<>()).add(conflict);
            }
        }
        List<PoolSummary> pools = new ArrayList<>();
        for (PoolReport p : report.pools()) {
            Manifest manifest = poolManifests.get(key(p.kind(), p.namespace() == null ? "" : p.namespace(), p.name()));
            if (manifest == null) {
                manifest = poolManifests.get(key(p.kind(), "", p.name()));
            }
            if (manifest != null) {
                PoolSystem system = PoolSystems.ofPool(manifest).orElseThrow();
                pools.add(summary(manifest, p, system.facts(manifest, run.controller(system)),
                        List.copyOf(conflictsOf.getOrDefault(manifest, List.of()))));
            }
        }
        List<LoadBalancerSummary> balancers = new ArrayList<>(loadBalancers(manifests, report));
        // pending requests first: they are what an operator opens this list for
        balancers.sort(java.util.Comparator.comparing((LoadBalancerSummary lb) -> !lb.pending()));
        return new WorkspaceAnalysis(pools, balancers, report, conflicts);
    }

    private static List<Conflict> conflicts(List<Manifest> manifests) {
        try {
            return new ConflictCheck(PoolSystems.all()).check(manifests, Optional.empty());
        } catch (InvalidAddressException e) {
            throw new IllegalStateException("no service CIDR was given, so none can be invalid", e);
        }
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }

    private static PoolSummary summary(Manifest manifest, PoolReport report, PoolFacts facts,
                                       List<Conflict> conflicts) {
        AddressSet usable;
        AddressSet written;
        try {
            NeutralPool neutral = Converter.read(manifest);
            usable = neutral.addresses();
            written = neutral.written();
        } catch (ManifestException e) {
            usable = AddressSet.empty();
            written = AddressSet.empty();
        }
        NavigableMap<Address, String> allocated = report.allocated();
        NavigableMap<Address, String> history = report.allocatedHistory();
        Span extent = extent(usable, allocated, history);
        if (facts.extent() != null && (extent == null || facts.extent().family() == extent.family())) {
            extent = facts.extent();
        }
        AddressSet reserved = facts.reserved().minus(usable);
        return new PoolSummary(manifest, report.kind(), report.name(), report.namespace() == null ? ""
                : report.namespace(), facts.description(), facts.network(), facts.scope(), facts.priority(),
                facts.global(), written.size(), report.total(), report.used(), report.available(), extent, usable,
                reserved, allocated, history, facts.next(), written, conflicts);
    }

    /** From the lowest to the highest address the pool mentions, in its main family. */
    private static Span extent(AddressSet usable, NavigableMap<Address, String> allocated,
                               NavigableMap<Address, String> history) {
        List<Address> ends = new ArrayList<>();
        for (Span s : usable.spans()) {
            ends.add(s.first());
            ends.add(s.last());
        }
        if (!allocated.isEmpty()) {
            ends.add(allocated.firstKey());
            ends.add(allocated.lastKey());
        }
        if (!history.isEmpty()) {
            ends.add(history.firstKey());
            ends.add(history.lastKey());
        }
        if (ends.isEmpty()) {
            return null;
        }
        var family = ends.get(0).family();
        List<Address> same = ends.stream().filter(a -> a.family() == family).sorted().toList();
        return new Span(same.get(0), same.get(same.size() - 1));
    }


    /** Each request of the workspace with its outcome at the end (a VM network config: its first NIC's). */
    private static List<LoadBalancerSummary> loadBalancers(List<Manifest> manifests, SimulationReport report) {
        List<LoadBalancerSummary> out = new ArrayList<>();
        Set<ObjectRef> seen = new HashSet<>();
        for (Manifest m : manifests) {
            Optional<PoolSystem> system = PoolSystems.of(m);
            if (system.isEmpty() || !system.get().isRequest(m)) {
                continue;
            }
            ObjectRef ref = system.get().ref(m);
            List<Outcome> outcomes = report.outcome(ref);
            if (outcomes.isEmpty() || !seen.add(ref)) {
                continue;
            }
            out.add(new LoadBalancerSummary(ref, system.get().describeRequest(m), outcomes.get(0)));
        }
        return out;
    }
}
