package io.pooldesk.model.metallb;

import io.pooldesk.model.system.PendingReason;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.ledger.AllocationLedger;

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

        PoolState(PoolBlocks blocks) {
            this(blocks, new AllocationLedger());
        }

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
    private final Map<String, Outcome> byService = new HashMap<>();
    /** Each holding service's sharing terms, by service id. */
    private final Map<String, SharedAddress.Terms> terms = new HashMap<>();

    public void add(PoolBlocks pool) {
        pools.put(pool.pool().name(), new PoolState(pool));
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
        for (Map.Entry<String, Outcome> entry : new TreeMap<>(byService).entrySet()) {
            Outcome held = entry.getValue();
            if (name.equals(held.pool()) && !held.addresses().stream().allMatch(blocks::contains)) {
                unassigned.put(entry.getKey(), release(entry.getKey()));
            }
        }
        pools.put(name, new PoolState(blocks, current.held));
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
        Outcome current = byService.get(svc.id());
        if (current != null && current.isServed()) {
            return current;
        }
        Outcome outcome = choose(svc, warnings);
        if (outcome.isServed()) {
            byService.put(svc.id(), outcome);
        }
        return outcome;
    }

    /** Releases the service's addresses; returns what it held, or null. */
    public Outcome release(String serviceId) {
        Outcome outcome = byService.remove(serviceId);
        if (outcome == null) {
            return null;
        }
        PoolState state = pools.get(outcome.pool());
        for (Address address : outcome.addresses()) {
            state.held.unshare(address, serviceId);
        }
        terms.remove(serviceId);
        return outcome;
    }

    private Outcome choose(Service svc, Consumer<String> warnings) {
        String ipsAnnotation = svc.annotation(MetalLb.annotation(MetalLb.LOAD_BALANCER_IPS));
        String poolAnnotation = svc.annotation(MetalLb.annotation(MetalLb.ADDRESS_POOL));
        if (!ipsAnnotation.isEmpty() && !svc.loadBalancerIP().isEmpty()) {
            return failed(PendingReason.INVALID_REQUEST, "service can not have both " + MetalLb.STABLE_PREFIX + MetalLb.LOAD_BALANCER_IPS
                    + " and spec.loadBalancerIP");
        }
        String requestedText = ipsAnnotation.isEmpty() ? svc.loadBalancerIP() : ipsAnnotation;
        if (!requestedText.isEmpty()) {
            return requested(svc, requestedText, poolAnnotation);
        }
        if (!poolAnnotation.isEmpty()) {
            PoolState state = pools.get(poolAnnotation);
            if (state == null) {
                return failed(PendingReason.NO_MATCHING_POOL, "pool " + poolAnnotation + " does not exist");
            }
            if (!allowed(state, svc)) {
                return failed(PendingReason.NO_MATCHING_POOL, "pool " + poolAnnotation + " not allowed for service " + svc.id());
            }
            return assignFrom(state, svc);
        }
        List<PoolState> pinned = new ArrayList<>();
        List<PoolState> fallback = new ArrayList<>();
        for (PoolState state : pools.values()) {
            if (!state.blocks.pool().autoAssign()) {
                continue;
            }
            if (state.blocks.pool().serviceAllocation() == null) {
                fallback.add(state);
            } else if (allowed(state, svc)) {
                pinned.add(state);
            }
        }
        // positive priorities ascending (1 is the highest), then 0 or unset; MetalLB's comparator leaves ties random
        pinned.sort(Comparator.comparingLong((PoolState p) -> {
            int priority = p.blocks.pool().serviceAllocation().priority();
            return priority > 0 ? priority : Long.MAX_VALUE;
        }).thenComparing(p -> p.blocks.pool().name()));
        warnTies(pinned, svc, warnings);
        if (fallback.size() > 1) {
            warnings.accept("Service " + svc.id() + ": MetalLB tries pools " + names(fallback) + " in random (Go map)"
                    + " order; Pooldesk tries them by name");
        }
        List<String> tried = new ArrayList<>();
        for (PoolState state : concat(pinned, fallback)) {
            Outcome outcome = assignFrom(state, svc);
            if (outcome.isServed()) {
                return outcome;
            }
            tried.add(state.blocks.pool().name());
        }
        if (tried.isEmpty()) {
            return failed(PendingReason.NO_MATCHING_POOL, "no available IPs: no MetalLB pool serves " + svc.id()
                    + (pools.isEmpty() ? " (no IPAddressPool in the input)" : ""));
        }
        return failed(PendingReason.POOL_EXHAUSTED, "no available IPs in pool" + (tried.size() > 1 ? "s " : " ") + String.join(", ", tried));
    }

    private Outcome requested(Service svc, String text, String poolAnnotation) {
        List<Address> wanted = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                wanted.add(AddressParser.address(part.trim()));
            } catch (InvalidAddressException e) {
                return failed(PendingReason.INVALID_REQUEST, "invalid requested IP \"" + part.trim() + "\"");
            }
        }
        PoolState pool = null;
        for (PoolState state : pools.values()) {
            if (wanted.stream().allMatch(state.blocks::contains)) {
                pool = state;
                break;
            }
        }
        if (pool == null) {
            return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "\"" + text + "\" is not allowed in config");
        }
        if (!poolAnnotation.isEmpty() && !poolAnnotation.equals(pool.blocks.pool().name())) {
            return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "requested IPs " + text + " are in pool " + pool.blocks.pool().name() + ", not in the"
                    + " annotated pool " + poolAnnotation);
        }
        if (!allowed(pool, svc)) {
            return failed(PendingReason.NO_MATCHING_POOL, "pool " + pool.blocks.pool().name() + " not allowed for service " + svc.id());
        }
        String key = svc.annotation(MetalLb.annotation(MetalLb.ALLOW_SHARED_IP));
        for (Address address : wanted) {
            String holders = pool.held.holderOf(address);
            if (holders != null && !SharedAddress.accepts(holders, terms, key, backendKey(svc), svc.ports())) {
                return failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "IP " + address + " is already in use by " + holders + " and cannot be shared");
            }
        }
        return hold(pool, svc, wanted);
    }

    private Outcome assignFrom(PoolState state, Service svc) {
        String policy = svc.ipFamilyPolicy();
        Family primary = svc.prefersIpv6() ? Family.IPV6 : Family.IPV4;
        Family secondary = primary == Family.IPV4 ? Family.IPV6 : Family.IPV4;
        Address first = candidate(state, svc, primary);
        List<Address> chosen = new ArrayList<>();
        if ("RequireDualStack".equals(policy) || "PreferDualStack".equals(policy)) {
            Address second = candidate(state, svc, secondary);
            if ("RequireDualStack".equals(policy) && (first == null || second == null)) {
                return failed(PendingReason.POOL_EXHAUSTED, "no available IPs in pool " + state.blocks.pool().name() + " for both families");
            }
            if (first != null) {
                chosen.add(first);
            }
            if (second != null) {
                chosen.add(second);
            }
        } else if (first != null) {
            chosen.add(first);
        }
        if (chosen.isEmpty()) {
            return failed(PendingReason.POOL_EXHAUSTED, "no available IPs in pool " + state.blocks.pool().name());
        }
        return hold(state, svc, chosen);
    }

    /** The first address of the first block (of the family) that is free, or shared compatibly. */
    private Address candidate(PoolState state, Service svc, Family family) {
        String key = svc.annotation(MetalLb.annotation(MetalLb.ALLOW_SHARED_IP));
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

    private Outcome hold(PoolState state, Service svc, List<Address> addresses) {
        String key = svc.annotation(MetalLb.annotation(MetalLb.ALLOW_SHARED_IP));
        for (Address address : addresses) {
            state.held.share(address, svc.id());
        }
        terms.put(svc.id(), new SharedAddress.Terms(key, backendKey(svc), List.copyOf(svc.ports())));
        return new Outcome(state.blocks.pool().name(), List.copyOf(addresses), null, null);
    }

    private static boolean allowed(PoolState state, Service svc) {
        ServiceAllocation sa = state.blocks.pool().serviceAllocation();
        if (sa == null) {
            return true;
        }
        boolean namespaceRule = !sa.namespaces().isEmpty() || !sa.namespaceSelectors().isEmpty();
        if (namespaceRule && !sa.namespaces().contains(svc.namespace())) {
            return false;
        }
        if (!sa.serviceSelectors().isEmpty()) {
            return sa.serviceSelectors().stream().anyMatch(s -> s.matches(svc.labels()));
        }
        return true;
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
