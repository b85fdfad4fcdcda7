package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/** A pool's effective ranges in spec order, as the CNI allocator's {@code RangeSet}. */
public record RangeSet(List<EffectiveRange> ranges) {

    public RangeSet {
        ranges = List.copyOf(ranges);
    }

    /** The first range containing the address, or null. */
    public EffectiveRange rangeFor(Address address) {
        for (EffectiveRange range : ranges) {
            if (range.contains(address)) {
                return range;
            }
        }
        return null;
    }

    public boolean contains(Address address) {
        return rangeFor(address) != null;
    }

    /** Whether the allocator could ever hand this address out: inside a range and not that range's gateway. */
    public boolean isUsable(Address address) {
        EffectiveRange range = rangeFor(address);
        return range != null && !range.isGateway(address);
    }

    /** The exact number of addresses the allocator can hand out. */
    public BigInteger total() {
        BigInteger total = BigInteger.ZERO;
        for (EffectiveRange range : ranges) {
            total = total.add(range.usableCount());
        }
        return total;
    }

    /** What the reference writes in {@code status.total}: int64 arithmetic, so it wraps for large IPv6 ranges. */
    public long referenceTotal() {
        long total = 0;
        for (EffectiveRange range : ranges) {
            total += range.referenceCount();
        }
        return total;
    }

    /** As the CNI allocator prints a range set: {@code start-end,start-end}. */
    @Override
    public String toString() {
        return ranges.stream().map(EffectiveRange::toString).collect(Collectors.joining(","));
    }
}
