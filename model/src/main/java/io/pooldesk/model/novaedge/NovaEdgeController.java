package io.pooldesk.model.novaedge;

import io.pooldesk.model.address.Address;
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
import java.util.Optional;
import java.util.Set;

/** NovaEdge's controllers in a simulation: ProxyIPPools, and the ProxyVIPs and opted-in Services they serve. */
public final class NovaEdgeController implements Controller {
    private static final List<String> VIP_MODES = List.of("L2ARP", "BGP", "OSPF");
    /** The Services behind each {@code svc-<name>} VIP: same-named Services of two namespaces share one. */
    private final Map<String, Set<ObjectRef>> vipUsers = new HashMap<>();
    private final NovaEdgeEngine engine = new NovaEdgeEngine();
    /** Addresses VIPs still hold in their status after their pool was deleted, to the VIP and the pool. */
    private final Map<Address, Orphan> orphaned = new java.util.TreeMap<>();

    private record Orphan(String vip, String pool) {
    }

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
        ObjectRef ref;
        Service svc = null;
        try {
            if (NovaEdge.isVip(manifest)) {
                ref = ObjectRef.clusterScoped(NovaEdge.VIP_KIND, manifest.name());
                pool = ProxyIpPoolCodec.poolRef(manifest);
            } else {
                ref = ObjectRef.namespaced(Service.KIND, manifest.namespace(), manifest.name());
                svc = ServiceCodec.read(manifest);
                String mode = svc.annotation(NovaEdge.VIP_MODE);
                if (!VIP_MODES.contains(mode)) {
                    // parsed before allocation, and never retried (service_controller.go 124-130, parseVIPMode)
                    return List.of(new Outcome.Pending(ref, null, PendingReason.INVALID_REQUEST,
                            "Invalid vip-mode annotation value \"" + mode + "\": unsupported VIP mode: \"" + mode
                                    + "\": must be one of L2ARP, BGP, OSPF"));
                }
                pool = svc.annotation(NovaEdge.ADDRESS_POOL);
                pool = pool.isEmpty() ? NovaEdge.DEFAULT_POOL : pool;
            }
        } catch (ManifestException e) {
            return List.of(new Outcome.Refused(ObjectRef.namespaced(manifest.kind(), manifest.namespace(),
                    manifest.name()), List.of(new Violation(e.field(), e.getMessage()))));
        }
        String holder = holder(ref);
        // neither controller passes a family: the address is the pool's next one whatever the VIP's or Service's
        // address family says (ipam/allocator.go Allocate(pool, vip); service_controller_test.go
        // TestDualStackAddressFamilyAnnotation)
        NovaEdgeEngine.Outcome outcome = engine.allocate(pool, holder, null);
        if (!outcome.isServed()) {
            // a Service's failure is its IPAllocationFailed event (service_controller.go 141-148); a ProxyVIP's is
            // only logged
            return List.of(new Outcome.Pending(ref, outcome.pool() == null ? null : poolRef(outcome.pool()),
                    outcome.waitReason(), svc == null ? outcome.error()
                    : "Failed to allocate IP from pool \"" + pool + "\": " + outcome.error()));
        }
        String unparsable = svc == null ? null : annotationProblem(svc);
        if (unparsable != null) {
            // buildVIPSpec runs after the allocation, which is then given back and not retried (service_controller.go
            // 150-159)
            engine.release(holder);
            return List.of(new Outcome.Pending(ref, null, PendingReason.INVALID_REQUEST,
                    "Failed to parse annotations: " + unparsable));
        }
        Orphan orphan = orphaned.get(outcome.address());
        if (orphan != null && !orphan.vip().equals(holder)) {
            log.warn(ref + " gets " + outcome.address() + " from pool " + pool + ", which " + orphan.vip() + " still"
                    + " holds in its status since pool " + orphan.pool() + " was deleted: NovaEdge's pools do not"
                    + " know it");
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

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * buildVIPSpec's checks (service_controller.go 251-312), in its order: the address family is one of ipv4, ipv6,
     * dual (case-sensitive); bgp-config, ospf-config and node-selector are JSON objects. The reference quotes Go's JSON
     * error, which Pooldesk words its own way.
     *
     * @return the reference's error, or null when every annotation parses
     */
    private static String annotationProblem(Service svc) {
        String family = svc.annotations().getOrDefault(NovaEdge.ADDRESS_FAMILY, "");
        if (!family.isEmpty() && !List.of("ipv4", "ipv6", "dual").contains(family)) {
            return "invalid address-family annotation: unsupported address family: \"" + family
                    + "\": must be one of ipv4, ipv6, dual";
        }
        for (String[] json : new String[][] {{NovaEdge.BGP_CONFIG, "bgp-config"}, {NovaEdge.OSPF_CONFIG, "ospf-config"},
                {NovaEdge.NODE_SELECTOR, "node-selector"}}) {
            String text = svc.annotations().getOrDefault(json[0], "");
            if (text.isEmpty()) {
                continue;
            }
            String problem;
            try {
                var node = JSON.readTree(text);
                problem = node != null && (node.isObject() || node.isNull()) ? null
                        : "cannot unmarshal " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase())
                        + " into an object";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problem = "not valid JSON (" + e.getOriginalMessage() + ")";
            }
            if (problem != null) {
                return "invalid " + json[1] + " annotation JSON: " + problem;
            }
        }
        return null;
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
        orphaned.values().removeIf(o -> o.vip().equals(holder));
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

    /**
     * NovaEdge has no webhook: the pool controller sees the pool gone and RemovePool drops it and its allocations,
     * logging "Removing pool with active allocations" (proxyippool_controller.go 53-59, ipam/allocator.go 86-100).
     * No VIP or Service is reconciled again: each keeps its address, so nothing is released.
     */
    @Override
    public Optional<PoolDeletion> deletePool(ObjectRef pool, String step, SimulationLog log) {
        if (!NovaEdge.POOL_KIND.equals(pool.kind())) {
            return Optional.empty();
        }
        Map<Address, String> dropped = engine.remove(pool.name());
        if (dropped == null) {
            return Optional.empty();
        }
        if (!dropped.isEmpty()) {
            dropped.forEach((address, vip) -> orphaned.put(address, new Orphan(vip, pool.name())));
            log.warn(step + ": " + NovaEdge.POOL_KIND + "/" + pool.name() + " is deleted with " + dropped.size()
                    + " active allocations (NovaEdge logs \"Removing pool with active allocations\"): "
                    + dropped.entrySet().stream().map(e -> e.getValue() + " keeps " + e.getKey())
                    .collect(java.util.stream.Collectors.joining(", ")) + " in its status, nothing releases it, and"
                    + " a pool created again may hand it out again (ipam/allocator.go 86-100)");
        }
        return Optional.of(PoolDeletion.NOTHING_RELEASED);
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
