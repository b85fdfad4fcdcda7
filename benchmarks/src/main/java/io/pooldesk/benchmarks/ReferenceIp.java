package io.pooldesk.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Go's {@code net.IP} as the baselines use it: 16 bytes (an IPv4 address in its IPv4-mapped form, as
 * {@code To16()} gives), {@code ip.NextIP}, {@code ip.String()} and {@code net.ParseIP}. Kept lean so that the
 * baselines are not slower than the Go they stand for.
 */
final class ReferenceIp {
    private static final byte[] V4_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private ReferenceIp() {
    }

    static byte[] v4(long value) {
        byte[] ip = Arrays.copyOf(V4_PREFIX, 16);
        ip[12] = (byte) (value >>> 24);
        ip[13] = (byte) (value >>> 16);
        ip[14] = (byte) (value >>> 8);
        ip[15] = (byte) value;
        return ip;
    }

    static byte[] v6(long hi, long lo) {
        byte[] ip = new byte[16];
        for (int i = 0; i < 8; i++) {
            ip[i] = (byte) (hi >>> (56 - 8 * i));
            ip[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return ip;
    }

    static boolean isV4(byte[] ip) {
        return Arrays.equals(ip, 0, 12, V4_PREFIX, 0, 12);
    }

    /** {@code ip.NextIP}: the address plus one, carrying through the bytes. */
    static byte[] next(byte[] ip) {
        byte[] next = ip.clone();
        for (int i = 15; i >= 0; i--) {
            if (++next[i] != 0) {
                break;
            }
        }
        return next;
    }

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** {@code ip.String()}: a dotted quad, or RFC 5952 text (the longest run of zero groups shortened to ::). */
    static String text(byte[] ip) {
        if (isV4(ip)) {
            return (ip[12] & 255) + "." + (ip[13] & 255) + "." + (ip[14] & 255) + "." + (ip[15] & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (ip[2 * i] & 255) << 8 | (ip[2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /**
     * IPv6 text of hex groups with at most one {@code ::} (no dotted tail), as Go's parser reads it in one pass; null
     * for anything else, which {@link #parse} leaves to the JDK's slower parser.
     */
    private static byte[] hexGroups(String text) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        }
        while (i < n) {
            int value = 0;
            int digits = 0;
            while (i < n && Character.digit(text.charAt(i), 16) >= 0 && digits < 4) {
                value = value << 4 | Character.digit(text.charAt(i), 16);
                i++;
                digits++;
            }
            if (digits == 0 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] ip = new byte[16];
        int shift = gap < 0 ? 0 : 8 - count;
        for (int g = 0; g < count; g++) {
            int at = g < (gap < 0 ? count : gap) ? g : g + shift;
            ip[2 * at] = (byte) (groups[g] >> 8);
            ip[2 * at + 1] = (byte) groups[g];
        }
        return ip;
    }

    /** {@code net.ParseIP} (the 16-byte form), or null. */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            String[] parts = text.split("\\.");
            if (parts.length != 4) {
                return null;
            }
            long value = 0;
            for (String part : parts) {
                value = value << 8 | Integer.parseInt(part);
            }
            return v4(value);
        }
        byte[] plain = hexGroups(text);
        if (plain != null) {
            return plain;
        }
        try {
            // a literal with a colon is never looked up in DNS
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
