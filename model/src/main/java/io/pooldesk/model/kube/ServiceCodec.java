package io.pooldesk.model.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.manifest.Fields;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Reads core {@code v1 Service} objects. */
public final class ServiceCodec {
    private ServiceCodec() {
    }

    public static boolean isService(Manifest manifest) {
        return Service.KIND.equals(manifest.kind()) && "v1".equals(manifest.apiVersion());
    }

    public static boolean isLoadBalancerService(Manifest manifest) {
        return isService(manifest) && "LoadBalancer".equals(manifest.object().path("spec").path("type").asText());
    }

    public static Service read(Manifest manifest) throws ManifestException {
        JsonNode metadata = Fields.object(manifest.object(), "metadata", "metadata");
        JsonNode spec = Fields.object(manifest.object(), "spec", "spec");
        List<ServicePort> ports = new ArrayList<>();
        List<JsonNode> portNodes = Fields.list(spec, "ports", "spec.ports");
        for (int i = 0; i < portNodes.size(); i++) {
            String path = "spec.ports[" + i + "]";
            JsonNode port = portNodes.get(i);
            if (port == null || !port.isObject()) {
                throw new ManifestException(path, "must be a mapping with protocol and port");
            }
            String protocol = Fields.string(port, "protocol", path + ".protocol");
            BigInteger number = Fields.integer(port, "port", path + ".port", BigInteger.ONE,
                    BigInteger.valueOf(65535));
            ports.add(new ServicePort(protocol.isEmpty() ? "TCP" : protocol, number == null ? 0 : number.intValue()));
        }
        List<String> clusterIPs = new ArrayList<>(Fields.stringList(spec, "clusterIPs", "spec.clusterIPs"));
        String clusterIP = Fields.string(spec, "clusterIP", "spec.clusterIP");
        if (clusterIPs.isEmpty() && !clusterIP.isEmpty() && !"None".equals(clusterIP)) {
            clusterIPs.add(clusterIP);
        }
        List<String> ingress = new ArrayList<>();
        JsonNode status = manifest.object().path("status");
        if (status.isObject()) {
            List<JsonNode> entries = Fields.list(status.path("loadBalancer"), "ingress", "status.loadBalancer.ingress");
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                if (entry == null || !entry.isObject()) {
                    throw new ManifestException("status.loadBalancer.ingress[" + i + "]", "must be a mapping with ip"
                            + " or hostname");
                }
                String ip = Fields.string(entry, "ip", "status.loadBalancer.ingress[" + i + "].ip");
                if (!ip.isEmpty()) {
                    ingress.add(ip);
                }
            }
        }
        String namespace = manifest.namespace().isEmpty() ? "default" : manifest.namespace();
        return new Service(namespace, manifest.name(),
                Fields.string(spec, "type", "spec.type"),
                Fields.stringMap(metadata, "labels", "metadata.labels"),
                Fields.stringMap(metadata, "annotations", "metadata.annotations"),
                Fields.string(spec, "loadBalancerIP", "spec.loadBalancerIP"),
                Fields.stringList(spec, "ipFamilies", "spec.ipFamilies"),
                Fields.string(spec, "ipFamilyPolicy", "spec.ipFamilyPolicy"),
                Fields.string(spec, "externalTrafficPolicy", "spec.externalTrafficPolicy"),
                new TreeMap<>(Fields.stringMap(spec, "selector", "spec.selector")),
                ports, List.copyOf(clusterIPs), List.copyOf(ingress));
    }
}
