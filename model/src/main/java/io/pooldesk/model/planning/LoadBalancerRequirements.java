package io.pooldesk.model.planning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.harvester.lb.HarvesterLb;
import io.pooldesk.model.manifest.Manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * What a new Harvester load balancer asks of the IPAM: the namespace it lives in and the network, project, namespace
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

    /** The LoadBalancer object a scenario creates, named {@code name}. */
    public ObjectNode loadBalancer(String name) {
        ObjectNode lb = JsonNodeFactory.instance.objectNode();
        lb.put("apiVersion", HarvesterLb.API_VERSION);
        lb.put("kind", HarvesterLb.LOAD_BALANCER_KIND);
        ObjectNode metadata = lb.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        ObjectNode annotations = metadata.putObject("annotations");
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
        ObjectNode spec = lb.putObject("spec");
        spec.put("ipam", "pool");
        spec.put("workloadType", cluster.isEmpty() ? "vm" : "cluster");
        if (!pool.isEmpty()) {
            spec.put("ipPool", pool);
        }
        ArrayNode listeners = spec.putArray("listeners");
        ObjectNode http = listeners.addObject();
        http.put("name", "http");
        http.put("port", 80);
        http.put("protocol", "TCP");
        http.put("backendPort", 8080);
        return lb;
    }

    /** The requirements a LoadBalancer object carries; null when it is not a Harvester load balancer. */
    public static LoadBalancerRequirements of(ObjectNode lb) {
        if (!HarvesterLb.isLoadBalancer(new Manifest("", 0, lb))) {
            return null;
        }
        ObjectNode annotations = lb.path("metadata").path("annotations").isObject()
                ? (ObjectNode) lb.path("metadata").path("annotations") : JsonNodeFactory.instance.objectNode();
        return new LoadBalancerRequirements(lb.path("metadata").path("namespace").asText(""),
                annotations.path(HarvesterLb.ANNOTATION_NETWORK).asText(""), annotations.path(HarvesterLb.ANNOTATION_PROJECT).asText(""),
                annotations.path(HarvesterLb.ANNOTATION_CLUSTER).asText(""), lb.path("spec").path("ipPool").asText(""));
    }
}
