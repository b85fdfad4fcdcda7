package io.pooldesk.model.metallb;

import io.pooldesk.model.system.PendingReason;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.ledger.AllocationLedger;
import io.pooldesk.model.system.ClusterContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * MetalLB's allocator: pool choice (requested IPs, the pool annotation, pinned pools by priority, then the fallback
 * pools), a lowest-first walk of each pool's blocks in spec order, {@code avoidBuggyIPs}, sharing keys, and families.
 */
public final class MetalLbEngine {

    /** A pool and who holds which of its addresses. */
    public static final class PoolState {
        final PoolBlocks blocks;
        final AllocationLedger held;

        PoolState(PoolBlocks blocks, AllocationLedger held) {
            this.blocks = blocks;
            this.held = held;
        }

        public PoolBlocks blocks() {
            return blocks;
        }

        /** Address to holder, lowest address first, as the report carries it. */
        public java.util.NavigableMap<Address, String> holders() {
            return held.entries();
        }

        public int usedCount() {
            return held.count();
        }

        /** Address to the services holding it, {@code ns/a;ns/b} when shared, lowest address first. */
        public Map<String, String> allocated() {
            return held.snapshot();
        }
    }

    /** What a service got: the pool and its addresses (in the service's family order), or why not. */
    public record Outcome(String pool, List<Address> addresses, PendingReason waitReason, String error) {
        public boolean isServed() {
            return error == null;
        }
    }

    private final TreeMap<String, PoolState> pools = new TreeMap<>();
    /**
     * Interns the holder names of every pool once and keeps, with each holding Service's name, its pool and its labels
     * (a pool change re-checks them against the pool's new selectors) as one int: a million held Services cost no
     * object each. The Outcome is rebuilt from the pool's ledger when asked for.
     */
    private final AllocationLedger names = new AllocationLedger();
    private final List<String> poolNames = new ArrayList<>();
    private final Map<String, Integer> poolIndex = new HashMap<>();
    private final LabelSets labelSets = new LabelSets();
    /**
     * The holding Services the int cannot describe, kept whole: one that shares an address, holds its addresses in
     * another order than lowest first, or whose pool or labels number is past the int's room.
     */
    private final Map<String, Held> unusual = new HashMap<>();
    /** Each holding service's sharing terms, by service id. */
    private final Map<String, SharedAddress.Terms> terms = new HashMap<>();
    private final java.util.Set<String> said = new java.util.HashSet<>();
    /** Why a Service's held addresses were cleared by {@link #reassert}, said at its next reconcile. */
    private final Map<String, String> cleared = new HashMap<>();
    private final ClusterContext context;

    public MetalLbEngine() {
        this(ClusterContext.defaults());
    }

    public MetalLbEngine(ClusterContext context) {
        this.context = context;
    }

    // both spellings of each annotation, made once: every request reads them several times
    private static final String[] SHARING_KEY = MetalLb.annotation(MetalLb.ALLOW_SHARED_IP);
    private static final String[] LOAD_BALANCER_IPS = MetalLb.annotation(MetalLb.LOAD_BALANCER_IPS);
    private static final String[] ADDRESS_POOL = MetalLb.annotation(MetalLb.ADDRESS_POOL);

    private static final int POOL_BITS = 12;
    private static final int POOL_MASK = (1 << POOL_BITS) - 1;
    private static final int MAX_LABELS = (1 << (31 - POOL_BITS)) - 1;

    /** Positive priorities ascending (1 is the highest), then 0 or unset; MetalLB's comparator leaves ties random. */
    private static final Comparator<PoolState> PINNED_ORDER = Comparator.comparingLong((PoolState p) -> {
        int priority = p.blocks.pool().serviceAllocation().priority();
        return priority > 0 ? priority : Long.MAX_VALUE;
    }).thenComparing(p -> p.blocks.pool().name());

    /** Whether the addresses of the last {@link #hold} were all free before it: the Service then holds them alone. */
    private boolean heldAlone;

    /** A holding Service as {@link #unusual} keeps it. */
    private record Held(Outcome outcome, Map<String, String> labels) {
    }

    public void add(PoolBlocks pool) {
        String name = pool.pool().name();
        PoolState replaced = pools.get(name);
        if (replaced != null) {
            // the Services keep what they were given, now recorded whole: the replaced pool's ledger is dropped
            for (String service : servicesOf(replaced)) {
                demote(service);
            }
            replaced.held.retain(a -> false);
        }
        pools.put(name, new PoolState(pool, names.companion()));
    }

