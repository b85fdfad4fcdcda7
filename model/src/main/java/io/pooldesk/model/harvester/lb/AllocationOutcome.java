package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.system.PendingReason;

/** The result of asking a pool for an address: the address, or why not, with the reference's error in words. */
public record AllocationOutcome(Address address, PendingReason reason, String error) {

    public static AllocationOutcome served(Address address) {
        return new AllocationOutcome(address, null, null);
    }

    public static AllocationOutcome failed(PendingReason reason, String error) {
        return new AllocationOutcome(null, reason, error);
    }

    public boolean isServed() {
        return address != null;
    }

    /** The CNI allocator's keyword that makes the controller release the holder and try again. */
    public boolean isDuplicate() {
        return error != null && error.contains(PoolAllocator.DUPLICATE_KEYWORD);
    }
}
