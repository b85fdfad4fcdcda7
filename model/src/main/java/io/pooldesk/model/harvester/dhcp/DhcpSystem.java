package io.pooldesk.model.harvester.dhcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import io.pooldesk.model.system.PoolObjects;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.ResourceType;
import io.pooldesk.model.system.Setting;
import io.pooldesk.model.system.ResourceType.Role;
import io.pooldesk.model.system.Violation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Harvester's managed DHCP (vm-dhcp-controller): per-network {@code IPPool}s serving VM network configs. */
public final class DhcpSystem implements PoolSystem {
    public static final String ID = "harvester-dhcp";
    static final String SERVICE_CIDR = ClusterContext.SERVICE_CIDR;
    /** Beyond this many exclusions a converted pool is split, one pool per span. */
    static final int MAX_EXCLUDES = 1024;

    private static final List<ResourceType> RESOURCES = List.of(
            new ResourceType(HarvesterDhcp.GROUP, "v1alpha1", HarvesterDhcp.POOL_KIND, "ippools", true, Role.POOL,
                    true),
            new ResourceType(HarvesterDhcp.GROUP, "v1alpha1", HarvesterDhcp.CONFIG_KIND,
                    "virtualmachinenetworkconfigs", true, Role.REQUEST, true));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Harvester managed DHCP";
    }

    @Override
    public List<ResourceType> resources() {
        return RESOURCES;
    }

    @Override
    public boolean isPool(Manifest manifest) {
        return HarvesterDhcp.isPool(manifest);
    }

    @Override
    public boolean isRequest(Manifest manifest) {
        return HarvesterDhcp.isNetworkConfig(manifest);
    }

    @Override
    public KindRules newRules(ClusterContext context) {
        return new DhcpRules(serviceCidr(context));
    }

    @Override
    public Controller newController(ClusterContext context) {
        return new DhcpController(serviceCidr(context));
    }

    /** The webhook refuses pools that overlap the cluster's service CIDR ({@code cmd/webhook/root.go}). */
    @Override
    public List<Setting> settings() {
        return List.of(new Setting(SERVICE_CIDR, "CIDR", "the cluster's service CIDR: managed DHCP's webhook"
                + " keeps its pools out of it (its default applies when not given) and, when given, validate checks"
                + " every pool against it", HarvesterDhcp.DEFAULT_SERVICE_CIDR, true));
    }

    static String serviceCidr(ClusterContext context) {
        return context.setting(SERVICE_CIDR).orElse(HarvesterDhcp.DEFAULT_SERVICE_CIDR);
    }

    @Override
    public boolean isMarker(String holder) {
        return HarvesterDhcp.isMarker(holder);
    }

    /** The DHCP server's address (written or defaulted) and the router, both on the VM network. */
    @Override
    public List<NetworkAddress> networkAddresses(Manifest manifest) {
        DhcpLayout layout;
        try {
            layout = DhcpLayout.resolve(DhcpCodec.readPool(manifest), new ArrayList<>());
        } catch (ManifestException e) {
            return List.of();
        }
        if (layout == null) {
            return List.of();
        }
        List<NetworkAddress> out = new ArrayList<>();
        out.add(new NetworkAddress("DHCP server", "spec.ipv4Config.serverIP", layout.server()));
        if (layout.router() != null) {
            out.add(new NetworkAddress("router", "spec.ipv4Config.router", layout.router()));
        }
        return out;
    }

    /**
     * A config's NICs: {@code status.networkConfigs[*].allocatedIPAddress} held, {@code spec.networkConfigs[*].ipAddress}
     * (or the docs' {@code networkConfig} spelling) asked for.
     */
    @Override
    public List<HeldAddress> heldAddresses(Manifest request) {
        List<HeldAddress> out = new ArrayList<>();
        // a list as the CRD says; a mapping in its place is the reader's error to report, not a list of one here
        JsonNode held = request.object().path("status").path("networkConfigs");
        for (int i = 0; held.isArray() && i < held.size(); i++) {
            out.addAll(HeldAddress.of("status.networkConfigs[" + i + "].allocatedIPAddress",
                    held.get(i).path("allocatedIPAddress").asText(""), false, "the DHCP agent leases only what a pool's"
                            + " status.ipv4.allocated records, so the VM keeps an address no pool accounts for"));
        }
        JsonNode spec = request.object().path("spec");
        String field = spec.has("networkConfigs") ? "networkConfigs" : "networkConfig";
        JsonNode asked = spec.path(field);
        for (int i = 0; asked.isArray() && i < asked.size(); i++) {
            out.addAll(HeldAddress.of("spec." + field + "[" + i + "].ipAddress", asked.get(i).path("ipAddress")
                    .asText(""), true, "managed DHCP leaves the NIC without an address (\"designated ip is not in"
                    + " subnet\" or outside the pool range, pkg/ipam/ipam.go AllocateIP)"));
        }
        return out;
    }


    @Override
    public String addressesField() {
        return "spec.ipv4Config";
    }

    @Override
    public NeutralPool neutral(Manifest manifest) throws ManifestException {
        DhcpPool pool = DhcpCodec.readPool(manifest);
        List<Violation> problems = new ArrayList<>();
        DhcpLayout layout = DhcpLayout.resolve(pool, problems);
        if (layout == null) {
            Violation first = problems.get(0);
            throw new ManifestException(first.field(), first.message());
        }
        List<String> notes = new ArrayList<>();
        notes.add("VM network " + pool.networkName() + " (spec.networkName)");
        notes.add("DHCP server address " + layout.server() + (layout.router() == null ? "" : " and router "
                + layout.router()));
        pool.options().keySet().forEach(option -> notes.add("DHCP option " + option));
        return new NeutralPool(manifest, ID, pool.name(), pool.namespace(), layout.usable(),
                AddressSet.of(List.of(layout.range())), null, null, false, true, notes);
    }

    @Override
    public List<ObjectNode> write(NeutralPool pool, ConversionBatch batch, Consumer<String> loss) {
        List<Span> v4 = pool.addresses().spans().stream().filter(s -> s.family() == Family.IPV4).toList();
        if (v4.size() != pool.addresses().spans().size()) {
            loss.accept("managed DHCP is IPv4 only: the IPv6 addresses are not carried");
        }
        if (v4.isEmpty()) {
            return List.of();
        }
        loss.accept("spec.networkName: the VM network is required; Pooldesk wrote a placeholder to replace");
        Span whole = new Span(v4.get(0).first(), v4.get(v4.size() - 1).last());
        BigInteger gaps = whole.size().subtract(AddressSet.of(v4).size());
        List<List<Span>> groups = new ArrayList<>();
        if (gaps.compareTo(BigInteger.valueOf(MAX_EXCLUDES)) <= 0) {
            groups.add(v4);
        } else {
            loss.accept("the gaps hold " + gaps + " addresses, too many to exclude: written as " + v4.size()
                    + " pools, one per range");
            v4.forEach(s -> groups.add(List.of(s)));
        }
        List<ObjectNode> out = new ArrayList<>();
        String namespace = pool.namespace().isEmpty() ? "default" : pool.namespace();
        for (int g = 0; g < groups.size(); g++) {
            List<Span> spans = groups.get(g);
            String name = groups.size() == 1 ? pool.name() : pool.name() + "-" + (g + 1);
            Span range = new Span(spans.get(0).first(), spans.get(spans.size() - 1).last());
            SubnetFitting fit = SubnetFitting.around(range);
            if (fit == null) {
                loss.accept("range " + range + " touches the edge of the address space and cannot be written");
                continue;
            }
            ObjectNode object = PoolObjects.object(HarvesterDhcp.API_VERSION, HarvesterDhcp.POOL_KIND, name,
                    namespace);
            ObjectNode spec = object.putObject("spec");
            spec.put("networkName", namespace + "/" + name);
            ObjectNode v4Config = spec.putObject("ipv4Config");
            v4Config.put("serverIP", fit.spare().toString());
            v4Config.put("cidr", fit.subnet().toString());
            ObjectNode poolNode = v4Config.putObject("pool");
            poolNode.put("start", range.first().toString());
            poolNode.put("end", range.last().toString());
            ArrayNode exclude = JsonNodeFactory.instance.arrayNode();
            for (int i = 1; i < spans.size(); i++) {
                for (Address a = spans.get(i - 1).last().next(); a.compareTo(spans.get(i).first()) < 0; a = a.next()) {
                    exclude.add(a.toString());
                }
            }
            if (!exclude.isEmpty()) {
                poolNode.set("exclude", exclude);
            }
            out.add(object);
        }
        if (pool.namespaces() != null || pool.rank() != null) {
            loss.accept("namespace scoping and priority: managed DHCP chooses its pool by VM network only");
        }
        return out;
    }
}
