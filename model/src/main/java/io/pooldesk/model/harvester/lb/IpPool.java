package io.pooldesk.model.harvester.lb;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A Harvester load-balancer {@code IPPool} (cluster-scoped).
 *
 * @param original the object as read, kept so that writing it back preserves every field Pooldesk does not model;
 *                 null for a pool made from scratch
 */
public record IpPool(String name, String description, List<PoolRangeSpec> ranges, PoolSelector selector,
                     IpPoolStatus status, ObjectNode original) {

    public IpPool {
        ranges = List.copyOf(ranges);
    }

    public boolean isGlobal() {
        return selector.isGlobal();
    }

    public IpPool withSelector(PoolSelector newSelector) {
        return new IpPool(name, description, ranges, newSelector, status, original);
    }

    public IpPool withStatus(IpPoolStatus newStatus) {
        return new IpPool(name, description, ranges, selector, newStatus, original);
    }
}
