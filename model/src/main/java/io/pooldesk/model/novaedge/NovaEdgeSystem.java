package io.pooldesk.model.novaedge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.kube.ServiceCodec;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.ConversionBatch;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.Controller;
import io.pooldesk.model.system.HeldAddress;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.NeutralPool;
import io.pooldesk.model.system.PoolObjects;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.ResourceType;
import io.pooldesk.model.system.ResourceType.Role;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** NovaEdge: cluster-wide {@code ProxyIPPool}s serving {@code ProxyVIP}s and the Services that name a VIP mode. */
public final class NovaEdgeSystem implements PoolSystem {
    public static final String ID = "novaedge";
    /** Beyond this many CIDR entries a converted pool stops growing and the rest is reported lost. */
    static final int MAX_CIDRS = 4096;
    private static final BigInteger CAP = BigInteger.valueOf(NovaEdge.EXPANSION_CAP);

    private static final List<ResourceType> RESOURCES = List.of(
            new ResourceType(NovaEdge.GROUP, "v1alpha1", NovaEdge.POOL_KIND, "proxyippools", false, Role.POOL, true),
            new ResourceType(NovaEdge.GROUP, "v1alpha1", NovaEdge.VIP_KIND, "proxyvips", false, Role.REQUEST, true),
            new ResourceType("", "v1", Service.KIND, "services", true, Role.REQUEST, true));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "NovaEdge";
    }

    @Override
    public List<ResourceType> resources() {
        return RESOURCES;
    }

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
    public KindRules newRules(ClusterContext context) {
        return new NovaEdgeRules();
    }

    @Override
    public Controller newController(ClusterContext context) {
        return new NovaEdgeController();
    }

    /**
     * A ProxyVIP's {@code status.allocatedAddress} (a host prefix, {@code 10.200.0.1/32}) or an opted-in Service's
     * ingress. A VIP's {@code spec.address} is not an ask: the controller allocates from the pool whenever the status is
     * empty and never reads it (other-kinds.md D, proxyvip_controller.go).
     */
    @Override
    public List<HeldAddress> heldAddresses(Manifest request) {
        String outside = "NovaEdge keeps it: its allocations live in the controller's memory and are never read back"
                + " from VIPs, so no pool accounts for it (ipam/allocator.go)";
        return NovaEdge.isVip(request)
                ? HeldAddress.of("status.allocatedAddress", HeldAddress.text(request, "status", "allocatedAddress"),
                false, outside)
                : HeldAddress.ingress(request, outside);
    }


    @Override
    public NeutralPool neutral(Manifest manifest) throws ManifestException {
        PoolExpansion expansion = PoolExpansion.of(ProxyIpPoolCodec.read(manifest));
        List<String> notes = new ArrayList<>(expansion.truncations());
        return new NeutralPool(manifest, ID, expansion.pool().name(), "", expansion.usable(),
                expansion.written(), null, null, false, true, notes);
    }

    /** NovaEdge drops the first and last address of every IPv4 CIDR: those are added back as single addresses. */
    @Override
    public List<ObjectNode> write(NeutralPool pool, ConversionBatch batch, Consumer<String> loss) {
        ObjectNode object = PoolObjects.object(NovaEdge.API_VERSION, NovaEdge.POOL_KIND, pool.name(), null);
        ObjectNode spec = object.putObject("spec");
        ArrayNode cidrs = JsonNodeFactory.instance.arrayNode();
        ArrayNode singles = JsonNodeFactory.instance.arrayNode();
        BigInteger dropped = BigInteger.ZERO;
        for (Span span : pool.addresses().spans()) {
            for (Cidr block : span.toCidrBlocks()) {
                if (block.size().compareTo(CAP) <= 0) {
                    if (cidrs.size() < MAX_CIDRS) {
                        writeBlock(block, cidrs, singles);
                    } else {
                        dropped = dropped.add(block.size());
                    }
                    continue;
                }
                // larger than the expansion cap: cut into cap-sized blocks, as many as fit
                BigInteger parts = block.size().divide(CAP);
                long room = Math.max(0, MAX_CIDRS - cidrs.size());
                long written = parts.min(BigInteger.valueOf(room)).longValue();
                int prefix = block.family().bits() - 16;
                for (long i = 0; i < written; i++) {
                    writeBlock(new Cidr(block.network().plus(CAP.multiply(BigInteger.valueOf(i))), prefix), cidrs,
                            singles);
                }
                dropped = dropped.add(parts.subtract(BigInteger.valueOf(written)).multiply(CAP));
            }
        }
        if (!cidrs.isEmpty()) {
            spec.set("cidrs", cidrs);
        }
        if (!singles.isEmpty()) {
            spec.set("addresses", singles);
        }
        spec.put("autoAssign", pool.autoAssign());
        if (dropped.signum() > 0) {
            loss.accept(dropped + " addresses not carried: NovaEdge expands each CIDR to at most 65,536 addresses"
                    + " and Pooldesk writes at most " + MAX_CIDRS + " CIDRs");
        }
        if (pool.namespaces() != null || pool.rank() != null) {
            loss.accept("namespace scoping and priority: NovaEdge pools are chosen by name only");
        }
        if (!pool.autoAssign()) {
            loss.accept("autoAssign: false is stored by NovaEdge but never consulted");
        }
        return List.of(object);
    }

    private static void writeBlock(Cidr block, ArrayNode cidrs, ArrayNode singles) {
        int bits = block.family().bits();
        if (block.hostBits() == 0 || (block.family() == Family.IPV4 && block.hostBits() == 1)) {
            for (Address a = block.network(); a != null && a.compareTo(block.last()) <= 0; a = a.next()) {
                singles.add(a + "/" + bits);
            }
            return;
        }
        cidrs.add(block.toString());
        if (block.family() == Family.IPV4) {
            singles.add(block.network() + "/" + bits);
            singles.add(block.last() + "/" + bits);
        }
    }
}
