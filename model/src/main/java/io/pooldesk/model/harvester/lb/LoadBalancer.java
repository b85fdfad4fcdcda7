package io.pooldesk.model.harvester.lb;

import java.util.Map;

/**
 * A Harvester {@code LoadBalancer}, reduced to what its IPAM needs.
 *
 * @param ipam          {@code pool}, {@code dhcp}, or "" (which the controller treats as pool)
 * @param ipPool        {@code spec.ipPool}: a pool named explicitly, or ""
 * @param workloadType  {@code vm}, {@code cluster}, or "" (vm)
 * @param allocatedPool {@code status.allocatedAddress.ipPool}, or ""
 * @param allocatedIp   {@code status.allocatedAddress.ip}, or ""
 */
public record LoadBalancer(String namespace, String name, String ipam, String ipPool, String workloadType,
                           Map<String, String> annotations, String allocatedPool, String allocatedIp) {
    public static final String IPAM_POOL = "pool";
    public static final String IPAM_DHCP = "dhcp";
    public static final String WORKLOAD_CLUSTER = "cluster";
    public static final String WORKLOAD_VM = "vm";

    public LoadBalancer {
        annotations = Map.copyOf(annotations);
    }

    /** The applicant ID the reference records in a pool: {@code namespace/name}. */
    public String applicantId() {
        return namespace + "/" + name;
    }

    public boolean usesDhcp() {
        return IPAM_DHCP.equals(ipam);
    }

    public boolean isClusterWorkload() {
        return WORKLOAD_CLUSTER.equals(workloadType);
    }

    /** The requirement the controller builds from the four annotations; an empty namespace becomes the LB's own. */
    public Requirement requirement() {
        String ns = annotations.getOrDefault(HarvesterLb.ANNOTATION_NAMESPACE, "");
        return new Requirement(
                annotations.getOrDefault(HarvesterLb.ANNOTATION_NETWORK, ""),
                annotations.getOrDefault(HarvesterLb.ANNOTATION_PROJECT, ""),
                ns.isEmpty() ? namespace : ns,
                annotations.getOrDefault(HarvesterLb.ANNOTATION_CLUSTER, ""));
    }
}
