package io.pooldesk.model.harvester.lb;

/** One entry of {@code spec.ranges}, as written; "" where a field is absent. */
public record PoolRangeSpec(String subnet, String rangeStart, String rangeEnd, String gateway) {

    public static PoolRangeSpec ofSubnet(String subnet) {
        return new PoolRangeSpec(subnet, "", "", "");
    }
}
