package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.validation.Violation;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.simulation.AllocationEntry;
import io.pooldesk.model.simulation.PoolKind;
import io.pooldesk.model.simulation.PoolReport;
import io.pooldesk.model.simulation.SimulationLog;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Harvester load-balancer IPAM inside a simulation: {@code IPPool}s and the {@code LoadBalancer}s they serve. */
public final class HarvesterLbSimulation implements PoolKind {
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final HarvesterLbEngine engine;
    private boolean documentedGroupReported;

    public HarvesterLbSimulation() {
        this(new HarvesterLbEngine());
    }

    private HarvesterLbSimulation(HarvesterLbEngine engine) {
        this.engine = engine;
    }

    public HarvesterLbEngine engine() {
        return engine;
    }

    @Override
    public boolean isPool(Manifest manifest) {
        return HarvesterLb.isPool(manifest);
    }

    @Override
    public boolean isRequest(Manifest manifest) {
        return HarvesterLb.isLoadBalancer(manifest);
    }

    @Override
    public void load(Manifest manifest, SimulationLog log) {
        IpPool pool = readPool(manifest, log);
        if (pool == null) {
            return;
        }
        List<IpPool> before = new ArrayList<>();
        engine.pools().forEach(state -> before.add(state.definition()));
        log.admit(manifest, PoolAdmission.checkCreate(pool, before, p -> engine.pool(p.name()).ranges()), false);
        List<String> statusProblems = new ArrayList<>();
        try {
            engine.load(pool, statusProblems);
        } catch (RangeException e) {
            log.reject(manifest.problem(e.field(), e.getMessage()));
            return;
        }
        statusProblems.forEach(p -> log.warn(manifest.source() + ": document " + manifest.document() + " ("
                + manifest.describe() + "): " + p));
        warnAboutQuirks(manifest, pool, log);
    }

    @Override
    public void apply(Manifest manifest, SimulationLog log) {
        IpPool pool = readPool(manifest, log);
        if (pool == null) {
            return;
        }
        List<Violation> violations = engine.apply(pool);
        for (Violation v : violations) {
            log.reject(v.in(manifest));
        }
        if (violations.isEmpty()) {
            warnAboutQuirks(manifest, pool, log);
        }
    }

    @Override
    public void request(Manifest manifest, SimulationLog log) {
        LoadBalancer lb;
        try {
            lb = HarvesterLbCodec.readLoadBalancer(manifest);
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return;
        }
        RequestOutcome outcome;
        try {
            outcome = engine.request(lb);
        } catch (AdmissionException e) {
            e.violations().forEach(v -> log.reject(v.in(manifest)));
            return;
        }
        if (outcome == null) {
            return;
        }
        outcome.warnings().forEach(log::warn);
        String request = HarvesterLb.LOAD_BALANCER_KIND + "/" + lb.applicantId();
        if (outcome.isServed()) {
            log.allocated(new AllocationEntry(request, outcome.pool(), outcome.address().toString(), null));
        } else {
            log.allocated(new AllocationEntry(request, null, null, outcome.error()));
        }
    }

    @Override
    public boolean delete(String kind, String namespace, String name, String step, SimulationLog log) {
        if (HarvesterLb.LOAD_BALANCER_KIND.equals(kind)) {
            String id = (namespace.isEmpty() ? "default" : namespace) + "/" + name;
            HarvesterLbEngine.Release release = engine.release(id);
            if (release != null) {
                log.released(new AllocationEntry(HarvesterLb.LOAD_BALANCER_KIND + "/" + id, release.pool(),
                        release.address().toString(), null));
            }
            return true;
        }
        if (HarvesterLb.POOL_KIND.equals(kind) && namespace.isEmpty() && engine.pool(name) != null) {
            for (Violation v : engine.delete(name)) {
                log.reject(new ManifestProblem(step, 0, HarvesterLb.POOL_KIND + "/" + name, v.field(), v.message()));
            }
            return true;
        }
        return false;
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (PoolState state : engine.pools()) {
            BigInteger total = state.ranges().total();
            BigInteger used = BigInteger.valueOf(state.ledger().allocatedCount());
            reports.add(new PoolReport(HarvesterLb.POOL_KIND, HarvesterLb.GROUP, null, state.name(), total, used,
                    total.subtract(used), state.ledger().allocatedSnapshot(), state.ledger().historySnapshot()));
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
