package io.pooldesk.model.registry;

import io.pooldesk.model.harvester.dhcp.DhcpSystem;
import io.pooldesk.model.harvester.lb.HarvesterLbSystem;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.metallb.MetalLbSystem;
import io.pooldesk.model.novaedge.NovaEdgeSystem;
import io.pooldesk.model.openelb.OpenElbSystem;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.RequestComposer;

import java.util.List;
import java.util.Optional;

/**
 * The pool systems Pooldesk models: the one place that names them. Everything else iterates this list. Adding a
 * system is one package implementing {@link PoolSystem} plus one line here (docs/architecture.md).
 */
public final class PoolSystems {
    /**
     * In the order requests are offered to them: a Service goes to OpenELB or NovaEdge when it opts in by annotation,
     * and to MetalLB otherwise, because MetalLB needs no opt-in; so MetalLB is asked last.
     */
    private static final List<PoolSystem> ALL = List.of(
            new HarvesterLbSystem(),
            new DhcpSystem(),
            new OpenElbSystem(),
            new NovaEdgeSystem(),
            new MetalLbSystem());

    private PoolSystems() {
    }

    public static List<PoolSystem> all() {
        return ALL;
    }

    /** The system whose pool or request this object is; empty for an object no system reads. */
    public static Optional<PoolSystem> of(Manifest manifest) {
        for (PoolSystem system : ALL) {
            if (system.isPool(manifest) || system.isRequest(manifest)) {
                return Optional.of(system);
            }
        }
        return Optional.empty();
    }

    /** The system whose pool this object is; empty when it is not a pool. */
    public static Optional<PoolSystem> ofPool(Manifest manifest) {
        return ALL.stream().filter(s -> s.isPool(manifest)).findFirst();
    }

    public static Optional<PoolSystem> byId(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The composer of the what-if planner's new load balancers: the first system that offers one. */
    public static RequestComposer composer() {
        return ALL.stream().flatMap(s -> s.composer().stream()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no pool system composes requests"));
    }

    /** Whether some system writes this holder into a pool's status as a marker, not a request (a DHCP exclusion). */
    public static boolean isMarker(String holder) {
        return ALL.stream().anyMatch(s -> s.isMarker(holder));
    }

    /** The ids the command line accepts, in the registry's order. */
    public static List<String> ids() {
        return ALL.stream().map(PoolSystem::id).toList();
    }
}
