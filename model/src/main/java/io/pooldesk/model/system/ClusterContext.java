package io.pooldesk.model.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster around the pools tells the systems: settings an operator gives on the command line (a webhook's
 * service CIDR, the namespace a controller runs in), and the labels and annotations of the {@code Namespace} objects
 * the input carries: labels for namespace selectors, annotations for webhooks that copy one (Harvester's load-balancer
 * mutator reads Rancher's project). One context is shared by every system of a run.
 */
public final class ClusterContext {
    /** The cluster's service CIDR, when the operator gives it: a setting of the cluster rather than of one system. */
    public static final String SERVICE_CIDR = "service-cidr";

    /**
     * What a webhook reads of a KubeVirt {@code VirtualMachineInstance} of the input: its labels and its first Multus
     * network name ("" when it has none).
     */
    public record Vmi(String namespace, String name, Map<String, String> labels, String multusNetwork) {
        public Vmi {
            labels = Map.copyOf(labels);
        }
    }

    private final Map<String, String> settings;
    private final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> namespaceAnnotations = new LinkedHashMap<>();
    private final Map<List<String>, Vmi> vmis = new LinkedHashMap<>();

    public ClusterContext(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    public static ClusterContext defaults() {
        return new ClusterContext(Map.of());
    }

    /** A setting a system declared ({@link PoolSystem#settings()}), when the operator gave it. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    public Map<String, String> settings() {
        return settings;
    }

    /** A {@code Namespace} object of the input, with its labels. */
    public void namespace(String name, Map<String, String> labels) {
        namespace(name, labels, Map.of());
    }

    /** A {@code Namespace} object of the input, with its labels and annotations. */
    public void namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
        namespaces.put(name, Map.copyOf(labels));
        namespaceAnnotations.put(name, Map.copyOf(annotations));
    }

    /** Whether the input carries Namespace objects: without them, namespace selectors cannot be evaluated. */
    public boolean namespacesKnown() {
        return !namespaces.isEmpty();
    }

    /** The labels of a namespace the input carries; empty when it carries none of that name. */
    public Optional<Map<String, String>> labelsOf(String namespace) {
        return Optional.ofNullable(namespaces.get(namespace));
    }

    /** The annotations of a namespace the input carries; empty when it carries none of that name. */
    public Optional<Map<String, String>> annotationsOf(String namespace) {
        return Optional.ofNullable(namespaceAnnotations.get(namespace));
    }

    /** A KubeVirt {@code VirtualMachineInstance} of the input; one of the same namespace and name replaces it. */
    public void vmi(Vmi vmi) {
        vmis.put(List.of(vmi.namespace(), vmi.name()), vmi);
    }

    /** The VirtualMachineInstances of a namespace, in the order the input gave them. */
    public List<Vmi> vmisIn(String namespace) {
        List<Vmi> out = new ArrayList<>();
        for (Vmi vmi : vmis.values()) {
            if (vmi.namespace().equals(namespace)) {
                out.add(vmi);
            }
        }
        return out;
    }

    public Map<String, Map<String, String>> namespaces() {
        return Collections.unmodifiableMap(namespaces);
    }
}
