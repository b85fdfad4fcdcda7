package io.pooldesk.model.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.manifest.Manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * An address a request holds (its system wrote it into the request's status) or asks for by name (a fixed-address
 * annotation or field), for the conflict check: an address held outside every pool of its system is one no pool
 * accounts for, so another system's pool may hand it out again.
 *
 * @param field        where the request's manifest names it
 * @param asked        whether the request asks for it rather than holds it
 * @param outsidePools what the request's system does when none of its pools contains the address, in words
 */
public record HeldAddress(String field, Address address, boolean asked, String outsidePools) {

    /** The addresses of a comma-separated list at {@code field}; text that is no address is left to the rules. */
    public static List<HeldAddress> of(String field, String text, boolean asked, String outsidePools) {
        List<HeldAddress> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            // NovaEdge writes a VIP's address as a host prefix (10.200.0.1/32)
            int slash = trimmed.indexOf('/');
            String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
            try {
                out.add(new HeldAddress(field, AddressParser.address(host), asked, outsidePools));
            } catch (InvalidAddressException e) {
                // not an address: the request's own rules say so, and nothing can be handed out twice
            }
        }
        return out;
    }

    /** A Service's {@code status.loadBalancer.ingress[*].ip}, the addresses its load-balancer system gave it. */
    public static List<HeldAddress> ingress(Manifest service, String outsidePools) {
        List<HeldAddress> out = new ArrayList<>();
        JsonNode ingress = service.object().path("status").path("loadBalancer").path("ingress");
        for (int i = 0; ingress.isArray() && i < ingress.size(); i++) {
            JsonNode ip = ingress.get(i).path("ip");
            if (ip.isTextual()) {
                out.addAll(of("status.loadBalancer.ingress[" + i + "].ip", ip.asText(), false, outsidePools));
            }
        }
        return out;
    }

    /**
     * The addresses a Service asks for by name: the first of {@code annotations} it carries (each system's own
     * fixed-address annotations, in the order the system reads them), else {@code spec.loadBalancerIP}.
     */
    public static List<HeldAddress> askedFor(Manifest service, List<String> annotations, String outsidePools) {
        JsonNode carried = service.object().path("metadata").path("annotations");
        for (String key : annotations) {
            if (carried.path(key).isTextual()) {
                return of("metadata.annotations." + key, carried.path(key).asText(), true, outsidePools);
            }
        }
        return of("spec.loadBalancerIP", text(service, "spec", "loadBalancerIP"), true, outsidePools);
    }

    /** The text at a dotted path of the manifest's object, or "" when it is absent or not text. */
    public static String text(Manifest manifest, String... path) {
        JsonNode node = manifest.object();
        for (String step : path) {
            node = node.path(step);
        }
        return node.isTextual() ? node.asText() : "";
    }
}
