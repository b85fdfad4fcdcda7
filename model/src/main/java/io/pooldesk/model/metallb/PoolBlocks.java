package io.pooldesk.model.metallb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.manifest.ManifestException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A MetalLB pool as MetalLB holds it: a flat list of aligned CIDR blocks in spec order. A CIDR entry drops its host
 * bits; a range is summarised into the fewest blocks.
 */
public record PoolBlocks(IpAddressPool pool, List<Cidr> blocks) {
    private static final BigInteger TWO_FIFTY_SIX = BigInteger.valueOf(256);

    public static PoolBlocks of(IpAddressPool pool) throws ManifestException {
        if (pool.addresses().isEmpty()) {
            throw new ManifestException("spec.addresses", "parsing address pool " + pool.name()
                    + ": pool has no prefixes defined");
        }
        List<Cidr> blocks = new ArrayList<>();
        for (int i = 0; i < pool.addresses().size(); i++) {
            // config.go trims the two ends of a range, but hands a CIDR to net.ParseCIDR as written (1080)
            String entry = pool.addresses().get(i);
            String field = "spec.addresses[" + i + "]";
            try {
                if (AddressParser.looksLikeRange(entry)) {
                    Address[] ends = rangeEnds(pool, entry, field);
                    if (ends[0].compareTo(ends[1]) > 0) {
                        throw new ManifestException(field, invalidEntry(pool, entry) + "invalid IP range \"" + entry
                                + "\": start IP \"" + ends[0] + "\" is after the end IP \"" + ends[1] + "\"");
                    }
                    blocks.addAll(new Span(ends[0], ends[1]).toCidrBlocks());
                } else {
                    Cidr cidr = AddressParser.cidr(entry);
                    blocks.add(new Cidr(cidr.network(), cidr.prefixLength()));
                }
            } catch (InvalidAddressException e) {
                throw new ManifestException(field, invalidEntry(pool, entry) + "invalid CIDR \"" + entry + "\""
                        + (AddressParser.looksLikeCidr(entry) ? "" : " (a single address is written " + entry + "/32)"));
            }
        }
        return new PoolBlocks(pool, blocks);
    }

    /** The reference's words for an entry it cannot read (internal/config/config.go 1078-1129). */
    private static String invalidEntry(IpAddressPool pool, String entry) {
        return "parsing address pool " + pool.name() + ": invalid CIDR \"" + entry + "\" in pool \"" + pool.name()
                + "\": ";
    }

    /** A range is split on its first '-' and each end trimmed (config.go 1095-1110). */
    private static Address[] rangeEnds(IpAddressPool pool, String entry, String field) throws ManifestException {
        int dash = entry.indexOf('-');
        String start = entry.substring(0, dash).strip();
        String end = entry.substring(dash + 1).strip();
        String range = invalidEntry(pool, entry) + "invalid IP range \"" + entry + "\": ";
        Address a;
        Address b;
        try {
            a = AddressParser.address(start);
        } catch (InvalidAddressException e) {
            throw new ManifestException(field, range + "invalid start IP \"" + start + "\"");
        }
        try {
            b = AddressParser.address(end);
        } catch (InvalidAddressException e) {
            throw new ManifestException(field, range + "invalid end IP \"" + end + "\"");
        }
        return new Address[] {a, b};
    }

    /** Whether {@code avoidBuggyIPs} keeps this address from ever being handed out (x.y.z.0 and x.y.z.255). */
    public boolean isBuggy(Address address) {
        if (!pool.avoidBuggyIPs() || address.family() != Family.IPV4) {
            return false;
        }
        int lastOctet = address.value().intValue() & 0xff;
        return lastOctet == 0 || lastOctet == 255;
    }

    /** MetalLB's "contains": inside a block, and not a buggy address of an avoidBuggyIPs pool. */
    public boolean contains(Address address) {
        return !isBuggy(address) && blocks.stream().anyMatch(b -> b.contains(address));
    }

    /** Exact number of addresses the pool can hand out, per family. */
    public BigInteger capacity(Family family) {
        BigInteger total = BigInteger.ZERO;
        for (Cidr block : blocks) {
            if (block.family() == family) {
                total = total.add(capacity(block));
            }
        }
        return total;
    }

    public BigInteger capacity() {
        return capacity(Family.IPV4).add(capacity(Family.IPV6));
    }

    private BigInteger capacity(Cidr block) {
        BigInteger size = block.size();
        if (!pool.avoidBuggyIPs() || block.family() != Family.IPV4) {
            return size;
        }
        if (block.prefixLength() <= 24) {
            return size.subtract(size.divide(TWO_FIFTY_SIX).multiply(BigInteger.TWO));
        }
        int lost = (isBuggy(block.network()) ? 1 : 0) + (isBuggy(block.last()) ? 1 : 0);
        return size.subtract(BigInteger.valueOf(lost));
    }

    /** MetalLB's own counter for a family: saturates at MaxInt64 once a block has 62 or more host bits. */
    public BigInteger referenceCapacity(Family family) {
        for (Cidr block : blocks) {
            if (block.family() == family && block.hostBits() >= 62) {
                return BigInteger.valueOf(Long.MAX_VALUE);
            }
        }
        return capacity(family);
    }

    /** Blocks up to this size have their x.y.z.0 and .255 addresses cut out one by one (8,192 cuts at most). */
    static final int MAX_BUGGY_PREFIX = 12;

    /** Whether {@link #usable()} is exact: avoidBuggyIPs on a block larger than a /12 is not cut address by address. */
    public boolean usableIsExact() {
        return !pool.avoidBuggyIPs() || blocks.stream()
                .noneMatch(b -> b.family() == Family.IPV4 && b.prefixLength() < MAX_BUGGY_PREFIX);
    }

    /** The set of addresses the pool can hand out; exact unless {@link #usableIsExact()} says otherwise. */
    public AddressSet usable() {
        List<Span> spans = new ArrayList<>();
        blocks.forEach(b -> spans.add(b.span()));
        AddressSet set = AddressSet.of(spans);
        if (!pool.avoidBuggyIPs()) {
            return set;
        }
        List<Span> buggy = new ArrayList<>();
        for (Cidr block : blocks) {
            if (block.family() != Family.IPV4 || block.prefixLength() < MAX_BUGGY_PREFIX) {
                continue;
            }
            BigInteger first = block.network().value().shiftRight(8).shiftLeft(8);
            for (BigInteger base = first; base.compareTo(block.last().value()) <= 0; base = base.add(TWO_FIFTY_SIX)) {
                for (BigInteger candidate : List.of(base, base.add(BigInteger.valueOf(255)))) {
                    Address address = Address.of(Family.IPV4, candidate);
                    if (block.contains(address)) {
                        buggy.add(Span.single(address));
                    }
                }
            }
        }
        return set.minus(AddressSet.of(buggy));
    }
}
