package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.system.Violation;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.system.PendingReason;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole Harvester load-balancer IPAM of one cluster: its pools with their allocation state, and the load balancers
 * they serve. Selection ({@link PoolSelection}), address choice ({@link PoolAllocator}) and the record of the result
 * ({@link PoolLedger}) stay separate; this class only sequences them as the controller does.
 */
public final class HarvesterLbEngine {
    private final TreeMap<String, PoolState> pools = new TreeMap<>();

    /** Where each load balancer's address came from: applicant ID to pool name. */
    private final Map<String, String> holdings = new java.util.HashMap<>();

    /** The pools a request can match, indexed; rebuilt after any pool changes. */
    private SelectionIndex index;

    /** The load balancers seen so far, by applicant ID, for the webhook's update rules. */
    private final Map<String, LoadBalancer> loadBalancers = new java.util.HashMap<>();

    /**
     * Takes a pool as it stands in a cluster (status included), without admission checks.
     *
     * @param problems receives what was wrong with its status entries
     * @throws RangeException when a range is invalid, so no allocator could be built for it
     */
    public void load(IpPool pool, List<String> problems) throws RangeException {
        RangeSet ranges = resolve(pool);
        PoolLedger ledger = PoolLedger.fromStatus(pool.status(), problems);
        // controller/ippool/controller.go 67-75, 140-157: the first time the controller sees a pool it builds the
        // allocator and prunes the history to the ranges, not only when the ranges change
        Map<Address, String> history = ledger.historyEntries();
        ledger.retainHistory(ranges::contains);
        for (Map.Entry<Address, String> entry : history.entrySet()) {
            if (!ranges.contains(entry.getKey())) {
                problems.add("status.allocatedHistory: " + entry.getKey() + " (" + entry.getValue() + ") lies outside"
                        + " the ranges; the ippool controller prunes it the first time it sees the pool, so "
                        + entry.getValue() + " is served by the round-robin walk");
            }
        }
        pools.put(pool.name(), new PoolState(pool, ranges, ledger));
        index = null;
        for (Map.Entry<Address, String> entry : ledger.allocatedEntries().entrySet()) {
            holdings.putIfAbsent(entry.getValue(), pool.name());
        }
    }

    /**
     * Creates the pool, or updates the pool of that name, if the admission rules allow it. An update keeps the
     * current allocation state and prunes the history to the new ranges, as the controller does.
     *
     * @return the broken rules; empty when the change was made
     */
    public List<Violation> apply(IpPool pool) {
        PoolState current = pools.get(pool.name());
        List<IpPool> others = definitions();
        if (current == null) {
            List<Violation> violations = PoolAdmission.checkCreate(pool, others);
            if (violations.isEmpty()) {
                try {
                    load(pool.withStatus(IpPoolStatus.EMPTY), new ArrayList<>());
                } catch (RangeException e) {
                    return List.of(new Violation(e.field(), e.getMessage()));
                }
            }
            return violations;
        }
        IpPool updated = pool.withStatus(current.ledger().toStatus());
        List<Violation> violations = PoolAdmission.checkUpdate(updated, others);
        if (!violations.isEmpty()) {
            return violations;
        }
        try {
            RangeSet ranges = resolve(updated);
            PoolLedger ledger = current.ledger().copy();
            ledger.retainHistory(ranges::contains);
            pools.put(pool.name(), new PoolState(updated, ranges, ledger));
            index = null;
        } catch (RangeException e) {
            return List.of(new Violation(e.field(), e.getMessage()));
        }
        return List.of();
    }

    /** Deletes the pool if nothing is allocated from it; returns the broken rules, or one when there is no such pool. */
    public List<Violation> delete(String poolName) {
        PoolState state = pools.get(poolName);
        if (state == null) {
            return List.of(new Violation("metadata.name", "IP pool " + poolName + " does not exist"));
        }
        List<Violation> violations = PoolAdmission.checkDelete(state.pool());
        if (violations.isEmpty()) {
            pools.remove(poolName);
            index = null;
        }
        return violations;
    }

    /**
     * The controller's reconcile of one load balancer: keep the address it already holds, or select a pool and
     * allocate. A duplicate-allocation error is handled as the controller does (release, then try again).
     * A DHCP load balancer is not served by any pool and gives null.
     *
     * @throws AdmissionException when the load balancer replaces one of the same name in a way the webhook forbids
     */
    public RequestOutcome request(LoadBalancer lb) throws AdmissionException {
        String id = lb.applicantId();
        LoadBalancer previous = loadBalancers.get(id);
        if (previous != null) {
            List<Violation> violations = LoadBalancerAdmission.checkUpdate(previous, lb);
            if (!violations.isEmpty()) {
                throw new AdmissionException(violations);
            }
        }
        loadBalancers.put(id, lb);
        if (lb.usesDhcp()) {
            return null;
        }
        RequestOutcome kept = alreadyHeld(lb);
        if (kept != null) {
            return kept;
        }
        PoolSelection.Choice choice = PoolSelection.select(index().candidates(lb), lb);
        List<String> warnings = new ArrayList<>(choice.warnings());
        if (choice.pool() == null) {
            return new RequestOutcome(null, null, PendingReason.NO_MATCHING_POOL, choice.error(), null, warnings);
        }
        PoolState state = pools.get(choice.pool().name());
        if (state.ipv4Mapped()) {
            // pkg/ipam MakeRange on ::ffff:a.b.c.d/n: the subnet becomes IPv4 while the range end stays IPv6, and the
            // CNI iterator walks past the subnet without end; controllers.md §4 says not to model that walk
            return new RequestOutcome(state.name(), null, PendingReason.NOT_MODELLED, IpV4Mapped.explanation(
                    state.name()), choice.reason(), warnings);
        }
        AllocationOutcome outcome = PoolAllocator.allocate(state.ranges(), state.ledger(), id, warnings::add);
        if (outcome.isDuplicate()) {
            state.ledger().releaseByHolder(id);
            outcome = PoolAllocator.allocate(state.ranges(), state.ledger(), id, warnings::add);
        }
        if (!outcome.isServed()) {
            String error = "fail to get ip from pool " + state.name() + ", error: " + outcome.error();
            if (outcome.reason() == PendingReason.POOL_EXHAUSTED) {
                error += " (pool " + state.name() + " is exhausted)";
            }
            return new RequestOutcome(state.name(), null, outcome.reason(), error, choice.reason(), warnings);
        }
        holdings.put(id, state.name());
        return new RequestOutcome(state.name(), outcome.address(), null, null, choice.reason(), warnings);
    }

