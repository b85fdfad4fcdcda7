package io.pooldesk.model.address;

import java.math.BigInteger;

/**
 * A prefix block such as {@code 192.168.100.0/24}. {@code written} keeps the address as the operator wrote it (host
 * bits included); {@code network} is that address with the host bits dropped, as every reference does.
 */
public record Cidr(Address written, int prefixLength) {

    public Family family() {
        return written.family();
    }

    public int hostBits() {
        return family().bits() - prefixLength;
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(hostBits());
    }

    public Address network() {
        BigInteger hostMask = size().subtract(BigInteger.ONE);
        return Address.of(family(), written.value().andNot(hostMask));
    }

    /** The all-ones address of the block (the IPv4 broadcast address). */
    public Address last() {
        return Address.of(family(), network().value().add(size().subtract(BigInteger.ONE)));
    }

    public boolean hostBitsSet() {
        return !written.equals(network());
    }

    public boolean contains(Address address) {
        return address.family() == family()
                && address.value().compareTo(network().value()) >= 0
                && address.value().compareTo(last().value()) <= 0;
    }

    public Span span() {
        return new Span(network(), last());
    }

    /** Normalised text, host bits dropped: {@code 192.168.100.0/24}. */
    @Override
    public String toString() {
        return network() + "/" + prefixLength;
    }
}
