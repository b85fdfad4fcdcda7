package io.pooldesk.model.address;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigInteger;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The run-based set behaves exactly like a plain sorted set of the same numbers. */
class IntervalSetProperties {

    @Provide
    Arbitrary<List<Tuple.Tuple2<Boolean, Integer>>> operations() {
        // adds twice as often as removes, so that runs grow, merge and split
        Arbitrary<Tuple.Tuple2<Boolean, Integer>> operation = Combinators.combine(
                Arbitraries.of(true, true, false), Arbitraries.integers().between(0, 63)).as(Tuple::of);
        return operation.list().ofMaxSize(200);
    }

    @Property(tries = 300)
    void matchesASortedSet(@ForAll("operations") List<Tuple.Tuple2<Boolean, Integer>> operations) {
        IntervalSet runs = new IntervalSet();
        TreeSet<Integer> plain = new TreeSet<>();
        for (Tuple.Tuple2<Boolean, Integer> op : operations) {
            BigInteger value = BigInteger.valueOf(op.get2());
            if (op.get1()) {
                assertEquals(plain.add(op.get2()), runs.add(value));
            } else {
                assertEquals(plain.remove(op.get2()), runs.remove(value));
            }
        }
        assertEquals(BigInteger.valueOf(plain.size()), runs.size());
        for (int from = 0; from < 64; from += 7) {
            Integer expected = null;
            for (int v = from; v < 64; v++) {
                if (!plain.contains(v)) {
                    expected = v;
                    break;
                }
            }
            BigInteger actual = runs.firstAbsent(BigInteger.valueOf(from), BigInteger.valueOf(63));
            assertEquals(expected == null ? null : BigInteger.valueOf(expected), actual);
            long inside = plain.subSet(from, true, 63, true).size();
            assertEquals(BigInteger.valueOf(inside), runs.countWithin(BigInteger.valueOf(from), BigInteger.valueOf(63)));
        }
        for (BigInteger[] run : runs.runs()) {
            BigInteger before = run[0].subtract(BigInteger.ONE);
            BigInteger after = run[1].add(BigInteger.ONE);
            assertEquals(false, runs.contains(before), "runs are never adjacent");
            assertEquals(false, runs.contains(after), "runs are never adjacent");
        }
    }
}
