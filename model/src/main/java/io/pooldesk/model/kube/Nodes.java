package io.pooldesk.model.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.manifest.Manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Kubernetes {@code Node} objects: the addresses and pod CIDRs no pool may hand out. */
public final class Nodes {
    /** An address of a node, with its type ({@code InternalIP}, {@code ExternalIP}) and where it is written. */
    public record NodeAddress(String type, String field, Address address) {
    }

    /** A pod CIDR of a node and where it is written. */
    public record PodCidr(String field, Cidr cidr) {
    }

    private Nodes() {
    }

    public static boolean isNode(Manifest manifest) {
        return "Node".equals(manifest.kind()) && "v1".equals(manifest.apiVersion());
    }

    /** Its IP addresses; host names and entries that are not addresses are left out. */
    public static List<NodeAddress> addresses(Manifest node) {
        List<NodeAddress> out = new ArrayList<>();
        JsonNode addresses = node.object().path("status").path("addresses");
        for (int i = 0; i < addresses.size(); i++) {
            JsonNode entry = addresses.get(i);
            String type = entry.path("type").asText("");
            if (type.equals("Hostname") || type.endsWith("DNS") || !entry.path("address").isTextual()) {
                continue;
            }
            try {
                out.add(new NodeAddress(type.isEmpty() ? "address" : type, "status.addresses[" + i + "].address",
                        AddressParser.address(entry.path("address").asText())));
            } catch (InvalidAddressException e) {
                // not an IP address (a name in the wrong field): nothing a pool could hand out
            }
        }
        return out;
    }

    /** {@code spec.podCIDRs}, or {@code spec.podCIDR} when the list is absent; a CIDR written in both counts once. */
    public static List<PodCidr> podCidrs(Manifest node) {
        Set<String> seen = new LinkedHashSet<>();
        List<PodCidr> out = new ArrayList<>();
        JsonNode spec = node.object().path("spec");
        JsonNode list = spec.path("podCIDRs");
        for (int i = 0; i < list.size(); i++) {
            add(out, seen, "spec.podCIDRs[" + i + "]", list.get(i));
        }
        add(out, seen, "spec.podCIDR", spec.path("podCIDR"));
        return out;
    }

    private static void add(List<PodCidr> out, Set<String> seen, String field, JsonNode value) {
        if (!value.isTextual() || !seen.add(value.asText())) {
            return;
        }
        try {
            out.add(new PodCidr(field, AddressParser.cidr(value.asText())));
        } catch (InvalidAddressException e) {
            // the API server refuses a malformed pod CIDR; nothing to compare
        }
    }
}
