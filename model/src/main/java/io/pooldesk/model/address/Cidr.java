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
        if (hostBits() == 0) {
            return written;
        }
        return Address.of(family(), written.value().shiftRight(hostBits()).shiftLeft(hostBits()));
    }

    /** The all-ones address of the block (the IPv4 broadcast address). */
    public Address last() {
        BigInteger hostMask = size().subtract(BigInteger.ONE);
        return Address.of(family(), written.value().or(hostMask));
    }

    public boolean hostBitsSet() {
        return !written.equals(network());
    }

    public boolean contains(Address address) {
        // inside the block exactly when the prefix bits agree
        return address.family() == family()
                && address.value().shiftRight(hostBits()).equals(written.value().shiftRight(hostBits()));
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
