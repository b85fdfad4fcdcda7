package io.pooldesk.benchmarks;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Family;
import io.pooldesk.model.harvester.lb.EffectiveRange;
import io.pooldesk.model.harvester.lb.PoolAllocator;
import io.pooldesk.model.harvester.lb.PoolLedger;
import io.pooldesk.model.harvester.lb.PoolRangeSpec;
import io.pooldesk.model.harvester.lb.RangeResolver;
import io.pooldesk.model.harvester.lb.RangeSet;
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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pooldesk and the reference's own algorithm (ported in {@link HarvesterBaseline}, {@link MetalLbBaseline},
 * {@link NovaEdgeBaseline}, {@link OpenElbBaseline}) holding the same addresses for the same holders, then timed on the same operations:
 * allocations for new holders, and releases of holders spread over the whole pool. Each side is warmed up first; the
 * baselines run until a time budget or an operation count is spent, whichever comes first.
 */
final class SideBySide {
    private static final long BUDGET_NS = 1_500_000_000L;
    private static final int WARM_UP = 20_000;
    private static final int TIMED = 20_000;

    /** Per-operation times, Pooldesk and baseline, for one kind, family and fill. */
    record Figures(String label, int held, double allocate, double baselineAllocate, double release,
                   double baselineRelease) {
    }

    /** Both sides of one comparison: allocate and release by operation number. */
    interface Side {
        void allocate(int op);

        void release(int op);
    }

    private static double time(Side side, boolean allocate, int from, int maxOps, long budgetNs) {
        long start = Clock.now();
        int done = 0;
        while (done < maxOps && (done < 3 || Clock.now() - start < budgetNs)) {
            if (allocate) {
                side.allocate(from + done);
            } else {
                side.release(from + done);
            }
            done++;
        }
        return (Clock.now() - start) / (double) done;
    }

    /**
     * Allocates then releases on both sides: warm-up operations first, then the timed ones. Each side warms up alike,
     * with as many operations as are timed (or the time budget, for a baseline whose operation takes milliseconds):
     * fewer leave the JIT compiler half done with one side's code, which then runs slower than it does in a controller
     * that has been up for a while.
     */
    static Figures compare(String label, int held, Side pooldesk, Side baseline) {
        time(pooldesk, true, 0, WARM_UP, BUDGET_NS);
        time(pooldesk, false, 0, WARM_UP, BUDGET_NS);
        double allocate = time(pooldesk, true, WARM_UP, TIMED, Long.MAX_VALUE);
        double release = time(pooldesk, false, WARM_UP, TIMED, Long.MAX_VALUE);
        time(baseline, true, 0, WARM_UP, BUDGET_NS);
        time(baseline, false, 0, WARM_UP, BUDGET_NS);
        double baselineAllocate = time(baseline, true, WARM_UP, TIMED, BUDGET_NS);
        double baselineRelease = time(baseline, false, WARM_UP, TIMED, BUDGET_NS);
        return new Figures(label, held, allocate, baselineAllocate, release, baselineRelease);
    }

    static byte[] bytes(Address address) {
        if (address.family() == Family.IPV4) {
            return ReferenceIp.v4(address.value().longValue());
        }
        return ReferenceIp.v6(address.value().shiftRight(64).longValue(), address.value().longValue());
    }

    /** Release number {@code op} frees a holder spread over the whole fill: every part of the pool is touched. */
    private static int spread(int op, int held) {
        return (int) ((op * 7_919L) % held);
    }

    // --- Harvester ---

    static Figures harvester(String cidr, String label, int held) throws Exception {
        EffectiveRange range = RangeResolver.resolve(PoolRangeSpec.ofSubnet(cidr), "spec.ranges[0]");
        RangeSet set = new RangeSet(List.of(range));
        PoolLedger ledger = new PoolLedger();
        HarvesterBaseline baseline = new HarvesterBaseline(List.of(new HarvesterBaseline.Range(bytes(range.start()),
                bytes(range.end()), bytes(range.gateway()))));
        Address next = range.start();
        for (int i = 0; i < held; i++) {
            next = next.next();
            PoolAllocator.allocate(set, ledger, "ns/lb-" + i, w -> { });
            baseline.hold(ReferenceIp.text(bytes(next)), "ns/lb-" + i);
        }
        if (!next.equals(ledger.lastAllocated())) {
            throw new IllegalStateException("the two sides hold different addresses: " + next + ", "
                    + ledger.lastAllocated());
        }
        return compare("Harvester, " + label, held, new Side() {
            public void allocate(int op) {
                PoolAllocator.allocate(set, ledger, "ns/new-" + op, w -> { });
            }

            public void release(int op) {
                ledger.releaseByHolder("ns/lb-" + spread(op, held));
            }
        }, new Side() {
            public void allocate(int op) {
                baseline.get("ns/new-" + op);
            }

            public void release(int op) {
                baseline.release("ns/lb-" + spread(op, held));
            }
        });
    }

