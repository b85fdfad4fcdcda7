package io.pooldesk.model.workspace;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.conversion.NeutralPool;
import io.pooldesk.model.conversion.PoolReaders;
import io.pooldesk.model.harvester.lb.EffectiveRange;
import io.pooldesk.model.harvester.lb.HarvesterLb;
import io.pooldesk.model.harvester.lb.HarvesterLbCodec;
import io.pooldesk.model.harvester.lb.HarvesterLbSimulation;
import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.model.harvester.lb.LoadBalancer;
import io.pooldesk.model.harvester.lb.PoolAdmission;
import io.pooldesk.model.harvester.lb.RangeSet;
import io.pooldesk.model.harvester.lb.ScopeTuple;
import io.pooldesk.model.harvester.dhcp.DhcpSimulation;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.metallb.MetalLbSimulation;
import io.pooldesk.model.novaedge.NovaEdgeSimulation;
import io.pooldesk.model.openelb.OpenElbSimulation;
import io.pooldesk.model.simulation.AllocationEntry;
import io.pooldesk.model.simulation.PoolReport;
import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.simulation.Simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the window shows of a workspace: the simulator's answer, per pool and per request. */
public record WorkspaceAnalysis(List<PoolSummary> pools, List<LoadBalancerSummary> loadBalancers,
                                SimulationReport report) {

    public static WorkspaceAnalysis of(List<Manifest> manifests) {
        return of(manifests, List.of());
    }

    /**
     * The workspace after what-if scenarios ran on it: its own scenario documents are left out, {@code scenarios}
     * run after every request of the workspace, as {@code pooldesk simulate WORKSPACE SCENARIO} runs them.
     */
    public static WorkspaceAnalysis of(List<Manifest> manifests, List<Manifest> scenarios) {
        HarvesterLbSimulation harvester = new HarvesterLbSimulation();
        Simulator simulator = new Simulator(List.of(harvester, new DhcpSimulation(), new OpenElbSimulation(),
                new NovaEdgeSimulation(), new MetalLbSimulation()));
        List<Manifest> input = new ArrayList<>(manifests.stream().filter(m -> !isScenario(m)).toList());
        input.addAll(scenarios);
        Simulator.Plan plan = simulator.plan(input);
        SimulationReport report = simulator.run(plan);
        Map<String, Manifest> poolManifests = new HashMap<>();
        List<Manifest> definitions = new ArrayList<>(manifests);
        // a pool a what-if creates or changes is shown as the what-if defines it (the plan has read the scenarios)
        for (Object work : plan.work()) {
            if (work instanceof io.pooldesk.model.simulation.Scenario scenario) {
                for (io.pooldesk.model.simulation.Scenario.Step step : scenario.steps()) {
                    if (step instanceof io.pooldesk.model.simulation.Scenario.Create create) {
                        // unless the webhook refused it: the pool then stays as it was
                        create.objects().stream().filter(m -> report.rejected().stream()
                                .noneMatch(r -> r.object().equals(m.describe()))).forEach(definitions::add);
                    }
                }
            }
        }
        for (Manifest m : definitions) {
            if (PoolReaders.kindOf(m) != null) {
                poolManifests.put(key(m.kind(), m.namespace(), m.name()), m);
            }
        }
        List<PoolSummary> pools = new ArrayList<>();
        for (PoolReport p : report.pools()) {
            Manifest manifest = poolManifests.get(key(p.kind(), p.namespace() == null ? "" : p.namespace(), p.name()));
            if (manifest == null) {
                manifest = poolManifests.get(key(p.kind(), "", p.name()));
            }
            if (manifest != null) {
                pools.add(summary(manifest, p, harvester));
            }
        }
        List<LoadBalancerSummary> balancers = new ArrayList<>(loadBalancers(manifests, report));
        // pending requests first: they are what an operator opens this list for
        balancers.sort(java.util.Comparator.comparing((LoadBalancerSummary lb) -> !lb.pending()));
        return new WorkspaceAnalysis(pools, balancers, report);
    }

    private static boolean isScenario(Manifest m) {
        return io.pooldesk.model.simulation.Scenario.isScenario(m);
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }

    private static PoolSummary summary(Manifest manifest, PoolReport report, HarvesterLbSimulation harvester) {
        AddressSet usable;
        AddressSet written;
        try {
            NeutralPool neutral = PoolReaders.read(manifest);
            usable = neutral.addresses();
            written = neutral.written();
        } catch (ManifestException e) {
            usable = AddressSet.empty();
            written = AddressSet.empty();
        }
        NavigableMap<Address, String> allocated = addresses(report.allocated());
        NavigableMap<Address, String> history = addresses(report.allocatedHistory());
        String network = "";
        String scope = "";
        String priority = "";
        String description = "";
        boolean global = false;
        Address next = null;
        Span extent = extent(usable, allocated, history);
        AddressSet reserved = AddressSet.empty();
        if (HarvesterLb.isPool(manifest)) {
            try {
                IpPool pool = HarvesterLbCodec.readPool(manifest);
                network = pool.selector().network();
                scope = pool.selector().scope().stream().map(WorkspaceAnalysis::scopeText)
                        .collect(Collectors.joining(", "));
                priority = String.valueOf(pool.selector().priority());
                description = pool.description();
                global = pool.isGlobal();
                next = harvester.nextAddress(pool.name());
                RangeSet ranges = PoolAdmission.resolveQuietly(pool);
                if (ranges != null) {
                    extent = subnets(ranges, extent);
                    reserved = gateways(ranges, usable);
                }
            } catch (ManifestException ignored) {
                // an unreadable pool is not in the report
            }
        }
        return new PoolSummary(manifest, report.kind(), report.name(), report.namespace() == null ? ""
                : report.namespace(), description, network, scope, priority, global, written.size(), report.total(),
                report.used(),
                report.available(), extent, usable, reserved, allocated, history, next);
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

    /** A Harvester pool's map spans its whole subnets, so the network, gateway and broadcast cells show. */
    private static Span subnets(RangeSet ranges, Span fallback) {
        Address first = null;
        Address last = null;
        for (EffectiveRange range : ranges.ranges()) {
            if (fallback != null && range.subnet().family() != fallback.family()) {
                continue;
            }
            Span subnet = range.subnet().span();
            first = first == null || subnet.first().compareTo(first) < 0 ? subnet.first() : first;
            last = last == null || subnet.last().compareTo(last) > 0 ? subnet.last() : last;
        }
        return first == null ? fallback : new Span(first, last);
    }

    private static AddressSet gateways(RangeSet ranges, AddressSet usable) {
        List<Span> out = new ArrayList<>();
        for (EffectiveRange range : ranges.ranges()) {
            if (range.gateway() != null && range.subnet().contains(range.gateway())
                    && !usable.contains(range.gateway())) {
                out.add(Span.single(range.gateway()));
            }
        }
        return AddressSet.of(out);
    }

    /** From the lowest to the highest address the pool mentions, in its main family. */
    private static Span extent(AddressSet usable, NavigableMap<Address, String> allocated,
                               NavigableMap<Address, String> history) {
        List<Address> ends = new ArrayList<>();
        for (Span s : usable.spans()) {
            ends.add(s.first());
            ends.add(s.last());
        }
        if (!allocated.isEmpty()) {
            ends.add(allocated.firstKey());
            ends.add(allocated.lastKey());
        }
        if (!history.isEmpty()) {
            ends.add(history.firstKey());
            ends.add(history.lastKey());
        }
        if (ends.isEmpty()) {
            return null;
        }
        var family = ends.get(0).family();
        List<Address> same = ends.stream().filter(a -> a.family() == family).sorted().toList();
        return new Span(same.get(0), same.get(same.size() - 1));
    }

    private static NavigableMap<Address, String> addresses(Map<String, String> byText) {
        NavigableMap<Address, String> out = new TreeMap<>();
        byText.forEach((text, holder) -> {
            try {
                out.put(AddressParser.address(text), holder);
            } catch (InvalidAddressException ignored) {
                // the report writes canonical addresses only
            }
        });
        return out;
    }

    private static List<LoadBalancerSummary> loadBalancers(List<Manifest> manifests, SimulationReport report) {
        Map<String, AllocationEntry> latest = new HashMap<>();
        report.allocations().forEach(a -> latest.put(a.request(), a));
        List<LoadBalancerSummary> out = new ArrayList<>();
        for (Manifest m : manifests) {
            String namespace = m.namespace().isEmpty() ? "default" : m.namespace();
            AllocationEntry entry = latest.get(m.kind() + "/" + namespace + "/" + m.name());
            if (entry == null) {
                entry = latest.get(m.kind() + "/" + m.name());
            }
            if (entry == null) {
                continue;
            }
            out.add(new LoadBalancerSummary(m.kind(), namespace, m.name(), requirements(m), entry.pool(),
                    entry.address(), entry.error()));
        }
        return out;
    }

    private static String requirements(Manifest m) {
        if (!HarvesterLb.isLoadBalancer(m)) {
            return "";
        }
        try {
            LoadBalancer lb = HarvesterLbCodec.readLoadBalancer(m);
            if (!lb.ipPool().isEmpty()) {
                return "pool " + lb.ipPool();
            }
            var r = lb.requirement();
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
