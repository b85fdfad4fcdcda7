package io.pooldesk.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.pooldesk.model.manifest.Manifest;

import java.util.List;

/**
 * A kind Pooldesk reads from and writes to a cluster. {@code order} is the apply order: pools (0) before the objects
 * that request addresses from them (1).
 */
public record ClusterKind(String group, String version, String kind, String plural, boolean namespaced, int order) {

    public static final List<ClusterKind> ALL = List.of(
            new ClusterKind("loadbalancer.harvesterhci.io", "v1beta1", "IPPool", "ippools", false, 0),
            new ClusterKind("network.harvesterhci.io", "v1alpha1", "IPPool", "ippools", true, 0),
            new ClusterKind("metallb.io", "v1beta1", "IPAddressPool", "ipaddresspools", true, 0),
            new ClusterKind("network.kubesphere.io", "v1alpha2", "Eip", "eips", false, 0),
            new ClusterKind("novaedge.io", "v1alpha1", "ProxyIPPool", "proxyippools", false, 0),
            new ClusterKind("loadbalancer.harvesterhci.io", "v1beta1", "LoadBalancer", "loadbalancers", true, 1),
            new ClusterKind("network.harvesterhci.io", "v1alpha1", "VirtualMachineNetworkConfig",
                    "virtualmachinenetworkconfigs", true, 1),
            new ClusterKind("novaedge.io", "v1alpha1", "ProxyVIP", "proxyvips", true, 1));

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    public String apiVersion() {
        return group + "/" + version;
    }

    /** {@code plural.group}, as RBAC and kubectl name a resource. */
    public String resource() {
        return plural + "." + group;
    }

    /** The kind of this manifest; Harvester's documented group counts as the served one. */
    public static ClusterKind of(Manifest manifest) {
        String group = "networking.harvesterhci.io".equals(manifest.group()) && "IPPool".equals(manifest.kind())
                ? "loadbalancer.harvesterhci.io" : manifest.group();
        for (ClusterKind kind : ALL) {
            if (kind.group.equals(group) && kind.kind.equals(manifest.kind())) {
                return kind;
            }
        }
        return null;
    }
}
