package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.InvalidAddressException;

/**
 * Go's {@code netip.ParseAddr} as vm-dhcp-controller calls it: whether it accepts a text, and its error in Go's words
 * ({@code ParseAddr("192.168.0.1000"): IPv4 field has value >255}), which the webhooks pass on verbatim.
 */
final class GoParseAddr {
    private GoParseAddr() {
    }

    /** The address, or null where Go's parser refuses the text. */
    static Address parse(String text) {
        return error(text) == null ? parsed(text) : null;
    }

    /** Go's error for the text, or null when it parses. */
    static String error(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                return ipv4Error(text);
            }
            if (c == ':') {
                return parsed(text) == null ? quoted(text, "unable to parse IP", null) : null;
            }
            if (c == '%') {
                return quoted(text, "missing IPv6 address", null);
            }
        }
        return quoted(text, "unable to parse IP", null);
    }

    // net/netip/netip.go parseIPv4: the first fault met, left to right
    private static String ipv4Error(String s) {
        int value = 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return quoted(s, "IPv4 field has octet with leading zero", null);
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return quoted(s, "IPv4 field has value >255", null);
                }
            } else if (c == '.') {
                if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
                    return quoted(s, "IPv4 field must have at least one digit", s.substring(i));
                }
                if (dots == 3) {
                    return quoted(s, "IPv4 address too long", null);
                }
                dots++;
                value = 0;
                digits = 0;
            } else {
                return quoted(s, "unexpected character", s.substring(i));
            }
        }
        return dots < 3 ? quoted(s, "IPv4 address too short", null) : null;
    }

    private static Address parsed(String text) {
        try {
            return AddressParser.address(text);
        } catch (InvalidAddressException e) {
            return null;
        }
    }

    private static String quoted(String in, String message, String at) {
        return "ParseAddr(" + quote(in) + "): " + message + (at == null ? "" : " (at " + quote(at) + ")");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