    /** What the Service holds, or null. */
    private Outcome held(String serviceId) {
        Held rare = unusual.isEmpty() ? null : unusual.get(serviceId);
        if (rare != null) {
            return rare.outcome();
        }
        int tag = names.tag(serviceId);
        if (tag == 0) {
            return null;
        }
        String pool = poolNames.get((tag & POOL_MASK) - 1);
        return new Outcome(pool, List.copyOf(pools.get(pool).held.addressesOf(serviceId)), null, null);
    }

    private Map<String, String> labelsOf(String serviceId) {
        Held rare = unusual.get(serviceId);
        return rare != null ? rare.labels() : labelSets.get(names.tag(serviceId) >>> POOL_BITS);
    }

    /**
     * Records what the Service now holds, and its labels as it was served; {@code alone} when the caller knows the
     * Service took each address free.
     */
    private void remember(String id, Map<String, String> labels, Outcome outcome, boolean alone) {
        forget(id);
        PoolState state = pools.get(outcome.pool());
        int pool = poolIndex.computeIfAbsent(outcome.pool(), p -> {
            poolNames.add(p);
            return poolNames.size() - 1;
        }) + 1;
        List<Address> addresses = outcome.addresses();
        boolean plain = pool <= POOL_MASK && state.held.countOf(id) == addresses.size()
                && (addresses.size() < 2 || addresses.get(0).compareTo(addresses.get(1)) < 0);
        for (int i = 0; plain && !alone && i < addresses.size(); i++) {
            plain = state.held.isHeldBy(addresses.get(i), id);
        }
        if (plain) {
            int number = labelSets.retain(labels);
            if (number <= MAX_LABELS) {
                names.tag(id, number << POOL_BITS | pool);
                return;
            }
            labelSets.release(number);
        }
        unusual.put(id, new Held(outcome, Map.copyOf(labels)));
    }

    /** Drops the record of the Service (not what its pool's ledger holds). */
    private void forget(String serviceId) {
        if (unusual.remove(serviceId) != null) {
            return;
        }
        int tag = names.tag(serviceId);
        if (tag != 0) {
            labelSets.release(tag >>> POOL_BITS);
            names.tag(serviceId, 0);
        }
    }

    /** Moves a Service's record to {@link #unusual}, before its address is shared and its name's int goes with it. */
    private void demote(String serviceId) {
        if (unusual.containsKey(serviceId)) {
            return;
        }
        Outcome outcome = held(serviceId);
        if (outcome == null) {
            return;
        }
        Map<String, String> labels = labelsOf(serviceId);
        forget(serviceId);
        unusual.put(serviceId, new Held(outcome, labels));
    }

    /** Every Service holding an address of the pool, by id. */
    private static java.util.NavigableSet<String> servicesOf(PoolState state) {
        java.util.TreeSet<String> services = new java.util.TreeSet<>();
        state.held.forEach((address, holders) -> services.addAll(AllocationLedger.holders(holders)));
        return services;
    }

    /**
     * A pool changed: every assignment that still fits it stays, and the others are unassigned, as MetalLB's
     * allocator does when its pools are set again (internal/allocator/allocator.go 88-118, test TestConfigReload).
     *
     * @return the services unassigned, by id, with what they held
     */
    public Map<String, Outcome> update(PoolBlocks blocks) {
        String name = blocks.pool().name();
        PoolState current = pools.get(name);
        if (current == null) {
            add(blocks);
            return Map.of();
        }
        Map<String, Outcome> unassigned = new TreeMap<>();
        for (String service : servicesOf(current)) {
            Outcome held = held(service);
            if (held != null && name.equals(held.pool()) && !held.addresses().stream().allMatch(blocks::contains)) {
                unassigned.put(service, release(service));
            }
        }
        PoolState next = new PoolState(blocks, current.held);
        pools.put(name, next);
        // every Service is then reprocessed (controller/main.go 144-157), and Assign of what it holds checks the pool's
        // namespaces and selectors again (controller/service.go 127, allocator.go 180-182): one the pool no longer
        // admits is cleared and assigned again
        for (String service : servicesOf(next)) {
            Outcome held = held(service);
            if (held != null && name.equals(held.pool())
                    && !allowed(next, namespaceOf(service), labelsOf(service), msg -> { })) {
                cleared.put(service, "Service " + service + ": current IP for \"" + service + "\" not allowed by"
                        + " config, will attempt for new IP assignment: pool " + name + " not compatible for ip"
                        + " assignment");
                unassigned.put(service, release(service));
            }
        }
        return unassigned;
    }

