package io.pooldesk.model.simulation;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.kube.Namespaces;
import io.pooldesk.model.kube.VirtualMachineInstances;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.Controller;
import io.pooldesk.model.system.Mutation;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.Release;
import io.pooldesk.model.system.ResourceType;
import io.pooldesk.model.system.SimulationLog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a simulation over manifests: every pool, with its status, is the starting state; then requests and scenario
 * steps run in document order. After the starting state and after every step the controllers are reconciled to a
 * fixpoint, as the cluster's level-triggered controllers converge (controllers.md §1): a request that waits is tried
 * again whenever something was freed or a pool changed, a request whose object changed is reconciled again. Each
 * object goes to the pool system that knows it; unknown kinds are skipped with a warning.
 */
public final class Simulator {
    /** More passes than any real change needs; reaching it means two controllers undo each other. */
    static final int MAX_PASSES = 64;
    /** controllers.md §2: create of an object that exists is kubectl apply. */
    private static final String RECREATED = "already exists; created again, it is an update, as kubectl apply would"
            + " make it";

    private final List<PoolSystem> systems;
    private final Map<String, String> settings;

    public Simulator() {
        this(Map.of());
    }

    /** @param settings the systems' settings the operator gave ({@link PoolSystem#settings()}), by name */
    public Simulator(Map<String, String> settings) {
        this(PoolSystems.all(), settings);
    }

    public Simulator(List<PoolSystem> systems, Map<String, String> settings) {
        this.systems = List.copyOf(systems);
        this.settings = Map.copyOf(settings);
    }

    /** The work a set of manifests describes, checked before anything runs. */
    public record Plan(List<Manifest> pools, List<Object> work, List<String> skipped, List<ManifestProblem> errors) {
    }

    public Plan plan(List<Manifest> manifests) {
        List<Manifest> pools = new ArrayList<>();
        List<Object> work = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<ManifestProblem> errors = new ArrayList<>();
        Map<List<String>, Manifest> poolsByIdentity = new java.util.HashMap<>();
        for (Manifest manifest : manifests) {
            if (Scenario.isScenario(manifest)) {
                ScenarioReader.Result read = ScenarioReader.read(manifest);
                errors.addAll(read.problems());
                if (read.problems().isEmpty()) {
                    work.add(read.scenario());
                }
            } else if (Namespaces.isNamespace(manifest) || VirtualMachineInstances.isVmi(manifest)) {
                work.add(manifest);
            } else if (systemOf(manifest).isEmpty()) {
                skipped.add(skipWarning(manifest));
            } else if (systemOf(manifest).get().isPool(manifest)) {
                // the same identity Manifest.sameObject compares, looked up instead of compared with every pool
                Manifest earlier = poolsByIdentity.putIfAbsent(List.of(manifest.kind(), manifest.group(),
                        manifest.namespace(), manifest.name()), manifest);
                if (earlier != null) {
                    skipped.add(manifest.source() + ": document " + manifest.document() + " ("
                            + manifest.describe() + "): defined again (first in " + earlier.source()
                            + ", document " + earlier.document() + "); the later definition is used");
                }
                pools.add(manifest);
            } else {
                work.add(manifest);
            }
        }
        return new Plan(pools, work, skipped, errors);
    }

    public SimulationReport run(Plan plan) {
        return new Run().execute(plan);
    }

    /** A finished run with the controllers' state kept, for what the window shows beyond the report. */
    public record Finished(SimulationReport report, Map<PoolSystem, Controller> controllers) {

        public Controller controller(PoolSystem system) {
            return controllers.get(system);
        }
    }

    public Finished runKeepingState(Plan plan) {
        Run run = new Run();
        SimulationReport report = run.execute(plan);
        return new Finished(report, java.util.Collections.unmodifiableMap(run.controllers()));
    }

    /** One run: the controllers' state and the requests they have seen, in the order first seen. */
    private final class Run {
        private final SimulationLog log = new SimulationLog();
        private final ClusterContext context = new ClusterContext(settings);
        private final Map<PoolSystem, Controller> controllers = new IdentityHashMap<>();
        private final LinkedHashMap<ObjectRef, RequestState> requests = new LinkedHashMap<>();
        /** Requests to reconcile at the next pass, and requests that wait, by the order they were first seen. */
        private final TreeMap<Long, RequestState> dirty = new TreeMap<>();
        private final TreeMap<Long, RequestState> waiting = new TreeMap<>();
        private long seen;
        /** The pools that exist, as their systems name them: a create of one of them is an update. */
        private final java.util.Set<ObjectRef> pools = new java.util.HashSet<>();
        /** The epoch at which every waiting request was last offered a retry: nothing new since, no scan. */
        private long waitingTriedAt = -1;
        /** Counts what can help a waiting request: a release, a pool created, changed or deleted. */
        private long epoch;

