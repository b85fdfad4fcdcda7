package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately literal port of the CNI host-local iterator and the Harvester store, stepping one address at a time
 * exactly as the Go code does. Slow and obviously faithful: the oracle the fast allocator is checked against.
 */
final class LiteralCniAllocator {
    private final List<EffectiveRange> ranges;
    private final Map<Address, String> allocated = new TreeMap<>();
    private final Map<Address, String> history = new TreeMap<>();
    private Address lastReserved;

    private int rangeIdx;
    private Address cur;
    private Address startIP;

    LiteralCniAllocator(RangeSet set) {
        this.ranges = set.ranges();
    }

    /** The controller's reconcile: Get, and on a duplicate error release and Get again. */
    Address reconcile(String id) {
        Address got = get(id);
        if (got == null && duplicate) {
            release(id);
            got = get(id);
        }
        return got;
    }

    private boolean duplicate;

    Address get(String id) {
        duplicate = false;
        for (Map.Entry<Address, String> e : history.entrySet()) {
            if (e.getValue().equals(id)) {
                Address requested = e.getKey();
                EffectiveRange r = rangeFor(requested);
                if (r == null || requested.equals(r.gateway())) {
                    return null;
                }
                return reserve(id, requested) ? requested : null;
            }
        }
        for (Map.Entry<Address, String> e : allocated.entrySet()) {
            if (e.getValue().equals(id) && rangeFor(e.getKey()) != null) {
                duplicate = true;
                return null;
            }
        }
        startIterator();
        while (true) {
            Address candidate = next();
            if (candidate == null) {
                return null;
            }
            if (reserve(id, candidate)) {
                return candidate;
            }
        }
    }

    void release(String id) {
        for (Map.Entry<Address, String> e : allocated.entrySet()) {
            if (e.getValue().equals(id)) {
                Address address = e.getKey();
                allocated.remove(address);
                history.put(address, id);
                return;
            }
        }
    }

    private boolean reserve(String id, Address ip) {
        String holder = allocated.get(ip);
        if (holder != null) {
            return holder.equals(id);
        }
        history.remove(ip);
        allocated.put(ip, id);
        lastReserved = ip;
        return true;
    }

    private EffectiveRange rangeFor(Address ip) {
        for (EffectiveRange r : ranges) {
            if (r.contains(ip)) {
                return r;
            }
        }
        return null;
    }

    private void startIterator() {
        cur = null;
        startIP = null;
        rangeIdx = 0;
        if (lastReserved != null && rangeFor(lastReserved) != null) {
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i).contains(lastReserved)) {
                    rangeIdx = i;
                    cur = lastReserved;
                    break;
                }
            }
        } else {
            startIP = ranges.get(0).start();
        }
    }

    private Address next() {
        EffectiveRange r = ranges.get(rangeIdx);
        if (cur == null) {
            cur = r.start();
            startIP = cur;
            if (cur.equals(r.gateway())) {
                return next();
            }
            return cur;
        }
        if (cur.equals(r.end())) {
            rangeIdx = (rangeIdx + 1) % ranges.size();
            r = ranges.get(rangeIdx);
            cur = r.start();
        } else {
            cur = cur.next();
        }
        if (startIP == null) {
            startIP = cur;
        } else if (cur.equals(startIP)) {
            return null;
        }
        if (cur.equals(r.gateway())) {
            return next();
        }
        return cur;
    }
}
