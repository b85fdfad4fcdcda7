package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.system.PendingReason;

import io.pooldesk.model.address.Address;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Chooses an address inside one pool, as the reference's {@code Allocator.Get} over the CNI host-local allocator:
 * the holder's address from the history first (with no fallback if that fails), else a round-robin walk that starts
 * after {@code lastAllocated}, follows the ranges in spec order, wraps once, and skips each range's gateway.
 */
public final class PoolAllocator {
    static final String DUPLICATE_KEYWORD = "duplicate allocation is not allowed";

    private PoolAllocator() {
    }

    public static AllocationOutcome allocate(RangeSet ranges, PoolLedger ledger, String holder,
                                             Consumer<String> warnings) {
        Address requested = ledger.firstInHistory(holder);
        if (requested != null) {
            int remembered = ledger.historyCount(holder);
            if (remembered > 1) {
                warnings.accept(holder + " appears " + remembered + " times in the allocation history; the "
                        + "cluster picks one at random, Pooldesk took the lowest, " + requested);
            }
            return reserveRequested(ranges, ledger, holder, requested);
        }
        if (ledger.holdsWithin(holder, ranges)) {
            Address held = ledger.allocatedTo(holder).stream().filter(ranges::contains).findFirst().orElseThrow();
            return AllocationOutcome.failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, held + " has been allocated to " + holder + ", " + DUPLICATE_KEYWORD);
        }
        Address next = nextFree(ranges, ledger);
        if (next == null) {
            return AllocationOutcome.failed(PendingReason.POOL_EXHAUSTED, "no IP addresses available in range set: " + ranges);
        }
        ledger.reserve(next, holder);
        return AllocationOutcome.served(next);
    }

    private static AllocationOutcome reserveRequested(RangeSet ranges, PoolLedger ledger, String holder,
                                                      Address requested) {
        EffectiveRange range = ranges.rangeFor(requested);
        if (range == null) {
            return AllocationOutcome.failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, requested + " not in range set " + ranges);
        }
        if (range.isGateway(requested)) {
            return AllocationOutcome.failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "requested ip " + requested + " is subnet's gateway");
        }
        if (!ledger.reserve(requested, holder)) {
            return AllocationOutcome.failed(PendingReason.REQUESTED_ADDRESS_UNAVAILABLE, "requested IP address " + requested + " is not available in range set "
                    + ranges);
        }
        return AllocationOutcome.served(requested);
    }

    /** The address the round-robin walk would hand out next (to a holder with no history), or null when full. */
    public static Address nextFree(RangeSet ranges, PoolLedger ledger) {
        for (Segment segment : walkOrder(ranges, ledger.lastAllocated())) {
            Address free = firstFree(segment, ledger);
            if (free != null) {
                return free;
            }
        }
        return null;
    }

    private record Segment(EffectiveRange range, Address from, Address to) {
    }

    /**
     * The CNI {@code RangeIter} visits every address once: from the cursor's successor to the end of its range, the
     * following ranges (wrapping from the last to the first), and finally the start of the cursor's range up to the
     * cursor itself. A cursor outside every range starts the walk at the first range.
     */
    private static List<Segment> walkOrder(RangeSet set, Address cursor) {
        List<EffectiveRange> ranges = set.ranges();
        List<Segment> order = new ArrayList<>(ranges.size() + 1);
        int home = -1;
        if (cursor != null) {
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i).contains(cursor)) {
                    home = i;
                    break;
                }
            }
        }
        if (home < 0) {
            for (EffectiveRange range : ranges) {
                order.add(new Segment(range, range.start(), range.end()));
            }
            return order;
        }
        EffectiveRange homeRange = ranges.get(home);
        if (!cursor.equals(homeRange.end())) {
            order.add(new Segment(homeRange, cursor.next(), homeRange.end()));
        }
        for (int step = 1; step < ranges.size(); step++) {
            EffectiveRange range = ranges.get((home + step) % ranges.size());
            order.add(new Segment(range, range.start(), range.end()));
        }
        order.add(new Segment(homeRange, homeRange.start(), cursor));
        return order;
    }

    private static Address firstFree(Segment segment, PoolLedger ledger) {
        return ledger.firstFree(segment.from(), segment.to(), a -> !segment.range().isGateway(a));
    }
}
