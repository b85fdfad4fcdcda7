package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;

import java.math.BigInteger;

/**
 * IPv4-mapped IPv6 subnets ({@code ::ffff:10.9.0.0/124}): the reference's webhook accepts them, but {@code MakeRange}
 * turns the subnet into IPv4 while the range end stays IPv6 ({@code 0:ff::ffff:a09:f}), so the allocator walks past the
 * subnet without end and {@code status.total} reads 281470681743375 (run against load-balancer-harvester e861dc94).
 * Pooldesk does not model that walk (controllers.md §4).
 */
final class IpV4Mapped {
    private static final BigInteger MAPPED_PREFIX = BigInteger.valueOf(0xffffL).shiftLeft(32);
    private static final BigInteger MASK_96 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE.shiftLeft(32));

    private IpV4Mapped() {
    }

    static boolean isMapped(String subnet) {
        try {
            Cidr cidr = AddressParser.cidr(subnet);
            return cidr.family() == Family.IPV6 && cidr.prefixLength() >= 96
                    && cidr.network().value().and(MASK_96).equals(MAPPED_PREFIX);
        } catch (InvalidAddressException e) {
            return false;
        }
    }

    static boolean any(IpPool pool) {
        return pool.ranges().stream().anyMatch(r -> isMapped(r.subnet()));
    }

    static String explanation(String pool) {
        return "pool " + pool + " has an IPv4-mapped IPv6 subnet: the cluster's allocator would walk past the subnet"
                + " without end and report a wrapped total; Pooldesk does not model that and leaves the load balancer"
                + " unserved";
    }

    static String warning(String subnet) {
        return subnet + " is an IPv4-mapped IPv6 subnet: the webhook accepts it, but the cluster would misbehave (its"
                + " allocator walks past the subnet without end and status.total wraps); Pooldesk does not model it,"
                + " and simulate leaves load balancers of this pool unserved";
    }
}
