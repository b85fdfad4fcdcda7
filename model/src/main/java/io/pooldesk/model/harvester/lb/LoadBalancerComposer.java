package io.pooldesk.model.harvester.lb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.system.RequestComposer;

/**
 * Writes the Harvester {@code LoadBalancer}s a what-if adds: the four annotations pool selection reads, an explicit
 * {@code spec.ipPool} when a pool is named, and one HTTP listener so the webhook admits it.
 */
final class LoadBalancerComposer implements RequestComposer {

    @Override
    public String requestKind() {
        return HarvesterLb.LOAD_BALANCER_KIND;
    }

    @Override
    public ObjectNode compose(Asks asks, String name) {
        ObjectNode lb = JsonNodeFactory.instance.objectNode();
        lb.put("apiVersion", HarvesterLb.API_VERSION);
        lb.put("kind", HarvesterLb.LOAD_BALANCER_KIND);
        ObjectNode metadata = lb.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", asks.namespace());
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put(HarvesterLb.ANNOTATION_NAMESPACE, asks.namespace());
        if (!asks.network().isEmpty()) {
            annotations.put(HarvesterLb.ANNOTATION_NETWORK, asks.network());
        }
        if (!asks.project().isEmpty()) {
            annotations.put(HarvesterLb.ANNOTATION_PROJECT, asks.project());
        }
        if (!asks.cluster().isEmpty()) {
            annotations.put(HarvesterLb.ANNOTATION_CLUSTER, asks.cluster());
        }
        ObjectNode spec = lb.putObject("spec");
        spec.put("ipam", "pool");
        spec.put("workloadType", asks.cluster().isEmpty() ? "vm" : "cluster");
        if (!asks.pool().isEmpty()) {
            spec.put("ipPool", asks.pool());
        }
        ArrayNode listeners = spec.putArray("listeners");
        ObjectNode http = listeners.addObject();
        http.put("name", "http");
        http.put("port", 80);
        http.put("protocol", "TCP");
        http.put("backendPort", 8080);
        return lb;
    }

    @Override
    public boolean servesFrom(Manifest pool) {
        return HarvesterLb.isPool(pool);
    }

    /** {@code spec.selector.priority}: the bigger wins among the pools a load balancer's scope matches. */
    @Override
    public ObjectNode withPriority(Manifest pool, int priority) {
        ObjectNode changed = pool.object().deepCopy();
        changed.remove("status");
        ObjectNode spec = changed.path("spec") instanceof ObjectNode o ? o : changed.putObject("spec");
        ObjectNode selector = spec.path("selector") instanceof ObjectNode o ? o : spec.putObject("selector");
        selector.put("priority", priority);
        return changed;
    }

    @Override
    public String poolNoun() {
        return "Harvester load-balancer pool";
    }

    @Override
    public Asks read(ObjectNode lb) {
        if (!HarvesterLb.isLoadBalancer(new Manifest("", 0, lb))) {
            return null;
        }
        var annotations = lb.path("metadata").path("annotations");
        // the controller's requirement: the namespace annotation when set, else the load balancer's own namespace
        String namespace = annotations.path(HarvesterLb.ANNOTATION_NAMESPACE).asText("");
        return new Asks(namespace.isEmpty() ? lb.path("metadata").path("namespace").asText("") : namespace,
                annotations.path(HarvesterLb.ANNOTATION_NETWORK).asText(""),
                annotations.path(HarvesterLb.ANNOTATION_PROJECT).asText(""),
                annotations.path(HarvesterLb.ANNOTATION_CLUSTER).asText(""), lb.path("spec").path("ipPool").asText(""));
    }
}
