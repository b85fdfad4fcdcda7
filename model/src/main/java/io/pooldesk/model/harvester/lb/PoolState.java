package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;

/** A pool as the engine holds it: its definition, its resolved ranges, and its allocation ledger. */
public final class PoolState {
    private final IpPool definition;
    private final RangeSet ranges;
    private final PoolLedger ledger;
    private final boolean ipv4Mapped;

    PoolState(IpPool definition, RangeSet ranges, PoolLedger ledger) {
        this.definition = definition;
        this.ranges = ranges;
        this.ledger = ledger;
        this.ipv4Mapped = IpV4Mapped.any(definition);
    }

    /** Whether a range's subnet is IPv4-mapped IPv6, which the engine does not model (see {@link IpV4Mapped}). */
    boolean ipv4Mapped() {
        return ipv4Mapped;
    }

    public String name() {
        return definition.name();
    }

    /** The pool as defined; its status is the one it was loaded with, not the current allocation state. */
    IpPool definition() {
        return definition;
    }

    /** The pool with its current allocation state as status. */
    public IpPool pool() {
        return definition.withStatus(ledger.toStatus());
    }

    public RangeSet ranges() {
        return ranges;
    }

    public PoolLedger ledger() {
        return ledger;
    }

    /** The address the controller would hand out next to a load balancer with no history here. */
    public Address nextAddress() {
        return PoolAllocator.nextFree(ranges, ledger);
    }
}
