package io.pooldesk.model.address;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

import java.util.regex.Pattern;

/**
 * Parses addresses, CIDRs and {@code a-b} ranges as strictly as Go's {@code net.ParseIP} and {@code net.ParseCIDR},
 * which every reference controller uses: dotted-quad IPv4 without leading zeros, IPv6 without zones, no inet_aton
 * shorthand, no wildcards. inet.ipaddr alone accepts far more (such as {@code 1.2.3}), which a cluster would refuse.
 */
public final class AddressParser {
    /** The dotted quads {@link #dottedQuad} reads, for its test. */
    static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final int MAX_TEXT = 100;

    private static final IPAddressStringParameters IPV6_ONLY = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowPrefix(false)
            .allowMask(false)
            .allowWildcardedSeparator(false)
            .allowIPv4(false)
            .setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
            .getIPv6AddressParametersBuilder().allowZone(false).allowBinary(false).getParentBuilder()
            .toParams();

    private AddressParser() {
    }

    /** One address, IPv4 or IPv6. */
    public static Address address(String text) throws InvalidAddressException {
        if (text == null || text.isBlank()) {
            throw new InvalidAddressException("an address is required");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidAddressException("invalid IP address: text of " + text.length() + " characters");
        }
        long ipv4 = dottedQuad(text);
        if (ipv4 >= 0) {
            return Address.of(Family.IPV4, java.math.BigInteger.valueOf(ipv4));
        }
        if (text.indexOf(':') >= 0) {
            try {
                IPAddress parsed = new IPAddressString(text, IPV6_ONLY).toAddress();
                return Address.of(parsed);
            } catch (AddressStringException | RuntimeException e) {
                throw new InvalidAddressException("invalid IP address: " + text);
            }
        }
        throw new InvalidAddressException("invalid IP address: " + text);
    }

    /**
     * The value of a dotted quad as Go's {@code net.ParseIP} takes it (four decimal octets up to 255, none with a
     * leading zero), or -1: the same texts as the pattern {@code IPV4}, read in one pass instead of a regular
     * expression and a split, which was most of the time of loading thousands of pools.
     */
    static long dottedQuad(String text) {
        int length = text.length();
        long value = 0;
        int i = 0;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i >= length || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
            int start = i;
            int number = 0;
            while (i < length && i - start < 3) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                number = number * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 1 && text.charAt(start) == '0' || number > 255) {
                return -1;
            }
            value = value << 8 | number;
        }
        return i == length ? value : -1;
    }

    /** A CIDR {@code address/length}; host bits are allowed and kept in {@link Cidr#written()}. */
    public static Cidr cidr(String text) throws InvalidAddressException {
        if (text == null || text.isBlank()) {
            throw new InvalidAddressException("a CIDR is required");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new InvalidAddressException("invalid CIDR address: " + text + " (no prefix length)");
        }
        String lengthText = text.substring(slash + 1);
        Address address;
        try {
            address = address(text.substring(0, slash));
        } catch (InvalidAddressException e) {
            throw new InvalidAddressException("invalid CIDR address: " + text);
        }
        if (!prefixLength(lengthText)) {
            throw new InvalidAddressException("invalid CIDR address: " + text);
        }
        int length = Integer.parseInt(lengthText);
        if (length > address.family().bits()) {
            throw new InvalidAddressException("invalid CIDR address: " + text + " (an " + address.family().label()
                    + " prefix is at most /" + address.family().bits() + ")");
        }
        return new Cidr(address, length);
    }

    /** One to three ASCII digits ({@code \d{1,3}}). */
    private static boolean prefixLength(String text) {
        if (text.isEmpty() || text.length() > 3) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Is this text shaped like a CIDR (has a slash)? */
    public static boolean looksLikeCidr(String text) {
        return text != null && text.indexOf('/') >= 0;
    }

    /** Is this text shaped like a range {@code a-b}? */
    public static boolean looksLikeRange(String text) {
        return text != null && text.indexOf('-') >= 0;
    }

    /**
     * A range {@code start-end}, whitespace around each side trimmed. The two ends are returned as written: whether a
     * reversed range is an error or is swapped depends on the pool kind.
     */
    public static Address[] rangeEnds(String text) throws InvalidAddressException {
        int dash = text.indexOf('-');
        if (dash < 0 || text.indexOf('-', dash + 1) >= 0) {
            throw new InvalidAddressException("invalid range " + text + ": expected start-end");
        }
        Address start = address(text.substring(0, dash).trim());
        Address end = address(text.substring(dash + 1).trim());
        if (start.family() != end.family()) {
            throw new InvalidAddressException("invalid range " + text + ": it mixes IPv4 and IPv6");
        }
        return new Address[] {start, end};
    }
}
