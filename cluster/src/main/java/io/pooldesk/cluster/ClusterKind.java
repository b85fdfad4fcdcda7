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
 * before the objects that request addresses from them (1).
 */
public record ClusterKind(String group, String version, String kind, String plural, boolean namespaced, int order) {

    public static final List<ClusterKind> ALL = fromRegistry();

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
        return group + "/" + version;
    }

    /** {@code plural.group}, as RBAC and kubectl name a resource. */
    public String resource() {
        return plural + "." + group;
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
