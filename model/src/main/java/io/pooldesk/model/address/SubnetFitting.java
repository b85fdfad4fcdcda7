package io.pooldesk.model.address;





/**
 * The smallest subnet around a span that leaves one spare address on a side: Harvester's forms need start and end
 * that are neither the network nor the broadcast address, and a gateway (or DHCP server) outside the span.
 */
public record SubnetFitting(Cidr subnet, Address spare) {

    /** Null when the span touches the very first or last address of its family. */
    public static SubnetFitting around(Span span) {
        Address below = span.first().previous();
        Address above = span.last().next();
        if (below == null || above == null) {
            return null;
        }
        int bits = span.family().bits();
        int prefix = bits - below.value().xor(above.value()).bitLength();
        Cidr subnet = new Cidr(below, prefix);
        if (subnet.network().equals(below) && subnet.last().equals(above)) {
            if (prefix == 0) {
                return null;
            }
            subnet = new Cidr(below, prefix - 1);
        }
        Address spare = subnet.network().equals(below) ? above : below;
        return new SubnetFitting(new Cidr(subnet.network(), subnet.prefixLength()), spare);
    }
}
