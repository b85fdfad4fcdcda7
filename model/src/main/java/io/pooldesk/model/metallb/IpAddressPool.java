package io.pooldesk.model.metallb;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A MetalLB {@code IPAddressPool} (namespaced, normally in metallb-system).
 *
 * @param addresses         entries as written: CIDRs or {@code start-end} ranges
 * @param serviceAllocation null when the pool has none (then it serves any service by auto-assignment)
 */
public record IpAddressPool(String namespace, String name, List<String> addresses, boolean autoAssign,
                            boolean avoidBuggyIPs, ServiceAllocation serviceAllocation, ObjectNode original) {
    public IpAddressPool {
        addresses = List.copyOf(addresses);
    }
}
