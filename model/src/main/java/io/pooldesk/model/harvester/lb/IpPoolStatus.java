package io.pooldesk.model.harvester.lb;

import java.util.Map;

/**
 * The allocation state a pool carries in {@code status}: the round-robin cursor, live allocations and the history of
 * released addresses, each keyed by address text and valued by the holder {@code namespace/name}.
 */
public record IpPoolStatus(String lastAllocated, Map<String, String> allocated, Map<String, String> allocatedHistory) {
    public static final IpPoolStatus EMPTY = new IpPoolStatus("", Map.of(), Map.of());

    public IpPoolStatus {
        allocated = Map.copyOf(allocated);
        allocatedHistory = Map.copyOf(allocatedHistory);
    }
}
