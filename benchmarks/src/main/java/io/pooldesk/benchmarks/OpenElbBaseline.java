package io.pooldesk.benchmarks;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenELB's IPAM as it runs for one Eip, ported step for step to be measured against (never used by Pooldesk):
 * openelb/openelb {@code pkg/controllers/ipam/ipam.go}. {@code Manager.assignIPFromEip} (lines 69-121) first ranges
 * over the whole of {@code eip.Status.Used}, splitting each entry's Services on {@code ;}, for the Service already
 * holding the address it asks for; then, from offset 0 when it asks for none, takes each candidate as
 * {@code cnet.IncrementIP(*cnet.ParseIP(eip.Status.FirstIP), big.NewInt(offset)).String()} ({@code pkg/util/net/ip.go}
 * {@code ParseIP}, {@code IPToBigInt}, {@code BigIntToIP}: the first address parsed from its text, made a big
 * integer, added to, made an address and text again, for every offset) and writes the Service's key at the first one
 * absent from {@code Status.Used}, with {@code Usage = len(Used)} and {@code Occupied} at {@code PoolSize}.
 * {@code Manager.releaseIPFromEip} (lines 125-148) ranges over the whole of {@code Status.Used}, splitting every entry,
 * and deletes the entry the Service holds alone. {@code Status.FirstIP} and {@code Status.PoolSize} are what
 * {@code EIPController.updateEip} ({@code pkg/controllers/ipam/controller.go} 108-119) writes from
 * {@code Eip.GetSize} ({@code api/v1alpha2/eip_types.go} 72-98): the CIDR's network address and {@code 1 << host bits}
 * on a Go int, so a /64 or larger has a pool size of 0 and never allocates. Left out, so the baseline is faster than
 * the reference as it runs: {@code ConstructRequest}'s {@code getAllocatedEIPInfo} (another range over every Eip's
 * {@code Status.Used} on every reconcile), the Get of the Eip, {@code iprange.ParseRange}, the {@code DeepCopy} of the
 * Eip with its whole {@code Status.Used}, {@code reflect.DeepEqual} and {@code Status().Update}.
 */
final class OpenElbBaseline {
    private final String firstIp;
    private final int poolSize;
    private final Map<String, String> used = new HashMap<>();
    private int usage;
    private boolean occupied;

    OpenElbBaseline(String firstIp, int poolSize) {
        this.firstIp = firstIp;
        this.poolSize = poolSize;
    }

    /** {@code assignIPFromEip} for a Service that asks for no address; null when it finds none. */
    String assign(String key) {
        String requested = "";
        for (Map.Entry<String, String> entry : used.entrySet()) {
            for (String svc : entry.getValue().split(";")) {
                if (svc.equals(key) && requested.equals(entry.getKey())) {
                    return entry.getKey();
                }
            }
        }
        for (int offset = 0; offset < poolSize; offset++) {
            String addr = text(incrementIp(parseIp(firstIp), BigInteger.valueOf(offset)));
            String tmp = used.get(addr);
            if (tmp == null) {
                used.put(addr, key);
                usage = used.size();
                if (usage == poolSize) {
                    occupied = true;
                }
                return addr;
            }
        }
        return null;
    }

    /** {@code releaseIPFromEip}. */
    void release(String svcInfo) {
        for (var it = used.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> entry = it.next();
            String[] tmp = entry.getValue().split(";");
            for (String svc : tmp) {
                if (!svc.equals(svcInfo)) {
                    continue;
                }
                if (tmp.length == 1) {
                    it.remove();
                    usage = used.size();
                    if (usage != poolSize) {
                        occupied = false;
                    }
                } else {
                    entry.setValue(String.join(";", java.util.Arrays.stream(tmp).filter(s -> !s.equals(svcInfo))
                            .toList()));
                }
            }
        }
    }

    /** The state the reference holds, built without the walk. */
    void hold(String addr, String key) {
        used.put(addr, key);
        usage = used.size();
    }

    boolean occupied() {
        return occupied;
    }

    /** {@code cnet.ParseIP}: an IPv4 address as its 4 bytes, else the 16. */
    private static byte[] parseIp(String text) {
        byte[] ip = ReferenceIp.parse(text);
        return ReferenceIp.isV4(ip) ? java.util.Arrays.copyOfRange(ip, 12, 16) : ip;
    }

    /** {@code IncrementIP}: {@code IPToBigInt}, add, {@code BigIntToIP} of the same length. */
    private static byte[] incrementIp(byte[] ip, BigInteger increment) {
        byte[] sum = new BigInteger(1, ip).add(increment).toByteArray();
        byte[] out = new byte[ip.length];
        int n = Math.min(sum.length, out.length);
        System.arraycopy(sum, sum.length - n, out, out.length - n, n);
        return out;
    }

    private static String text(byte[] ip) {
        if (ip.length == 4) {
            return (ip[0] & 255) + "." + (ip[1] & 255) + "." + (ip[2] & 255) + "." + (ip[3] & 255);
        }
        return ReferenceIp.text(ip);
    }
}
