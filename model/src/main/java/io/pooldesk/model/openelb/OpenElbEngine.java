package io.pooldesk.model.openelb;

import io.pooldesk.model.system.PendingReason;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.ledger.AllocationLedger;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenELB's IPAM: Eip choice (named, by requested IP, namespace-bound, default) and the lowest-first scan from the
 * Eip's first address. Any explicit request for a used address shares it, with no port check.
 */
public final class OpenElbEngine {

    public static final class EipState {
        final Eip eip;
        final Span span;
        final AllocationLedger used = new AllocationLedger();

        EipState(Eip eip, Span span) {
            this.eip = eip;
            this.span = span;
        }

        public Eip eip() {
            return eip;
        }

        public Span span() {
            return span;
        }

        public int usage() {
            return used.count();
        }

        /** Address to holder, lowest address first, as the report carries it. */
        public java.util.NavigableMap<Address, String> holders() {
            return used.entries();
        }

        public boolean occupied() {
            return BigInteger.valueOf(used.count()).compareTo(span.size()) >= 0;
        }

        /** {@code status.used}: address to its services, {@code ns/a;ns/b} when shared, lowest address first. */
        public Map<String, String> usedMap() {
            return used.snapshot();
        }

        void hold(Address address, String service) {
            used.share(address, service);
        }
    }

    public record Outcome(String eip, Address address, PendingReason waitReason, String error) {
        public boolean isServed() {
            return error == null;
        }
    }

    private final TreeMap<String, EipState> eips = new TreeMap<>();
    private final Map<String, Outcome> byService = new HashMap<>();

    /** Adds an Eip with the addresses its status already records as used. */
    public void add(Eip eip, Span span, List<String> problems) {
        EipState state = new EipState(eip, span);
        for (Map.Entry<String, String> entry : new TreeMap<>(eip.used()).entrySet()) {
            try {
                Address address = AddressParser.address(entry.getKey());
                for (String holder : entry.getValue().split(";")) {
                    if (!holder.isBlank()) {
                        state.hold(address, holder.trim());
                        byService.putIfAbsent(holder.trim(), new Outcome(eip.name(), address, null, null));
                    }
                }
            } catch (InvalidAddressException e) {
                problems.add("status.used: \"" + entry.getKey() + "\" is not an IP address; entry ignored");
            }
        }
        eips.put(eip.name(), state);
    }

    public EipState eip(String name) {
        return eips.get(name);
    }

    public Iterable<EipState> eips() {
        return eips.values();
    }

    public List<Eip> definitions() {
        return eips.values().stream().map(s -> s.eip).toList();
    }

    public Outcome request(Service svc) {
        String requestedText = svc.annotation(OpenElb.REQUESTED_IP);
        if (requestedText.isEmpty()) {
            requestedText = svc.loadBalancerIP();
        }
        Address requested = null;
        if (!requestedText.isEmpty()) {
            try {
                requested = AddressParser.address(requestedText.trim());
            } catch (InvalidAddressException e) {
                return failed(PendingReason.INVALID_REQUEST, "invalid requested IP \"" + requestedText + "\"");
            }
        }
        Outcome current = byService.get(svc.id());
        if (current != null && current.isServed() && (requested == null || requested.equals(current.address()))) {
            return current;
        }
        EipState chosen;
        String named = svc.annotation(OpenElb.EIP_NAME);
        if (!named.isEmpty()) {
            chosen = eips.get(named);
            if (chosen == null) {
                return failed(PendingReason.NO_MATCHING_POOL, "eip " + named + " not found");
            }
            if (chosen.eip.disable()) {
                return failed(PendingReason.PAUSED, "eip " + named + " is disabled");
            }
            if (requested != null && !chosen.span.contains(requested)) {
                return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "ip " + requested + " is not in eip " + named);
            }
        } else if (requested != null) {
            Address wanted = requested;
            chosen = eips.values().stream().filter(s -> !s.eip.disable() && s.span.contains(wanted)).findFirst()
                    .orElse(null);
            if (chosen == null) {
                return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "no eip contains " + requested);
            }
        } else {
            chosen = namespaceBound(svc);
            if (chosen == null) {
                chosen = eips.values().stream().filter(s -> s.eip.isDefault() && !s.eip.disable()).findFirst()
                        .orElse(null);
            }
            if (chosen == null) {
                return failed(PendingReason.NO_MATCHING_POOL, "no available default eip found");
            }
        }
        if (!familyAllowed(chosen.span.family(), svc)) {
            return failed(PendingReason.NO_MATCHING_POOL, "eip " + chosen.eip.name() + " is " + chosen.span.family().label() + ", not a family of "
                    + svc.id());
        }
        Outcome outcome = assign(chosen, svc, requested);
        if (outcome.isServed()) {
            byService.put(svc.id(), outcome);
        }
        return outcome;
    }

    /** The Eip's family must be among the Service's ipFamilies (IPv4 when none are written). */
    private static boolean familyAllowed(Family family, Service svc) {
        if (svc.ipFamilies().isEmpty()) {
            return family == Family.IPV4;
        }
        return svc.ipFamilies().contains(family.label());
    }

    /** Namespace-bound Eips, not occupied first, then by priority (0 highest), then name; the first even if full. */
    private EipState namespaceBound(Service svc) {
        return eips.values().stream()
                .filter(s -> !s.eip.disable() && s.eip.namespaces().contains(svc.namespace()))
                .min(Comparator.comparing(EipState::occupied)
                        .thenComparingInt((EipState s) -> s.eip.priority())
                        .thenComparing(s -> s.eip.name()))
                .orElse(null);
    }

    private static Outcome assign(EipState state, Service svc, Address requested) {
        if (requested != null) {
            state.hold(requested, svc.id());
            return new Outcome(state.eip.name(), requested, null, null);
        }
        Address address = state.used.firstFree(state.span.first(), state.span.last());
        if (address == null) {
            return failed(state.eip.name(), "no available ip in eip " + state.eip.name() + " (occupied)");
        }
        state.hold(address, svc.id());
        return new Outcome(state.eip.name(), address, null, null);
    }

    public Outcome release(String serviceId) {
        Outcome outcome = byService.remove(serviceId);
        if (outcome == null) {
            return null;
        }
        EipState state = eips.get(outcome.eip());
        state.used.unshare(outcome.address(), serviceId);
        return outcome;
    }

    private static Outcome failed(PendingReason waitReason, String error) {
        return new Outcome(null, null, waitReason, error);
    }

    private static Outcome failed(String eip, String error) {
        return new Outcome(eip, null, PendingReason.POOL_EXHAUSTED, error);
    }
}
