package io.pooldesk.model.address;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One IP address as a family and a number. Cheap to compare and to step; turned into text through inet.ipaddr so
 * that IPv6 is always printed in its canonical compressed lower-case form.
 */
public final class Address implements Comparable<Address> {
    private final Family family;
    private final BigInteger value;

    private Address(Family family, BigInteger value) {
        this.family = family;
        this.value = value;
    }

    public static Address of(Family family, BigInteger value) {
        Objects.requireNonNull(family, "family");
        if (value.signum() < 0 || value.compareTo(family.maxValue()) > 0) {
            throw new IllegalArgumentException(value + " is not an " + family.label() + " address value");
        }
        return new Address(family, value);
    }

    static Address of(IPAddress address) {
        return new Address(address.isIPv4() ? Family.IPV4 : Family.IPV6, address.getValue());
    }

    /** Parses one address strictly (see {@link AddressParser#address}). */
    public static Address parse(String text) throws InvalidAddressException {
        return AddressParser.address(text);
    }

    public Family family() {
        return family;
    }

    public BigInteger value() {
        return value;
    }

    public boolean isIPv4() {
        return family == Family.IPV4;
    }

    /** This address plus {@code delta}, or null when that leaves the family's space. */
    public Address plus(BigInteger delta) {
        BigInteger next = value.add(delta);
        if (next.signum() < 0 || next.compareTo(family.maxValue()) > 0) {
            return null;
        }
        return new Address(family, next);
    }

    public Address next() {
        return plus(BigInteger.ONE);
    }

    public Address previous() {
        return plus(BigInteger.ONE.negate());
    }

    public IPAddress toIPAddress() {
        if (family == Family.IPV4) {
            return new IPv4Address(value.intValue());
        }
        return new IPv6Address(value);
    }

    @Override
    public int compareTo(Address other) {
        int byFamily = family.compareTo(other.family);
        return byFamily != 0 ? byFamily : value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address other && family == other.family && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return family.hashCode() * 31 + value.hashCode();
    }

    /** Canonical text: dotted quad, or RFC 5952 compressed lower-case IPv6. */
    @Override
    public String toString() {
        if (family == Family.IPV4) {
            // the dotted quad inet.ipaddr's normalized string gives, without building its address object
            int v = value.intValue();
            return (v >>> 24) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
        }
        return toIPAddress().toCanonicalString();
    }
}
