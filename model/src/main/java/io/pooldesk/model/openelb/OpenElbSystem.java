package io.pooldesk.model.openelb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.address.AddressSet;
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

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** OpenELB: cluster-wide {@code Eip}s serving the Services that opt in by annotation. */
public final class OpenElbSystem implements PoolSystem {
    public static final String ID = "openelb";

    private static final List<ResourceType> RESOURCES = List.of(
            new ResourceType(OpenElb.GROUP, "v1alpha2", OpenElb.KIND, "eips", false, Role.POOL, true),
            new ResourceType("", "v1", Service.KIND, "services", true, Role.REQUEST, true));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "OpenELB";
    }

    @Override
    public List<ResourceType> resources() {
        return RESOURCES;
    }

    @Override
    public boolean isPool(Manifest manifest) {
        return OpenElb.isEip(manifest);
    }

    /** A LoadBalancer Service carrying OpenELB's opt-in key; the controller serves it when the value opts in. */
    @Override
    public boolean isRequest(Manifest manifest) {
        return ServiceCodec.isLoadBalancerService(manifest)
                && manifest.object().path("metadata").path("annotations").has(OpenElb.OPT_IN);
    }

    @Override
    public KindRules newRules(ClusterContext context) {
        return new OpenElbRules();
    }

    @Override
    public Controller newController(ClusterContext context) {
        return new OpenElbController(context);
    }

    /** The Service's ingress, and the address it asks for: the requested-IP annotation, else spec.loadBalancerIP. */
    @Override
    public List<HeldAddress> heldAddresses(Manifest request) {
        List<HeldAddress> out = new ArrayList<>(HeldAddress.ingress(request, "OpenELB records holders only in its"
                + " Eips' status.used, so it assigns the Service an address of an Eip instead"
                + " (pkg/controllers/ipam/ipam.go 185-201)"));
        out.addAll(HeldAddress.askedFor(request, List.of(OpenElb.REQUESTED_IP), "OpenELB leaves the Service without"
                + " an address (\"no available eip was found containing the ip\", pkg/controllers/ipam/ipam.go"
                + " 307-327)"));
        return out;
    }

    @Override
    public String addressesField() {
        return "spec.address";
    }

    /** OpenELB priority 0 (the default) is its highest: rank = priority + 1. */
    @Override
    public NeutralPool neutral(Manifest manifest) throws ManifestException {
        Eip eip = EipCodec.read(manifest);
        Span span = EipRange.of(eip);
        List<String> notes = new ArrayList<>();
        if (!eip.protocol().isEmpty() || !eip.iface().isEmpty()) {
            notes.add("announcement protocol " + (eip.protocol().isEmpty() ? "bgp" : eip.protocol())
                    + (eip.iface().isEmpty() ? "" : " on interface " + eip.iface()));
        }
        if (!eip.namespaceSelector().isEmpty()) {
            notes.add("namespace label selector (spec.namespaceSelector)");
        }
        boolean bound = !eip.namespaces().isEmpty();
        boolean autoAssign = !eip.disable() && (bound || eip.isDefault());
        if (eip.disable()) {
            notes.add("disable: true (the Eip serves nothing, not even explicit requests)");
        }
        return new NeutralPool(manifest, ID, eip.name(), "", AddressSet.of(List.of(span)),
                AddressSet.of(List.of(span)), bound ? eip.namespaces() : null, bound ? eip.priority() + 1 : null,
                false, autoAssign, notes);
    }

    @Override
    public List<ObjectNode> write(NeutralPool pool, ConversionBatch batch, Consumer<String> loss) {
        List<Span> spans = pool.addresses().spans();
        if (spans.size() > 1) {
            loss.accept("an Eip holds one address range: written as " + spans.size() + " Eips " + pool.name()
                    + "-1 .. " + pool.name() + "-" + spans.size());
        }
        boolean makeDefault = pool.autoAssign() && pool.namespaces() == null && !batch.defaultTaken;
        if (pool.autoAssign() && pool.namespaces() == null) {
            if (batch.defaultTaken) {
                loss.accept("OpenELB allows one default Eip: " + pool.name() + " now serves only Services that name"
                        + " it or request one of its addresses");
            }
            batch.defaultTaken = true;
        }
        if (pool.namespaces() != null && pool.rank() == null) {
            loss.accept("no priority in the source: OpenELB's default priority 0 is its highest");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            String name = spans.size() == 1 ? pool.name() : pool.name() + "-" + (i + 1);
            ObjectNode object = PoolObjects.object(OpenElb.API_VERSION, OpenElb.KIND, name, null);
            if (makeDefault) {
                ((ObjectNode) object.get("metadata")).putObject("annotations").put(OpenElb.DEFAULT_EIP, "true");
            }
            ObjectNode spec = object.putObject("spec");
            spec.put("address", PoolObjects.spanText(spans.get(i), true));
            if (pool.namespaces() != null) {
                ArrayNode namespaces = spec.putArray("namespaces");
                pool.namespaces().forEach(namespaces::add);
                if (pool.rank() != null) {
                    spec.put("priority", pool.rank() - 1);
                }
            }
            out.add(object);
        }
        return out;
    }
}
