package io.pooldesk.model.kube;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes {@code Service}, reduced to what load-balancer IPAM reads.
 *
 * @param ipFamilies     as written; empty means the cluster's default (IPv4 here)
 * @param ipFamilyPolicy {@code SingleStack}, {@code PreferDualStack}, {@code RequireDualStack} or ""
 * @param clusterIPs     {@code spec.clusterIPs}, else {@code spec.clusterIP} alone; empty when neither is written (the
 *                       API server assigns them)
 * @param ingressIPs     the addresses of {@code status.loadBalancer.ingress} (hostname-only entries left out): what
 *                       the Service holds when it is read
 */
public record Service(String namespace, String name, String type, Map<String, String> labels,
                      Map<String, String> annotations, String loadBalancerIP, List<String> ipFamilies,
                      String ipFamilyPolicy, String externalTrafficPolicy, Map<String, String> selector,
                      List<ServicePort> ports, List<String> clusterIPs, List<String> ingressIPs) {
    public static final String KIND = "Service";

    public Service(String namespace, String name, String type, Map<String, String> labels,
                   Map<String, String> annotations, String loadBalancerIP, List<String> ipFamilies,
                   String ipFamilyPolicy, String externalTrafficPolicy, Map<String, String> selector,
                   List<ServicePort> ports) {
        this(namespace, name, type, labels, annotations, loadBalancerIP, ipFamilies, ipFamilyPolicy,
                externalTrafficPolicy, selector, ports, List.of(), List.of());
    }

    public boolean isLoadBalancer() {
        return "LoadBalancer".equals(type);
    }

    public String id() {
        return namespace + "/" + name;
    }

    /** The first annotation present among {@code keys} (stable key first), or "". */
    public String annotation(String... keys) {
        for (String key : keys) {
            String value = annotations.get(key);
            if (value != null) {
                return value;
            }
        }
        return "";
    }

    public boolean prefersIpv6() {
        return !ipFamilies.isEmpty() && "IPv6".equals(ipFamilies.get(0));
    }
}
