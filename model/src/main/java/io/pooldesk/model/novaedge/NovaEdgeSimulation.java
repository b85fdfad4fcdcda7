package io.pooldesk.model.novaedge;

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

/** NovaEdge in a simulation: ProxyIPPools, and the ProxyVIPs and opted-in Services they serve. */
public final class NovaEdgeSimulation implements PoolKind {
    private final NovaEdgeEngine engine = new NovaEdgeEngine();

    @Override
    public boolean isPool(Manifest manifest) {
        return NovaEdge.isPool(manifest);
    }

    @Override
    public boolean isRequest(Manifest manifest) {
        return NovaEdge.isVip(manifest) || (ServiceCodec.isLoadBalancerService(manifest)
                && manifest.object().path("metadata").path("annotations").has(NovaEdge.VIP_MODE));
    }

    @Override
    public void load(Manifest manifest, SimulationLog log) {
        apply(manifest, log);
    }

    /** NovaEdge has no admission webhook: a pool that parses is taken, with Pooldesk's warnings. */
    @Override
    public void apply(Manifest manifest, SimulationLog log) {
        PoolExpansion expansion;
        try {
            expansion = PoolExpansion.of(ProxyIpPoolCodec.read(manifest));
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return;
        }
        for (String problem : NovaEdgeAdvisories.of(expansion, engine)) {
            log.warn(manifest.problem("spec", problem).toString());
        }
        engine.add(expansion);
    }

    @Override
    public void request(Manifest manifest, SimulationLog log) {
        String pool;
        Family family;
        String holder;
        String request;
        try {
            if (NovaEdge.isVip(manifest)) {
                pool = ProxyIpPoolCodec.poolRef(manifest);
                family = family(ProxyIpPoolCodec.addressFamily(manifest));
                holder = manifest.namespace().isEmpty() ? manifest.name() : manifest.namespace() + "/" + manifest.name();
                request = NovaEdge.VIP_KIND + "/" + holder;
            } else {
                Service svc = ServiceCodec.read(manifest);
                pool = svc.annotation(NovaEdge.ADDRESS_POOL);
                pool = pool.isEmpty() ? NovaEdge.DEFAULT_POOL : pool;
                family = family(svc.annotation(NovaEdge.ADDRESS_FAMILY));
                holder = svc.id();
                request = Service.KIND + "/" + holder;
            }
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return;
        }
        NovaEdgeEngine.Outcome outcome = engine.allocate(pool, holder, family);
        if (!outcome.isServed()) {
            log.allocated(new AllocationEntry(request, null, null, outcome.error()));
            return;
        }
        List<String> others = engine.alsoAllocatedIn(pool, outcome.address());
        if (!others.isEmpty()) {
            log.warn(request + " gets " + outcome.address() + " from pool " + pool + ", which pool "
                    + String.join(", ", others) + " has already handed out: NovaEdge does not check across pools");
        }
        log.allocated(new AllocationEntry(request, outcome.pool(), outcome.address().toString(), null));
    }

    private static Family family(String text) {
        return switch (text.toLowerCase()) {
            case "ipv6" -> Family.IPV6;
            case "ipv4" -> Family.IPV4;
            default -> null;
        };
    }

    @Override
    public boolean delete(String kind, String namespace, String name, String step, SimulationLog log) {
        if (!NovaEdge.VIP_KIND.equals(kind) && !Service.KIND.equals(kind)) {
            return false;
        }
        String holder = Service.KIND.equals(kind) ? (namespace.isEmpty() ? "default" : namespace) + "/" + name
                : namespace.isEmpty() ? name : namespace + "/" + name;
        NovaEdgeEngine.Outcome released = engine.release(holder);
        if (released == null) {
            return false;
        }
        log.released(new AllocationEntry(kind + "/" + holder, released.pool(), released.address().toString(), null));
        return true;
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (NovaEdgeEngine.PoolState state : engine.pools()) {
            BigInteger total = BigInteger.valueOf(state.expansion().entries().size());
            BigInteger used = BigInteger.valueOf(state.allocatedCount());
            reports.add(new PoolReport(NovaEdge.POOL_KIND, NovaEdge.GROUP, null, state.expansion().pool().name(),
                    total, used, total.subtract(used), state.allocations(), Map.of()));
        }
        return reports;
    }
}
