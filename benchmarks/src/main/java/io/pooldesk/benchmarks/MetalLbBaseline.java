package io.pooldesk.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MetalLB's allocator as it runs for one pool of one CIDR, ported step for step to be measured against (never used
 * by Pooldesk): metallb/metallb {@code internal/allocator/allocator.go}, {@code AllocateFromPool} ->
 * {@code getFreeIPsFromPool} -> {@code getIPFromCIDR} (a cursor from the CIDR's first address, {@code checkSharing}
 * with {@code ip.String()} as the key of {@code sharingKeyForIP} for every candidate), then {@code Assign}
 * ({@code checkSharing} again) and {@code assign} (the maps {@code allocated}, {@code sharingKeyForIP},
 * {@code portsInUse}, {@code servicesOnIP}, {@code poolIPsInUse} and the per-family in-use maps);
 * {@code Unassign} for release. Left out, so the baseline is faster than the reference as it runs: pool choice,
 * the prometheus counters of {@code updatePoolStats} and the counters callback.
 */
final class MetalLbBaseline {
    private record Key(String sharing, String backend) {
    }

    private record Alloc(String pool, List<byte[]> ips, List<String> ports, Key key) {
    }

    private final byte[] first;
    private final byte[] last;
    private final String pool = "pool";
    private final Map<String, Alloc> allocated = new HashMap<>();
    private final Map<String, Key> sharingKeyForIP = new HashMap<>();
    private final Map<String, Map<String, String>> portsInUse = new HashMap<>();
    private final Map<String, Map<String, Boolean>> servicesOnIP = new HashMap<>();
    private final Map<String, Map<String, Integer>> poolIPsInUse = new HashMap<>();
    private final Map<String, Map<String, Integer>> poolIPV4InUse = new HashMap<>();
    private final Map<String, Map<String, Integer>> poolIPV6InUse = new HashMap<>();

    MetalLbBaseline(byte[] first, byte[] last) {
        this.first = first;
        this.last = last;
    }

    /** {@code AllocateFromPool} for a service with no ports and no sharing key; null when the CIDR is full. */
    String allocate(String svc) {
        Key sk = new Key("", "");
        byte[] ip = ipFromCidr(svc, sk);
        if (ip == null) {
            return null;
        }
        if (!checkSharing(svc, ReferenceIp.text(ip), sk)) {
            return null;
        }
        assign(svc, new Alloc(pool, List.of(ip), List.of(), sk));
        return ReferenceIp.text(ip);
    }

    /** {@code getIPFromCIDR}: the first address, lowest first, that {@code checkSharing} accepts. */
    private byte[] ipFromCidr(String svc, Key sk) {
        for (byte[] pos = first; ReferenceIp.compare(pos, last) <= 0; pos = ReferenceIp.next(pos)) {
            if (checkSharing(svc, ReferenceIp.text(pos), sk)) {
                return pos;
            }
            if (java.util.Arrays.equals(pos, last)) {
                break;
            }
        }
        return null;
    }

    private boolean checkSharing(String svc, String ip, Key sk) {
        Key existing = sharingKeyForIP.get(ip);
        if (existing != null) {
            boolean sharingOk = !existing.sharing().isEmpty() && !sk.sharing().isEmpty()
                    && existing.sharing().equals(sk.sharing()) && existing.backend().equals(sk.backend());
            if (!sharingOk) {
                for (String other : servicesOnIP.getOrDefault(ip, Map.of()).keySet()) {
                    if (!other.equals(svc)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void assign(String svc, Alloc alloc) {
        unassign(svc);
        allocated.put(svc, alloc);
        for (byte[] ip : alloc.ips()) {
            String text = ReferenceIp.text(ip);
            sharingKeyForIP.put(text, alloc.key());
            Map<String, String> ports = portsInUse.computeIfAbsent(text, k -> new HashMap<>());
            alloc.ports().forEach(p -> ports.put(p, svc));
            servicesOnIP.computeIfAbsent(text, k -> new HashMap<>()).put(svc, true);
            poolIPsInUse.computeIfAbsent(alloc.pool(), k -> new HashMap<>()).merge(text, 1, Integer::sum);
            poolIPV4InUse.computeIfAbsent(alloc.pool(), k -> new HashMap<>());
            poolIPV6InUse.computeIfAbsent(alloc.pool(), k -> new HashMap<>());
            (ReferenceIp.isV4(ip) ? poolIPV4InUse : poolIPV6InUse).get(alloc.pool()).merge(text, 1, Integer::sum);
        }
    }

    /**
     * {@code Unassign} (allocator.go 219-264) line by line. Go evaluates {@code ip.String()} anew at each of its uses
     * (twelve for an address without ports), and reads {@code a.allocated[svc]} twice; so does this port.
     */
    void unassign(String svc) {
        if (allocated.get(svc) == null) {
            return;
        }
        Alloc al = allocated.get(svc);
        allocated.remove(svc);
        for (byte[] ip : al.ips()) {
            for (String port : al.ports()) {
                String current = portsInUse.getOrDefault(ReferenceIp.text(ip), Map.of()).get(port);
                if (!svc.equals(current)) {
                    throw new IllegalStateException("incoherent state, I thought port " + port + " belonged to service "
                            + svc + ", but it seems to belong to " + current);
                }
                Map<String, String> ports = portsInUse.get(ReferenceIp.text(ip));
                if (ports != null) {
                    ports.remove(port);
                }
            }
            Map<String, Boolean> services = servicesOnIP.get(ReferenceIp.text(ip));
            if (services != null) {
                services.remove(svc);
            }
            if (portsInUse.getOrDefault(ReferenceIp.text(ip), Map.of()).isEmpty()) {
                portsInUse.remove(ReferenceIp.text(ip));
                sharingKeyForIP.remove(ReferenceIp.text(ip));
            }
            poolIPsInUse.get(al.pool()).merge(ReferenceIp.text(ip), -1, Integer::sum);
            (ReferenceIp.isV4(ip) ? poolIPV4InUse : poolIPV6InUse).get(al.pool())
                    .merge(ReferenceIp.text(ip), -1, Integer::sum);
            removeIfZero(poolIPsInUse.get(al.pool()), ReferenceIp.text(ip), ReferenceIp.text(ip));
            removeIfZero(poolIPV4InUse.get(al.pool()), ReferenceIp.text(ip), ReferenceIp.text(ip));
            removeIfZero(poolIPV6InUse.get(al.pool()), ReferenceIp.text(ip), ReferenceIp.text(ip));
        }
    }

    /** {@code if m[k] == 0 { delete(m, k) }}, each key its own {@code ip.String()} as in Go. */
    private static void removeIfZero(Map<String, Integer> inUse, String read, String delete) {
        if (inUse.getOrDefault(read, 0) == 0) {
            inUse.remove(delete);
        }
    }

    /** Assigns without the walk: the state the reference holds, built in linear time. */
    void hold(byte[] ip, String svc) {
        assign(svc, new Alloc(pool, List.of(ip), List.of(), new Key("", "")));
    }
}
