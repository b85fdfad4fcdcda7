package io.pooldesk.model.novaedge;

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
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A NovaEdge pool's addresses as its controller registers them: each CIDR expanded to at most 65,536 addresses (IPv4
 * then drops the first and last of that capped block; IPv6 keeps them), each {@code addresses} entry reduced to its
 * IP, all merged and sorted as text. This is the reference's own bounded expansion; its order exists only over a list.
 */
public record PoolExpansion(ProxyIpPool pool, List<Address> entries, List<String> truncations) {

    /** More entries than NovaEdge could hold in a status or a controller's memory: refused rather than expanded. */
    public static final int MAX_ENTRIES = 1_048_576;

    public static PoolExpansion of(ProxyIpPool pool) throws ManifestException {
        if ((long) pool.cidrs().size() * NovaEdge.EXPANSION_CAP + pool.addresses().size() > MAX_ENTRIES
                && pool.cidrs().size() > MAX_ENTRIES / NovaEdge.EXPANSION_CAP) {
            throw new ManifestException("spec.cidrs", pool.cidrs().size() + " CIDRs may expand to more than "
                    + MAX_ENTRIES + " addresses; split the pool");
        }
        Set<Address> merged = new LinkedHashSet<>();
        List<String> truncations = new ArrayList<>();
        for (int i = 0; i < pool.cidrs().size(); i++) {
            // net.ParseCIDR as written, spaces included (ipam/pool.go 56-60); the reference's words
            String text = pool.cidrs().get(i);
            Cidr cidr;
            try {
                cidr = AddressParser.cidr(text);
            } catch (InvalidAddressException e) {
                throw new ManifestException("spec.cidrs[" + i + "]", "failed to create pool " + pool.name()
                        + ": invalid CIDR " + text + ": invalid CIDR address: " + text);
            }
            expand(cidr, merged, truncations);
        }
        for (int i = 0; i < pool.addresses().size(); i++) {
            String text = pool.addresses().get(i);
            try {
                merged.add(AddressParser.looksLikeCidr(text) ? AddressParser.cidr(text).written()
                        : AddressParser.address(text));
            } catch (InvalidAddressException e) {
                // the CIDR parse's error, though the address parse is what failed (ipam/pool.go 69-79)
                throw new ManifestException("spec.addresses[" + i + "]", "failed to create pool " + pool.name()
                        + ": invalid address " + text + ": invalid CIDR address: " + text);
            }
        }
        List<Address> sorted = new ArrayList<>(merged);
        sorted.sort(Comparator.comparing(Address::toString));
        return new PoolExpansion(pool, List.copyOf(sorted), List.copyOf(truncations));
    }

    private static void expand(Cidr cidr, Set<Address> out, List<String> truncations) {
        Address network = cidr.network();
        if (cidr.hostBits() == 0) {
            out.add(network);
            return;
        }
        BigInteger size = cidr.size();
        long count = size.min(BigInteger.valueOf(NovaEdge.EXPANSION_CAP)).longValue();
        boolean ipv4 = cidr.family() == Family.IPV4;
        long from = ipv4 ? 1 : 0;
        long to = ipv4 ? count - 2 : count - 1;
        for (long offset = from; offset <= to; offset++) {
            out.add(network.plus(BigInteger.valueOf(offset)));
        }
        if (size.compareTo(BigInteger.valueOf(NovaEdge.EXPANSION_CAP)) > 0) {
            truncations.add(cidr + " holds " + size + " addresses but NovaEdge expands only the first "
                    + NovaEdge.EXPANSION_CAP + " (" + Math.max(0, to - from + 1) + " usable); the rest are never"
                    + " handed out");
        }
    }

    /** Every address the spec names: whole CIDRs (before the cap and edges) and the single addresses. */
    public AddressSet written() {
        List<Span> spans = new ArrayList<>();
        for (String text : pool.cidrs()) {
            try {
                spans.add(AddressParser.cidr(text).span());
            } catch (InvalidAddressException e) {
                // not expandable either: of() refused it already
            }
        }
        entries.forEach(a -> spans.add(Span.single(a)));
        return AddressSet.of(spans);
    }

    public AddressSet usable() {
        List<Span> spans = new ArrayList<>();
        entries.forEach(a -> spans.add(Span.single(a)));
        return AddressSet.of(spans);
    }
}
