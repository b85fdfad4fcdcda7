package io.pooldesk.benchmarks;

import java.util.HashMap;
import java.util.Map;

/**
 * The baseline: how the reference controllers keep state (a map of address strings to holders) and find an address
 * (walk the range from its start, a lookup per candidate). Written here only to be measured against.
 */
final class ReferenceStyleAllocator {
    private final long first;
    private final long last;
    private final Map<String, String> allocated = new HashMap<>();

    ReferenceStyleAllocator(long first, long last) {
        this.first = first;
        this.last = last;
    }

    String allocate(String holder) {
        for (long v = first; v <= last; v++) {
            String ip = text(v);
            if (!allocated.containsKey(ip)) {
                allocated.put(ip, holder);
                return ip;
            }
        }
        return null;
    }

    /** Puts the state directly, without the walk: the state the reference holds, built in linear time. */
    void hold(String ip, String holder) {
        allocated.put(ip, holder);
    }

    void release(String ip) {
        allocated.remove(ip);
    }

    static String text(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
