package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DHCP pool's addresses after the mutating webhook's defaults: start and end default to network+1 and
 * broadcast-1; the server address defaults to the first host after the network that is neither router nor excluded.
 * The usable set is start..end less the excluded, server and router addresses.
 */
public record DhcpLayout(DhcpPool pool, Cidr cidr, Address start, Address end, Address server, Address router,
                         List<Address> excludes) {

    /** Applies the mutator's defaults and checks every address field; the violations name the field. */
    public static DhcpLayout resolve(DhcpPool pool, List<Violation> violations) {
        Cidr cidr;
        try {
            cidr = AddressParser.cidr(pool.cidr());
        } catch (InvalidAddressException e) {
            violations.add(new Violation("spec.ipv4Config.cidr", pool.cidr().isEmpty() ? "cidr is required"
                    : "invalid CIDR " + pool.cidr()));
            return null;
        }
        if (cidr.family() != Family.IPV4) {
            violations.add(new Violation("spec.ipv4Config.cidr", "managed DHCP pools are IPv4 only: " + cidr));
            return null;
        }
        int before = violations.size();
        Address start = pool.start().isEmpty() ? cidr.network().next()
                : address(pool.start(), cidr, "spec.ipv4Config.pool.start", "start ip", violations);
        Address end = pool.end().isEmpty() ? cidr.last().previous()
                : address(pool.end(), cidr, "spec.ipv4Config.pool.end", "end ip", violations);
        Address router = pool.router().isEmpty() ? null
                : address(pool.router(), cidr, "spec.ipv4Config.router", "router ip", violations);
        List<Address> excludes = new ArrayList<>();
        for (int i = 0; i < pool.exclude().size(); i++) {
            try {
                excludes.add(AddressParser.address(pool.exclude().get(i).trim()));
            } catch (InvalidAddressException e) {
                violations.add(new Violation("spec.ipv4Config.pool.exclude[" + i + "]", e.getMessage()));
            }
        }
        if (violations.size() > before || start == null || end == null) {
            return null;
        }
        if (start.compareTo(end) > 0 || !cidr.contains(start) || !cidr.contains(end)) {
            violations.add(new Violation("spec.ipv4Config.pool", "invalid pool range " + start + "-" + end));
            return null;
        }
        Address server = pool.serverIP().isEmpty() ? defaultServer(cidr, router, excludes)
                : address(pool.serverIP(), cidr, "spec.ipv4Config.serverIP", "server ip", violations);
        if (server == null) {
            if (pool.serverIP().isEmpty()) {
                violations.add(new Violation("spec.ipv4Config.serverIP", "no address in " + cidr
                        + " is free for the DHCP server"));
            }
            return null;
        }
        if (server.equals(router)) {
            violations.add(new Violation("spec.ipv4Config.serverIP", "server ip " + server
                    + " cannot be the same as router ip"));
            return null;
        }
        return new DhcpLayout(pool, cidr, start, end, server, router, excludes);
    }

    private static Address defaultServer(Cidr cidr, Address router, List<Address> excludes) {
        for (Address a = cidr.network().next(); a != null && a.compareTo(cidr.last()) < 0; a = a.next()) {
            if (!a.equals(router) && !excludes.contains(a)) {
                return a;
            }
        }
        return null;
    }

    private static Address address(String text, Cidr cidr, String field, String what, List<Violation> violations) {
        try {
            Address address = AddressParser.address(text);
            if (!cidr.contains(address)) {
                violations.add(new Violation(field, what + " " + address + " is not within subnet " + cidr));
            } else if (address.equals(cidr.network())) {
                violations.add(new Violation(field, what + " " + address + " is the network address"));
            } else if (address.equals(cidr.last())) {
                violations.add(new Violation(field, what + " " + address + " is the broadcast address"));
            } else {
                return address;
            }
        } catch (InvalidAddressException e) {
            violations.add(new Violation(field, "invalid " + what + " " + text));
        }
        return null;
    }

    public Span range() {
        return new Span(start, end);
    }

    /** The server and router addresses that fall inside start..end, which the pool marks RESERVED. */
    public List<Address> reserved() {
        List<Address> out = new ArrayList<>();
        for (Address a : new Address[] {server, router}) {
            if (a != null && range().contains(a) && !excludes.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** What the pool can hand out to VMs. */
    public AddressSet usable() {
        List<Span> cut = new ArrayList<>();
        excludes.forEach(a -> cut.add(Span.single(a)));
        reserved().forEach(a -> cut.add(Span.single(a)));
        return AddressSet.of(List.of(range())).minus(AddressSet.of(cut));
    }

    /** The status entries the controller writes for excluded and reserved addresses (every exclude, even outside). */
    public Map<Address, String> markers() {
        Map<Address, String> out = new TreeMap<>();
        excludes.forEach(a -> out.put(a, HarvesterDhcp.EXCLUDED));
        reserved().forEach(a -> out.putIfAbsent(a, HarvesterDhcp.RESERVED));
        return new LinkedHashMap<>(out);
    }
}
