package io.pooldesk.model.conversion;

import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.harvester.dhcp.DhcpCodec;
import io.pooldesk.model.harvester.dhcp.DhcpLayout;
import io.pooldesk.model.harvester.dhcp.DhcpPool;
import io.pooldesk.model.harvester.dhcp.HarvesterDhcp;
import io.pooldesk.model.harvester.lb.EffectiveRange;
import io.pooldesk.model.harvester.lb.HarvesterLb;
import io.pooldesk.model.harvester.lb.HarvesterLbCodec;
import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.model.harvester.lb.PoolAdmission;
import io.pooldesk.model.harvester.lb.RangeSet;
import io.pooldesk.model.harvester.lb.ScopeTuple;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.metallb.IpAddressPool;
import io.pooldesk.model.metallb.MetalLb;
import io.pooldesk.model.metallb.MetalLbCodec;
import io.pooldesk.model.metallb.PoolBlocks;
import io.pooldesk.model.novaedge.NovaEdge;
import io.pooldesk.model.novaedge.PoolExpansion;
import io.pooldesk.model.novaedge.ProxyIpPoolCodec;
import io.pooldesk.model.openelb.Eip;
import io.pooldesk.model.openelb.EipCodec;
import io.pooldesk.model.openelb.EipRange;
import io.pooldesk.model.openelb.OpenElb;
import io.pooldesk.model.validation.Violation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads a pool of any kind into a {@link NeutralPool}: its exact usable addresses, its scope, its preference. */
public final class PoolReaders {
    private PoolReaders() {
    }

    /** The kind of pool this manifest is, or null when it is not a pool. */
    public static TargetKind kindOf(Manifest manifest) {
        if (HarvesterLb.isPool(manifest)) {
            return TargetKind.HARVESTER_LB;
        }
        if (HarvesterDhcp.isPool(manifest)) {
            return TargetKind.HARVESTER_DHCP;
        }
        if (MetalLb.isPool(manifest)) {
            return TargetKind.METALLB;
        }
        if (OpenElb.isEip(manifest)) {
            return TargetKind.OPENELB;
        }
        if (NovaEdge.isPool(manifest)) {
            return TargetKind.NOVAEDGE;
        }
        return null;
    }

    public static NeutralPool read(Manifest manifest) throws ManifestException {
        TargetKind kind = kindOf(manifest);
        if (kind == null) {
            throw new ManifestException("kind", "not a pool of a kind Pooldesk converts");
        }
        return switch (kind) {
            case HARVESTER_LB -> harvesterLb(manifest);
            case HARVESTER_DHCP -> dhcp(manifest);
            case METALLB -> metallb(manifest);
            case OPENELB -> openelb(manifest);
            case NOVAEDGE -> novaedge(manifest);
        };
    }

    /** Each range less its gateway; {@code rank} holds the raw priority until the batch is ranked. */
    private static NeutralPool harvesterLb(Manifest manifest) throws ManifestException {
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
        return new NeutralPool(manifest, TargetKind.HARVESTER_LB, pool.name(), "", addresses, written,
                anyNamespace || !autoAssign ? null : List.copyOf(namespaces), priority, autoAssign, notes);
    }

    private static NeutralPool dhcp(Manifest manifest) throws ManifestException {
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
        return new NeutralPool(manifest, TargetKind.HARVESTER_DHCP, pool.name(), pool.namespace(), layout.usable(),
                AddressSet.of(List.of(layout.range())), null, null, true, notes);
    }

    private static NeutralPool metallb(Manifest manifest) throws ManifestException {
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
        return new NeutralPool(manifest, TargetKind.METALLB, pool.name(), pool.namespace(), blocks.usable(),
                AddressSet.of(blocks.blocks().stream().map(io.pooldesk.model.address.Cidr::span).toList()),
                namespaces, rank, pool.autoAssign(), notes);
    }

    /** OpenELB priority 0 (the default) is its highest: rank = priority + 1. */
    private static NeutralPool openelb(Manifest manifest) throws ManifestException {
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
        return new NeutralPool(manifest, TargetKind.OPENELB, eip.name(), "", AddressSet.of(List.of(span)),
                AddressSet.of(List.of(span)), bound ? eip.namespaces() : null, bound ? eip.priority() + 1 : null, autoAssign, notes);
    }

    private static NeutralPool novaedge(Manifest manifest) throws ManifestException {
        PoolExpansion expansion = PoolExpansion.of(ProxyIpPoolCodec.read(manifest));
        List<String> notes = new ArrayList<>(expansion.truncations());
        return new NeutralPool(manifest, TargetKind.NOVAEDGE, expansion.pool().name(), "", expansion.usable(),
                expansion.written(), null, null, true, notes);
    }
}
