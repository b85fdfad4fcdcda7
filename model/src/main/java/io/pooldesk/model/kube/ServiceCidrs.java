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

/**
 * Where a cluster shows its service CIDR: the {@code networking.k8s.io} {@code ServiceCIDR} objects (GA in Kubernetes
 * 1.33; the API server creates one named {@code kubernetes} from its {@code --service-cluster-ip-range}), and, on a
 * cluster without them, the {@code kubernetes} Service in {@code default}, whose cluster IP is the first address of
 * that range: one address inside it, never the range.
 */
public final class ServiceCidrs {
    /** A CIDR a {@code ServiceCIDR} object names, and where it is written. */
    public record Range(String field, Cidr cidr) {
    }

    /** A cluster IP of the {@code kubernetes} Service, and where it is written. */
    public record Hint(String field, Address address) {
    }

    private ServiceCidrs() {
    }

    public static boolean isServiceCidr(Manifest manifest) {
        return "ServiceCIDR".equals(manifest.kind()) && manifest.apiVersion().startsWith("networking.k8s.io/");
    }

    /** The API server's own Service: {@code default/kubernetes}, whose cluster IP lies in the service CIDR. */
    public static boolean isKubernetesService(Manifest manifest) {
        return "Service".equals(manifest.kind()) && "v1".equals(manifest.apiVersion())
                && "default".equals(manifest.namespace()) && "kubernetes".equals(manifest.name());
    }

    /** {@code spec.cidrs} (one per family); a value that is not a CIDR is left out, as the API server refuses it. */
    public static List<Range> ranges(Manifest serviceCidr) {
        List<Range> out = new ArrayList<>();
        JsonNode cidrs = serviceCidr.object().path("spec").path("cidrs");
        for (int i = 0; i < cidrs.size(); i++) {
            try {
                out.add(new Range("spec.cidrs[" + i + "]", AddressParser.cidr(cidrs.get(i).asText(""))));
            } catch (InvalidAddressException e) {
                // nothing to compare
            }
        }
        return out;
    }

    /** {@code spec.clusterIPs}, or {@code spec.clusterIP} when the list is absent; "None" and the like left out. */
    public static List<Hint> hints(Manifest kubernetesService) {
        List<Hint> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        JsonNode spec = kubernetesService.object().path("spec");
        JsonNode list = spec.path("clusterIPs");
        for (int i = 0; i < list.size(); i++) {
            add(out, seen, "spec.clusterIPs[" + i + "]", list.get(i));
        }
        add(out, seen, "spec.clusterIP", spec.path("clusterIP"));
        return out;
    }

    private static void add(List<Hint> out, Set<String> seen, String field, JsonNode value) {
        if (!value.isTextual() || !seen.add(value.asText())) {
            return;
        }
        try {
            out.add(new Hint(field, AddressParser.address(value.asText())));
        } catch (InvalidAddressException e) {
            // a headless Service's "None": no address
        }
    }
}
