package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Span;

import java.math.BigInteger;

/**
 * A range after the reference's {@code MakeRange}: defaults filled in, start and end swapped when reversed.
 *
 * @param gateway null for an IPv4 /32, which has none
 * @param swapped the written start was after the written end, and the reference silently swapped them
 */
public record EffectiveRange(Cidr subnet, Address start, Address end, Address gateway, boolean swapped) {

    public Span span() {
        return new Span(start, end);
    }

    /** The CNI {@code Range.Contains}: inside the subnet and within start..end (the cheap test first). */
    public boolean contains(Address address) {
        return address.family() == start.family() && address.compareTo(start) >= 0 && address.compareTo(end) <= 0
                && subnet.contains(address);
    }

    public boolean isGateway(Address address) {
        return gateway != null && gateway.equals(address);
    }

    /** Addresses the allocator can hand out: start..end less the gateway when the gateway lies inside. */
    public BigInteger usableCount() {
        BigInteger size = span().size();
        return gateway != null && contains(gateway) ? size.subtract(BigInteger.ONE) : size;
    }

    /** The reference's per-range count: computed exactly, then cast to int64, then the gateway subtracted. */
    public long referenceCount() {
        long count = span().size().longValue();
        return gateway != null && contains(gateway) ? count - 1 : count;
    }

    /** As the CNI allocator prints a range in its errors: {@code start-end}. */
    @Override
    public String toString() {
        return start + "-" + end;
    }
}
