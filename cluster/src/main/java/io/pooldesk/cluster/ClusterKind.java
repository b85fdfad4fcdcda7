package io.pooldesk.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.ResourceType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A kind Pooldesk reads from and writes to a cluster: each pool system's own custom resources, as the registry
 * declares them (Services are the cluster's own and are not applied). {@code order} is the apply order: pools (0)
 * before the objects that request addresses from them (1); the kinds only read ({@link #CONTEXT}) are 2.
 */
public record ClusterKind(String group, String version, String kind, String plural, boolean namespaced, int order) {

    /** Where the cluster shows its service CIDR (networking.k8s.io/v1 since Kubernetes 1.33). */
    static final ClusterKind SERVICE_CIDRS = new ClusterKind("networking.k8s.io", "v1", "ServiceCIDR", "servicecidrs",
            false, 2);

    public static final List<ClusterKind> ALL = fromRegistry();

    /**
     * Kinds read and watched, never written, because they hold or shape addresses: the core kinds the registry's
     * systems serve (Services of type LoadBalancer), Namespaces (labels and annotations for selectors), Nodes (their
     * addresses and pod CIDRs), NetworkAttachmentDefinitions (Harvester's VM networks), KubeVirt's
     * VirtualMachineInstances (the networks of a guest cluster's VMs) and ServiceCIDRs (the service CIDR, which the
     * conflict check compares every pool with).
     */
    public static final List<ClusterKind> CONTEXT = readOnlyKinds();

    /** What a live cluster workspace watches: {@link #ALL}, then {@link #CONTEXT}. */
    public static final List<ClusterKind> WATCHED = java.util.stream.Stream.concat(ALL.stream(), CONTEXT.stream())
            .toList();

    private static List<ClusterKind> readOnlyKinds() {
        List<ClusterKind> out = new ArrayList<>();
        for (PoolSystem system : PoolSystems.all()) {
            for (ResourceType type : system.resources()) {
                ClusterKind kind = new ClusterKind(type.group(), type.version(), type.kind(), type.plural(),
                        type.namespaced(), 2);
                if (type.served() && type.group().isEmpty() && !out.contains(kind)) {
                    out.add(kind);
                }
            }
        }
        out.add(new ClusterKind("", "v1", "Namespace", "namespaces", false, 2));
        out.add(new ClusterKind("", "v1", "Node", "nodes", false, 2));
        out.add(new ClusterKind("k8s.cni.cncf.io", "v1", "NetworkAttachmentDefinition",
                "network-attachment-definitions", true, 2));
        out.add(new ClusterKind("kubevirt.io", "v1", "VirtualMachineInstance", "virtualmachineinstances", true, 2));
        out.add(SERVICE_CIDRS);
        return List.copyOf(out);
    }

    /**
     * Whether a live workspace keeps this object: a Service holds a pool's address only as type LoadBalancer, and a
     * cluster's other Services (most of them) are left out, but for the API server's own {@code default/kubernetes},
     * whose cluster IP shows one address of the service CIDR where no ServiceCIDR object shows the range.
     */
    public boolean keeps(com.fasterxml.jackson.databind.JsonNode object) {
        return !(group.isEmpty() && kind.equals("Service"))
                || "LoadBalancer".equals(object.path("spec").path("type").asText(""))
                || "default".equals(object.path("metadata").path("namespace").asText(""))
                && "kubernetes".equals(object.path("metadata").path("name").asText(""));
    }

    private static List<ClusterKind> fromRegistry() {
        List<ClusterKind> out = new ArrayList<>();
        for (PoolSystem system : PoolSystems.all()) {
            for (ResourceType type : system.resources()) {
                ClusterKind kind = new ClusterKind(type.group(), type.version(), type.kind(), type.plural(),
                        type.namespaced(), type.role() == ResourceType.Role.POOL ? 0 : 1);
                if (type.served() && !type.group().isEmpty() && !out.contains(kind)) {
                    out.add(kind);
                }
            }
        }
        out.sort(Comparator.comparingInt(ClusterKind::order));
        return List.copyOf(out);
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code plural.group}, as RBAC and kubectl name a resource ({@code plural} for the core group). */
    public String resource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The kind, written or only read, that has exactly this manifest's group and kind; else {@link #of}. */
    static ClusterKind ofRead(Manifest manifest) {
        return WATCHED.stream().filter(k -> k.group.equals(manifest.group()) && k.kind.equals(manifest.kind()))
                .findFirst().orElseGet(() -> of(manifest));
    }

    /** The kind of this manifest; a group its system only tolerates (read, never written) counts as the served one. */
    public static ClusterKind of(Manifest manifest) {
        Optional<PoolSystem> system = PoolSystems.of(manifest);
        if (system.isEmpty()) {
            return null;
        }
        boolean tolerated = system.get().resources().stream().anyMatch(r -> !r.served()
                && r.group().equals(manifest.group()) && r.kind().equals(manifest.kind()));
        for (ClusterKind kind : ALL) {
            if (kind.kind.equals(manifest.kind()) && (kind.group.equals(manifest.group()) || tolerated
                    && system.get().resources().stream().anyMatch(r -> r.served() && r.group().equals(kind.group)
                    && r.kind().equals(kind.kind)))) {
                return kind;
            }
        }
        return null;
    }
}
