package io.pooldesk.model.planning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.RequestComposer;

import java.util.ArrayList;
import java.util.List;

/**
 * What a new load balancer asks of the IPAM: the namespace it lives in and the network, project, namespace
 * and cluster annotations pool selection reads; {@code pool} names a pool explicitly ({@code spec.ipPool}) when set.
 * Empty strings are left out, as an operator leaves an annotation out.
 */
public record LoadBalancerRequirements(String namespace, String network, String project, String cluster, String pool) {

    public LoadBalancerRequirements {
        namespace = namespace == null || namespace.isBlank() ? "default" : namespace.trim();
        network = trim(network);
        project = trim(project);
        cluster = trim(cluster);
        pool = trim(pool);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("namespace " + namespace);
        if (!network.isEmpty()) {
            parts.add("network " + network);
        }
        if (!project.isEmpty()) {
            parts.add("project " + project);
        }
        if (!cluster.isEmpty()) {
            parts.add("cluster " + cluster);
        }
        if (!pool.isEmpty()) {
            parts.add("pool " + pool);
        }
        return String.join(", ", parts);
    }

    /** The load balancer a scenario creates, named {@code name}, as the composing pool system writes it. */
    public ObjectNode loadBalancer(String name) {
        return PoolSystems.composer().compose(new RequestComposer.Asks(namespace, network, project, cluster, pool),
                name);
    }

    /** The requirements a load balancer carries; null when it is not one the planner composes. */
    public static LoadBalancerRequirements of(ObjectNode lb) {
        RequestComposer.Asks asks = PoolSystems.composer().read(lb);
        return asks == null ? null
                : new LoadBalancerRequirements(asks.namespace(), asks.network(), asks.project(), asks.cluster(),
                asks.pool());
    }
}