    private RequestOutcome alreadyHeld(LoadBalancer lb) {
        if (lb.allocatedPool().isEmpty() || lb.allocatedIp().isEmpty()) {
            return null;
        }
        PoolState state = pools.get(lb.allocatedPool());
        if (state == null) {
            return null;
        }
        for (Address held : state.ledger().allocatedTo(lb.applicantId())) {
            if (held.toString().equals(canonical(lb.allocatedIp()))) {
                holdings.put(lb.applicantId(), state.name());
                return new RequestOutcome(state.name(), held, null, null, "already allocated (status.allocatedAddress)",
                        List.of());
            }
        }
        return null;
    }

    private static String canonical(String ip) {
        try {
            return AddressParser.address(ip).toString();
        } catch (InvalidAddressException e) {
            return ip;
        }
    }

    /** The controller's release when a load balancer is deleted: its address moves into the pool's history. */
    public Release release(String applicantId) {
        loadBalancers.remove(applicantId);
        String poolName = holdings.remove(applicantId);
        PoolState state = poolName == null ? null : pools.get(poolName);
        if (state == null) {
            return null;
        }
        Address address = state.ledger().releaseByHolder(applicantId);
        return address == null ? null : new Release(state.name(), address);
    }

    /** An address moved back into a pool's history. */
    public record Release(String pool, Address address) {
    }

    public Collection<PoolState> pools() {
        return Collections.unmodifiableCollection(pools.values());
    }

    public PoolState pool(String name) {
        return pools.get(name);
    }

    private SelectionIndex index() {
        if (index == null) {
            index = new SelectionIndex(definitions());
        }
        return index;
    }

    /**
     * The pools a load balancer could match. A scope tuple matches only when its namespace is {@code *}, the
     * request's is {@code *}, or both are equal (strict and loose alike), and a non-global pool only on its own
     * network; so only those pools, and the global ones, are handed to {@link PoolSelection}, which decides.
     */
    private static final class SelectionIndex {
        private final List<IpPool> all;
        private final java.util.Map<String, List<IpPool>> byNetworkAndNamespace = new java.util.HashMap<>();
        private final java.util.Map<String, List<IpPool>> anyNamespaceByNetwork = new java.util.HashMap<>();
        private final List<IpPool> globals = new ArrayList<>();

        SelectionIndex(List<IpPool> pools) {
            this.all = pools;
            for (IpPool pool : pools) {
                if (pool.isGlobal()) {
                    globals.add(pool);
                    continue;
                }
                String network = pool.selector().network();
                java.util.Set<String> namespaces = new java.util.LinkedHashSet<>();
                for (ScopeTuple tuple : pool.selector().scope()) {
                    namespaces.add(tuple.namespace());
                }
                for (String namespace : namespaces) {
                    if (ScopeTuple.ALL.equals(namespace)) {
                        anyNamespaceByNetwork.computeIfAbsent(network, n -> new ArrayList<>()).add(pool);
                    } else {
                        byNetworkAndNamespace.computeIfAbsent(network + "\n" + namespace, k -> new ArrayList<>())
                                .add(pool);
                    }
                }
            }
        }

        List<IpPool> candidates(LoadBalancer lb) {
            Requirement r = lb.requirement();
            if (!lb.ipPool().isEmpty() || ScopeTuple.ALL.equals(r.namespace())) {
                return all;
            }
            // by identity: a pool's equals and hashCode walk its whole definition, status included
            List<IpPool> out = new ArrayList<>();
            java.util.Set<IpPool> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (List<IpPool> group : List.of(
                    byNetworkAndNamespace.getOrDefault(r.network() + "\n" + r.namespace(), List.of()),
                    anyNamespaceByNetwork.getOrDefault(r.network(), List.of()), globals)) {
                for (IpPool pool : group) {
                    if (seen.add(pool)) {
                        out.add(pool);
                    }
                }
            }
            return out;
        }
    }

    private List<IpPool> definitions() {
        List<IpPool> out = new ArrayList<>(pools.size());
        for (PoolState state : pools.values()) {
            out.add(state.definition());
        }
        return out;
    }

    private static RangeSet resolve(IpPool pool) throws RangeException {
        if (pool.ranges().isEmpty()) {
            throw new RangeException("spec.ranges", "range can't be empty");
        }
        List<EffectiveRange> resolved = new ArrayList<>();
        for (int i = 0; i < pool.ranges().size(); i++) {
            resolved.add(RangeResolver.resolve(pool.ranges().get(i), "spec.ranges[" + i + "]"));
        }
        return new RangeSet(resolved);
    }
}