    /**
     * A pool deleted: MetalLB's webhook admits every delete (ipaddresspool_webhook.go 135-137), and the allocator's
     * SetPools without the pool unassigns each Service it served, unless another pool holds all its addresses, where
     * the allocation moves (allocator.go 87-129). Every Service is then reprocessed (controller/main.go 144-157): a
     * cleared one is assigned again from the pools left, or waits.
     *
     * @return the services unassigned, by id, with what they held; null when there is no such pool
     */
    public Map<String, Outcome> remove(String name) {
        PoolState removed = pools.get(name);
        if (removed == null) {
            return null;
        }
        Map<String, Outcome> holding = new TreeMap<>();
        for (String id : servicesOf(removed)) {
            Outcome held = held(id);
            if (held != null && name.equals(held.pool())) {
                holding.put(id, held);
            }
        }
        pools.remove(name);
        Map<String, Outcome> unassigned = new TreeMap<>();
        for (Map.Entry<String, Outcome> entry : holding.entrySet()) {
            Outcome held = entry.getValue();
            String id = entry.getKey();
            Map<String, String> labels = labelsOf(id);
            forget(id);
            PoolState owner = pools.values().stream()
                    .filter(p -> held.addresses().stream().allMatch(p.blocks::contains)).findFirst().orElse(null);
            if (owner != null && allowed(owner, namespaceOf(id), labels, msg -> { })) {
                held.addresses().forEach(a -> join(owner, a, id));
                remember(id, labels, new Outcome(owner.blocks.pool().name(), held.addresses(), null, null), false);
                continue;
            }
            terms.remove(id);
            if (!pools.isEmpty()) {
                // with no pool left the controller clears the Service without an event (controller/service.go 62-67)
                cleared.put(id, "Service " + id + ": current IP for \"" + id + "\" not allowed by config, will attempt"
                        + " for new IP assignment: " + (owner == null ? StackFamily.quoted(held.addresses())
                        + " is not allowed in config" : "pool " + owner.blocks.pool().name()
                        + " not compatible for ip assignment"));
            }
            unassigned.put(id, held);
        }
        // the pool's ledger goes: its references to the interned names go with it
        removed.held.retain(a -> false);
        return unassigned;
    }

    public PoolState pool(String name) {
        return pools.get(name);
    }

    public List<PoolBlocks> definitions() {
        return pools.values().stream().map(p -> p.blocks).toList();
    }

    public Iterable<PoolState> pools() {
        return pools.values();
    }

    public Outcome request(Service svc, Consumer<String> warnings) {
        String id = svc.id();
        Outcome current = held(id);
        if (current != null && current.isServed()) {
            return current;
        }
        heldAlone = false;
        Consumer<String> said = once(warnings);
        String clearedWhy = cleared.isEmpty() ? null : cleared.remove(id);
        if (clearedWhy != null) {
            said.accept(clearedWhy);
        }
        Outcome outcome = choose(svc, said);
        if (outcome.isServed()) {
            remember(id, svc.labels(), outcome, heldAlone);
            preferDualStackFollowUp(svc, outcome, said);
        }
        return outcome;
    }

    /**
     * A PreferDualStack Service holding one address is given one of the other family from the same pool on its next
     * reconcile (controller/service.go 159-173); with a single cluster IP the added address then reads as a family
     * change, which clears it again: MetalLB's status flaps between one and two addresses and never settles (notes
     * M12, test case "request IPs from dualstack pool with PreferDualStack policy but single stack clusterip").
     */
    private void preferDualStackFollowUp(Service svc, Outcome outcome, Consumer<String> warnings) {
        if (!"PreferDualStack".equals(svc.ipFamilyPolicy()) || outcome.addresses().size() != 1) {
            return;
        }
        Family held = outcome.addresses().get(0).family();
        Family other = held == Family.IPV4 ? Family.IPV6 : Family.IPV4;
        PoolState state = pools.get(outcome.pool());
        Address extra = candidate(state, svc, other);
        if (extra == null) {
            warnings.accept("Service " + svc.id() + ": on every later reconcile MetalLB says \"cannot assign additional"
                    + " IP in PreferDualStack: " + StackFamily.quoted(java.util.Arrays.asList(outcome.addresses().get(0),
                    "<nil>")) + " is not allowed in config\" (pool " + outcome.pool() + " has no free " + other.label()
                    + " address)");
        } else if (svc.clusterIPs().size() == 1) {
            warnings.accept("Service " + svc.id() + " never settles in MetalLB: PreferDualStack adds " + extra
                    + " from pool " + outcome.pool() + " on the next reconcile, and with a single cluster IP the"
                    + " two addresses read as a family change that clears them again, so its status flaps between "
                    + StackFamily.quoted(outcome.addresses()) + " and " + StackFamily.quoted(List.of(
                    outcome.addresses().get(0), extra)) + " (controller/service.go 110-118, 159-173). Pooldesk shows"
                    + " the first assignment");
        }
    }

