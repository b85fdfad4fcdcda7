package io.pooldesk.model.metallb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * MetalLB's address family of a list of addresses (internal/ipfamily/ipfamily.go 31-57): one address gives its family,
 * an IPv4 and an IPv6 address give dual stack, anything else is an error in the reference's words.
 */
enum StackFamily {
    IPV4, IPV6, DUAL;

    static StackFamily of(Family family) {
        return family == Family.IPV4 ? IPV4 : IPV6;
    }

    /** @throws FamilyException with the reference's message */
    static StackFamily ofAddresses(List<String> texts) throws FamilyException {
        if (texts.size() == 1) {
            return of(parse(texts).get(0).family());
        }
        if (texts.size() == 2) {
            List<Address> addresses = parse(texts);
            if (addresses.get(0).family() == addresses.get(1).family()) {
                throw new FamilyException("IPFamilyForAddresses: same address family " + quoted(texts));
            }
            return DUAL;
        }
        throw new FamilyException("IPFamilyForAddresses: invalid ips length " + texts.size() + " " + quoted(texts));
    }

    private static List<Address> parse(List<String> texts) throws FamilyException {
        try {
            List<Address> out = new java.util.ArrayList<>();
            for (String text : texts) {
                out.add(Address.parse(text));
            }
            return out;
        } catch (InvalidAddressException e) {
            throw new FamilyException("IPFamilyForAddresses: Invalid address " + quoted(texts));
        }
    }

    /** Go's {@code %q} of a list of strings or IPs: {@code ["1.2.3.4" "1000::"]}. */
    static String quoted(List<?> items) {
        return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(" ", "[", "]"));
    }

    boolean has(Family family) {
        return this == DUAL || this == of(family);
    }

    static final class FamilyException extends Exception {
        FamilyException(String message) {
            super(message);
        }
    }
}
