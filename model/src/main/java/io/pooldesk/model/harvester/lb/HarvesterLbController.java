package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.Controller;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.Release;
import io.pooldesk.model.system.SimulationLog;
import io.pooldesk.model.system.Violation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Harvester's load-balancer controllers inside a simulation: the {@code ippool} controller keeping each pool's
 * allocator, and the {@code loadbalancer} controller serving {@code LoadBalancer}s from them.
 */
public final class HarvesterLbController implements Controller {
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final HarvesterLbEngine engine;
    private final ClusterContext context;
    /** A pool whose scope names a project, or null; looked for again after the pools change. */
    private IpPool scopedByProject;
    private boolean scopedByProjectKnown;
    /** The engine's pools indexed for the admission of the next one loaded; null after a step changed the pools. */
    private AdmittedPools loaded = new AdmittedPools();
    private boolean documentedGroupReported;

    /** @param context the run's Namespaces: a guest cluster's project is theirs */
    public HarvesterLbController(ClusterContext context) {
        this.engine = new HarvesterLbEngine();
        this.context = context;
    }

    public HarvesterLbEngine engine() {
        return engine;
    }

    @Override
    public void load(Manifest manifest, SimulationLog log) {
        IpPool pool = readPool(manifest, log);
        if (pool == null) {
            return;
        }
        // the webhook checks against every pool of the cluster, in the order the engine lists them (by name)
        List<IpPool> before = new ArrayList<>(loaded().candidates(pool));
        before.sort(Comparator.comparing(IpPool::name));
        log.admit(manifest, PoolAdmission.checkCreate(pool, before, p -> engine.pool(p.name()).ranges()), false);
        List<String> statusProblems = new ArrayList<>();
        try {
            engine.load(pool, statusProblems);
        } catch (RangeException e) {
            log.reject(manifest.problem(e.field(), e.getMessage()));
            return;
        }
        loaded.add(pool, engine.pool(pool.name()).ranges());
        scopedByProjectKnown = false;
        statusProblems.forEach(p -> log.warn(manifest.source() + ": document " + manifest.document() + " ("
                + manifest.describe() + "): " + p));
        warnAboutQuirks(manifest, pool, log);
    }

    /** An update keeps allocations and history: the controller rebuilds its allocator from status. */
    @Override
    public PoolChange apply(Manifest manifest, SimulationLog log) {
        IpPool pool = readPool(manifest, log);
        if (pool == null) {
            return null;
        }
        List<Violation> violations = engine.apply(pool);
        for (Violation v : violations) {
            log.reject(v.in(manifest));
        }
        if (!violations.isEmpty()) {
            return null;
        }
        loaded = null;
        scopedByProjectKnown = false;
        warnAboutQuirks(manifest, pool, log);
        return PoolChange.NOTHING_RELEASED;
    }

    @Override
    public List<Outcome> reconcile(Manifest manifest, SimulationLog log) {
        LoadBalancer lb;
        try {
            lb = HarvesterLbCodec.readLoadBalancer(manifest);
        } catch (ManifestException e) {
            return List.of(new Outcome.Refused(ref(manifest), List.of(new Violation(e.field(), e.getMessage()))));
        }
        String projectNotRead = HarvesterLbMutator.projectNotRead(lb, context, scopedByProject());
        if (projectNotRead != null) {
            log.warn(projectNotRead);
        }
        String networkNotRead = HarvesterLbMutator.networkNotRead(lb, context);
        if (networkNotRead != null) {
            log.warn(networkNotRead);
        }
        ObjectRef ref = ref(lb);
        RequestOutcome outcome;
        try {
            outcome = engine.request(lb);
        } catch (AdmissionException e) {
            return List.of(new Outcome.Refused(ref, e.violations()));
        }
        if (outcome == null) {
            return List.of();
        }
        outcome.warnings().forEach(log::warn);
        if (outcome.isServed()) {
            return List.of(new Outcome.Served(ref, poolRef(outcome.pool()), List.of(outcome.address())));
        }
        return List.of(new Outcome.Pending(ref, outcome.pool() == null ? null : poolRef(outcome.pool()),
                outcome.waitReason(), outcome.error()));
    }

    /** validator.go 35-44: listeners and health check of a VM load balancer, on the object the mutator stored. */
    @Override
    public List<Violation> admitCreate(Manifest request) {
        // a load balancer written without listeners is common in IPAM plans (the spec's own JSON example, which has no
        // warnings): simulate serves it; validate refuses it, as the webhook does (validator.go 104)
        return LoadBalancerAdmission.checkSpec(request, "create", false);
    }

