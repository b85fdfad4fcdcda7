package io.pooldesk.model.metallb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.kube.ServiceCodec;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.simulation.AllocationEntry;
import io.pooldesk.model.simulation.PoolKind;
import io.pooldesk.model.simulation.PoolReport;
import io.pooldesk.model.simulation.SimulationLog;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** MetalLB in a simulation: {@code IPAddressPool}s and the {@code type: LoadBalancer} Services they serve. */
public final class MetalLbSimulation implements PoolKind {
    private final MetalLbEngine engine = new MetalLbEngine();
    private boolean deprecatedPrefixReported;

    @Override
    public boolean isPool(Manifest manifest) {
        return MetalLb.isPool(manifest);
    }

    /** A LoadBalancer Service that no opt-in annotation gives to OpenELB or NovaEdge: MetalLB needs no opt-in. */
    @Override
    public boolean isRequest(Manifest manifest) {
        if (!ServiceCodec.isLoadBalancerService(manifest)) {
            return false;
        }
        var annotations = manifest.object().path("metadata").path("annotations");
        return !annotations.has("lb.kubesphere.io/v1alpha1") && !annotations.has("novaedge.io/vip-mode");
    }

    @Override
    public void load(Manifest manifest, SimulationLog log) {
        add(manifest, log, false);
    }

    @Override
    public void apply(Manifest manifest, SimulationLog log) {
        add(manifest, log, true);
    }

    private void add(Manifest manifest, SimulationLog log, boolean admission) {
        PoolBlocks blocks;
        try {
            blocks = PoolBlocks.of(MetalLbCodec.read(manifest));
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return;
        }
        List<PoolBlocks> others = new ArrayList<>(engine.definitions());
        others.removeIf(p -> p.pool().name().equals(blocks.pool().name()));
        if (!log.admit(manifest, MetalLbAdmission.check(blocks, others), admission)) {
            return;
        }
        MetalLbAdmission.advisories(blocks).forEach(v -> log.warn(v.in(manifest).toString()));
        for (Family family : Family.values()) {
            if (!blocks.referenceCapacity(family).equals(blocks.capacity(family))) {
                log.warn(manifest.problem("spec.addresses", "holds " + blocks.capacity(family) + " " + family.label()
                        + " addresses; MetalLB's counter saturates at " + Long.MAX_VALUE).toString());
            }
        }
        engine.add(blocks);
    }

    @Override
    public void request(Manifest manifest, SimulationLog log) {
        Service svc;
        try {
            svc = ServiceCodec.read(manifest);
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return;
        }
        if (!deprecatedPrefixReported && svc.annotations().keySet().stream()
                .anyMatch(k -> k.startsWith(MetalLb.DEPRECATED_PREFIX))) {
            deprecatedPrefixReported = true;
            log.warn(manifest.source() + ": document " + manifest.document() + " (" + manifest.describe() + "): "
                    + "annotations under " + MetalLb.DEPRECATED_PREFIX + " are deprecated; read, and written as "
                    + MetalLb.STABLE_PREFIX);
        }
        MetalLbEngine.Outcome outcome = engine.request(svc, log::warn);
        String request = Service.KIND + "/" + svc.id();
        if (outcome.isServed()) {
            log.allocated(new AllocationEntry(request, outcome.pool(), join(outcome.addresses()), null));
        } else {
            log.allocated(new AllocationEntry(request, null, null, outcome.error()));
        }
    }

    @Override
    public boolean delete(String kind, String namespace, String name, String step, SimulationLog log) {
        if (Service.KIND.equals(kind)) {
            String id = (namespace.isEmpty() ? "default" : namespace) + "/" + name;
            MetalLbEngine.Outcome released = engine.release(id);
            if (released != null) {
                log.released(new AllocationEntry(Service.KIND + "/" + id, released.pool(),
                        join(released.addresses()), null));
                return true;
            }
            return false;
        }
        return false;
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (MetalLbEngine.PoolState state : engine.pools()) {
            IpAddressPool pool = state.blocks().pool();
            BigInteger total = state.blocks().capacity();
            BigInteger used = BigInteger.valueOf(state.usedCount());
            reports.add(new PoolReport(MetalLb.POOL_KIND, MetalLb.GROUP,
                    pool.namespace().isEmpty() ? MetalLb.NAMESPACE : pool.namespace(), pool.name(), total, used,
                    total.subtract(used), state.allocated(), Map.of()));
        }
        return reports;
    }

    private static String join(List<Address> addresses) {
        return addresses.stream().map(Address::toString).collect(Collectors.joining(","));
    }
}
