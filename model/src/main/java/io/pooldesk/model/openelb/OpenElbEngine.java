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
        final AllocationLedger used;

        EipState(Eip eip, Span span, AllocationLedger used) {
            this.eip = eip;
            this.span = span;
            this.used = used;
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

    }

    public record Outcome(String eip, Address address, PendingReason waitReason, String error) {
        public boolean isServed() {
            return error == null;
        }
    }

    /** Not occupied first, then by priority (0 highest), then name. */
    private static final Comparator<EipState> RANKING = Comparator.comparing(EipState::occupied)
            .thenComparingInt((EipState s) -> s.eip.priority())
            .thenComparing(s -> s.eip.name());

    /** Whether the address of the last {@link #hold} was free before it: the Service then holds it alone. */
    private boolean heldAlone;

    /** AssignIP's wrapper of every refusal of the Eip itself (sic, ipam.go 443). */
    static final String NO_EIP = "no avliable eip, err:";

    private final TreeMap<String, EipState> eips = new TreeMap<>();
    private final io.pooldesk.model.system.ClusterContext context;

    public OpenElbEngine() {
        this(io.pooldesk.model.system.ClusterContext.defaults());
    }

    public OpenElbEngine(io.pooldesk.model.system.ClusterContext context) {
        this.context = context;
    }
    /**
     * Interns the holder names of every Eip once and keeps, with each Service that holds one address alone, the Eip it
     * holds in as an int: a million held Services cost no object each, and the Outcome is rebuilt from the Eip's
     * ledger when asked for.
     */
    private final AllocationLedger names = new AllocationLedger();
    private final List<String> eipNames = new java.util.ArrayList<>();
    private final Map<String, Integer> eipIndex = new HashMap<>();
    /** The Services the int cannot describe, kept whole: one that shares its address, or read from status.used. */
    private final Map<String, Outcome> unusual = new HashMap<>();
    /** Services whose address comes from an Eip's status.used, not yet reconciled. */
    private final java.util.Set<String> adopted = new java.util.HashSet<>();

    /** Adds an Eip with the addresses its status already records as used. */
    public void add(Eip eip, Span span, List<String> problems) {
        EipState replaced = eips.get(eip.name());
        if (replaced != null) {
            // its Services keep their records, now whole: the replaced Eip's ledger is dropped below
            for (String service : servicesOf(replaced)) {
                demote(service);
            }
        }
        EipState state = new EipState(eip, span, names.companion());
        for (Map.Entry<String, String> entry : new TreeMap<>(eip.used()).entrySet()) {
            try {
                Address address = AddressParser.address(entry.getKey());
                for (String holder : entry.getValue().split(";")) {
                    if (!holder.isBlank()) {
                        hold(state, address, holder.trim());
                        if (held(holder.trim()) == null) {
                            unusual.put(holder.trim(), new Outcome(eip.name(), address, null, null));
                        }
                        adopted.add(holder.trim());
                    }
                }
            } catch (InvalidAddressException e) {
                problems.add("status.used: \"" + entry.getKey() + "\" is not an IP address; entry ignored");
            }
        }
        eips.put(eip.name(), state);
        if (replaced != null) {
            replaced.used.retain(a -> false);
        }
    }

    /** What the Service holds, or null. */
    private Outcome held(String serviceId) {
        Outcome rare = unusual.isEmpty() ? null : unusual.get(serviceId);
        if (rare != null) {
            return rare;
        }
        int tag = names.tag(serviceId);
        if (tag == 0) {
            return null;
        }
        String eip = eipNames.get(tag - 1);
        Address address = eips.get(eip).used.firstOf(serviceId);
        return address == null ? null : new Outcome(eip, address, null, null);
    }

    /** Records what the Service now holds. */
    private void remember(String serviceId, Outcome outcome, boolean alone) {
        unusual.remove(serviceId);
        EipState state = eips.get(outcome.eip());
        int eip = eipIndex.computeIfAbsent(outcome.eip(), e -> {
            eipNames.add(e);
            return eipNames.size() - 1;
        }) + 1;
        if (state.used.countOf(serviceId) == 1 && (alone || state.used.isHeldBy(outcome.address(), serviceId))) {
            names.tag(serviceId, eip);
        } else {
            names.tag(serviceId, 0);
            unusual.put(serviceId, outcome);
        }
    }

    /** Moves a Service's record to {@link #unusual}, before its address is shared and its name's int goes with it. */
    private void demote(String serviceId) {
        if (unusual.containsKey(serviceId)) {
            return;
        }
        Outcome outcome = held(serviceId);
        names.tag(serviceId, 0);
        if (outcome != null) {
            unusual.put(serviceId, outcome);
        }
    }

    /** Adds the Service to the address's holders ({@code status.used} lists a shared address's Services). */
    private void hold(EipState state, Address address, String service) {
        String current = state.used.holderOf(address);
        heldAlone = current == null;
        if (current == null) {
            state.used.hold(address, service);
            return;
        }
        for (String other : AllocationLedger.holders(current)) {
            demote(other);
        }
        state.used.share(address, service);
    }

    /** Every Service holding an address of the Eip, by id. */
    private static java.util.NavigableSet<String> servicesOf(EipState state) {
        java.util.TreeSet<String> services = new java.util.TreeSet<>();
        state.used.forEach((address, holders) -> services.addAll(AllocationLedger.holders(holders)));
        return services;
    }

    /**
     * An Eip deleted: the Eip controller's finalizer takes the Eip label off its Services and lets the Eip go at once
     * (pkg/controllers/ipam/controller.go 79-86, 166-183); each Service then finds no record of its address and
     * releases what its status shows (ipam.go 395-419, lb/controller.go 195-210).
     *
     * @return the Services released, by id, with what they held; null when there is no such Eip
     */
    public Map<String, Outcome> remove(String name) {
        EipState removed = eips.get(name);
        if (removed == null) {
            return null;
        }
        Map<String, Outcome> released = new TreeMap<>();
        for (String service : servicesOf(removed)) {
            Outcome held = held(service);
            if (held != null && name.equals(held.eip())) {
                unusual.remove(service);
                names.tag(service, 0);
                adopted.remove(service);
                released.put(service, held);
            }
        }
        eips.remove(name);
        // the Eip's ledger goes: its references to the interned names go with it
        removed.used.retain(a -> false);
        return released;
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
        return request(svc, warning -> { });
    }

    public Outcome request(Service svc, java.util.function.Consumer<String> warnings) {
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
        Outcome current = held(svc.id());
        if (current != null && adopted.remove(svc.id())) {
            String why = redone(svc, current, requested);
            if (why != null) {
                warnings.accept("Service " + svc.id() + " holds " + current.address() + " of Eip " + current.eip()
                        + " in its status.used, but " + why + ": OpenELB releases it and assigns again"
                        + " (pkg/controllers/ipam/ipam.go 185-201)");
                release(svc.id());
                current = null;
            }
        }
        if (current != null && current.isServed() && (requested == null || requested.equals(current.address()))) {
            return current;
        }
        EipState chosen;
        String named = svc.annotation(OpenElb.EIP_NAME);
        if (!named.isEmpty()) {
            chosen = eips.get(named);
            if (chosen == null) {
                return failed(PendingReason.NO_MATCHING_POOL, "eips.network.kubesphere.io \"" + named + "\" not found");
            }
        } else if (requested != null) {
            // getEIPBasedOnIP (pkg/controllers/ipam/ipam.go 307-327): the first Eip holding the address, which must be
            // usable; the reference says these in a ConstructRequest event and does not retry
            Address wanted = requested;
            chosen = eips.values().stream().filter(s -> s.span.contains(wanted)).findFirst().orElse(null);
            if (chosen == null) {
                return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE,
                        "no available eip was found containing the ip:[" + requestedText + "]");
            }
            if (chosen.eip.deleting()) {
                return failed(PendingReason.PAUSED, "eip:" + chosen.eip.name() + " is deleting");
            }
            if (chosen.eip.disable()) {
                return failed(PendingReason.PAUSED, "eip:" + chosen.eip.name() + " is disabled");
            }
        } else {
            chosen = namespaceBound(svc);
            if (chosen == null) {
                chosen = eips.values().stream().filter(s -> s.eip.isDefault() && usable(s)).findFirst()
                        .orElse(null);
            }
            if (chosen == null) {
                return failed(PendingReason.NO_MATCHING_POOL, "no available default eip found");
            }
        }
        // AssignIP (ipam.go 421-446, assignIPFromEip 69-121): the family first, then the Eip's own refusals
        if (!familyAllowed(chosen.span.family(), svc)) {
            return failed(PendingReason.NO_MATCHING_POOL, "service can't use different family eip");
        }
        if (chosen.eip.deleting()) {
            return failed(PendingReason.PAUSED, NO_EIP + "eip:" + chosen.eip.name() + " is deleting");
        }
        if (chosen.eip.disable()) {
            return failed(PendingReason.PAUSED, NO_EIP + "eip:" + chosen.eip.name() + " is disabled");
        }
        if (requested != null && !chosen.span.contains(requested)) {
            return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, NO_EIP + "the specified ip:" + requestedText
                    + " is beyond the range of eip[" + chosen.eip.name() + ":" + chosen.eip.address() + "]");
        }
        heldAlone = false;
        Outcome outcome = assign(chosen, svc, requested);
        if (outcome.isServed()) {
            remember(svc.id(), outcome, heldAlone);
            EipState ranked = named.isEmpty() && requested == null ? namespaceBound(svc) : null;
            if (ranked != null && ranked != chosen) {
                // the Eip is chosen again on every reconcile, and this one just became occupied (rule O8, probe P1)
                warnings.accept("Service " + svc.id() + " never settles in OpenELB: serving it from Eip "
                        + chosen.eip.name() + " makes that Eip occupied, so the next reconcile ranks Eip "
                        + ranked.eip.name() + " first and moves it there, which frees " + chosen.eip.name()
                        + " again; it moves back and forth on every reconcile (pkg/controllers/ipam/ipam.go 185-201,"
                        + " 376-391). Pooldesk shows the first assignment");
            }
        }
        return outcome;
    }

    /**
     * OpenELB's needUpdate for a Service it already has a record of (pkg/controllers/ipam/ipam.go 185-201, 225-256):
     * the Eip it asks for (named, else the one holding its requested address, else the namespace-bound or default
     * Eip the ranking gives now) must be the record's, its requested address the record's with a status that is not
     * empty, or without a request its status must show the record's address; and it must carry the label the
     * controller writes (its presence is checked, not its value).
     *
     * @return why the record is redone, or null when it stands
     */
    private String redone(Service svc, Outcome record, Address requested) {
        if (!svc.labels().containsKey(OpenElb.EIP_NAME[0])) {
            return "it carries no label " + OpenElb.EIP_NAME[0] + ": " + record.eip();
        }
        String named = svc.annotation(OpenElb.EIP_NAME);
        EipState specified = !named.isEmpty() ? eips.get(named)
                : requested != null ? eips.values().stream().filter(e -> e.span.contains(requested)).findFirst()
                .orElse(null)
                : namespaceBound(svc) != null ? namespaceBound(svc)
                : eips.values().stream().filter(e -> e.eip.isDefault() && usable(e)).findFirst().orElse(null);
        if (specified == null || !specified.eip.name().equals(record.eip())) {
            return !named.isEmpty() ? "it names Eip " + named
                    : specified == null ? "OpenELB would choose no Eip for it now"
                    : "OpenELB now chooses Eip " + specified.eip.name() + " for it";
        }
        if (requested != null && !requested.equals(record.address())) {
            return "it asks for " + requested;
        }
        if (svc.ingressIPs().isEmpty()) {
            return "its status.loadBalancer.ingress is empty";
        }
        if (requested == null && !svc.ingressIPs().equals(List.of(record.address().toString()))) {
            return "its status.loadBalancer.ingress shows " + svc.ingressIPs();
        }
        return null;
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
                .filter(s -> usable(s) && (s.eip.namespaces().contains(svc.namespace()) || selects(s, svc)))
                .min(RANKING)
                .orElse(null);
    }

    /** getDefaultEIP skips an Eip that is disabled or being deleted (ipam.go 341-343). */
    private static boolean usable(EipState state) {
        return !state.eip.disable() && !state.eip.deleting();
    }

    /** spec.namespaceSelector against the labels of the Service's Namespace object (ipam.go 331-374). */
    private boolean selects(EipState state, Service svc) {
        Map<String, String> selector = state.eip.namespaceSelector();
        if (selector.isEmpty()) {
            return false;
        }
        Map<String, String> labels = context.labelsOf(svc.namespace()).orElse(Map.of());
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private Outcome assign(EipState state, Service svc, Address requested) {
        if (requested != null) {
            hold(state, requested, svc.id());
            return new Outcome(state.eip.name(), requested, null, null);
        }
        Address address = state.used.firstFree(state.span.first(), state.span.last());
        if (address == null) {
            return failed(state.eip.name(), NO_EIP + "no suitable ip to allocate");
        }
        hold(state, address, svc.id());
        return new Outcome(state.eip.name(), address, null, null);
    }

    public Outcome release(String serviceId) {
        Outcome rare = unusual.isEmpty() ? null : unusual.remove(serviceId);
        if (rare != null) {
            eips.get(rare.eip()).used.unshare(rare.address(), serviceId);
            return rare;
        }
        int tag = names.tag(serviceId);
        if (tag == 0) {
            return null;
        }
        String eip = eipNames.get(tag - 1);
        // the Service holds its one address alone (remember): freeing its name frees it
        List<Address> freed = eips.get(eip).used.releaseAll(serviceId);
        // it may still hold an address of another Eip that a later request did not give back
        names.tag(serviceId, 0);
        return freed.isEmpty() ? null : new Outcome(eip, freed.get(0), null, null);
    }

    private static Outcome failed(PendingReason waitReason, String error) {
        return new Outcome(null, null, waitReason, error);
    }

    private static Outcome failed(String eip, String error) {
        return new Outcome(eip, null, PendingReason.POOL_EXHAUSTED, error);
    }
}
