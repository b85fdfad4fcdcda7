package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.manifest.Manifest;

/** Names the reference uses for its load-balancer IPAM: API groups, kinds, labels and annotations. */
public final class HarvesterLb {
    /** The group the controller serves, and the one Pooldesk writes. */
    public static final String GROUP = "loadbalancer.harvesterhci.io";
    /** The group Harvester's documentation writes; read, and reported once. */
    public static final String DOCUMENTED_GROUP = "networking.harvesterhci.io";
    public static final String API_VERSION = GROUP + "/v1beta1";
    public static final String POOL_KIND = "IPPool";
    public static final String LOAD_BALANCER_KIND = "LoadBalancer";

    public static final String LABEL_GLOBAL_POOL = GROUP + "/global-ip-pool";
    public static final String ANNOTATION_NETWORK = GROUP + "/network";
    public static final String ANNOTATION_PROJECT = GROUP + "/project";
    public static final String ANNOTATION_NAMESPACE = GROUP + "/namespace";
    public static final String ANNOTATION_CLUSTER = GROUP + "/cluster";

    private HarvesterLb() {
    }

    public static boolean isPool(Manifest manifest) {
        return POOL_KIND.equals(manifest.kind()) && isLbGroup(manifest.group());
    }

    public static boolean isLoadBalancer(Manifest manifest) {
        return LOAD_BALANCER_KIND.equals(manifest.kind()) && GROUP.equals(manifest.group());
    }

    public static boolean usesDocumentedGroup(Manifest manifest) {
        return DOCUMENTED_GROUP.equals(manifest.group());
    }

    private static boolean isLbGroup(String group) {
        return GROUP.equals(group) || DOCUMENTED_GROUP.equals(group);
    }
}