        SimulationReport execute(Plan plan) {
            plan.skipped().forEach(log::warn);
            for (Manifest pool : plan.pools()) {
                if (named(pool)) {
                    PoolSystem system = systemOf(pool).get();
                    controller(system).load(stored(system, pool), log);
                    pools.add(system.ref(pool));
                    epoch++;
                }
            }
            converge();
            for (Object item : plan.work()) {
                if (item instanceof Scenario scenario) {
                    runScenario(scenario);
                } else {
                    put((Manifest) item, Verb.CREATE);
                    converge();
                }
            }
            Map<ObjectRef, List<Outcome>> last = new LinkedHashMap<>();
            requests.forEach((ref, state) -> {
                if (!state.outcomes.isEmpty()) {
                    last.put(ref, state.outcomes);
                }
            });
            return new SimulationReport(log.outcomes(), log.releases(), report(), log.warnings(), log.rejected(),
                    last);
        }

        private void runScenario(Scenario scenario) {
            for (Scenario.Step step : scenario.steps()) {
                if (step instanceof Scenario.Create create) {
                    for (Manifest m : create.objects()) {
                        put(m, Verb.CREATE_IN_SCENARIO);
                        converge();
                    }
                } else if (step instanceof Scenario.Apply apply) {
                    for (Manifest m : apply.objects()) {
                        put(m, Verb.APPLY);
                        converge();
                    }
                } else if (step instanceof Scenario.Delete delete) {
                    delete(delete);
                    converge();
                } else if (step instanceof Scenario.Repeat repeat) {
                    for (int i = 1; i <= repeat.count(); i++) {
                        put(repeat.instance(i), Verb.CREATE_IN_SCENARIO);
                        converge();
                    }
                }
            }
        }

        private Controller controller(PoolSystem system) {
            return controllers.computeIfAbsent(system, s -> s.newController(context));
        }

        /** A Kubernetes object needs a name; the API server refuses one without. */
        private boolean named(Manifest manifest) {
            if (!manifest.name().isBlank()) {
                return true;
            }
            log.reject(manifest.problem("metadata.name", "name is required"));
            return false;
        }

        private void put(Manifest written, Verb verb) {
            if (Namespaces.isNamespace(written)) {
                // labels a namespace selector reads: a pool that could not match before may match now
                context.namespace(written.name(), Namespaces.labels(written), Namespaces.annotations(written));
                epoch++;
                return;
            }
            if (VirtualMachineInstances.isVmi(written)) {
                // what Harvester's load-balancer webhook reads to find a guest cluster's network
                context.vmi(VirtualMachineInstances.read(written));
                return;
            }
            Optional<PoolSystem> found = systemOf(written);
            Manifest manifest = found.map(s -> stored(s, written)).orElse(written);
            RequestState existing = existingRequest(manifest);
            if (existing != null && (found.isEmpty() || found.get() != existing.system)) {
                // it no longer asks the system that served it (lost its opt-in, or is no longer a LoadBalancer):
                // that system's controller releases it, as OpenELB's needRelease does
                ObjectRef ref = existing.ref();
                forget(existing);
                controller(existing.system).release(ref, log).forEach(this::released);
            }
            if (found.isEmpty()) {
                log.warn(skipWarning(manifest));
                return;
            }
            if (!named(manifest)) {
                return;
            }
            PoolSystem system = found.get();
            Controller controller = controller(system);
            if (system.isPool(manifest)) {
                ObjectRef ref = system.ref(manifest);
                if (verb == Verb.CREATE) {
                    controller.load(manifest, log);
                    pools.add(ref);
                    epoch++;
                    return;
                }
                if (verb == Verb.CREATE_IN_SCENARIO && pools.contains(ref)) {
                    log.warn(manifest, RECREATED);
                }
                Controller.PoolChange change = controller.apply(manifest, log);
                if (change != null) {
                    pools.add(ref);
                    epoch++;
                    change.released().forEach(this::released);
                }
                return;
            }
            ObjectRef ref = system.ref(manifest);
            RequestState state = requests.get(ref);
            if (state == null) {
                if (!log.admit(manifest, controller.admitCreate(manifest), verb != Verb.CREATE)) {
                    return;
                }
                RequestState created = new RequestState(system, manifest, seen++);
                requests.put(ref, created);
                dirty.put(created.seq, created);
                return;
            }
            if (verb != Verb.APPLY) {
                log.warn(manifest, RECREATED);
            }
            if (state.manifest.object().equals(manifest.object())) {
                return;
            }
            var violations = controller.admitUpdate(state.manifest, manifest);
            if (!violations.isEmpty()) {
                violations.forEach(v -> log.reject(v.in(manifest)));
                return;
            }
            Manifest before = state.manifest;
            state.manifest = manifest;
            if (state.holdsAny() && controller.releasesOnChange(before, manifest)) {
                controller.release(ref, log).forEach(this::released);
                dirty.put(state.seq, state);
            } else if (state.isPending() || state.outcomes.isEmpty()) {
                dirty.put(state.seq, state);
            }
        }

