package io.pooldesk.model.harvester.lb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.Mutation;

import java.util.ArrayList;
import java.util.List;

/**
 * The LoadBalancer mutating webhook ({@code pkg/webhook/loadbalancer/mutator.go} of load-balancer-harvester): what the
 * cluster stores differs from what the operator wrote in the namespace annotation, the project and network of a
 * guest-cluster load balancer, and the health-check thresholds.
 */
final class HarvesterLbMutator {
    static final String MANAGEMENT_NETWORK = "cloudprovider.harvesterhci.io/managementNetwork";
    /** Rancher's annotation on a Namespace naming its project, {@code cluster:project} ({@code rancher/pkg/project}). */
    static final String NAMESPACE_PROJECT = "field.cattle.io/projectId";
    private static final String[] THRESHOLDS = {"successThreshold", "failureThreshold", "periodSeconds",
            "timeoutSeconds"};
    /** mutator.go 81-120: the defaults written over zero thresholds, in the order above. */
    private static final int[] DEFAULTS = {2, 2, 1, 1};

    private HarvesterLbMutator() {
    }

    static Mutation mutate(Manifest written, ClusterContext context) {
        ObjectNode object = written.object().deepCopy();
        List<Mutation.Change> changes = new ArrayList<>();
        String namespace = written.namespace().isEmpty() ? "default" : written.namespace();
        boolean cluster = LoadBalancer.WORKLOAD_CLUSTER.equals(object.path("spec").path("workloadType").asText(""));
        // mutator.go 123-139 (VM) and 144-160 (cluster): the namespace annotation is always the load balancer's own
        setAnnotation(object, HarvesterLb.ANNOTATION_NAMESPACE, namespace, changes,
                "the mutating webhook writes the load balancer's own namespace");
        if (cluster) {
            // mutator.go 149-152, 171, 204-213, TestFindProject: the project is the Namespace's, ':' written as '/';
            // a Namespace the input does not carry leaves it as written (the controller and the rules say so)
            context.annotationsOf(namespace).ifPresent(annotations -> {
                String project = annotations.getOrDefault(NAMESPACE_PROJECT, "").replaceFirst(":", "/");
                setAnnotation(object, HarvesterLb.ANNOTATION_PROJECT, project, changes,
                        "the mutating webhook writes the project of Namespace " + namespace + " (" + NAMESPACE_PROJECT
                                + ")");
            });
            // mutator.go 232-241, TestFindNetwork: only guest-cluster load balancers fall back to the management network
            String network = annotation(object, HarvesterLb.ANNOTATION_NETWORK);
            String management = annotation(object, MANAGEMENT_NETWORK);
            if (network.isEmpty() && !management.isEmpty()) {
                setAnnotation(object, HarvesterLb.ANNOTATION_NETWORK, management, changes,
                        "the mutating webhook takes " + MANAGEMENT_NETWORK + " when the network is empty");
            }
        }
        JsonNode check = object.path("spec").path("healthCheck");
        // mutator.go 81-120: only when a health-check port is set, for VM and guest-cluster load balancers alike
        if (check.isObject() && check.path("port").asLong(0) != 0) {
            ObjectNode healthCheck = (ObjectNode) check;
            for (int i = 0; i < THRESHOLDS.length; i++) {
                if (healthCheck.path(THRESHOLDS[i]).asLong(0) == 0) {
                    String was = healthCheck.has(THRESHOLDS[i]) ? healthCheck.get(THRESHOLDS[i]).asText() : "";
                    healthCheck.put(THRESHOLDS[i], DEFAULTS[i]);
                    changes.add(new Mutation.Change("spec.healthCheck." + THRESHOLDS[i], was,
                            String.valueOf(DEFAULTS[i]), "the mutating webhook fills a zero threshold"));
                }
            }
        }
        if (object.equals(written.object())) {
            return Mutation.none(written);
        }
        return new Mutation(new Manifest(written.source(), written.document(), object), changes);
    }

    /**
     * Said when a guest-cluster load balancer's project may not be what the cluster stores: the input carries no
     * Namespace of that name (before it), so the annotation is used as written, and a pool's scope names a project, so
     * it matters. Null otherwise.
     *
     * @param scopedByProject a pool whose scope names a project ({@link #scopedByProject}), or null
     */
    static String projectNotRead(LoadBalancer lb, ClusterContext context, IpPool scopedByProject) {
        if (scopedByProject == null || !lb.isClusterWorkload()
                || context.annotationsOf(lb.namespace()).isPresent()) {
            return null;
        }
        return "guest-cluster load balancers in namespace " + lb.namespace() + " keep their "
                + HarvesterLb.ANNOTATION_PROJECT + " annotation as written: the mutating webhook replaces it with the"
                + " project of Namespace " + lb.namespace() + " (" + NAMESPACE_PROJECT + "), the input carries no"
                + " Namespace " + lb.namespace() + " before them, and pool " + scopedByProject.name()
                + " is scoped by project";
    }

    /** Whether a pool's scope names a project: only then does a load balancer's project choose between pools. */
    static boolean scopedByProject(IpPool pool) {
        for (ScopeTuple tuple : pool.selector().scope()) {
            if (!ScopeTuple.ALL.equals(tuple.project())) {
                return true;
            }
        }
        return false;
    }

    private static String annotation(ObjectNode object, String key) {
        return object.path("metadata").path("annotations").path(key).asText("");
    }

    private static void setAnnotation(ObjectNode object, String key, String value, List<Mutation.Change> changes,
                                      String why) {
        String was = annotation(object, key);
        if (was.equals(value)) {
            return;
        }
        // an empty namespace annotation already means the load balancer's own: storing it changes nothing worth saying
        boolean silent = was.isEmpty() && key.equals(HarvesterLb.ANNOTATION_NAMESPACE);
        JsonNode metadata = object.path("metadata");
        if (!metadata.isObject()) {
            return;
        }
        JsonNode annotations = metadata.path("annotations");
        ObjectNode target = annotations.isObject() ? (ObjectNode) annotations
                : ((ObjectNode) metadata).putObject("annotations");
        target.put(key, value);
        if (!silent) {
            changes.add(new Mutation.Change("metadata.annotations." + key, was, value, why));
        }
    }
}