    /**
     * A Service that holds addresses changed without asking for other ones (its sharing key, backend, ports or labels):
     * MetalLB's controller assigns it its current addresses again with the new terms (controller/service.go 120-132,
     * Allocator.Assign): a sole holder may change its sharing key in place (allocator.go 728-742, TestAssignment "s4
     * changes its sharing key in place"), and the new ports and keys are what later sharers are checked against. When
     * that Assign fails (a key or backend no longer shared, a pool whose selectors no longer match), the Service is
     * cleared and assigned again, with the reference's ClearAssignment words said at that reconcile.
     *
     * @return whether the Service keeps what it holds; when not, the caller releases it
     */
    public boolean reassert(Service svc) {
        Outcome held = held(svc.id());
        if (held == null || !held.isServed()) {
            return true;
        }
        Outcome check = assign(svc, held.addresses(), msg -> { }, false);
        if (!check.isServed()) {
            // the caller releases it (Controller.releasesOnChange), so the release is reported and waiters retry
            cleared.put(svc.id(), "Service " + svc.id() + ": current IP for \"" + svc.id() + "\" not allowed by"
                    + " config, will attempt for new IP assignment: " + check.error());
            return false;
        }
        remember(svc.id(), svc.labels(), held, false);
        String key = svc.annotation(SHARING_KEY);
        if (key.isEmpty()) {
            terms.remove(svc.id());
        } else {
            terms.put(svc.id(), new SharedAddress.Terms(key, backendKey(svc), List.copyOf(svc.ports())));
        }
        return true;
    }

    /** Retries repeat a reconcile; each warning is said once. */
    private Consumer<String> once(Consumer<String> warnings) {
        return warning -> {
            if (said.add(warning)) {
                warnings.accept(warning);
            }
        };
    }

    /** Releases the service's addresses; returns what it held, or null. */
    public Outcome release(String serviceId) {
        Held rare = unusual.isEmpty() ? null : unusual.remove(serviceId);
        if (rare != null) {
            PoolState state = pools.get(rare.outcome().pool());
            for (Address address : rare.outcome().addresses()) {
                state.held.unshare(address, serviceId);
            }
            terms.remove(serviceId);
            return rare.outcome();
        }
        int tag = names.tag(serviceId);
        if (tag == 0) {
            return null;
        }
        labelSets.release(tag >>> POOL_BITS);
        String pool = poolNames.get((tag & POOL_MASK) - 1);
        // the Service is the sole holder of each address, lowest first (remember): freeing its name frees them all
        List<Address> freed = pools.get(pool).held.releaseAll(serviceId);
        if (!terms.isEmpty()) {
            terms.remove(serviceId);
        }
        return new Outcome(pool, freed, null, null);
    }

    /**
     * The Service's family as MetalLB takes it: from {@code spec.clusterIPs} (else {@code spec.clusterIP}), never
     * from {@code spec.ipFamilies} (controller/service.go 69-96, internal/ipfamily/ipfamily.go 80-87).
     */
    private Object family(Service svc, Consumer<String> warnings) {
        String policy = svc.ipFamilyPolicy();
        if (!svc.clusterIPs().isEmpty()) {
            if ("RequireDualStack".equals(policy) && svc.clusterIPs().size() < 2) {
                return failed(PendingReason.INVALID_REQUEST, "Service requires dual stack but not enough clusterips ["
                        + String.join(" ", svc.clusterIPs()) + "]");
            }
            try {
                return StackFamily.ofAddresses(svc.clusterIPs());
            } catch (StackFamily.FamilyException e) {
                return failed(PendingReason.INVALID_REQUEST, "Failed to retrieve ClusterIPs IPFamily for "
                        + StackFamily.quoted(svc.clusterIPs()) + ": " + e.getMessage());
            }
        }
        StackFamily assumed = svc.ipFamilies().size() >= 2 || "RequireDualStack".equals(policy)
                || "PreferDualStack".equals(policy) ? StackFamily.DUAL
                : svc.prefersIpv6() ? StackFamily.IPV6 : StackFamily.IPV4;
        warnings.accept("Service " + svc.id() + " has no spec.clusterIPs: MetalLB takes a Service's family from the"
                + " cluster IPs the API server assigns, and leaves a Service without them unserved (controller/service.go"
                + " 69-75); Pooldesk assumes " + (assumed == StackFamily.DUAL ? "dual stack" : assumed == StackFamily.IPV6
                ? "IPv6" : "IPv4") + " from spec.ipFamilies and spec.ipFamilyPolicy");
        return assumed;
    }