    @Override
    public List<Violation> admitUpdate(Manifest before, Manifest after) {
        List<Violation> spec = LoadBalancerAdmission.checkSpec(after, "update", false);
        if (!spec.isEmpty()) {
            return spec;
        }
        try {
            return LoadBalancerAdmission.checkUpdate(HarvesterLbCodec.readLoadBalancer(before),
                    HarvesterLbCodec.readLoadBalancer(after));
        } catch (ManifestException e) {
            return List.of(new Violation(e.field(), e.getMessage()));
        }
    }

    /** The controller releases a load balancer's address when its {@code spec.ipPool} changes. */
    @Override
    public boolean releasesOnChange(Manifest before, Manifest after) {
        return !Objects.equals(before.object().path("spec").path("ipPool").asText(""),
                after.object().path("spec").path("ipPool").asText(""));
    }

    /** The address moves into the pool's history, as the controller's release does. */
    @Override
    public List<Release> release(ObjectRef request, SimulationLog log) {
        if (!HarvesterLb.LOAD_BALANCER_KIND.equals(request.kind())) {
            return List.of();
        }
        HarvesterLbEngine.Release release = engine.release(request.holder());
        return release == null ? List.of()
                : List.of(new Release(request, poolRef(release.pool()), List.of(release.address())));
    }

    @Override
    public Optional<PoolDeletion> deletePool(ObjectRef pool, String step, SimulationLog log) {
        if (!HarvesterLb.POOL_KIND.equals(pool.kind()) || !pool.namespace().isEmpty()
                || engine.pool(pool.name()) == null) {
            return Optional.empty();
        }
        loaded = null;
        scopedByProjectKnown = false;
        List<Violation> refused = engine.delete(pool.name());
        for (Violation v : refused) {
            log.reject(new ManifestProblem(step, 0, HarvesterLb.POOL_KIND + "/" + pool.name(), v.field(),
                    v.message()));
        }
        // the webhook refuses a pool that still holds an allocation, so a deletion releases nothing
        return Optional.of(refused.isEmpty() ? PoolDeletion.NOTHING_RELEASED : PoolDeletion.REFUSED);
    }

    static ObjectRef ref(LoadBalancer lb) {
        return ObjectRef.namespaced(HarvesterLb.LOAD_BALANCER_KIND, lb.namespace(), lb.name());
    }

    private static ObjectRef ref(Manifest manifest) {
        return ObjectRef.namespaced(HarvesterLb.LOAD_BALANCER_KIND, manifest.namespace(), manifest.name());
    }

    private static ObjectRef poolRef(String name) {
        return ObjectRef.clusterScoped(HarvesterLb.POOL_KIND, name);
    }

    private IpPool scopedByProject() {
        if (!scopedByProjectKnown) {
            scopedByProject = engine.pools().stream().map(PoolState::definition)
                    .filter(HarvesterLbMutator::scopedByProject).findFirst().orElse(null);
            scopedByProjectKnown = true;
        }
        return scopedByProject;
    }

    private AdmittedPools loaded() {
        if (loaded == null) {
            loaded = new AdmittedPools();
            engine.pools().forEach(state -> loaded.add(state.definition(), state.ranges()));
        }
        return loaded;
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (PoolState state : engine.pools()) {
            BigInteger total = state.ranges().total();
            BigInteger used = BigInteger.valueOf(state.ledger().allocatedCount());
            reports.add(new PoolReport(HarvesterLb.POOL_KIND, HarvesterLb.GROUP, null, state.name(), total, used,
                    total.subtract(used), state.ledger().allocatedEntries(), state.ledger().historyEntries()));
        }
        return reports;
    }

    private IpPool readPool(Manifest manifest, SimulationLog log) {
        if (HarvesterLb.usesDocumentedGroup(manifest) && !documentedGroupReported) {
            documentedGroupReported = true;
            log.warn(manifest.source() + ": document " + manifest.document() + " (" + manifest.describe() + "): "
                    + "apiVersion " + manifest.apiVersion() + " is the group Harvester's documentation writes; the "
                    + "controller serves " + HarvesterLb.API_VERSION + ", which Pooldesk writes");
        }
        try {
            return HarvesterLbCodec.readPool(manifest);
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return null;
        }
    }

    private void warnAboutQuirks(Manifest manifest, IpPool pool, SimulationLog log) {
        PoolState state = engine.pool(pool.name());
        if (state == null) {
            return;
        }
        BigInteger total = state.ranges().total();
        if (total.compareTo(INT64_MAX) > 0) {
            log.warn(manifest.problem("spec.ranges", "holds " + total + " usable addresses; the reference's int64 "
                    + "status.total would read " + state.ranges().referenceTotal()).toString());
        }
        for (Violation v : PoolAdmission.advisories(pool)) {
            log.warn(v.in(manifest).toString());
        }
    }

    /** The address the pool's controller would hand out next, for the window; null when full or unknown. */
    public Address nextAddress(String pool) {
        PoolState state = engine.pool(pool);
        return state == null ? null : state.nextAddress();
    }
}
