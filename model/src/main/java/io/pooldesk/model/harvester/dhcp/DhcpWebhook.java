package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.system.Mutation;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the API server does with a managed-DHCP {@code IPPool}, in its order: the mutating webhook (create only), the
 * CRD's schema and CEL rules, then the validating webhook. Each step stops at its first refusal, whose words are the
 * reference's; the operator sees that one, as kubectl would. Sources (vm-dhcp-controller c3042d6):
 * {@code pkg/webhook/ippool/mutator.go} 33-187, {@code chart/crds/network.harvesterhci.io_ippools.yaml} 66-146,
 * {@code pkg/webhook/ippool/validator.go} 42-254, {@code pkg/util/network.go} 58-119.
 */
final class DhcpWebhook {
    /** The object the cluster would store, what the mutator changed in it, and the refusal (empty when admitted). */
    record Admission(DhcpPool stored, List<Mutation.Change> changes, List<Violation> refusal) {
        boolean admitted() {
            return refusal.isEmpty();
        }
    }

    private DhcpWebhook() {
    }

    static Admission create(DhcpPool written, String serviceCidr) {
        String wrap = "cannot create IPPool " + written.id() + " because ";
        List<Mutation.Change> changes = new ArrayList<>();
        DhcpPool pool;
        try {
            pool = mutate(written, changes);
        } catch (Refusal r) {
            return new Admission(written, List.of(), List.of(new Violation(r.field, wrap + r.getMessage())));
        }
        Violation schema = schema(pool);
        if (schema != null) {
            return new Admission(pool, changes, List.of(schema));
        }
        Violation refused = validate(pool, serviceCidr, Set.of(), wrap);
        return new Admission(pool, changes, refused == null ? List.of() : List.of(refused));
    }

    /**
     * An update: no mutator; the CRD's CEL rules compare old and new ({@code ... is immutable}); the validator then
     * checks the new object, the server address against the addresses its status holds for a MAC or EXCLUDED.
     */
    static Admission update(DhcpPool before, DhcpPool after, String serviceCidr, Map<String, String> allocated) {
        String wrap = "cannot update IPPool " + after.id() + " because ";
        Violation refused = immutable(before, after);
        if (refused == null) {
            refused = schema(after);
        }
        if (refused == null) {
            Set<Address> occupied = new java.util.HashSet<>();
            allocated.forEach((ip, holder) -> {
                Address address = GoParseAddr.parse(ip);
                // util.LoadAllocated: RESERVED (server and router) is not an occupant (harvester#5225)
                if (address != null && !HarvesterDhcp.RESERVED.equals(holder)) {
                    occupied.add(address);
                }
            });
            refused = validate(after, serviceCidr, occupied, wrap);
        }
        return new Admission(after, List.of(), refused == null ? List.of() : List.of(refused));
    }

    private static final class Refusal extends Exception {
        private final String field;