        /** The object as the system's mutating webhooks make it, with what they changed said once. */
        private Manifest stored(PoolSystem system, Manifest written) {
            Mutation mutation = system.mutate(written, context);
            mutation.changes().forEach(change -> log.warn(written, "mutated: " + change));
            return mutation.stored();
        }

        /** The request is gone (deleted, refused, or no longer asks its system). */
        private void forget(RequestState state) {
            requests.remove(state.ref());
            dirty.remove(state.seq);
            waiting.remove(state.seq);
        }

        /** The request this object already is, whichever system served it. */
        private RequestState existingRequest(Manifest manifest) {
            for (PoolSystem system : systems) {
                RequestState state = requests.get(system.ref(manifest));
                if (state != null) {
                    return state;
                }
            }
            return null;
        }

        private void released(Release release) {
            log.released(release);
            epoch++;
            RequestState holder = requests.get(release.request());
            if (holder != null) {
                dirty.put(holder.seq, holder);
            }
        }

        private void delete(Scenario.Delete delete) {
            for (Map.Entry<ObjectRef, RequestState> entry : requests.entrySet()) {
                ObjectRef ref = entry.getKey();
                if (ref.kind().equals(delete.kind()) && ref.name().equals(delete.name())
                        && (ref.namespace().equals(delete.namespace())
                        || ref.namespace().equals("default") && delete.namespace().isEmpty())) {
                    forget(entry.getValue());
                    releaseDeleted(entry.getValue().system, ref);
                    return;
                }
            }
            for (PoolSystem system : systems) {
                Optional<ResourceType> type = system.resources().stream()
                        .filter(r -> r.kind().equals(delete.kind())).findFirst();
                if (type.isEmpty()) {
                    continue;
                }
                if (type.get().role() == ResourceType.Role.REQUEST) {
                    // a holder the starting state names without its object in the input: its address is released
                    releaseDeleted(system, type.get().namespaced()
                            ? ObjectRef.namespaced(delete.kind(), delete.namespace(), delete.name())
                            : ObjectRef.clusterScoped(delete.kind(), delete.name()));
                    return;
                }
                ObjectRef pool = new ObjectRef(delete.kind(), delete.namespace(), delete.name());
                Optional<Controller.PoolDeletion> deletion = controller(system).deletePool(pool, delete.label(), log);
                if (deletion.isPresent()) {
                    if (!deletion.get().refused()) {
                        pools.removeIf(p -> p.kind().equals(pool.kind()) && p.name().equals(pool.name()));
                        epoch++;
                        deletion.get().released().forEach(this::released);
                    }
                    return;
                }
            }
            log.warn(delete.label() + ": nothing to delete: no " + delete.kind() + " named "
                    + (delete.namespace().isEmpty() ? "" : delete.namespace() + "/") + delete.name());
        }

        private void releaseDeleted(PoolSystem system, ObjectRef ref) {
            controller(system).release(ref, log).forEach(this::released);
        }

