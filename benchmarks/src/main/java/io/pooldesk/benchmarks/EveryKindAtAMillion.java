package io.pooldesk.benchmarks;

import io.pooldesk.model.address.Family;
import io.pooldesk.model.harvester.dhcp.DhcpEngine;
import io.pooldesk.model.harvester.dhcp.DhcpLayout;
import io.pooldesk.model.harvester.dhcp.DhcpPool;
import io.pooldesk.model.harvester.dhcp.NicRequest;
import io.pooldesk.model.kube.Service;
import io.pooldesk.model.metallb.IpAddressPool;
import io.pooldesk.model.metallb.MetalLbEngine;
import io.pooldesk.model.metallb.PoolBlocks;
import io.pooldesk.model.novaedge.NovaEdgeEngine;
import io.pooldesk.model.novaedge.PoolExpansion;
import io.pooldesk.model.novaedge.ProxyIpPool;
import io.pooldesk.model.openelb.Eip;
import io.pooldesk.model.openelb.EipRange;
import io.pooldesk.model.openelb.OpenElbEngine;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MetalLB, OpenELB, managed DHCP and NovaEdge, each through its engine's public API, at a million held addresses:
 * allocate one by one, release every other one, allocate into the holes again, and the heap the allocation state
 * keeps per held address (the pool's definition, measured before the first allocation, not counted).
 */
final class EveryKindAtAMillion {
    static final int MILLION = 1_000_000;
    private static final int BATCH = 10_000;

    /** One kind's engine with one pool, driven by request number. */
    interface Kind {
        String label();

        /** Makes the engine and its pool; the heap is measured after this. */
        void setUp() throws Exception;

        /** Serves request {@code i}; false when the pool is full. */
        boolean allocate(int i);

        void release(int i);

        /** How many addresses the engine says are held (keeps the engine alive until the heap is measured). */
        long held();
    }

    /** The figures for one kind. */
    record Figures(String label, int held, double allocateNs, double releaseNs, double againNs, double bytesPerHeld) {
    }

    static Figures measure(Kind kind) throws Exception {
        kind.setUp();
        long before = PerformanceReport.usedAfterGc();
        List<Double> late = new ArrayList<>();
        int held = 0;
        while (held < MILLION) {
            long start = Clock.now();
            int done = 0;
            for (; done < BATCH && held + done < MILLION; done++) {
                if (!kind.allocate(held + done)) {
                    break;
                }
            }
            long elapsed = Clock.now() - start;
            held += done;
            if (held >= MILLION * 9 / 10 && done > 0) {
                late.add((double) elapsed / done);
            }
            if (done < BATCH) {
                break;
            }
        }
        long after = PerformanceReport.usedAfterGc();
        if (kind.held() != held) {
            throw new IllegalStateException(kind.label() + " holds " + kind.held() + ", expected " + held);
        }
        double bytes = (after - before) / (double) held;
        List<Double> releases = new ArrayList<>();
        for (int i = 0; i < held; i += 2 * BATCH) {
            long start = Clock.now();
            int count = 0;
            for (int j = i; j < Math.min(held, i + 2 * BATCH); j += 2) {
                kind.release(j);
                count++;
            }
            releases.add((double) (Clock.now() - start) / count);
        }
        List<Double> again = new ArrayList<>();
        for (int i = 0; i < held / 2; i += BATCH) {
            long start = Clock.now();
            for (int j = 0; j < BATCH; j++) {
                if (!kind.allocate(MILLION + i + j)) {
                    throw new IllegalStateException(kind.label() + " found no hole at " + (i + j));
                }
            }
            again.add((double) (Clock.now() - start) / BATCH);
        }
        return new Figures(kind.label(), held, PerformanceReport.median(late), PerformanceReport.median(releases),
                PerformanceReport.median(again), bytes);
    }

    private static Service service(int i, Family family) {
        return new Service("ns", "lb-" + i, "LoadBalancer", Map.of(), Map.of(), "",
                family == Family.IPV6 ? List.of("IPv6") : List.of(), "", "", Map.of(), List.of(),
                CLUSTER_IPS.get(family), List.of());
    }

    /**
     * The cluster IP the API server gives every Service: MetalLB takes a Service's family from it and leaves one
     * without it unserved (controller/service.go 69-75), so a Service without one is not on the reference's path.
     */
    static final Map<Family, List<String>> CLUSTER_IPS = Map.of(Family.IPV4, List.of("10.96.0.10"), Family.IPV6,
            List.of("fd00:96::a"));

    static Kind harvester(String cidr, String label) {
        return new Kind() {
            io.pooldesk.model.harvester.lb.RangeSet ranges;
            io.pooldesk.model.harvester.lb.PoolLedger ledger;

            public String label() {
                return "Harvester LB, " + label;
            }

            public void setUp() throws Exception {
                ranges = new io.pooldesk.model.harvester.lb.RangeSet(List.of(
                        io.pooldesk.model.harvester.lb.RangeResolver.resolve(
                                io.pooldesk.model.harvester.lb.PoolRangeSpec.ofSubnet(cidr), "spec.ranges[0]")));
                ledger = new io.pooldesk.model.harvester.lb.PoolLedger();
            }

            public boolean allocate(int i) {
                return io.pooldesk.model.harvester.lb.PoolAllocator.allocate(ranges, ledger, "ns/lb-" + i, w -> { })
                        .isServed();
            }

            public void release(int i) {
                ledger.releaseByHolder("ns/lb-" + i);
            }

            public long held() {
                return ledger.allocatedCount();
            }
        };
    }

    static Kind metalLb(String cidr, String label, Family family) {
        return new Kind() {
            MetalLbEngine engine;

            public String label() {
                return "MetalLB, " + label;
            }

            public void setUp() throws Exception {
                engine = new MetalLbEngine();
                engine.add(PoolBlocks.of(new IpAddressPool("metallb-system", "pool", List.of(cidr), true, false,
                        null, null)));
            }

            public boolean allocate(int i) {
                return engine.request(service(i, family), w -> { }).isServed();
            }

            public void release(int i) {
                engine.release("ns/lb-" + i);
            }

            public long held() {
                return engine.pool("pool").usedCount();
            }
        };
    }

    static Kind openElb(String cidr, String label, Family family) {
        return new Kind() {
            OpenElbEngine engine;

            public String label() {
                return "OpenELB, " + label;
            }

            public void setUp() throws Exception {
                engine = new OpenElbEngine();
                Eip eip = new Eip("eip", cidr, "layer2", "", false, 0, List.of(), Map.of(), true, Map.of(), null);
                engine.add(eip, EipRange.of(eip), new ArrayList<>());
            }

            public boolean allocate(int i) {
                return engine.request(service(i, family)).isServed();
            }

            public void release(int i) {
                engine.release("ns/lb-" + i);
            }

            public long held() {
                return engine.eip("eip").usage();
            }
        };
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A MAC address for request {@code i}, made without String.format (which would cost more than the allocation). */
    private static String mac(int i) {
        char[] text = "52:54:00:00:00:00".toCharArray();
        for (int octet = 0; octet < 3; octet++) {
            int value = (i >> (16 - 8 * octet)) & 255;
            text[9 + 3 * octet] = HEX[value >> 4];
            text[10 + 3 * octet] = HEX[value & 15];
        }
        return new String(text);
    }

    static Kind dhcp(String cidr, String label) {
        return new Kind() {
            DhcpEngine engine;

            public String label() {
                return "managed DHCP, " + label;
            }

            public void setUp() {
                engine = new DhcpEngine();
                List<Violation> violations = new ArrayList<>();
                DhcpLayout layout = DhcpLayout.resolve(new DhcpPool("default", "net", "default/net", cidr, "", "", "",
                        List.of(), "", Map.of(), Map.of(), null), violations);
                if (layout == null) {
                    throw new IllegalStateException(violations.toString());
                }
                engine.add(layout, new ArrayList<>());
            }

            public boolean allocate(int i) {
                // MACs are 24 bits here: request numbers past 2^24 wrap, which the runs below never reach
                return engine.allocate(new NicRequest(mac(i % (1 << 24)), "default/net", ""), w -> { }).isServed();
            }

            public void release(int i) {
                engine.release(new NicRequest(mac(i), "default/net", ""));
            }

            public long held() {
                return engine.pool("default/net").used();
            }
        };
    }

    /** Sixteen CIDRs, each expanded to NovaEdge's cap of 65,536: just over a million entries. */
    static Kind novaEdge(List<String> cidrs, String label) {
        return new Kind() {
            NovaEdgeEngine engine;

            public String label() {
                return "NovaEdge, " + label;
            }

            public void setUp() throws Exception {
                engine = new NovaEdgeEngine();
                engine.add(PoolExpansion.of(new ProxyIpPool("pool", cidrs, List.of(), true, null)));
            }

            public boolean allocate(int i) {
                return engine.allocate("pool", "ns/vip-" + i, null).isServed();
            }

            public void release(int i) {
                engine.release("ns/vip-" + i);
            }

            public long held() {
                return engine.pool("pool").allocatedCount();
            }
        };
    }

    static List<String> sixteen(String format) {
        List<String> cidrs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            cidrs.add(String.format(format, i));
        }
        return cidrs;
    }
}
