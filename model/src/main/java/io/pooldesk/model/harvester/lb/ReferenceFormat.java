package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Family;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The reference's structs as its IPPool webhook prints them with Go's {@code %+v} (validator.go checkRange and
 * checkSelector), so that an operator meets the words the cluster answers with. {@code net.IP} prints as its text
 * ({@code <nil>} when absent), the subnet as {@code {IP:network Mask:hex}}.
 */
final class ReferenceFormat {
    private ReferenceFormat() {
    }

    /** A CNI {@code allocator.Range} after the reference's {@code MakeRange}. */
    static String range(EffectiveRange range) {
        return "{RangeStart:" + range.start() + " RangeEnd:" + range.end() + " Subnet:{IP:" + range.subnet().network()
                + " Mask:" + mask(range.subnet().family(), range.subnet().prefixLength()) + "} Gateway:"
                + (range.gateway() == null ? "<nil>" : range.gateway()) + "}";
    }

    /** A CNI {@code allocator.RangeSet}: its {@code String} method has a pointer receiver, so Go prints the slice. */
    static String rangeSet(List<EffectiveRange> ranges) {
        return ranges.stream().map(ReferenceFormat::range).collect(Collectors.joining(" ", "[", "]"));
    }

    /** An IPPool's {@code spec.selector}. */
    static String selector(PoolSelector selector) {
        return "{Priority:" + selector.priority() + " Network:" + selector.network() + " Scope:"
                + selector.scope().stream().map(ScopeTuple::toString).collect(Collectors.joining(" ", "[", "]")) + "}";
    }

    /** Go's {@code net.IPMask.String}: the mask's bytes in hex, 4 of them for IPv4 and 16 for IPv6. */
    private static String mask(Family family, int prefixLength) {
        int bits = family == Family.IPV4 ? 32 : 128;
        StringBuilder hex = new StringBuilder();
        for (int nibble = 0; nibble < bits / 4; nibble++) {
            int ones = Math.max(0, Math.min(4, prefixLength - nibble * 4));
            hex.append(Character.forDigit((0xF0 >> ones) & 0xF, 16));
        }
        return hex.toString();
    }
}
