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
    /** The labels by which the webhook finds a guest cluster's VMs (pkg/utils/const.go 27-28, 40). */
    static final String GUEST_CLUSTER_NAME = "guestcluster.harvesterhci.io/name";
    static final String CREATOR = "harvesterhci.io/creator";
    static final String NODE_DRIVER = "docker-machine-driver-harvester";
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
            } else if (network.isEmpty()) {
                List<ClusterContext.Vmi> vmis = vmisOfCluster(namespace,
                        annotation(object, HarvesterLb.ANNOTATION_CLUSTER), context);
                if (!vmis.isEmpty()) {
                    setAnnotation(object, HarvesterLb.ANNOTATION_NETWORK, vmis.get(0).multusNetwork(), changes,
                            networkFoundIn(vmis));
                }
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
     * mutator.go 243-318, TestFindNetwork priorities 3-4: with the cluster's name, the VMIs of the load balancer's
     * namespace labelled with it, else those Rancher's node driver created whose name starts with it; of those, the
     * ones with a Multus network. The webhook takes the first its cache lists, in no set order: Pooldesk takes the
     * input's first and says which others the cluster could take.
     */
    private static List<ClusterContext.Vmi> vmisOfCluster(String namespace, String cluster, ClusterContext context) {
        List<ClusterContext.Vmi> labelled = new ArrayList<>();
        List<ClusterContext.Vmi> created = new ArrayList<>();
        if (cluster.isEmpty()) {
            return labelled;
        }
        for (ClusterContext.Vmi vmi : context.vmisIn(namespace)) {
            if (vmi.multusNetwork().isEmpty()) {
                continue;
            }
            if (cluster.equals(vmi.labels().get(GUEST_CLUSTER_NAME))) {
                labelled.add(vmi);
            } else if (NODE_DRIVER.equals(vmi.labels().get(CREATOR)) && vmi.name().startsWith(cluster)) {
                created.add(vmi);
            }
        }
        return labelled.isEmpty() ? created : labelled;
    }

    private static String networkFoundIn(List<ClusterContext.Vmi> vmis) {
        ClusterContext.Vmi first = vmis.get(0);
        StringBuilder why = new StringBuilder("the mutating webhook takes the first Multus network of"
                + " VirtualMachineInstance " + first.namespace() + "/" + first.name());
        List<String> others = new ArrayList<>();
        for (ClusterContext.Vmi vmi : vmis) {
            if (!vmi.multusNetwork().equals(first.multusNetwork()) && !others.contains(vmi.multusNetwork())) {
                others.add(vmi.multusNetwork());
            }
        }
        if (!others.isEmpty()) {
            why.append("; the cluster's VMs also name ").append(String.join(", ", others))
                    .append(", and the webhook takes whichever VM its cache lists first");
        }
        return why.toString();
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

    /**
     * Said when a guest-cluster load balancer names its cluster but no network and the input carries no
     * VirtualMachineInstance in its namespace: the webhook would take the network of the cluster's VMs (mutator.go
     * 243-282), Pooldesk leaves it empty. Null otherwise.
     */
    static String networkNotRead(LoadBalancer lb, ClusterContext context) {
        String cluster = lb.annotations().getOrDefault(HarvesterLb.ANNOTATION_CLUSTER, "");
        if (!lb.isClusterWorkload() || cluster.isEmpty()
                || !lb.annotations().getOrDefault(HarvesterLb.ANNOTATION_NETWORK, "").isEmpty()
                || !context.vmisIn(lb.namespace()).isEmpty()) {
            return null;
        }
        return "guest-cluster load balancers of cluster " + cluster + " in namespace " + lb.namespace() + " keep an"
                + " empty network: the mutating webhook takes the Multus network of the cluster's VMs, and the input"
                + " carries no VirtualMachineInstance in namespace " + lb.namespace() + " before them";
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
