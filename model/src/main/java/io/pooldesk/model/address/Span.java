package io.pooldesk.model.address;

import inet.ipaddr.IPAddress;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** An inclusive run of addresses of one family, {@code first..last}. Never expanded: its size is a number. */
public record Span(Address first, Address last) {

    public Span {
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("a span cannot mix IPv4 and IPv6: " + first + "-" + last);
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("span start " + first + " is after its end " + last);
        }
    }

    public static Span single(Address address) {
        return new Span(address, address);
    }

    public Family family() {
        return first.family();
    }

    public BigInteger size() {
        return last.value().subtract(first.value()).add(BigInteger.ONE);
    }

    public boolean contains(Address address) {
        return address.family() == family() && address.compareTo(first) >= 0 && address.compareTo(last) <= 0;
    }

    public boolean contains(Span other) {
        return contains(other.first) && contains(other.last);
    }

    public boolean overlaps(Span other) {
        return other.family() == family() && first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    /** The address at {@code offset} from the first one; {@code offset} must be inside the span. */
    public Address at(BigInteger offset) {
        return first.plus(offset);
    }

    public BigInteger offsetOf(Address address) {
        return address.value().subtract(first.value());
    }

    /** The minimal list of aligned prefix blocks covering exactly this span, lowest first. */
    public List<Cidr> toCidrBlocks() {
        IPAddress lo = first.toIPAddress();
        IPAddress hi = last.toIPAddress();
        List<Cidr> blocks = new ArrayList<>();
        for (IPAddress block : lo.spanWithPrefixBlocks(hi)) {
            blocks.add(new Cidr(Address.of(block.getLower()), block.getNetworkPrefixLength()));
        }
        return blocks;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
