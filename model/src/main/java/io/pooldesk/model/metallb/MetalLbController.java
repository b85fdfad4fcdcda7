package io.pooldesk.model.metallb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.kube.ServiceCodec;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.Controller;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.Release;
import io.pooldesk.model.system.Violation;
import io.pooldesk.model.system.SimulationLog;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** MetalLB's controller in a simulation: {@code IPAddressPool}s and the {@code type: LoadBalancer} Services they serve. */
public final class MetalLbController implements Controller {
    private final MetalLbEngine engine;
    private final String namespace;
    private boolean deprecatedPrefixReported;

    public MetalLbController() {
        this(ClusterContext.defaults());
    }

    public MetalLbController(ClusterContext context) {
        this.engine = new MetalLbEngine(context);
        this.namespace = MetalLbSystem.namespace(context);
    }

    @Override
    public void load(Manifest manifest, SimulationLog log) {
        add(manifest, log, false);
    }

    @Override
    public PoolChange apply(Manifest manifest, SimulationLog log) {
        PoolBlocks blocks = admitted(manifest, log, true);
        if (blocks == null) {
            return null;
        }
        return new PoolChange(releases(engine.update(blocks)));
    }

    private void add(Manifest manifest, SimulationLog log, boolean admission) {
        PoolBlocks blocks = admitted(manifest, log, admission);
        if (blocks == null) {
            return;
        }
        if (!blocks.pool().namespace().isEmpty() && !namespace.equals(blocks.pool().namespace())) {
            // the controller reads pools of its own namespace only (internal/k8s/controllers/config_controller.go 82)
            log.warn(manifest, "is outside MetalLB's namespace " + namespace + ": MetalLB's controller ignores it");
            return;
        }
        engine.add(blocks);
    }

    /** The pool as MetalLB's webhook admits it, with Pooldesk's advisories logged; null when refused. */
    private PoolBlocks admitted(Manifest manifest, SimulationLog log, boolean admission) {
        PoolBlocks blocks;
        try {
            blocks = PoolBlocks.of(MetalLbCodec.read(manifest));
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return null;
        }
        List<PoolBlocks> others = new ArrayList<>(engine.definitions());
        others.removeIf(p -> p.pool().name().equals(blocks.pool().name()));
        if (!log.admit(manifest, MetalLbAdmission.check(blocks, others, namespace), admission)) {
            return null;
        }
        MetalLbAdmission.advisories(blocks).forEach(v -> log.warn(v.in(manifest).toString()));
        for (Family family : Family.values()) {
            if (!blocks.referenceCapacity(family).equals(blocks.capacity(family))) {
                log.warn(manifest.problem("spec.addresses", "holds " + blocks.capacity(family) + " " + family.label()
                        + " addresses; MetalLB's counter saturates at " + Long.MAX_VALUE).toString());
            }
        }
        return blocks;
    }

    @Override
    public List<Outcome> reconcile(Manifest manifest, SimulationLog log) {
        Service svc;
        try {
            svc = ServiceCodec.read(manifest);
        } catch (ManifestException e) {
            return List.of(new Outcome.Refused(ref(manifest), List.of(new Violation(e.field(), e.getMessage()))));
        }
        if (!deprecatedPrefixReported && svc.annotations().keySet().stream()
                .anyMatch(k -> k.startsWith(MetalLb.DEPRECATED_PREFIX))) {
            deprecatedPrefixReported = true;
            log.warn(manifest, "annotations under " + MetalLb.DEPRECATED_PREFIX + " are deprecated; read, and written"
                    + " as " + MetalLb.STABLE_PREFIX);
        }
        MetalLbEngine.Outcome outcome = engine.request(svc, log::warn);
        ObjectRef ref = ref(manifest);
        if (outcome.isServed()) {
            return List.of(new Outcome.Served(ref, poolRef(outcome.pool()), outcome.addresses()));
        }
        return List.of(new Outcome.Pending(ref, outcome.pool() == null ? null : poolRef(outcome.pool()),
                outcome.waitReason(), outcome.error()));
    }

    /**
     * MetalLB re-checks a changed Service (controller/service.go 120-156): when the addresses or pool it asks for, or
     * its families, change, the assignment no longer stands and the Service is assigned again; otherwise what it holds
     * is assigned again with its new sharing key, ports and labels, and released when that fails.
     */
    @Override
    public boolean releasesOnChange(Manifest before, Manifest after) {
        if (!asks(before).equals(asks(after))) {
            return true;
        }
        try {
            return !engine.reassert(ServiceCodec.read(after));
        } catch (ManifestException e) {
            return true;
        }
    }

    private static List<String> asks(Manifest manifest) {
        var annotations = manifest.object().path("metadata").path("annotations");
        var spec = manifest.object().path("spec");
        return List.of(
                annotations.path(MetalLb.STABLE_PREFIX + MetalLb.LOAD_BALANCER_IPS).asText(""),
                annotations.path(MetalLb.DEPRECATED_PREFIX + MetalLb.LOAD_BALANCER_IPS).asText(""),
                annotations.path(MetalLb.STABLE_PREFIX + MetalLb.ADDRESS_POOL).asText(""),
                annotations.path(MetalLb.DEPRECATED_PREFIX + MetalLb.ADDRESS_POOL).asText(""),
                spec.path("loadBalancerIP").asText(""),
                spec.path("clusterIPs").toString(),
                spec.path("clusterIP").asText(""),
                spec.path("ipFamilies").toString(),
                spec.path("ipFamilyPolicy").asText(""));
    }

    @Override
    public List<Release> release(ObjectRef request, SimulationLog log) {
        if (!Service.KIND.equals(request.kind())) {
            return List.of();
        }
        MetalLbEngine.Outcome released = engine.release(request.holder());
        return released == null ? List.of()
                : List.of(new Release(request, poolRef(released.pool()), released.addresses()));
    }

    @Override
    public Optional<PoolDeletion> deletePool(ObjectRef pool, String step, SimulationLog log) {
        if (!MetalLb.POOL_KIND.equals(pool.kind())
                || !pool.namespace().isEmpty() && !namespace.equals(pool.namespace())) {
            return Optional.empty();
        }
        Map<String, MetalLbEngine.Outcome> unassigned = engine.remove(pool.name());
        if (unassigned == null) {
            return Optional.empty();
        }
        return Optional.of(PoolDeletion.released(releases(unassigned)));
    }

    private List<Release> releases(Map<String, MetalLbEngine.Outcome> unassigned) {
        List<Release> released = new ArrayList<>();
        unassigned.forEach((service, held) -> {
            String[] id = service.split("/", 2);
            released.add(new Release(ObjectRef.namespaced(Service.KIND, id[0], id[1]), poolRef(held.pool()),
                    held.addresses()));
        });
        return released;
    }

    private static ObjectRef ref(Manifest manifest) {
        return ObjectRef.namespaced(Service.KIND, manifest.namespace(), manifest.name());
    }

    private ObjectRef poolRef(String name) {
        return ObjectRef.namespaced(MetalLb.POOL_KIND, namespace, name);
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (MetalLbEngine.PoolState state : engine.pools()) {
            IpAddressPool pool = state.blocks().pool();
            BigInteger total = state.blocks().capacity();
            BigInteger used = BigInteger.valueOf(state.usedCount());
            reports.add(new PoolReport(MetalLb.POOL_KIND, MetalLb.GROUP,
                    pool.namespace().isEmpty() ? namespace : pool.namespace(), pool.name(), total, used,
                    total.subtract(used), state.holders(), PoolReport.NO_HISTORY));
        }
        return reports;
    }
}
