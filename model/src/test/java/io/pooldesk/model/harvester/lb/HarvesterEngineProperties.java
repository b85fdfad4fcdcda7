package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.address.Address;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random pools and random sequences of load balancers created and deleted. Each load balancer names its pool, so
 * every pool sees its own sequence, checked against a literal port of the reference allocator and against the
 * invariants an operator relies on.
 */
class HarvesterEngineProperties {
    private static final int LB_NAMES = 12;

    record RangeDraw(int start, int length, boolean reversed, int gatewayOffset) {
    }

    record Op(boolean create, int lb) {
    }

    record World(List<List<RangeDraw>> pools, List<Integer> poolOfLb, List<Op> ops) {
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<RangeDraw> range = Combinators.combine(
                Arbitraries.integers().between(1, 248),
                Arbitraries.integers().between(1, 6),
                Arbitraries.of(false, false, true),
                Arbitraries.integers().between(-1, 8)).as(RangeDraw::new);
        Arbitrary<List<List<RangeDraw>>> pools = range.list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(true, true, false),
                Arbitraries.integers().between(0, LB_NAMES - 1)).as(Op::new);
        return pools.flatMap(ps -> Combinators.combine(
                Arbitraries.integers().between(0, ps.size() - 1).list().ofSize(LB_NAMES),
                op.list().ofMinSize(1).ofMaxSize(60)).as((owners, ops) -> new World(ps, owners, ops)));
    }

    /** Pool i's range j lives in its own /24, 10.i.j.0/24, so pools never overlap. */
    private static List<PoolRangeSpec> specs(int pool, List<RangeDraw> draws) {
        List<PoolRangeSpec> specs = new ArrayList<>();
        for (int j = 0; j < draws.size(); j++) {
            RangeDraw d = draws.get(j);
            String prefix = "10." + pool + "." + j + ".";
            int end = Math.min(d.start() + d.length() - 1, 254);
            String start = prefix + d.start();
            String last = prefix + end;
            String gateway = d.gatewayOffset() < 0 ? "" : prefix + Math.max(1, Math.min(254, d.start() + d.gatewayOffset() - 1));
            specs.add(d.reversed() ? new PoolRangeSpec(prefix + "0/24", last, start, gateway)
                    : new PoolRangeSpec(prefix + "0/24", start, last, gateway));
        }
        return specs;
    }

    @Property(tries = 400)
    void engineMatchesTheReferenceAndKeepsItsInvariants(@ForAll("worlds") World world) throws Exception {
        HarvesterLbEngine engine = new HarvesterLbEngine();
        Map<String, LiteralCniAllocator> oracles = new HashMap<>();
        for (int i = 0; i < world.pools().size(); i++) {
            IpPool pool = Fixtures.pool("pool-" + i, specs(i, world.pools().get(i)), "", i + 1, "/ns" + i + "/");
            assertEquals(List.of(), engine.apply(pool), "generated pools are valid");
            oracles.put(pool.name(), new LiteralCniAllocator(engine.pool(pool.name()).ranges()));
        }
        for (Op op : world.ops()) {
            String lbName = "lb-" + op.lb();
            String poolName = "pool-" + world.poolOfLb().get(op.lb());
            String id = "default/" + lbName;
            PoolState state = engine.pool(poolName);
            LiteralCniAllocator oracle = oracles.get(poolName);
            if (op.create()) {
                Address remembered = state.ledger().historyOf(id).isEmpty() ? null : state.ledger().historyOf(id).first();
                boolean rememberedUsable = remembered != null && state.ranges().isUsable(remembered)
                        && !state.ledger().isAllocated(remembered);
                int usedBefore = state.ledger().allocatedCount();
                boolean heldBefore = !state.ledger().allocatedTo(id).isEmpty();
                RequestOutcome outcome = engine.request(Fixtures.namedPoolLb("default", lbName, poolName));
                Address expected = oracle.reconcile(id);
                assertEquals(expected, outcome.address(), "same answer as the literal reference allocator");
                if (rememberedUsable) {
                    assertEquals(remembered, outcome.address(), "history is honoured");
                }
                if (outcome.isServed() && !heldBefore) {
                    assertEquals(usedBefore + 1, state.ledger().allocatedCount());
                }
            } else {
                HarvesterLbEngine.Release release = engine.release(id);
                oracle.release(id);
                if (release != null) {
                    assertEquals(id, engine.pool(release.pool()).ledger().historyHolderOf(release.address()));
                    assertFalse(engine.pool(release.pool()).ledger().isAllocated(release.address()));
                }
            }
            assertInvariants(engine);
        }
    }

    private static void assertInvariants(HarvesterLbEngine engine) {
        Map<String, Address> holderToAddress = new HashMap<>();
        for (PoolState state : engine.pools()) {
            PoolLedger ledger = state.ledger();
            for (Map.Entry<Address, String> entry : ledger.allocatedEntries().entrySet()) {
                assertTrue(state.ranges().isUsable(entry.getKey()),
                        entry.getKey() + " lies in the usable ranges of " + state.name());
                Address previous = holderToAddress.put(entry.getValue(), entry.getKey());
                assertEquals(null, previous, entry.getValue() + " holds one address only");
                assertEquals(null, ledger.historyHolderOf(entry.getKey()), "an address is live or history, not both");
            }
            BigInteger used = BigInteger.valueOf(ledger.allocatedCount());
            BigInteger total = state.ranges().total();
            assertTrue(used.compareTo(total) <= 0, "never more allocations than addresses");
            assertEquals(java.math.BigInteger.valueOf(ledger.occupiedCount(io.pooldesk.model.address.Family.IPV4)), used,
                    "the free-run index counts what the map holds");
            if (used.compareTo(total) < 0) {
                assertNotNull(state.nextAddress(), "a pool with room offers a next address");
            } else {
                assertEquals(null, state.nextAddress(), "a full pool offers none");
            }
        }
    }
}
