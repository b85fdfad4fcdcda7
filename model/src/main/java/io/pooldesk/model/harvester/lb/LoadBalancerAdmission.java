package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.system.Violation;
import java.util.ArrayList;
import java.util.List;

/** The reference's LoadBalancer webhook rules that concern IPAM (updates only). */
public final class LoadBalancerAdmission {
    private LoadBalancerAdmission() {
    }

    /** Switching between DHCP and a pool used to leak addresses (harvester#6684), so the webhook forbids it. */
    public static List<Violation> checkUpdate(LoadBalancer before, LoadBalancer after) {
        List<Violation> violations = new ArrayList<>();
        if (before.usesDhcp() != after.usesDhcp()) {
            violations.add(new Violation("spec.ipam", "can't change the IPAM from " + ipamName(before) + " to "
                    + ipamName(after)));
        }
        if (!workload(before).equals(workload(after))) {
            violations.add(new Violation("spec.workloadType", "can't change the WorkloadType from "
                    + workload(before) + " to " + workload(after)));
        }
        return violations;
    }

    private static String ipamName(LoadBalancer lb) {
        return lb.ipam().isEmpty() ? LoadBalancer.IPAM_POOL : lb.ipam();
    }

    private static String workload(LoadBalancer lb) {
        return lb.workloadType().isEmpty() ? LoadBalancer.WORKLOAD_VM : lb.workloadType();
    }
}
