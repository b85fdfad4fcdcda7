package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;

/**
 * The reference's {@code MakeRange}, quirks included: defaults of network+1 and broadcast-1 (all-ones for IPv6), no
 * gateway for an IPv4 /32, reversed start and end swapped silently, and no canonicalisation (so /31 and /128 keep their
 * odd results).
 */
public final class RangeResolver {
    private RangeResolver() {
    }

    /** @param path the field path of this range, such as {@code spec.ranges[0]} */
    public static EffectiveRange resolve(PoolRangeSpec spec, String path) throws RangeException {
        Cidr subnet;
        try {
            subnet = AddressParser.cidr(spec.subnet());
        } catch (InvalidAddressException e) {
            throw new RangeException(path + ".subnet", spec.subnet().isEmpty()
                    ? "subnet is required (the webhook says \"invalid CIDR address: , a valid example is 192.168.1.0/24\")"
                    : "invalid CIDR address: " + spec.subnet() + ", a valid example is 192.168.1.0/24");
        }
        boolean pointToPoint = subnet.family() == Family.IPV4 && subnet.prefixLength() == 32;
        Address network = subnet.network();
        Address networkPlusOne = network.next();

        Address start;
        if (spec.rangeStart().isEmpty()) {
            start = pointToPoint ? subnet.written() : networkPlusOne;
        } else {
            start = userAddress(spec.rangeStart(), subnet, path + ".rangeStart", "range start");
        }
        Address end;
        if (spec.rangeEnd().isEmpty()) {
            end = pointToPoint ? subnet.written() : defaultEnd(subnet);
        } else {
            end = userAddress(spec.rangeEnd(), subnet, path + ".rangeEnd", "range end");
        }
        boolean swapped = false;
        if (start == null || end == null) {
            throw new RangeException(path + ".subnet", "subnet " + subnet + " leaves no room for a range");
        }
        if (start.compareTo(end) > 0) {
            Address t = start;
            start = end;
            end = t;
            swapped = true;
        }
        Address gateway;
        if (spec.gateway().isEmpty()) {
            gateway = pointToPoint ? null : networkPlusOne;
        } else {
            gateway = userAddress(spec.gateway(), subnet, path + ".gateway", "gateway");
        }
        return new EffectiveRange(subnet, start, end, gateway, swapped);
    }

    /** IPv4: the address before the broadcast address; IPv6: the all-ones address of the subnet. */
    private static Address defaultEnd(Cidr subnet) {
        Address last = subnet.last();
        return subnet.family() == Family.IPV4 ? last.previous() : last;
    }

    private static Address userAddress(String text, Cidr subnet, String field, String what) throws RangeException {
        Address address;
        try {
            address = AddressParser.address(text);
        } catch (InvalidAddressException e) {
            throw new RangeException(field, "invalid " + what + " " + text + ": invalid IP " + text);
        }
        if (!subnet.contains(address)) {
            throw new RangeException(field, "invalid " + what + " " + text + ": IP " + address + " is out of subnet "
                    + subnet);
        }
        if (address.equals(subnet.network())) {
            throw new RangeException(field, "invalid " + what + " " + text + ": IP " + address + " is the network address");
        }
        if (address.equals(subnet.last())) {
            throw new RangeException(field, "invalid " + what + " " + text + ": IP " + address
                    + " is the broadcast address");
        }
        return address;
    }
}
