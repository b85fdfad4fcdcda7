package io.pooldesk.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NovaEdge's pool as it runs, ported step for step to be measured against (never used by Pooldesk):
 * azrtydxb/novaedge at {@code 2df3b09^}, {@code internal/controller/ipam/pool.go}: {@code Allocate} ranges over
 * {@code allocated} for the VIP's name, then walks {@code allAddresses} (the expanded list, sorted as text) and takes
 * the first whose {@code ip.String()} is not a key of {@code allocated}, answering {@code formatAllocation};
 * {@code Release} ranges over {@code allocated} for the name. Left out: the mutex.
 */
final class NovaEdgeBaseline {
    private final List<byte[]> allAddresses;
    private final Map<String, String> allocated = new HashMap<>();

    /** @param allAddresses the expanded list, already sorted as text (as {@code deduplicateIPs} leaves it) */
    NovaEdgeBaseline(List<byte[]> allAddresses) {
        this.allAddresses = allAddresses;
    }

    String allocate(String vipName) {
        for (Map.Entry<String, String> entry : allocated.entrySet()) {
            if (entry.getValue().equals(vipName)) {
                return format(ReferenceIp.parse(entry.getKey()));
            }
        }
        for (byte[] ip : allAddresses) {
            String ipStr = ReferenceIp.text(ip);
            if (!allocated.containsKey(ipStr)) {
                allocated.put(ipStr, vipName);
                return format(ip);
            }
        }
        return null;
    }

    void release(String vipName) {
        String found = null;
        for (Map.Entry<String, String> entry : allocated.entrySet()) {
            if (entry.getValue().equals(vipName)) {
                found = entry.getKey();
                break;
            }
        }
        if (found != null) {
            allocated.remove(found);
        }
    }

    /** Puts an allocation in directly: the state the reference holds, built in linear time. */
    void hold(byte[] ip, String vipName) {
        allocated.put(ReferenceIp.text(ip), vipName);
    }

    private static String format(byte[] ip) {
        return ReferenceIp.text(ip) + (ReferenceIp.isV4(ip) ? "/32" : "/128");
    }
}
