package io.pooldesk.model.novaedge;

import io.pooldesk.model.address.Family;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.kube.ServiceCodec;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.Controller;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PendingReason;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.Release;
import io.pooldesk.model.system.Violation;
import io.pooldesk.model.system.SimulationLog;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** NovaEdge's controllers in a simulation: ProxyIPPools, and the ProxyVIPs and opted-in Services they serve. */
public final class NovaEdgeController implements Controller {
    private static final List<String> VIP_MODES = List.of("L2ARP", "BGP", "OSPF");
    /** The Services behind each {@code svc-<name>} VIP: same-named Services of two namespaces share one. */
    private final Map<String, Set<ObjectRef>> vipUsers = new HashMap<>();
    private final NovaEdgeEngine engine = new NovaEdgeEngine();

    @Override
    public void load(Manifest manifest, SimulationLog log) {
        apply(manifest, log);
    }

    /** NovaEdge has no admission webhook: a pool that parses is taken, with Pooldesk's warnings. */
    @Override
    public PoolChange apply(Manifest manifest, SimulationLog log) {
        PoolExpansion expansion;
        try {
            expansion = PoolExpansion.of(ProxyIpPoolCodec.read(manifest));
        } catch (ManifestException e) {
            log.reject(manifest.problem(e));
            return null;
        }
        for (String problem : NovaEdgeAdvisories.of(expansion, engine)) {
            log.warn(manifest.problem("spec", problem).toString());
        }
        engine.update(expansion).forEach((address, vip) -> log.warn(manifest, "NovaEdge's pool forgets " + vip
                + "'s address " + address + ", which the new definition does not contain; the holder keeps it in its"
                + " status and the pool may hand it out again (ipam/allocator.go 62-73)"));
        return PoolChange.NOTHING_RELEASED;
    }

    @Override
    public List<Outcome> reconcile(Manifest manifest, SimulationLog log) {
        String pool;
        Family family;
        ObjectRef ref;
        try {
            if (NovaEdge.isVip(manifest)) {
                ref = ObjectRef.clusterScoped(NovaEdge.VIP_KIND, manifest.name());
                pool = ProxyIpPoolCodec.poolRef(manifest);
                family = family(ProxyIpPoolCodec.addressFamily(manifest));
            } else {
                ref = ObjectRef.namespaced(Service.KIND, manifest.namespace(), manifest.name());
                Service svc = ServiceCodec.read(manifest);
                String mode = svc.annotation(NovaEdge.VIP_MODE);
                if (!VIP_MODES.contains(mode)) {
                    // parsed before allocation, and never retried (service_controller.go 124-130, parseVIPMode)
                    return List.of(new Outcome.Pending(ref, null, PendingReason.INVALID_REQUEST,
                            "Invalid vip-mode annotation value \"" + mode + "\": unsupported VIP mode: \"" + mode
                                    + "\": must be one of L2ARP, BGP, OSPF"));
                }
                pool = svc.annotation(NovaEdge.ADDRESS_POOL);
                pool = pool.isEmpty() ? NovaEdge.DEFAULT_POOL : pool;
                family = family(svc.annotation(NovaEdge.ADDRESS_FAMILY));
            }
        } catch (ManifestException e) {
            return List.of(new Outcome.Refused(ObjectRef.namespaced(manifest.kind(), manifest.namespace(),
                    manifest.name()), List.of(new Violation(e.field(), e.getMessage()))));
        }
        String holder = holder(ref);
        NovaEdgeEngine.Outcome outcome = engine.allocate(pool, holder, family);
        if (!outcome.isServed()) {
            return List.of(new Outcome.Pending(ref, outcome.pool() == null ? null : poolRef(outcome.pool()),
                    outcome.waitReason(), outcome.error()));
        }
        List<String> others = engine.alsoAllocatedIn(pool, outcome.address());
        if (!others.isEmpty()) {
            log.warn(ref + " gets " + outcome.address() + " from pool " + pool + ", which pool "
                    + String.join(", ", others) + " has already handed out: NovaEdge does not check across pools");
        }
        if (Service.KIND.equals(ref.kind())) {
            Set<ObjectRef> users = vipUsers.computeIfAbsent(holder, k -> new LinkedHashSet<>());
            users.add(ref);
            if (users.size() > 1) {
                log.warn(ref + " shares ProxyVIP " + holder + " and its address " + outcome.address() + " with "
                        + users.stream().filter(u -> !u.equals(ref)).map(ObjectRef::toString)
                        .collect(java.util.stream.Collectors.joining(", ")) + ": NovaEdge names a Service's VIP"
                        + " svc-<name> without its namespace (service_controller.go 139), and deleting either Service"
                        + " releases the address while the other still uses it");
            }
        }
        return List.of(new Outcome.Served(ref, poolRef(outcome.pool()), List.of(outcome.address())));
    }

    /** A ProxyVIP holds under its name; a Service under its VIP's name, {@code svc-<name>}, without the namespace. */
    private static String holder(ObjectRef ref) {
        return Service.KIND.equals(ref.kind()) ? "svc-" + ref.name() : ref.holder();
    }

    private static Family family(String text) {
        return switch (text.toLowerCase()) {
            case "ipv6" -> Family.IPV6;
            case "ipv4" -> Family.IPV4;
            default -> null;
        };
    }

    /** A VIP or Service that names another pool or family gives its address back and is allocated again. */
    @Override
    public boolean releasesOnChange(Manifest before, Manifest after) {
        return !asks(before).equals(asks(after));
    }

    private static List<String> asks(Manifest manifest) {
        var annotations = manifest.object().path("metadata").path("annotations");
        var spec = manifest.object().path("spec");
        return List.of(annotations.path(NovaEdge.ADDRESS_POOL).asText(""),
                annotations.path(NovaEdge.ADDRESS_FAMILY).asText(""), spec.path("poolRef").toString(),
                spec.path("addressFamily").asText(""));
    }

    @Override
    public List<Release> release(ObjectRef request, SimulationLog log) {
        if (!NovaEdge.VIP_KIND.equals(request.kind()) && !Service.KIND.equals(request.kind())) {
            return List.of();
        }
        String holder = holder(request);
        NovaEdgeEngine.Outcome released = engine.release(holder);
        Set<ObjectRef> users = vipUsers.get(holder);
        if (users != null) {
            users.remove(request);
            if (released != null && !users.isEmpty()) {
                log.warn(request + " released " + released.address() + " of ProxyVIP " + holder + " while " + users
                        .stream().map(ObjectRef::toString).collect(java.util.stream.Collectors.joining(", "))
                        + " still uses it: NovaEdge may hand it out again (service_controller.go 224-235)");
            }
        }
        return released == null ? List.of()
                : List.of(new Release(request, poolRef(released.pool()), List.of(released.address())));
    }

    @Override
    public boolean deletePool(ObjectRef pool, String step, SimulationLog log) {
        return false;
    }

    private static ObjectRef poolRef(String name) {
        return ObjectRef.clusterScoped(NovaEdge.POOL_KIND, name);
    }

    @Override
    public List<PoolReport> report() {
        List<PoolReport> reports = new ArrayList<>();
        for (NovaEdgeEngine.PoolState state : engine.pools()) {
            BigInteger total = BigInteger.valueOf(state.expansion().entries().size());
            BigInteger used = BigInteger.valueOf(state.allocatedCount());
            reports.add(new PoolReport(NovaEdge.POOL_KIND, NovaEdge.GROUP, null, state.expansion().pool().name(),
                    total, used, total.subtract(used), state.holders(), PoolReport.NO_HISTORY));
        }
        return reports;
    }
}