        /**
         * Reconciles until a pass frees nothing: every changed request, and every waiting one when something was
         * freed or a pool changed since it was last tried, in the order the requests were first seen.
         */
        private void converge() {
            for (int pass = 1; pass <= MAX_PASSES; pass++) {
                long epochAtStart = epoch;
                Map<PoolSystem, List<RequestState>> retried = new IdentityHashMap<>();
                TreeMap<Long, RequestState> due = new TreeMap<>(dirty);
                if (!waiting.isEmpty() && waitingTriedAt < epoch) {
                    waitingTriedAt = epoch;
                    waiting.values().stream().filter(s -> s.triedAt < epoch && !dirty.containsKey(s.seq))
                            .forEach(s -> {
                                due.put(s.seq, s);
                                retried.computeIfAbsent(s.system, k -> new ArrayList<>()).add(s);
                            });
                }
                dirty.clear();
                for (RequestState state : due.values()) {
                    if (requests.get(state.ref()) != state) {
                        continue;
                    }
                    state.triedAt = epoch;
                    List<Outcome> outcomes = controller(state.system).reconcile(state.manifest, log);
                    Outcome.Refused refused = outcomes.stream().filter(o -> o instanceof Outcome.Refused)
                            .map(o -> (Outcome.Refused) o).findFirst().orElse(null);
                    if (refused != null) {
                        refused.violations().forEach(v -> log.reject(v.in(state.manifest)));
                        forget(state);
                        continue;
                    }
                    // an entry for each outcome that was decided or changed; a retry that changes nothing adds none
                    for (int i = 0; i < outcomes.size(); i++) {
                        if (i >= state.outcomes.size() || !outcomes.get(i).equals(state.outcomes.get(i))) {
                            log.outcome(outcomes.get(i));
                        }
                    }
                    state.outcomes = List.copyOf(outcomes);
                    if (state.isPending()) {
                        waiting.put(state.seq, state);
                    } else {
                        waiting.remove(state.seq);
                    }
                }
                warnAboutRetryOrder(retried);
                if (epoch == epochAtStart && dirty.isEmpty()) {
                    return;
                }
            }
            log.warn("the controllers did not settle after " + MAX_PASSES + " passes: some change keeps undoing"
                    + " another; the report shows the state after the last pass");
        }

        /**
         * Several requests waited for what a change freed: the reference requeues them with backoff, in no defined
         * order. Pooldesk serves the oldest first and says so when the order decided who was served.
         */
        private void warnAboutRetryOrder(Map<PoolSystem, List<RequestState>> retried) {
            retried.forEach((system, states) -> {
                if (states.size() < 2) {
                    return;
                }
                List<RequestState> served = states.stream().filter(s -> !s.isPending()).toList();
                List<RequestState> waiting = states.stream().filter(RequestState::isPending).toList();
                if (!served.isEmpty() && !waiting.isEmpty()) {
                    log.warn(system.title() + ": " + states.size() + " requests waited for what a change freed; the "
                            + "controller retries them in no defined order; Pooldesk served the oldest first ("
                            + served.get(0).ref() + ") and " + waiting.get(0).ref()
                            + (waiting.size() > 1 ? " and " + (waiting.size() - 1) + " more" : "") + " still wait");
                }
            });
        }

        private List<PoolReport> report() {
            List<PoolReport> pools = new ArrayList<>();
            for (PoolSystem system : systems) {
                Controller controller = controllers.get(system);
                if (controller != null) {
                    pools.addAll(controller.report());
                }
            }
            pools.sort(Comparator.comparing((PoolReport p) -> p.namespace() == null ? "" : p.namespace())
                    .thenComparing(PoolReport::name)
                    .thenComparing(PoolReport::kind));
            return pools;
        }

        /** The controllers of a finished run, for the window's per-pool facts. */
        Map<PoolSystem, Controller> controllers() {
            return controllers;
        }
    }

    private enum Verb {
        /** A document of the input: a pool is the starting state; a request is created. */
        CREATE,
        /** A scenario's create: a pool goes through admission. */
        CREATE_IN_SCENARIO,
        /** A scenario's update or apply. */
        APPLY
    }

    private static final class RequestState {
        final PoolSystem system;
        final long seq;
        final ObjectRef ref;
        Manifest manifest;
        List<Outcome> outcomes = List.of();
        long triedAt = -1;

        RequestState(PoolSystem system, Manifest manifest, long seq) {
            this.system = system;
            this.manifest = manifest;
            this.seq = seq;
            this.ref = system.ref(manifest);
        }

        boolean isPending() {
            return outcomes.stream().anyMatch(o -> o instanceof Outcome.Pending);
        }

        boolean holdsAny() {
            return outcomes.stream().anyMatch(Outcome::isServed);
        }

        ObjectRef ref() {
            return ref;
        }
    }

    private Optional<PoolSystem> systemOf(Manifest manifest) {
        for (PoolSystem system : systems) {
            if (system.isPool(manifest) || system.isRequest(manifest)) {
                return Optional.of(system);
            }
        }
        return Optional.empty();
    }

    private static String skipWarning(Manifest manifest) {
        return manifest.source() + ": document " + manifest.document() + " (" + manifest.describe() + "): kind "
                + manifest.kind() + " of " + manifest.apiVersion() + " is not one Pooldesk simulates; skipped";
    }
}
