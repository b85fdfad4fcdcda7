package io.pooldesk.model.novaedge;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** A NovaEdge {@code ProxyIPPool} (cluster-scoped): CIDRs and single addresses; autoAssign is stored, never used. */
public record ProxyIpPool(String name, List<String> cidrs, List<String> addresses, boolean autoAssign,
                          ObjectNode original) {
    public ProxyIpPool {
        cidrs = List.copyOf(cidrs);
        addresses = List.copyOf(addresses);
    }
}
