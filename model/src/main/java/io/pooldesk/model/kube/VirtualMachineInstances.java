package io.pooldesk.model.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.system.ClusterContext.Vmi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * KubeVirt {@code VirtualMachineInstance} objects: a guest cluster's VMs, whose labels and Multus network tell
 * Harvester's load-balancer webhook which network the cluster's load balancers ask for.
 */
public final class VirtualMachineInstances {
    private VirtualMachineInstances() {
    }

    public static boolean isVmi(Manifest manifest) {
        return "VirtualMachineInstance".equals(manifest.kind()) && "kubevirt.io/v1".equals(manifest.apiVersion());
    }

    public static Vmi read(Manifest manifest) {
        Map<String, String> labels = new LinkedHashMap<>();
        manifest.object().path("metadata").path("labels").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        String network = "";
        for (JsonNode entry : manifest.object().path("spec").path("networks")) {
            String name = entry.path("multus").path("networkName").asText("");
            if (!name.isEmpty()) {
                network = name;
                break;
            }
        }
        String namespace = manifest.namespace().isEmpty() ? "default" : manifest.namespace();
        return new Vmi(namespace, manifest.name(), labels, network);
    }
}
