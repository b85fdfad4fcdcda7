package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.system.PendingReason;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.ledger.AllocationLedger;
import io.pooldesk.model.system.Violation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The vm-dhcp-controller's IPAM: one pool per VM network, a MAC keeps its address, a designated address must be free
 * and inside the pool, and otherwise any free address (the reference iterates a Go map: effectively random; Pooldesk
 * takes the lowest and says so).
 */
public final class DhcpEngine {

    public static final class PoolState {
        final DhcpLayout layout;
        /** Address to MAC, with the pool's own EXCLUDED and RESERVED markers held as holders of their addresses. */
        final AllocationLedger held = new AllocationLedger();
        /** The reserved addresses (server, router), computed once: a release gives such an address its marker back. */
        private final List<Address> reserved;

        PoolState(DhcpLayout layout) {
            this.layout = layout;
            this.reserved = layout.reserved();
            layout.markers().forEach(held::hold);
        }

        public DhcpLayout layout() {
            return layout;
        }

        /** Addresses held by MACs (markers not counted). */
        /** Address to holder, lowest address first, as the report carries it. */
        public java.util.NavigableMap<Address, String> holders() {
            return held.entries();
        }

        public int used() {
            return held.count() - held.countOf(HarvesterDhcp.EXCLUDED) - held.countOf(HarvesterDhcp.RESERVED);
        }

        /** The status map: EXCLUDED and RESERVED markers and MAC allocations, lowest address first. */
        public Map<String, String> allocated() {
            return held.snapshot();
        }

        Address addressOf(String mac) {
            return held.firstOf(mac);
        }

        void hold(Address address, String mac) {
            held.hold(address, mac);
        }

        /** Frees a MAC's address; an excluded or reserved address gets its marker back. */
        void release(Address address) {
            held.free(address);
            if (layout.excludes().contains(address)) {
                held.hold(address, HarvesterDhcp.EXCLUDED);
            } else if (reserved.contains(address)) {
                held.hold(address, HarvesterDhcp.RESERVED);
            }
        }
    }

    /** An address for a NIC, or why not: typed, and in the reference's words. */
    public record Outcome(String pool, Address address, PendingReason waitReason, String error) {
        static Outcome served(String pool, Address address) {
            return new Outcome(pool, address, null, null);
        }

        static Outcome waits(String pool, PendingReason waitReason, String error) {
            return new Outcome(pool, null, waitReason, error);
        }

        public boolean isServed() {
            return error == null;
        }
    }

    private final TreeMap<String, PoolState> byNetwork = new TreeMap<>();
    private final Map<String, PoolState> byId = new TreeMap<>();
    private boolean randomOrderReported;

    public void add(DhcpLayout layout, List<String> problems) {
        PoolState state = new PoolState(layout);
        for (Map.Entry<String, String> entry : new TreeMap<>(layout.pool().allocated()).entrySet()) {
            String value = entry.getValue();
            if (HarvesterDhcp.isMarker(value)) {
                continue;
            }
            try {
                state.hold(AddressParser.address(entry.getKey()), value.toLowerCase());
            } catch (InvalidAddressException e) {
                problems.add("status.ipv4.allocated: \"" + entry.getKey() + "\" is not an IP address; entry ignored");
            }
        }
        PoolState previous = byId.put(layout.pool().id(), state);
        if (previous != null && layout.pool().allocated().isEmpty()) {
            // an update that carries no status (a Scenario update, a pause or resume) keeps what the pool holds:
            // the controller rebuilds its cache from the stored status (ippool/controller.go 355-412)
            previous.held.forEach((address, holder) -> {
                if (!HarvesterDhcp.isMarker(holder) && state.held.holderOf(address) == null) {
                    state.hold(address, holder);
                }
            });
        }
        if (previous != null) {
            byNetwork.values().remove(previous);
        }
        byNetwork.put(layout.pool().networkName(), state);
    }

    public PoolState pool(String id) {
        return byId.get(id);
    }

    public Iterable<PoolState> pools() {
        return byId.values();
    }