    private Outcome choose(Service svc, Consumer<String> warnings) {
        Object familyOrFailure = family(svc, warnings);
        if (familyOrFailure instanceof Outcome failure) {
            return failure;
        }
        StackFamily family = (StackFamily) familyOrFailure;
        String ipsAnnotation = svc.annotation(LOAD_BALANCER_IPS);
        String poolAnnotation = svc.annotation(ADDRESS_POOL);
        if (!ipsAnnotation.isEmpty() && !svc.loadBalancerIP().isEmpty()) {
            return failed(PendingReason.INVALID_REQUEST, "service can not have both " + MetalLb.STABLE_PREFIX
                    + MetalLb.LOAD_BALANCER_IPS + " and svc.Spec.LoadBalancerIP");
        }
        List<String> requestedTexts = new ArrayList<>();
        if (!ipsAnnotation.isEmpty()) {
            for (String part : ipsAnnotation.split(",", -1)) {
                requestedTexts.add(part.trim());
            }
        } else if (!svc.loadBalancerIP().isEmpty()) {
            requestedTexts.add(svc.loadBalancerIP());
        }
        Outcome adopted = adopt(svc, family, requestedTexts, poolAnnotation, warnings);
        if (adopted != null) {
            return adopted;
        }
        if (!requestedTexts.isEmpty()) {
            return requested(svc, family, ipsAnnotation, requestedTexts, poolAnnotation);
        }
        if (!poolAnnotation.isEmpty()) {
            PoolState state = pools.get(poolAnnotation);
            if (state == null) {
                return failed(PendingReason.NO_MATCHING_POOL, "unknown pool \"" + poolAnnotation + "\"");
            }
            if (!allowed(state, svc, warnings)) {
                return failed(PendingReason.NO_MATCHING_POOL, "pool " + poolAnnotation
                        + " not compatible for ip assignment");
            }
            return fromPool(state, svc, family);
        }
        List<PoolState> pinned = new ArrayList<>();
        List<PoolState> fallback = new ArrayList<>();
        for (PoolState state : pools.values()) {
            if (!state.blocks.pool().autoAssign()) {
                continue;
            }
            ServiceAllocation sa = state.blocks.pool().serviceAllocation();
            if (sa == null) {
                fallback.add(state);
            } else if ((namespacesOf(state, warnings).contains(svc.namespace()) || !sa.serviceSelectors().isEmpty()
                    || sa.namespaces().isEmpty() && sa.namespaceSelectors().isEmpty())
                    && allowed(state, svc, warnings)) {
                // pinned pools: those listing the Service's namespace, and those selecting Services by label, a
                // serviceAllocation without namespaces or selectors selecting every Service (config.go 580-583,
                // allocator.go 517-540); one whose namespace selectors matched nothing is never chosen here
                pinned.add(state);
            }
        }
        if (pinned.size() > 1) {
            pinned.sort(PINNED_ORDER);
        }
        warnTies(pinned, svc, warnings);
        if (fallback.size() > 1) {
            warnings.accept("Service " + svc.id() + ": MetalLB tries pools " + names(fallback) + " in random (Go map)"
                    + " order; Pooldesk tries them by name");
        }
        // the pinned pools are a candidate list of their own, tried before the fallback pools (allocator.go 376-398)
        Outcome outcome = bestPool(pinned, svc, family);
        if (outcome == null) {
            outcome = bestPool(fallback, svc, family);
        }
        if (outcome != null) {
            return outcome;
        }
        if (pinned.isEmpty() && fallback.isEmpty()) {
            return failed(PendingReason.NO_MATCHING_POOL, "no available IPs: no MetalLB pool serves " + svc.id()
                    + (pools.isEmpty() ? " (no IPAddressPool in the input)" : ""));
        }
        return failed(PendingReason.POOL_EXHAUSTED, "no available IPs");
    }

