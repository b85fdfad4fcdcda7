package io.pooldesk.model.address;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an operator types into a search box to find addresses: one address ({@code 10.0.0.5}), a CIDR
 * ({@code 10.0.0.0/24}), a range ({@code 10.0.0.5-10.0.0.9}) or the first whole octets of IPv4 addresses
 * ({@code 10.99} or {@code 10.99.}, every address from {@code 10.99.0.0} to {@code 10.99.255.255}).
 *
 * @param span    every address the text names, as one span (never expanded)
 * @param address the one address typed, when it was exactly one; else null
 */
public record AddressQuery(Span span, Address address) {
    private static final Pattern OCTETS = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){0,2}\\.?");

    /** The addresses the text names, or empty when it names none (it is then a word to search as text). */
    public static Optional<AddressQuery> of(String text) {
        String query = text == null ? "" : text.trim();
        if (query.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (AddressParser.looksLikeCidr(query)) {
                return Optional.of(new AddressQuery(AddressParser.cidr(query).span(), null));
            }
            if (AddressParser.looksLikeRange(query)) {
                Address[] ends = AddressParser.rangeEnds(query);
                return ends[0].family() == ends[1].family() && ends[0].compareTo(ends[1]) <= 0
                        ? Optional.of(new AddressQuery(new Span(ends[0], ends[1]), null)) : Optional.empty();
            }
            if (query.indexOf(':') >= 0 || query.chars().filter(c -> c == '.').count() == 3) {
                Address one = AddressParser.address(query);
                return Optional.of(new AddressQuery(Span.single(one), one));
            }
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
        // a lone number ("10") is more likely part of a name than the first octet of every 10.x address
        if (!OCTETS.matcher(query).matches() || query.indexOf('.') < 0) {
            return Optional.empty();
        }
        String[] octets = query.split("\\.");
        long first = 0;
        for (String octet : octets) {
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return Optional.empty();
            }
            first = (first << 8) | value;
        }
        int hostBits = 8 * (4 - octets.length);
        first <<= hostBits;
        Address low = Address.of(Family.IPV4, BigInteger.valueOf(first));
        Address high = Address.of(Family.IPV4, BigInteger.valueOf(first | ((1L << hostBits) - 1)));
        return Optional.of(new AddressQuery(new Span(low, high), null));
    }

    /** Whether any address of the set is one the query names. */
    public boolean meets(AddressSet addresses) {
        return addresses.countWithin(span).signum() > 0;
    }
}