    // --- MetalLB ---

    private static Service service(String name, Family family) {
        return new Service("ns", name, "LoadBalancer", Map.of(), Map.of(), "",
                family == Family.IPV6 ? List.of("IPv6") : List.of(), "", "", Map.of(), List.of(),
                EveryKindAtAMillion.CLUSTER_IPS.get(family), List.of());
    }

    static Figures metalLb(String cidr, String label, int held) throws Exception {
        Cidr block = AddressParser.cidr(cidr);
        Family family = block.family();
        MetalLbEngine engine = new MetalLbEngine();
        engine.add(PoolBlocks.of(new IpAddressPool("metallb-system", "pool", List.of(cidr), true, false, null, null)));
        MetalLbBaseline baseline = new MetalLbBaseline(bytes(block.network()), bytes(block.last()));
        for (int i = 0; i < held; i++) {
            engine.request(service("lb-" + i, family), w -> { });
            baseline.hold(bytes(block.network().plus(BigInteger.valueOf(i))), "ns/lb-" + i);
        }
        return compare("MetalLB, " + label, held, new Side() {
            public void allocate(int op) {
                engine.request(service("new-" + op, family), w -> { });
            }

            public void release(int op) {
                engine.release("ns/lb-" + spread(op, held));
            }
        }, new Side() {
            public void allocate(int op) {
                baseline.allocate("ns/new-" + op);
            }

            public void release(int op) {
                baseline.unassign("ns/lb-" + spread(op, held));
            }
        });
    }

    // --- OpenELB ---

    static Figures openElb(String cidr, String label, int held) throws Exception {
        Cidr block = AddressParser.cidr(cidr);
        Family family = block.family();
        OpenElbEngine engine = new OpenElbEngine();
        Eip eip = new Eip("eip", cidr, "layer2", "", false, 0, List.of(), Map.of(), true, Map.of(), null);
        engine.add(eip, EipRange.of(eip), new ArrayList<>());
        // Eip.GetSize's 1 << host bits on a Go int; the CIDRs measured are small enough to have a pool size
        int hostBits = (family == Family.IPV4 ? 32 : 128) - block.prefixLength();
        if (hostBits > 30) {
            throw new IllegalArgumentException(cidr + ": OpenELB's pool size would not fit");
        }
        OpenElbBaseline baseline = new OpenElbBaseline(block.network().toString(), 1 << hostBits);
        Address last = null;
        for (int i = 0; i < held; i++) {
            last = engine.request(service("lb-" + i, family)).address();
            baseline.hold(ReferenceIp.text(bytes(block.network().plus(BigInteger.valueOf(i)))), "ns/lb-" + i);
        }
        if (!block.network().plus(BigInteger.valueOf(held - 1)).equals(last)) {
            throw new IllegalStateException("the two sides hold different addresses: " + last);
        }
        return compare("OpenELB, " + label, held, new Side() {
            public void allocate(int op) {
                engine.request(service("new-" + op, family));
            }

            public void release(int op) {
                engine.release("ns/lb-" + spread(op, held));
            }
        }, new Side() {
            public void allocate(int op) {
                baseline.assign("ns/new-" + op);
            }

            public void release(int op) {
                baseline.release("ns/lb-" + spread(op, held));
            }
        });
    }

    // --- NovaEdge ---

    static Figures novaEdge(List<String> cidrs, String label, int held) throws Exception {
        PoolExpansion expansion = PoolExpansion.of(new ProxyIpPool("pool", cidrs, List.of(), true, null));
        NovaEdgeEngine engine = new NovaEdgeEngine();
        engine.add(expansion);
        List<byte[]> all = new ArrayList<>(expansion.entries().size());
        expansion.entries().forEach(a -> all.add(bytes(a)));
        NovaEdgeBaseline baseline = new NovaEdgeBaseline(all);
        for (int i = 0; i < held; i++) {
            engine.allocate("pool", "ns/vip-" + i, null);
            baseline.hold(all.get(i), "ns/vip-" + i);
        }
        return compare("NovaEdge, " + label, held, new Side() {
            public void allocate(int op) {
                engine.allocate("pool", "ns/new-" + op, null);
            }

            public void release(int op) {
                engine.release("ns/vip-" + spread(op, held));
            }
        }, new Side() {
            public void allocate(int op) {
                baseline.allocate("ns/new-" + op);
            }

            public void release(int op) {
                baseline.release("ns/vip-" + spread(op, held));
            }
        });
    }
}