    /**
     * findBestPoolForService (internal/allocator/allocator.go 297-353): the first pool with a free address of the
     * Service's family (both families for dual stack) wins; for PreferDualStack with dual cluster IPs, when no pool has
     * both, the first pool with the primary family (IPv4 unless ipFamilies[0] is IPv6), else the other.
     */
    private Outcome bestPool(List<PoolState> candidates, Service svc, StackFamily family) {
        boolean prefer = "PreferDualStack".equals(svc.ipFamilyPolicy()) && family == StackFamily.DUAL;
        Family primary = svc.prefersIpv6() ? Family.IPV6 : Family.IPV4;
        Family secondary = primary == Family.IPV4 ? Family.IPV6 : Family.IPV4;
        PoolState primaryPool = null;
        PoolState secondaryPool = null;
        Map<Family, Address> primaryFree = null;
        Map<Family, Address> secondaryFree = null;
        for (PoolState state : candidates) {
            Map<Family, Address> free = freeOf(state, svc);
            if (free.isEmpty()) {
                continue;
            }
            if (family != StackFamily.DUAL) {
                Family wanted = family == StackFamily.IPV4 ? Family.IPV4 : Family.IPV6;
                if (free.containsKey(wanted)) {
                    return hold(state, svc, List.of(free.get(wanted)));
                }
                continue;
            }
            if (free.size() == 2) {
                return hold(state, svc, List.of(free.get(Family.IPV4), free.get(Family.IPV6)));
            }
            if (!prefer) {
                continue;
            }
            if (free.containsKey(primary) && primaryPool == null) {
                primaryPool = state;
                primaryFree = free;
            }
            if (free.containsKey(secondary) && secondaryPool == null) {
                secondaryPool = state;
                secondaryFree = free;
            }
        }
        if (primaryPool != null) {
            return hold(primaryPool, svc, List.of(primaryFree.get(primary)));
        }
        if (secondaryPool != null) {
            return hold(secondaryPool, svc, List.of(secondaryFree.get(secondary)));
        }
        return null;
    }

