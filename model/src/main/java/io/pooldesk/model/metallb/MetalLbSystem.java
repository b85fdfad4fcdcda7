package io.pooldesk.model.metallb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Cidr;
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
import io.pooldesk.model.system.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** MetalLB: {@code IPAddressPool}s in its namespace serving {@code type: LoadBalancer} Services, no opt-in needed. */
public final class MetalLbSystem implements PoolSystem {
    public static final String ID = "metallb";
    public static final String NAMESPACE_SETTING = "metallb-namespace";

    private static final List<ResourceType> RESOURCES = List.of(
            new ResourceType(MetalLb.GROUP, "v1beta1", MetalLb.POOL_KIND, "ipaddresspools", true, Role.POOL, true),
            new ResourceType("", "v1", Service.KIND, "services", true, Role.REQUEST, true));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "MetalLB";
    }

    @Override
    public List<ResourceType> resources() {
        return RESOURCES;
    }

    @Override
    public boolean isPool(Manifest manifest) {
        return MetalLb.isPool(manifest);
    }

    /** Any LoadBalancer Service: the registry offers MetalLB only what no opt-in annotation gave another system. */
    @Override
    public boolean isRequest(Manifest manifest) {
        return ServiceCodec.isLoadBalancerService(manifest);
    }

    @Override
    public KindRules newRules(ClusterContext context) {
        return new MetalLbRules(context);
    }

    @Override
    public Controller newController(ClusterContext context) {
        return new MetalLbController(context);
    }

    /** MetalLB's webhook admits pools only in the namespace it runs in (ipaddresspool_webhook.go 96-101). */
    @Override
    public List<Setting> settings() {
        return List.of(new Setting(NAMESPACE_SETTING, "namespace", "the namespace MetalLB runs in; its webhook refuses"
                + " IPAddressPools created elsewhere", MetalLb.NAMESPACE, false));
    }

    static String namespace(ClusterContext context) {
        return context.setting(NAMESPACE_SETTING).orElse(MetalLb.NAMESPACE);
    }

    /**
     * The Service's ingress, and the addresses it asks for: {@code metallb.io/loadBalancerIPs} (the deprecated prefix
     * when the stable one is absent), else {@code spec.loadBalancerIP}.
     */
    @Override
    public List<HeldAddress> heldAddresses(Manifest request) {
        List<HeldAddress> out = new ArrayList<>(HeldAddress.ingress(request, "MetalLB releases it and gives the"
                + " Service another address of its pools (\"current IP not allowed by config\","
                + " controller/service.go 77-156)"));
        out.addAll(HeldAddress.askedFor(request, List.of(MetalLb.STABLE_PREFIX + MetalLb.LOAD_BALANCER_IPS,
                MetalLb.DEPRECATED_PREFIX + MetalLb.LOAD_BALANCER_IPS), "MetalLB does not serve the Service (\"is not"
                + " allowed in config\", allocator.go 160-230)"));
        return out;
    }

    @Override
    public String addressesField() {
        return "spec.addresses";
    }

    @Override
    public NeutralPool neutral(Manifest manifest) throws ManifestException {
        IpAddressPool pool = MetalLbCodec.read(manifest);
        PoolBlocks blocks = PoolBlocks.of(pool);
        List<String> notes = new ArrayList<>();
        if (!blocks.usableIsExact()) {
            notes.add("avoidBuggyIPs on a block larger than a /12: its .0 and .255 addresses are not carried (not"
                    + " carried exactly)");
        }
        List<String> namespaces = null;
        Integer rank = null;
        if (pool.serviceAllocation() != null) {
            if (!pool.serviceAllocation().namespaces().isEmpty()) {
                namespaces = pool.serviceAllocation().namespaces();
            }
            if (pool.serviceAllocation().priority() > 0) {
                rank = pool.serviceAllocation().priority();
            }
            if (!pool.serviceAllocation().namespaceSelectors().isEmpty()) {
                notes.add("namespace label selectors (spec.serviceAllocation.namespaceSelectors)");
            }
            if (!pool.serviceAllocation().serviceSelectors().isEmpty()) {
                notes.add("service label selectors (spec.serviceAllocation.serviceSelectors)");
            }
        }
        return new NeutralPool(manifest, ID, pool.name(), pool.namespace(), blocks.usable(),
                AddressSet.of(blocks.blocks().stream().map(Cidr::span).toList()),
                namespaces, rank, false, pool.autoAssign(), notes);
    }

    @Override
    public List<ObjectNode> write(NeutralPool pool, ConversionBatch batch, Consumer<String> loss) {
        ObjectNode object = PoolObjects.object(MetalLb.API_VERSION, MetalLb.POOL_KIND, pool.name(), MetalLb.NAMESPACE);
        ObjectNode spec = object.putObject("spec");
        ArrayNode addresses = spec.putArray("addresses");
        pool.addresses().spans().forEach(span -> addresses.add(PoolObjects.spanText(span, false)));
        spec.put("autoAssign", pool.autoAssign());
        if (pool.namespaces() != null || pool.rank() != null) {
            ObjectNode allocation = spec.putObject("serviceAllocation");
            if (pool.rank() != null) {
                allocation.put("priority", pool.rank());
            }
            if (pool.namespaces() != null) {
                ArrayNode namespaces = allocation.putArray("namespaces");
                pool.namespaces().forEach(namespaces::add);
            }
        }
        return List.of(object);
    }
}
