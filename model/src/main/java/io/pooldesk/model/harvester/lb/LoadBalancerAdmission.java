package io.pooldesk.model.harvester.lb;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reference's LoadBalancer webhook rules that concern IPAM (updates only). */
public final class LoadBalancerAdmission {
    private LoadBalancerAdmission() {
    }

    /** Switching between DHCP and a pool used to leak addresses (harvester#6684), so the webhook forbids it. */
    public static List<Violation> checkUpdate(LoadBalancer before, LoadBalancer after) {
        List<Violation> violations = new ArrayList<>();
        // validator.go 195-212 print the fields as written: "" shows as nothing ("from  to dhcp")
        if (before.usesDhcp() != after.usesDhcp()) {
            violations.add(new Violation("spec.ipam", "can't change the IPAM from " + before.ipam() + " to "
                    + after.ipam()));
        }
        if (before.isClusterWorkload() != after.isClusterWorkload()) {
            violations.add(new Violation("spec.workloadType", "can't change the WorkloadType from "
                    + before.workloadType() + " to " + after.workloadType()));
        }
        return violations;
    }

    /**
     * The validator's listener and health-check rules ({@code pkg/webhook/loadbalancer/validator.go} 100-190), run on
     * the object the mutator stored; they apply only to VM load balancers. The reference stops at the first broken
     * rule, and so does this, with its words and its wrapper ({@code create loadbalancer NS/NAME failed: ...}).
     *
     * @param verb {@code create} or {@code update}
     */
    public static List<Violation> checkSpec(Manifest stored, String verb) {
        return checkSpec(stored, verb, true);
    }

    /** @param listenerRequired whether a VM load balancer without listeners is refused (the reference refuses it) */
    public static List<Violation> checkSpec(Manifest stored, String verb, boolean listenerRequired) {
        JsonNode spec = stored.object().path("spec");
        if (LoadBalancer.WORKLOAD_CLUSTER.equals(spec.path("workloadType").asText(""))) {
            return List.of();
        }
        String namespace = stored.namespace().isEmpty() ? "default" : stored.namespace();
        String wrap = verb + " loadbalancer " + namespace + "/" + stored.name() + " failed";
        JsonNode listenerNodes = spec.path("listeners");
        if (!listenerRequired && (!listenerNodes.isArray() || listenerNodes.isEmpty())) {
            return List.of();
        }
        String listeners = listenerProblem(listenerNodes);
        if (listeners != null) {
            return List.of(new Violation("spec.listeners", wrap + ": " + listeners));
        }
        String healthCheck = healthCheckProblem(spec.path("listeners"), spec.path("healthCheck"));
        if (healthCheck != null) {
            return List.of(new Violation("spec.healthCheck", wrap + " with healthyCheck: " + healthCheck));
        }
        return List.of();
    }

    private static String listenerProblem(JsonNode listeners) {
        if (!listeners.isArray() || listeners.isEmpty()) {
            return "the loadbalancer needs to have at least one listener";
        }
        Set<String> names = new HashSet<>();
        Map<String, String> ports = new HashMap<>();
        Map<String, String> backendPorts = new HashMap<>();
        for (JsonNode listener : listeners) {
            String name = listener.path("name").asText("");
            String protocol = listener.path("protocol").asText("");
            if (!names.add(name)) {
                return "listener has duplicate name " + name;
            }
            String port = protocol + ":" + listener.path("port").asLong(0);
            String other = ports.putIfAbsent(port, name);
            if (other != null) {
                return "listener " + name + " has duplicate port " + port + " with listener " + other;
            }
            String backend = protocol + ":" + listener.path("backendPort").asLong(0);
            other = backendPorts.putIfAbsent(backend, name);
            if (other != null) {
                return "listener " + name + " has duplicate backend port " + backend + " with listener " + other;
            }
        }
        for (JsonNode listener : listeners) {
            long port = listener.path("port").asLong(0);
            long backend = listener.path("backendPort").asLong(0);
            if (port > 65535) {
                return "listener port " + port + " must <= 65535";
            }
            if (port < 1) {
                return "listener port " + port + " must >= 1";
            }
            if (backend > 65535) {
                return "listener backend port " + backend + " must <= 65535";
            }
            if (backend < 1) {
                return "listener backend port " + backend + " must >= 1";
            }
        }
        return null;
    }

    private static String healthCheckProblem(JsonNode listeners, JsonNode healthCheck) {
        long port = healthCheck.path("port").asLong(0);
        if (!healthCheck.isObject() || port == 0) {
            return null;
        }
        boolean wrongProtocol = false;
        if (listeners.isArray()) {
            for (JsonNode listener : listeners) {
                if (listener.path("backendPort").asLong(0) != port) {
                    continue;
                }
                // validator.go 164-178: the thresholds are checked against the first TCP listener on that port
                if ("TCP".equals(listener.path("protocol").asText(""))) {
                    for (String threshold : new String[] {"SuccessThreshold", "FailureThreshold", "PeriodSeconds",
                            "TimeoutSeconds"}) {
                        String field = Character.toLowerCase(threshold.charAt(0)) + threshold.substring(1);
                        if (healthCheck.path(field).asLong(0) == 0) {
                            return "healthcheck " + threshold + " should > 0";
                        }
                    }
                    return null;
                }
                wrongProtocol = true;
            }
        }
        return wrongProtocol ? "healthcheck port " + port + " can only be a TCP backend port"
                : "healthcheck port " + port + " is not in listener backend port list";
    }
}
