package io.pooldesk.model.conversion;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.harvester.dhcp.HarvesterDhcp;
import io.pooldesk.model.harvester.lb.HarvesterLb;
import io.pooldesk.model.metallb.MetalLb;
import io.pooldesk.model.novaedge.NovaEdge;
import io.pooldesk.model.openelb.OpenElb;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a {@link NeutralPool} as one kind's objects, keeping the exact address set wherever that kind can express
 * it, and reporting through {@code loss} everything it could not carry.
 */
final class PoolWriters {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Beyond this many exclusions a DHCP pool is split, one pool per span. */
    static final int MAX_DHCP_EXCLUDES = 1024;
    /** Beyond this many CIDR entries a NovaEdge pool stops growing and the rest is reported lost. */
    static final int MAX_NOVAEDGE_CIDRS = 4096;
    private static final BigInteger NOVAEDGE_CAP = BigInteger.valueOf(NovaEdge.EXPANSION_CAP);

    /** Batch-wide facts a writer needs: the ranks in use, and whether the single default/global pool is taken. */
    static final class Batch {
        int maxRank;
        boolean defaultTaken;
    }

    private PoolWriters() {
    }

    static List<ObjectNode> write(NeutralPool pool, TargetKind target, Batch batch, Consumer<String> loss) {
        pool.notes().forEach(note -> loss.accept(note + " has no equivalent in " + target.cliName()));
        return switch (target) {
            case METALLB -> metallb(pool, loss);
            case OPENELB -> openelb(pool, batch, loss);
            case HARVESTER_LB -> harvesterLb(pool, batch, loss);
            case HARVESTER_DHCP -> dhcp(pool, loss);
            case NOVAEDGE -> novaedge(pool, loss);
        };
    }

    private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode object = NODES.objectNode();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return object;
    }

    /** A span as MetalLB and OpenELB write it: a bare block as CIDR, anything else as a range. */
    private static String spanText(Span span, boolean bareSingle) {
        if (span.size().equals(BigInteger.ONE)) {
            return bareSingle ? span.first().toString()
                    : span.first() + "/" + span.family().bits();
        }
        List<Cidr> blocks = span.toCidrBlocks();
        return blocks.size() == 1 ? blocks.get(0).toString() : span.first() + "-" + span.last();
    }

    private static List<ObjectNode> metallb(NeutralPool pool, Consumer<String> loss) {
        ObjectNode object = object(MetalLb.API_VERSION, MetalLb.POOL_KIND, pool.name(), MetalLb.NAMESPACE);
        ObjectNode spec = object.putObject("spec");
        ArrayNode addresses = spec.putArray("addresses");
        pool.addresses().spans().forEach(span -> addresses.add(spanText(span, false)));
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

    private static List<ObjectNode> openelb(NeutralPool pool, PoolWriters.Batch batch, Consumer<String> loss) {
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
            ObjectNode object = object(OpenElb.API_VERSION, OpenElb.KIND, name, null);
            if (makeDefault) {
                ((ObjectNode) object.get("metadata")).putObject("annotations").put(OpenElb.DEFAULT_EIP, "true");
            }
            ObjectNode spec = object.putObject("spec");
            spec.put("address", spanText(spans.get(i), true));
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

    private static List<ObjectNode> harvesterLb(NeutralPool pool, Batch batch, Consumer<String> loss) {
        ObjectNode object = object(HarvesterLb.API_VERSION, HarvesterLb.POOL_KIND, pool.name(), null);
        ObjectNode spec = object.putObject("spec");
        ArrayNode ranges = spec.putArray("ranges");
        for (Span span : pool.addresses().spans()) {
            writeHarvesterRange(span, ranges, loss);
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

    private static void writeHarvesterRange(Span span, ArrayNode ranges, Consumer<String> loss) {
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

    private static List<ObjectNode> dhcp(NeutralPool pool, Consumer<String> loss) {
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
        if (gaps.compareTo(BigInteger.valueOf(MAX_DHCP_EXCLUDES)) <= 0) {
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
            ObjectNode object = object(HarvesterDhcp.API_VERSION, HarvesterDhcp.POOL_KIND, name, namespace);
            ObjectNode spec = object.putObject("spec");
            spec.put("networkName", namespace + "/" + name);
            ObjectNode v4Config = spec.putObject("ipv4Config");
            v4Config.put("serverIP", fit.spare().toString());
            v4Config.put("cidr", fit.subnet().toString());
            ObjectNode poolNode = v4Config.putObject("pool");
            poolNode.put("start", range.first().toString());
            poolNode.put("end", range.last().toString());
            ArrayNode exclude = NODES.arrayNode();
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

    /** NovaEdge drops the first and last address of every IPv4 CIDR: those are added back as single addresses. */
    private static List<ObjectNode> novaedge(NeutralPool pool, Consumer<String> loss) {
        ObjectNode object = object(NovaEdge.API_VERSION, NovaEdge.POOL_KIND, pool.name(), null);
        ObjectNode spec = object.putObject("spec");
        ArrayNode cidrs = NODES.arrayNode();
        ArrayNode singles = NODES.arrayNode();
        BigInteger dropped = BigInteger.ZERO;
        for (Span span : pool.addresses().spans()) {
            for (Cidr block : span.toCidrBlocks()) {
                if (block.size().compareTo(NOVAEDGE_CAP) <= 0) {
                    if (cidrs.size() < MAX_NOVAEDGE_CIDRS) {
                        writeNovaEdgeBlock(block, cidrs, singles);
                    } else {
                        dropped = dropped.add(block.size());
                    }
                    continue;
                }
                // larger than the expansion cap: cut into cap-sized blocks, as many as fit
                BigInteger parts = block.size().divide(NOVAEDGE_CAP);
                long room = Math.max(0, MAX_NOVAEDGE_CIDRS - cidrs.size());
                long written = parts.min(BigInteger.valueOf(room)).longValue();
                int prefix = block.family().bits() - 16;
                for (long i = 0; i < written; i++) {
                    writeNovaEdgeBlock(new Cidr(block.network().plus(NOVAEDGE_CAP.multiply(BigInteger.valueOf(i))),
                            prefix), cidrs, singles);
                }
                dropped = dropped.add(parts.subtract(BigInteger.valueOf(written)).multiply(NOVAEDGE_CAP));
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
                    + " and Pooldesk writes at most " + MAX_NOVAEDGE_CIDRS + " CIDRs");
        }
        if (pool.namespaces() != null || pool.rank() != null) {
            loss.accept("namespace scoping and priority: NovaEdge pools are chosen by name only");
        }
        if (!pool.autoAssign()) {
            loss.accept("autoAssign: false is stored by NovaEdge but never consulted");
        }
        return List.of(object);
    }

    private static void writeNovaEdgeBlock(Cidr block, ArrayNode cidrs, ArrayNode singles) {
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
