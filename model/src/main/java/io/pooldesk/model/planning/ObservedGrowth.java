package io.pooldesk.model.planning;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How fast each pool fills, learned from its used count as it is observed over time, and when it runs out at that
 * pace. The growth is the average over the last {@link #WINDOW}: the used count now less the count at the window's
 * start (the last one observed then; the first one observed, when observation began within the window), over the time
 * between. A pool that did not grow in the window never runs out at that pace.
 * <p>
 * Learned rather than taken from {@link Forecast}: a forecast needs growth streams an operator writes (load balancers
 * per week for a namespace), which a metrics endpoint watching files or a cluster does not have.
 */
public final class ObservedGrowth {
    public static final Duration WINDOW = Duration.ofHours(24);

    private record Sample(Instant at, BigInteger used) {
    }

    private final Map<String, List<Sample>> samples = new HashMap<>();

    /** Records a pool's used count at a moment; moments come in order. */
    public synchronized void observe(String pool, Instant at, BigInteger used) {
        List<Sample> seen = samples.computeIfAbsent(pool, p -> new ArrayList<>());
        if (seen.isEmpty() || !seen.get(seen.size() - 1).used().equals(used)) {
            seen.add(new Sample(at, used));
        }
        // the last sample at or before the window's start stays: it is the count the window starts with
        seen.subList(0, baseline(seen, at.minus(WINDOW))).clear();
    }

    /** The index of the last sample at or before {@code start}, else 0 (observation began later). */
    private static int baseline(List<Sample> seen, Instant start) {
        int last = 0;
        for (int i = 1; i < seen.size() && !seen.get(i).at().isAfter(start); i++) {
            last = i;
        }
        return last;
    }

    /** Forgets every pool not in {@code pools}: a pool deleted and created again starts afresh. */
    public synchronized void keepOnly(Set<String> pools) {
        samples.keySet().retainAll(pools);
    }

    /**
     * Seconds until the pool has no free address left at the growth of the last {@link #WINDOW}: 0 when it is full
     * already, positive infinity when it can hand out nothing at all, was never observed, or did not grow.
     */
    public synchronized double secondsUntilFull(String pool, Instant now, BigInteger free, BigInteger total) {
        if (total.signum() <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (free.signum() <= 0) {
            return 0;
        }
        List<Sample> seen = samples.get(pool);
        if (seen == null || seen.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        Instant windowStart = now.minus(WINDOW);
        Sample first = seen.get(baseline(seen, windowStart));
        Instant from = first.at().isBefore(windowStart) ? windowStart : first.at();
        BigInteger grown = seen.get(seen.size() - 1).used().subtract(first.used());
        long millis = Duration.between(from, now).toMillis();
        if (grown.signum() <= 0 || millis <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        // free / (grown / seconds), exactly until the one rounding to a double
        return new BigDecimal(free).multiply(BigDecimal.valueOf(millis))
                .divide(new BigDecimal(grown).multiply(BigDecimal.valueOf(1000)), new MathContext(50))
                .doubleValue();
    }
}