        Refusal(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** The CIDR as Go's {@code net.ParseCIDR} reads it (host bits allowed), or its error. */
    private static Cidr loadCidr(String text) throws Refusal {
        try {
            Cidr cidr = AddressParser.cidr(text);
            if (cidr.family() != Family.IPV4) {
                // the reference's As4() calls panic on an IPv6 subnet: the request fails without an answer
                throw new Refusal("spec.ipv4Config.cidr", "managed DHCP pools are IPv4 only: " + text);
            }
            return cidr;
        } catch (InvalidAddressException e) {
            throw new Refusal("spec.ipv4Config.cidr", "invalid CIDR address: " + text);
        }
    }

    // mutator.go: ensureServerIP, then ensurePoolRange; a text Go cannot parse counts as not written and is replaced
    private static DhcpPool mutate(DhcpPool pool, List<Mutation.Change> changes) throws Refusal {
        Cidr cidr = loadCidr(pool.cidr());
        Address network = cidr.network();
        Address broadcast = cidr.last();
        List<Address> masked = new ArrayList<>();
        Address router = GoParseAddr.parse(pool.router());
        if (router != null) {
            masked.add(router);
        }
        for (int i = 0; i < pool.exclude().size(); i++) {
            String exclude = pool.exclude().get(i);
            String error = GoParseAddr.error(exclude);
            if (error != null) {
                throw new Refusal("spec.ipv4Config.pool.exclude[" + i + "]", error);
            }
            masked.add(GoParseAddr.parse(exclude));
        }
        String server = pool.serverIP();
        if (GoParseAddr.parse(server) == null) {
            Address chosen = null;
            for (Address a = network.next(); a != null && cidr.contains(a); a = a.next()) {
                if (masked.contains(a)) {
                    continue;
                }
                if (a.equals(broadcast)) {
                    break;
                }
                chosen = a;
                break;
            }
            if (chosen == null) {
                throw new Refusal("spec.ipv4Config.serverIP", "fail to assign ip for dhcp server");
            }
            server = chosen.toString();
            changes.add(new Mutation.Change("spec.ipv4Config.serverIP", pool.serverIP(), server, "the DHCP webhook"
                    + " takes the first address after the network that is neither the router nor excluded"));
        }
        Address start = GoParseAddr.parse(pool.start());
        Address end = GoParseAddr.parse(pool.end());
        String startText = pool.start();
        String endText = pool.end();
        if (start == null) {
            start = network.next();
            startText = start.toString();
            changes.add(new Mutation.Change("spec.ipv4Config.pool.start", pool.start(), startText, "the DHCP webhook"
                    + " starts the range after the network address"));
        }
        if (end == null) {
            end = broadcast.previous();
            endText = end.toString();
            changes.add(new Mutation.Change("spec.ipv4Config.pool.end", pool.end(), endText, "the DHCP webhook"
                    + " ends the range before the broadcast address"));
        }
        // netip.Addr.Compare orders IPv4 before IPv6, then by value
        if (compare(start, end) > 0) {
            throw new Refusal("spec.ipv4Config.pool", "invalid pool range");
        }
        return new DhcpPool(pool.namespace(), pool.name(), pool.networkName(), pool.cidr(), server, startText,
                endText, pool.exclude(), pool.router(), pool.options(), pool.allocated(), pool.original());
    }

    private static int compare(Address a, Address b) {
        return a.family() != b.family() ? a.family().compareTo(b.family()) : a.compareTo(b);
    }

    /** The CRD's schema after mutation: required fields, and {@code format: ipv4} on the single addresses. */
    private static Violation schema(DhcpPool pool) {
        if (pool.networkName().isEmpty()) {
            return new Violation("spec.networkName", "spec.networkName: Required value");
        }
        if (pool.cidr().isEmpty()) {
            return new Violation("spec.ipv4Config.cidr", "spec.ipv4Config.cidr: Required value");
        }
        String[][] fields = {
                {"spec.ipv4Config.pool.start", pool.start()}, {"spec.ipv4Config.pool.end", pool.end()},
                {"spec.ipv4Config.serverIP", pool.serverIP()}, {"spec.ipv4Config.router", pool.router()}};
        for (String[] field : fields) {
            boolean required = !field[0].endsWith("router");
            if (field[1].isEmpty()) {
                if (required) {
                    return new Violation(field[0], field[0] + ": Required value");
                }
                continue;
            }
            if (!isIpv4Format(field[1])) {
                return new Violation(field[0], field[0] + ": Invalid value: \"" + field[1] + "\": " + field[0]
                        + " in body must be of type ipv4: \"" + field[1] + "\"");
            }
        }
        return null;
    }

    /** The API server's {@code ipv4} format: an IPv4 address in dotted form (Go's net.ParseIP, no leading zeros). */
    private static boolean isIpv4Format(String text) {
        Address address = GoParseAddr.parse(text);
        return address != null && address.family() == Family.IPV4;
    }

    /** The CRD's transition rules: set fields may not change, router and exclude may not be removed. */
    private static Violation immutable(DhcpPool before, DhcpPool after) {
        String[][] rules = {
                {"spec.ipv4Config.cidr", before.cidr(), after.cidr(), "CIDR is immutable"},
                {"spec.ipv4Config.pool.start", before.start(), after.start(), "Start is immutable"},
                {"spec.ipv4Config.pool.end", before.end(), after.end(), "End is immutable"},
                {"spec.ipv4Config.router", before.router(), after.router(), "Router is immutable"},
                {"spec.ipv4Config.serverIP", before.serverIP(), after.serverIP(), "ServerIP is immutable"},
                {"spec.networkName", before.networkName(), after.networkName(), "NetworkName is immutable"}};
        for (String[] rule : rules) {
            if (rule[1].isEmpty()) {
                continue;
            }
            if (rule[2].isEmpty()) {
                if (rule[0].endsWith("router")) {
                    return new Violation("spec.ipv4Config", "spec.ipv4Config: Invalid value: \"object\": Router is"
                            + " required once set");
                }
                continue;
            }
            if (!rule[1].equals(rule[2])) {
                return new Violation(rule[0], rule[0] + ": Invalid value: \"string\": " + rule[3]);
            }
        }
        if (!before.exclude().isEmpty() && !Objects.equals(before.exclude(), after.exclude())) {
            return after.exclude().isEmpty()
                    // (sic) the CRD's message for a removed exclude list names End
                    ? new Violation("spec.ipv4Config.pool", "spec.ipv4Config.pool: Invalid value: \"object\": End is"
                    + " required once set")
                    : new Violation("spec.ipv4Config.pool.exclude", "spec.ipv4Config.pool.exclude: Invalid value:"
                    + " \"array\": Exclude is immutable");
        }
        return null;
    }

    // validator.go Create/Update: LoadPool, checkNAD (no NetworkAttachmentDefinitions in Pooldesk's input), checkCIDR,
    // checkPoolRange, checkServerIP, checkRouter; the first error is the answer
    private static Violation validate(DhcpPool pool, String serviceCidr, Set<Address> occupied, String wrap) {
        Cidr cidr;
        try {
            cidr = loadCidr(pool.cidr());
        } catch (Refusal r) {
            return new Violation(r.field, wrap + r.getMessage());
        }
        String[][] parsed = {
                {"spec.ipv4Config.pool.start", pool.start()}, {"spec.ipv4Config.pool.end", pool.end()},
                {"spec.ipv4Config.serverIP", pool.serverIP()}, {"spec.ipv4Config.router", pool.router()}};
        for (String[] field : parsed) {
            String error = field[1].isEmpty() ? null : GoParseAddr.error(field[1]);
            if (error != null) {
                return new Violation(field[0], wrap + error);
            }
        }
        Cidr service;
        try {
            service = AddressParser.cidr(serviceCidr);
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException("service CIDR " + serviceCidr + " is not a CIDR", e);
        }
        // validator.go 157-173: either network address inside the other, which for CIDRs is overlapping
        if (service.span().overlaps(cidr.span())) {
            return new Violation("spec.ipv4Config.cidr", wrap + "cidr " + pool.cidr() + " overlaps cluster service cidr "
                    + service.network() + "/" + service.prefixLength());
        }
        Address start = GoParseAddr.parse(pool.start());
        Address end = GoParseAddr.parse(pool.end());
        Address server = GoParseAddr.parse(pool.serverIP());
        Address router = GoParseAddr.parse(pool.router());
        Violation v = placed("spec.ipv4Config.pool.start", "start ip", start, cidr, wrap);
        if (v == null) {
            v = placed("spec.ipv4Config.pool.end", "end ip", end, cidr, wrap);
        }
        if (v == null) {
            v = placed("spec.ipv4Config.serverIP", "server ip", server, cidr, wrap);
        }
        if (v == null && server != null && server.equals(router)) {
            v = new Violation("spec.ipv4Config.serverIP", wrap + "server ip " + server + " is the same as router ip");
        }
        if (v == null && server != null && occupied.contains(server)) {
            v = new Violation("spec.ipv4Config.serverIP", wrap + "server ip " + server + " is already occupied");
        }
        if (v == null) {
            v = placed("spec.ipv4Config.router", "router ip", router, cidr, wrap);
        }
        return v;
    }

    private static Violation placed(String field, String what, Address address, Cidr cidr, String wrap) {
        if (address == null) {
            return null;
        }
        if (!cidr.contains(address)) {
            return new Violation(field, wrap + what + " " + address + " is not within subnet");
        }
        if (address.equals(cidr.network())) {
            return new Violation(field, wrap + what + " " + address + " is the same as network ip");
        }
        if (address.equals(cidr.last())) {
            return new Violation(field, wrap + what + " " + address + " is the same as broadcast ip");
        }
        return null;
    }
}
