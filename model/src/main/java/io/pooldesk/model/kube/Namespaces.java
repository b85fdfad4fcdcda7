package io.pooldesk.model.kube;

import io.pooldesk.model.manifest.Manifest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kubernetes {@code Namespace} objects: their labels are what namespace selectors read, their annotations what webhooks
 * copy.
 */
public final class Namespaces {
    private Namespaces() {
    }

    public static boolean isNamespace(Manifest manifest) {
        return "Namespace".equals(manifest.kind()) && "v1".equals(manifest.apiVersion());
    }

    /** Its annotations, as text; one whose value is not text is left out (the API server would refuse it). */
    public static Map<String, String> annotations(Manifest manifest) {
        Map<String, String> out = new LinkedHashMap<>();
        manifest.object().path("metadata").path("annotations").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    /** Its labels, as text; a label whose value is not text is left out (the API server would refuse it). */
    public static Map<String, String> labels(Manifest manifest) {
        Map<String, String> out = new LinkedHashMap<>();
        manifest.object().path("metadata").path("labels").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        // the API server sets this label on every namespace (Kubernetes 1.22+)
        out.putIfAbsent("kubernetes.io/metadata.name", manifest.name());
        return out;
    }
}
