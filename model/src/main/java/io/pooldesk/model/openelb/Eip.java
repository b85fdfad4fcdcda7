package io.pooldesk.model.openelb;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * An OpenELB {@code Eip} (cluster-scoped): one address string (an IP, a CIDR or a range), who may use it, and its
 * status map of used addresses.
 *
 * @param priority lower is preferred; 0, the default, is the highest
 */
public record Eip(String name, String address, String protocol, String iface, boolean disable, int priority,
                  List<String> namespaces, Map<String, String> namespaceSelector, boolean isDefault,
                  Map<String, String> used, ObjectNode original) {
    public Eip {
        namespaces = List.copyOf(namespaces);
        namespaceSelector = Map.copyOf(namespaceSelector);
        used = Map.copyOf(used);
    }

    /** Whether the Eip is being deleted ({@code metadata.deletionTimestamp} set): OpenELB allocates nothing from it. */
    public boolean deleting() {
        return original != null && !original.path("metadata").path("deletionTimestamp").asText("").isEmpty();
    }

    public boolean needsInterface() {
        return "layer2".equals(protocol) || "vip".equals(protocol);
    }
}
