package io.pooldesk.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Harvester's load-balancer allocator as it runs, ported step for step to be measured against (never used by
 * Pooldesk):
 * <ul>
 * <li>harvester/load-balancer-harvester {@code pkg/ipam/allocator.go}, {@code Allocator.Get}: a range over
 * {@code status.allocatedHistory} for the holder, then the CNI allocator with that address or none;</li>
 * <li>containernetworking/plugins {@code plugins/ipam/host-local/backend/allocator/allocator.go},
 * {@code IPAllocator.Get} ({@code GetByID} duplicate guard, then {@code GetIter} from {@code LastReservedIP} and
 * {@code RangeIter.Next} with a {@code Reserve} per candidate) and {@code IPAllocator.Release}
 * ({@code ReleaseByID});</li>
 * <li>harvester/load-balancer-harvester {@code pkg/ipam/store/store.go}: {@code Reserve}, {@code LastReservedIP}
 * ({@code net.ParseIP} of {@code status.lastAllocated}), {@code GetByID} and {@code ReleaseByID} (ranges over
 * {@code status.allocated}), over {@code map[string]string} keyed by {@code ip.String()}.</li>
 * </ul>
 * Left out, so the baseline is faster than the reference as it runs: the store's {@code DeepCopy} of the whole pool
 * and the API update on every reserve and release, the informer cache reads and the lock.
 */
final class HarvesterBaseline {
    /** One CNI {@code Range}: start, end and gateway in the 16-byte form. */
    record Range(byte[] start, byte[] end, byte[] gateway) {
        boolean contains(byte[] ip) {
            return ReferenceIp.compare(ip, start) >= 0 && ReferenceIp.compare(ip, end) <= 0;
        }
    }

    private final List<Range> ranges;
    final Map<String, String> allocated = new HashMap<>();
    final Map<String, String> allocatedHistory = new HashMap<>();
    String lastAllocated = "";

    HarvesterBaseline(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** {@code Allocator.Get}: the history first, then the CNI allocator. Null when nothing is reserved. */
    String get(String id) {
        for (Map.Entry<String, String> entry : allocatedHistory.entrySet()) {
            if (id.equals(entry.getValue())) {
                return ipamGet(id, ReferenceIp.parse(entry.getKey()));
            }
        }
        return ipamGet(id, null);
    }

    private Range rangeFor(byte[] ip) {
        for (Range r : ranges) {
            if (r.contains(ip)) {
                return r;
            }
        }
        return null;
    }

    private String ipamGet(String id, byte[] requested) {
        if (requested != null) {
            Range r = rangeFor(requested);
            if (r == null || java.util.Arrays.equals(requested, r.gateway())) {
                return null;
            }
            return reserve(id, requested) ? ReferenceIp.text(requested) : null;
        }
        for (byte[] held : getById(id)) {
            if (rangeFor(held) != null) {
                return null; // "duplicate allocation is not allowed"
            }
        }
        Iter iter = new Iter();
        while (true) {
            byte[] candidate = iter.next();
            if (candidate == null) {
                return null;
            }
            if (reserve(id, candidate)) {
                return ReferenceIp.text(candidate);
            }
        }
    }

    /** {@code Store.Reserve}. */
    private boolean reserve(String id, byte[] ip) {
        String ipStr = ReferenceIp.text(ip);
        String holder = allocated.get(ipStr);
        if (holder != null) {
            return holder.equals(id);
        }
        allocatedHistory.remove(ipStr);
        allocated.put(ipStr, id);
        lastAllocated = ipStr;
        return true;
    }

    /** {@code Store.GetByID}: a range over every allocation. */
    private List<byte[]> getById(String id) {
        List<byte[]> ips = new ArrayList<>(1);
        for (Map.Entry<String, String> entry : allocated.entrySet()) {
            if (id.equals(entry.getValue())) {
                ips.add(ReferenceIp.parse(entry.getKey()));
            }
        }
        return ips;
    }

    /** {@code IPAllocator.Release} through {@code Store.ReleaseByID}: a range until the holder's entry. */
    void release(String id) {
        String found = null;
        for (Map.Entry<String, String> entry : allocated.entrySet()) {
            if (id.equals(entry.getValue())) {
                found = entry.getKey();
                break;
            }
        }
        if (found != null) {
            allocatedHistory.put(found, id);
            allocated.remove(found);
        }
    }

    /** Puts an allocation straight into the status: the state the reference holds, built in linear time. */
    void hold(String ipStr, String id) {
        allocated.put(ipStr, id);
        lastAllocated = ipStr;
    }

    /** {@code GetIter} and {@code RangeIter.Next}, one address at a time. */
    private final class Iter {
        private int rangeIdx;
        private byte[] cur;
        private byte[] startIP;

        Iter() {
            byte[] last = ReferenceIp.parse(lastAllocated);
            if (last != null && rangeFor(last) != null) {
                for (int i = 0; i < ranges.size(); i++) {
                    if (ranges.get(i).contains(last)) {
                        rangeIdx = i;
                        cur = last;
                        break;
                    }
                }
            } else {
                startIP = ranges.get(0).start();
            }
        }

        byte[] next() {
            Range r = ranges.get(rangeIdx);
            if (cur == null) {
                cur = r.start();
                startIP = cur;
                if (java.util.Arrays.equals(cur, r.gateway())) {
                    return next();
                }
                return cur;
            }
            if (java.util.Arrays.equals(cur, r.end())) {
                rangeIdx = (rangeIdx + 1) % ranges.size();
                r = ranges.get(rangeIdx);
                cur = r.start();
            } else {
                cur = ReferenceIp.next(cur);
            }
            if (startIP == null) {
                startIP = cur;
            } else if (java.util.Arrays.equals(cur, startIP)) {
                return null;
            }
            if (java.util.Arrays.equals(cur, r.gateway())) {
                return next();
            }
            return cur;
        }
    }
}