    /** The address of each family the pool would give (getFreeIPsFromPool); empty when it has none. */
    private Map<Family, Address> freeOf(PoolState state, Service svc) {
        Map<Family, Address> free = new java.util.EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            Address a = candidate(state, svc, f);
            if (a != null) {
                free.put(f, a);
            }
        }
        return free;
    }

    /** AllocateFromPool with selectIPsForFamilyAndPolicy (internal/allocator/allocation.go 52-89). */
    private Outcome fromPool(PoolState state, Service svc, StackFamily family) {
        String name = state.blocks.pool().name();
        Map<Family, Address> free = freeOf(state, svc);
        if (free.isEmpty()) {
            return failed(PendingReason.POOL_EXHAUSTED, "no available IPs in pool " + name);
        }
        if (family != StackFamily.DUAL) {
            Address address = free.get(family == StackFamily.IPV4 ? Family.IPV4 : Family.IPV6);
            if (address == null) {
                // the reference assigns a nil address, which no pool contains (allocation.go 62-67)
                return failed(PendingReason.POOL_EXHAUSTED, "[\"<nil>\"] is not allowed in config");
            }
            return hold(state, svc, List.of(address));
        }
        String policy = svc.ipFamilyPolicy();
        if (free.size() == 2 && ("RequireDualStack".equals(policy) || "PreferDualStack".equals(policy))) {
            return hold(state, svc, List.of(free.get(Family.IPV4), free.get(Family.IPV6)));
        }
        if ("PreferDualStack".equals(policy)) {
            return hold(state, svc, List.of(free.values().iterator().next()));
        }
        return failed(PendingReason.POOL_EXHAUSTED, "no available IPs in pool " + name + " for dual IPFamily");
    }

    /**
     * Re-adopts {@code status.loadBalancer.ingress} with MetalLB's checks (controller/service.go 77-156): a list that is
     * not one address or one of each family is dropped with a warning, an address of another family than the
     * Service's is dropped, and an address outside every pool, in a pool the Service may not use, or not shareable, is
     * released and the Service assigned again; a Service that now asks for other addresses or another pool is too.
     *
     * @return the adopted assignment, or null when there is none to keep
     */
    private Outcome adopt(Service svc, StackFamily family, List<String> requested, String poolAnnotation,
                          Consumer<String> warnings) {
        List<String> ingress = svc.ingressIPs();
        if (ingress.isEmpty()) {
            return null;
        }
        String prefix = "Service " + svc.id() + ": status.loadBalancer.ingress " + StackFamily.quoted(ingress) + " ";
        StackFamily held;
        try {
            held = StackFamily.ofAddresses(ingress);
        } catch (StackFamily.FamilyException e) {
            warnings.accept(prefix + "is not kept: Failed to retrieve LBIPs IPFamily for " + StackFamily.quoted(ingress)
                    + ": " + e.getMessage());
            return null;
        }
        if (held != family && !("PreferDualStack".equals(svc.ipFamilyPolicy()) && family == StackFamily.DUAL)) {
            warnings.accept(prefix + "is not kept: its family is not the Service's (MetalLB clears it without an event,"
                    + " controller/service.go 110-118)");
            return null;
        }
        List<Address> addresses = new ArrayList<>();
        for (String text : ingress) {
            try {
                addresses.add(Address.parse(text));
            } catch (io.pooldesk.model.address.InvalidAddressException e) {
                return null;
            }
        }
        Outcome check = assign(svc, addresses, warnings, false);
        if (!check.isServed()) {
            warnings.accept(prefix + "is released: current IP for \"" + svc.id() + "\" not allowed by config, will"
                    + " attempt for new IP assignment: " + check.error());
            return null;
        }
        if (!poolAnnotation.isEmpty() && !poolAnnotation.equals(check.pool())) {
            warnings.accept(prefix + "is released: the Service asks for pool " + poolAnnotation);
            return null;
        }
        if (!requested.isEmpty() && !sorted(requested).equals(sorted(ingress))) {
            warnings.accept(prefix + "is released: the Service asks for " + StackFamily.quoted(requested));
            return null;
        }
        return assign(svc, addresses, warnings, true);
    }

    private static List<String> sorted(List<String> texts) {
        return texts.stream().sorted().toList();
    }

    private Outcome requested(Service svc, StackFamily family, String annotationText, List<String> texts,
                              String poolAnnotation) {
        List<Address> wanted = new ArrayList<>();
        for (String text : texts) {
            try {
                wanted.add(io.pooldesk.model.address.AddressParser.address(text));
            } catch (InvalidAddressException e) {
                return failed(PendingReason.INVALID_REQUEST, annotationText.isEmpty()
                        ? "invalid spec.loadBalancerIP \"" + svc.loadBalancerIP() + "\""
                        : "invalid " + MetalLb.STABLE_PREFIX + MetalLb.LOAD_BALANCER_IPS + ": \"" + annotationText + "\"");
            }
        }
        StackFamily asked;
        try {
            asked = StackFamily.ofAddresses(texts);
        } catch (StackFamily.FamilyException e) {
            return failed(PendingReason.INVALID_REQUEST, e.getMessage());
        }
        if (asked != family) {
            return failed(PendingReason.INVALID_REQUEST, "requested loadBalancer IP(s) " + StackFamily.quoted(wanted)
                    + " does not match the ipFamily of the service");
        }
        Outcome outcome = assign(svc, wanted, msg -> { }, false);
        if (!outcome.isServed()) {
            return outcome;
        }
        if (poolAnnotation.isEmpty() || poolAnnotation.equals(outcome.pool())) {
            return assign(svc, wanted, msg -> { }, true);
        }
        {
            return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "requested loadBalancer IP(s) "
                    + StackFamily.quoted(wanted) + " is not compatible with requested address pool " + poolAnnotation);
        }
    }

    /** The allocator's Assign (allocator.go 160-230): one pool holding every address, compatible, shareable. */
    private Outcome assign(Service svc, List<Address> wanted, Consumer<String> warnings, boolean take) {
        PoolState pool = null;
        for (PoolState state : pools.values()) {
            if (wanted.stream().allMatch(state.blocks::contains)) {
                pool = state;
                break;
            }
        }
        if (pool == null) {
            return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, StackFamily.quoted(wanted)
                    + " is not allowed in config");
        }
        if (!allowed(pool, svc, warnings)) {
            return failed(PendingReason.NO_MATCHING_POOL, "pool " + pool.blocks.pool().name()
                    + " not compatible for ip assignment");
        }
        String key = svc.annotation(SHARING_KEY);
        for (Address address : wanted) {
            String holders = pool.held.holderOf(address);
            if (holders == null || AllocationLedger.holders(holders).equals(List.of(svc.id()))) {
                continue;
            }
            List<String> others = new ArrayList<>(AllocationLedger.holders(holders));
            others.remove(svc.id());
            if (!SharedAddress.accepts(String.join(";", others), terms, key, backendKey(svc), svc.ports())) {
                String clash = SharedAddress.portClash(others, terms, key, backendKey(svc), svc.ports());
                return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, clash != null
                        ? "port " + clash + " is already in use on \"" + address + "\""
                        : "can't change sharing key for \"" + svc.id() + "\", address also in use by "
                        + String.join(",", others));
            }
        }
        return take ? hold(pool, svc, wanted) : new Outcome(pool.blocks.pool().name(), List.copyOf(wanted), null, null);
    }

    /** The first address of the first block (of the family) that is free, or shared compatibly. */
    private Address candidate(PoolState state, Service svc, Family family) {
        String key = svc.annotation(SHARING_KEY);
        String backend = backendKey(svc);
        for (Cidr block : state.blocks.blocks()) {
            if (block.family() != family) {
                continue;
            }
            Address free = state.held.firstFree(block.network(), block.last(), a -> !state.blocks.isBuggy(a));
            Address shareable = null;
            if (!key.isEmpty()) {
                // only a shareable address below the first free one can win
                shareable = state.held.firstHeld(block.network(), free == null ? block.last() : free,
                        (address, holders) -> SharedAddress.accepts(holders, terms, key, backend, svc.ports()));
            }
            Address best = free == null ? shareable
                    : shareable == null ? free : (free.compareTo(shareable) <= 0 ? free : shareable);
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    /**
     * Adds the Service to the address's holders; the others' records are made whole first (see {@link #demote}).
     * True when the address was free.
     */
    private boolean join(PoolState state, Address address, String id) {
        String current = state.held.holderOf(address);
        if (current == null) {
            state.held.hold(address, id);
            return true;
        }
        for (String other : AllocationLedger.holders(current)) {
            demote(other);
        }
        state.held.share(address, id);
        return false;
    }

    private Outcome hold(PoolState state, Service svc, List<Address> addresses) {
        String key = svc.annotation(SHARING_KEY);
        String id = svc.id();
        boolean alone = true;
        for (Address address : addresses) {
            alone &= join(state, address, id);
        }
        heldAlone = alone;
        if (!key.isEmpty()) {
            // without a sharing key no one can join the address, so there are no terms to check against
            terms.put(id, new SharedAddress.Terms(key, backendKey(svc), List.copyOf(svc.ports())));
        }
        return new Outcome(state.blocks.pool().name(), List.copyOf(addresses), null, null);
    }

    /**
     * The namespaces a pool serves: those it lists and those of the input's {@code Namespace} objects its selectors
     * match, resolved as MetalLB's config does (internal/config/config.go 568-613).
     */
    private java.util.Set<String> namespacesOf(PoolState state, Consumer<String> warnings) {
        ServiceAllocation sa = state.blocks.pool().serviceAllocation();
        java.util.Set<String> out = new java.util.TreeSet<>(sa.namespaces());
        if (sa.namespaceSelectors().isEmpty()) {
            return out;
        }
        if (!context.namespacesKnown()) {
            warnings.accept("IPAddressPool " + state.blocks.pool().name() + ": the input holds no Namespace objects, so"
                    + " its namespaceSelectors match no namespace here; add the cluster's Namespace objects (with their"
                    + " labels) to evaluate them");
        }
        context.namespaces().forEach((name, labels) -> {
            if (sa.namespaceSelectors().stream().anyMatch(s -> s.matches(labels))) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * Whether a pool may serve the Service (allocator.go 542-557): when the pool's namespace set is empty, even with
     * selectors that matched nothing, the namespace is not checked (an explicit request from anywhere is accepted).
     */
    private boolean allowed(PoolState state, Service svc, Consumer<String> warnings) {
        return allowed(state, svc.namespace(), svc.labels(), warnings);
    }

    private boolean allowed(PoolState state, String namespace, Map<String, String> labels,
                            Consumer<String> warnings) {
        ServiceAllocation sa = state.blocks.pool().serviceAllocation();
        if (sa == null) {
            return true;
        }
        java.util.Set<String> namespaces = namespacesOf(state, warnings);
        if (!namespaces.isEmpty() && !namespaces.contains(namespace)) {
            return false;
        }
        if (!sa.serviceSelectors().isEmpty()) {
            return sa.serviceSelectors().stream().anyMatch(s -> s.matches(labels));
        }
        return true;
    }

    /** A Service id is {@code namespace/name}, and a namespace holds no slash. */
    private static String namespaceOf(String serviceId) {
        return serviceId.substring(0, serviceId.indexOf('/'));
    }

    /** Services with externalTrafficPolicy Local may share only with the same pods. */
    private static String backendKey(Service svc) {
        return "Local".equals(svc.externalTrafficPolicy()) ? svc.selector().toString() : "";
    }

    private static void warnTies(List<PoolState> pinned, Service svc, Consumer<String> warnings) {
        for (int i = 1; i < pinned.size(); i++) {
            int a = pinned.get(i - 1).blocks.pool().serviceAllocation().priority();
            int b = pinned.get(i).blocks.pool().serviceAllocation().priority();
            if (a == b || (a <= 0 && b <= 0)) {
                warnings.accept("Service " + svc.id() + ": pools " + pinned.get(i - 1).blocks.pool().name() + " and "
                        + pinned.get(i).blocks.pool().name() + " have the same priority; MetalLB's order between them"
                        + " is random, Pooldesk tries them by name");
            }
        }
    }

    private static List<PoolState> concat(List<PoolState> a, List<PoolState> b) {
        List<PoolState> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String names(List<PoolState> states) {
        return String.join(", ", states.stream().map(s -> s.blocks.pool().name()).toList());
    }

    private static Outcome failed(PendingReason waitReason, String error) {
        return new Outcome(null, List.of(), waitReason, error);
    }
}
