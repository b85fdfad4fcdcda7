package io.pooldesk.model.harvester.lb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.address.SubnetFitting;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.ConversionBatch;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.Controller;
import io.pooldesk.model.system.HeldAddress;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.NeutralPool;
import io.pooldesk.model.system.NetworkAddress;
import io.pooldesk.model.system.PoolFacts;
import io.pooldesk.model.system.PoolObjects;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.RequestComposer;
import io.pooldesk.model.system.ResourceType;
import io.pooldesk.model.system.ResourceType.Role;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Harvester's load-balancer IPAM: cluster-wide {@code IPPool}s serving {@code LoadBalancer}s. */
public final class HarvesterLbSystem implements PoolSystem {
    public static final String ID = "harvester-lb";
    private static final RequestComposer COMPOSER = new LoadBalancerComposer();

    private static final List<ResourceType> RESOURCES = List.of(
            new ResourceType(HarvesterLb.GROUP, "v1beta1", HarvesterLb.POOL_KIND, "ippools", false, Role.POOL, true),
            new ResourceType(HarvesterLb.DOCUMENTED_GROUP, "v1beta1", HarvesterLb.POOL_KIND, "ippools", false,
                    Role.POOL, false),
            new ResourceType(HarvesterLb.GROUP, "v1beta1", HarvesterLb.LOAD_BALANCER_KIND, "loadbalancers", true,
                    Role.REQUEST, true));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Harvester load balancer";
    }

    @Override
    public List<ResourceType> resources() {
        return RESOURCES;
    }

    @Override
    public boolean isPool(Manifest manifest) {
        return HarvesterLb.isPool(manifest);
    }

    @Override
    public boolean isRequest(Manifest manifest) {
        return HarvesterLb.isLoadBalancer(manifest);
    }

    /**
     * The LoadBalancer mutating webhook, reading the input's Namespaces for a guest cluster's project; pools are stored
     * as written (their label rewrite is not modelled here).
     */
    @Override
    public io.pooldesk.model.system.Mutation mutate(Manifest manifest, ClusterContext context) {
        return HarvesterLb.isLoadBalancer(manifest) ? HarvesterLbMutator.mutate(manifest, context)
                : io.pooldesk.model.system.Mutation.none(manifest);
    }

    @Override
    public KindRules newRules(ClusterContext context) {
        return new HarvesterLbRules(context);
    }

    @Override
    public Controller newController(ClusterContext context) {
        return new HarvesterLbController(context);
    }

    /** Each range's gateway, written or the default the range resolves to. */
    @Override
    public List<NetworkAddress> networkAddresses(Manifest manifest) {
        IpPool pool;
        try {
            pool = HarvesterLbCodec.readPool(manifest);
        } catch (ManifestException e) {
            return List.of();
        }
        RangeSet ranges = PoolAdmission.resolveQuietly(pool);
        if (ranges == null) {
            return List.of();
        }
        List<NetworkAddress> out = new ArrayList<>();
        for (int i = 0; i < ranges.ranges().size(); i++) {
            Address gateway = ranges.ranges().get(i).gateway();
            if (gateway != null) {
                out.add(new NetworkAddress("gateway", "spec.ranges[" + i + "].gateway", gateway));
            }
        }
        return out;
    }

    /**
     * A load balancer's {@code status.allocatedAddress.ip}; a DHCP one's {@code status.address} comes from its
     * network's DHCP server, outside every pool by design, so it counts only against other holders.
     */
    @Override
    public List<HeldAddress> heldAddresses(Manifest request) {
        if (LoadBalancer.IPAM_DHCP.equals(HeldAddress.text(request, "spec", "ipam"))) {
            return HeldAddress.of("status.address", HeldAddress.text(request, "status", "address"), false, null);
        }
        return HeldAddress.of("status.allocatedAddress.ip",
                HeldAddress.text(request, "status", "allocatedAddress", "ip"), false, "Harvester keeps it in the load"
                        + " balancer's status, but no IPPool records it in status.allocated, so no Harvester pool"
                        + " knows the address is taken");
    }


    @Override
    public String addressesField() {
        return "spec.ranges";
    }

    /** Each range less its gateway; {@code rank} holds the raw priority (bigger wins) until the batch is ranked. */
    @Override
    public NeutralPool neutral(Manifest manifest) throws ManifestException {
        IpPool pool = HarvesterLbCodec.readPool(manifest);
        RangeSet ranges = PoolAdmission.resolveQuietly(pool);
        if (ranges == null) {
            throw new ManifestException("spec.ranges", "has an invalid range; `pooldesk validate` names it");
        }
        AddressSet addresses = AddressSet.empty();
        AddressSet written = AddressSet.of(ranges.ranges().stream().map(EffectiveRange::span).toList());
        for (EffectiveRange range : ranges.ranges()) {
            AddressSet span = AddressSet.of(List.of(range.span()));
            addresses = addresses.union(range.gateway() != null && range.contains(range.gateway())
                    ? span.minus(range.gateway()) : span);
        }
        List<String> notes = new ArrayList<>();
        if (!pool.selector().network().isEmpty()) {
            notes.add("VM network " + pool.selector().network() + " (spec.selector.network)");
        }
        Set<String> namespaces = new LinkedHashSet<>();
        boolean anyNamespace = false;
        for (ScopeTuple tuple : pool.selector().scope()) {
            if (ScopeTuple.ALL.equals(tuple.namespace())) {
                anyNamespace = true;
            } else {
                namespaces.add(tuple.namespace());
            }
            if (!tuple.project().isEmpty() && !ScopeTuple.ALL.equals(tuple.project())
                    || !tuple.guestCluster().isEmpty() && !ScopeTuple.ALL.equals(tuple.guestCluster())) {
                notes.add("scope by Rancher project or guest cluster " + tuple);
            }
        }
        boolean autoAssign = !pool.selector().scope().isEmpty();
        Integer priority = pool.selector().priority() > 0 ? (int) Math.min(Integer.MAX_VALUE,
                pool.selector().priority()) : null;
        return new NeutralPool(manifest, ID, pool.name(), "", addresses, written,
                anyNamespace || !autoAssign ? null : List.copyOf(namespaces), priority, true, autoAssign, notes);
    }

    @Override
    public List<ObjectNode> write(NeutralPool pool, ConversionBatch batch, Consumer<String> loss) {
        ObjectNode object = PoolObjects.object(HarvesterLb.API_VERSION, HarvesterLb.POOL_KIND, pool.name(), null);
        ObjectNode spec = object.putObject("spec");
        ArrayNode ranges = spec.putArray("ranges");
        for (Span span : pool.addresses().spans()) {
            writeRange(span, ranges, loss);
        }
        if (pool.addresses().families().contains(Family.IPV6)) {
            loss.accept("Harvester does not support IPv6 load-balancer pools (harvester#10767); written as given");
        }
        ObjectNode selector = spec.putObject("selector");
        if (pool.rank() != null) {
            selector.put("priority", batch.maxRank + 1 - pool.rank());
        }
        ArrayNode scope = selector.putArray("scope");
        if (!pool.autoAssign()) {
            return List.of(object);
        }
        if (pool.namespaces() == null) {
            ObjectNode tuple = scope.addObject().put("project", "*").put("namespace", "*");
            if (!batch.defaultTaken) {
                tuple.put("guestCluster", "*");
                batch.defaultTaken = true;
            } else {
                loss.accept("Harvester allows one global pool: " + pool.name() + " serves every namespace but guest"
                        + " clusters only through the loose match");
            }
        } else {
            pool.namespaces().forEach(ns -> scope.addObject().put("project", "*").put("namespace", ns)
                    .put("guestCluster", "*"));
        }
        return List.of(object);
    }

    private static void writeRange(Span span, ArrayNode ranges, Consumer<String> loss) {
        if (span.family() == Family.IPV4 && span.size().equals(BigInteger.ONE)) {
            ranges.addObject().put("subnet", span.first() + "/32");
            return;
        }
        SubnetFitting fit = SubnetFitting.around(span);
        if (fit == null) {
            loss.accept("range " + span + " touches the edge of the address space and cannot be written");
            return;
        }
        ranges.addObject().put("subnet", fit.subnet().toString()).put("rangeStart", span.first().toString())
                .put("rangeEnd", span.last().toString()).put("gateway", fit.spare().toString());
    }

    /** The selector in words, the address the iterator hands out next, and the whole subnets with their gateways. */
    @Override
    public PoolFacts facts(Manifest manifest, Controller controller) {
        IpPool pool;
        try {
            pool = HarvesterLbCodec.readPool(manifest);
        } catch (ManifestException e) {
            return PoolFacts.NONE;
        }
        String scope = pool.selector().scope().stream().map(HarvesterLbSystem::scopeText)
                .collect(Collectors.joining(", "));
        Address next = controller instanceof HarvesterLbController harvester ? harvester.nextAddress(pool.name())
                : null;
        RangeSet ranges = PoolAdmission.resolveQuietly(pool);
        Span extent = null;
        AddressSet reserved = AddressSet.empty();
        if (ranges != null) {
            extent = subnets(ranges);
            reserved = gateways(ranges);
        }
        return new PoolFacts(pool.description(), pool.selector().network(), scope,
                String.valueOf(pool.selector().priority()), pool.isGlobal(), next, extent, reserved);
    }

    private static String scopeText(ScopeTuple t) {
        if (t.isAllWildcards()) {
            return "all (global)";
        }
        // "*" project and cluster are the common case: say only what narrows the scope
        List<String> parts = new ArrayList<>();
        parts.add("ns " + (t.namespace().isEmpty() ? "\"\"" : t.namespace()));
        if (!t.project().isEmpty() && !ScopeTuple.ALL.equals(t.project())) {
            parts.add("project " + t.project());
        }
        if (!t.guestCluster().isEmpty() && !ScopeTuple.ALL.equals(t.guestCluster())) {
            parts.add("cluster " + t.guestCluster());
        }
        return String.join(", ", parts);
    }

    /** A Harvester pool's map spans its whole subnets (of its first family), so network and gateway cells show. */
    private static Span subnets(RangeSet ranges) {
        Address first = null;
        Address last = null;
        Family family = null;
        for (EffectiveRange range : ranges.ranges()) {
            Span subnet = range.subnet().span();
            if (family == null) {
                family = subnet.family();
            } else if (subnet.family() != family) {
                continue;
            }
            first = first == null || subnet.first().compareTo(first) < 0 ? subnet.first() : first;
            last = last == null || subnet.last().compareTo(last) > 0 ? subnet.last() : last;
        }
        return first == null ? null : new Span(first, last);
    }

    /** Every gateway inside its subnet: the window shows those its pool does not hand out as reserved. */
    private static AddressSet gateways(RangeSet ranges) {
        List<Span> out = new ArrayList<>();
        for (EffectiveRange range : ranges.ranges()) {
            if (range.gateway() != null && range.subnet().contains(range.gateway())) {
                out.add(Span.single(range.gateway()));
            }
        }
        return AddressSet.of(out);
    }

    @Override
    public java.util.Optional<RequestComposer> composer() {
        return java.util.Optional.of(COMPOSER);
    }

    @Override
    public String describeRequest(Manifest m) {
        try {
            LoadBalancer lb = HarvesterLbCodec.readLoadBalancer(m);
            if (!lb.ipPool().isEmpty()) {
                return "pool " + lb.ipPool();
            }
            Requirement r = lb.requirement();
            List<String> parts = new ArrayList<>();
            parts.add("namespace " + r.namespace());
            if (!r.network().isEmpty()) {
                parts.add("network " + r.network());
            }
            if (!r.project().isEmpty()) {
                parts.add("project " + r.project());
            }
            if (!r.cluster().isEmpty()) {
                parts.add("cluster " + r.cluster());
            }
            return String.join(", ", parts) + (lb.isClusterWorkload() ? " (guest cluster)" : "");
        } catch (ManifestException e) {
            return "";
        }
    }
}
