package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.InvalidAddressException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compact builders for the reference's test cases. */
final class Fixtures {
    private Fixtures() {
    }

    static PoolRangeSpec range(String subnet) {
        return PoolRangeSpec.ofSubnet(subnet);
    }

    static PoolRangeSpec range(String subnet, String start, String end) {
        return new PoolRangeSpec(subnet, start, end, "");
    }

    static PoolRangeSpec range(String subnet, String start, String end, String gateway) {
        return new PoolRangeSpec(subnet, start, end, gateway);
    }

    /** A scope tuple written {@code project/namespace/guestCluster}; an empty part is "". */
    static ScopeTuple scope(String tuple) {
        String[] parts = tuple.split("/", -1);
        return new ScopeTuple(parts[0], parts[1], parts[2]);
    }

    static IpPool pool(String name, List<PoolRangeSpec> ranges, String network, long priority, String... tuples) {
        List<ScopeTuple> scope = new ArrayList<>();
        Arrays.stream(tuples).map(Fixtures::scope).forEach(scope::add);
        return new IpPool(name, "", ranges, new PoolSelector(network, priority, scope), IpPoolStatus.EMPTY, null);
    }

    /** A pool for selection cases, where ranges do not matter. */
    static IpPool selectorPool(String name, String network, long priority, String... tuples) {
        return pool(name, List.of(range("10.0.0.0/24")), network, priority, tuples);
    }

    static IpPool withAllocated(IpPool pool, Map<String, String> allocated, Map<String, String> history) {
        return pool.withStatus(new IpPoolStatus("", allocated, history));
    }

    static LoadBalancer vmLb(String namespace, String name, String network) {
        return lb(namespace, name, LoadBalancer.WORKLOAD_VM, network, "", "");
    }

    static LoadBalancer clusterLb(String namespace, String name, String network, String project, String cluster) {
        return lb(namespace, name, LoadBalancer.WORKLOAD_CLUSTER, network, project, cluster);
    }

    static LoadBalancer lb(String namespace, String name, String workload, String network, String project,
                           String cluster) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(HarvesterLb.ANNOTATION_NAMESPACE, namespace);
        if (!network.isEmpty()) {
            annotations.put(HarvesterLb.ANNOTATION_NETWORK, network);
        }
        if (!project.isEmpty()) {
            annotations.put(HarvesterLb.ANNOTATION_PROJECT, project);
        }
        if (!cluster.isEmpty()) {
            annotations.put(HarvesterLb.ANNOTATION_CLUSTER, cluster);
        }
        return new LoadBalancer(namespace, name, LoadBalancer.IPAM_POOL, "", workload, annotations, "", "");
    }

    static LoadBalancer namedPoolLb(String namespace, String name, String pool) {
        return new LoadBalancer(namespace, name, LoadBalancer.IPAM_POOL, pool, "", Map.of(), "", "");
    }

    static Address ip(String text) {
        try {
            return Address.parse(text);
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static HarvesterLbEngine engineWith(IpPool... pools) {
        HarvesterLbEngine engine = new HarvesterLbEngine();
        for (IpPool pool : pools) {
            try {
                engine.load(pool, new ArrayList<>());
            } catch (RangeException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return engine;
    }

    static RequestOutcome request(HarvesterLbEngine engine, LoadBalancer lb) {
        try {
            return engine.request(lb);
        } catch (AdmissionException e) {
            throw new AssertionError("unexpected refusal: " + e.getMessage(), e);
        }
    }

    /** Requests an address for a VM load balancer in {@code default} and returns it as text, or the error. */
    static String allocate(HarvesterLbEngine engine, String name) {
        RequestOutcome outcome = request(engine, vmLb("default", name, ""));
        return outcome.isServed() ? outcome.address().toString() : "error: " + outcome.error();
    }
}