    public List<Violation> delete(String id, boolean inUse) {
        PoolState state = byId.get(id);
        if (state == null) {
            return List.of(new Violation("metadata.name", "IP pool " + id + " does not exist"));
        }
        if (inUse || state.used() > 0) {
            return List.of(new Violation("metadata.name", "IP pool " + id + " is still used by VM network configs"));
        }
        byId.remove(id);
        byNetwork.values().remove(state);
        return List.of();
    }

    /** The pool serving a VM network, or null. */
    public PoolState poolForNetwork(String networkName) {
        return byNetwork.get(networkName);
    }

    public Outcome allocate(NicRequest nic, Consumer<String> warnings) {
        PoolState state = byNetwork.get(nic.networkName());
        if (state == null) {
            return Outcome.waits(null, PendingReason.NO_MATCHING_POOL, "network " + nic.networkName()
                    + " does not exist (no IP pool serves it)");
        }
        String poolName = state.layout.pool().name();
        Address held = state.addressOf(nic.macAddress());
        if (held != null) {
            return Outcome.served(poolName, held);
        }
        DhcpLayout layout = state.layout;
        if (isPaused(layout.pool())) {
            // ippool/controller.go 164-177, 479-498: a paused pool's IPAM and MAC cache are wiped, so a new request
            // fails on the cache lookup (cache.go 73), not with a word about pausing
            return Outcome.waits(poolName, PendingReason.PAUSED, "network " + nic.networkName() + " does not exist"
                    + " (ippool " + layout.pool().id() + " was administratively disabled: spec.paused is true)");
        }
        if (!nic.ipAddress().isEmpty()) {
            Address wanted;
            try {
                wanted = AddressParser.address(nic.ipAddress());
            } catch (InvalidAddressException e) {
                return Outcome.waits(poolName, PendingReason.INVALID_REQUEST, "designated ip " + nic.ipAddress() + " is not an IPv4 address");
            }
            if (layout.cidr().contains(wanted) && wanted.equals(layout.cidr().last())) {
                // pkg/ipam/ipam.go AllocateIP, ipam_test TestAllocateIP case 5
                return Outcome.waits(poolName, PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "designated ip " + wanted
                        + " equals broadcast ip address " + wanted);
            }
            if (!layout.cidr().contains(wanted)) {
                return Outcome.waits(poolName, PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "designated ip " + wanted + " is not in subnet " + layout.cidr());
            }
            String holder = state.held.holderOf(wanted);
            if (holder != null && !HarvesterDhcp.isMarker(holder)) {
                return Outcome.waits(poolName, PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "designated ip " + wanted
                        + " is already allocated");
            }
            if (!layout.range().contains(wanted) || holder != null) {
                return Outcome.waits(poolName, PendingReason.REQUESTED_ADDRESS_UNAVAILABLE,
                        "no more ip addresses left in network " + nic.networkName()
                        + " (designated ip " + wanted + " is excluded, reserved or outside the pool range)");
            }
            state.hold(wanted, nic.macAddress());
            return Outcome.served(poolName, wanted);
        }
        Address address = state.held.firstFree(layout.start(), layout.end());
        if (address == null) {
            return Outcome.waits(poolName, PendingReason.POOL_EXHAUSTED, "no more ip addresses left in network "
                    + nic.networkName());
        }
        if (!randomOrderReported) {
            randomOrderReported = true;
            warnings.accept("managed DHCP hands out free addresses in Go map order, effectively at random;"
                    + " Pooldesk takes the lowest free address");
        }
        state.hold(address, nic.macAddress());
        return Outcome.served(poolName, address);
    }

    static boolean isPaused(DhcpPool pool) {
        return pool.original() != null && pool.original().path("spec").path("paused").asBoolean(false);
    }

    /** Releases a MAC's address on a network; returns it, or null. */
    public Outcome release(NicRequest nic) {
        PoolState state = byNetwork.get(nic.networkName());
        if (state == null) {
            return null;
        }
        Address address = state.addressOf(nic.macAddress());
        if (address == null) {
            return null;
        }
        state.release(address);
        return Outcome.served(state.layout.pool().name(), address);
    }
}
