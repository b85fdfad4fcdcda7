package io.pooldesk.model.planning;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each pool's fill week by week while load balancers keep arriving, and the date each pool runs out. The whole horizon
 * is one what-if (every week's arrivals in order) run through the same engine as the scenario panel and
 * {@code pooldesk simulate}; each arrival is then counted in the week it was made.
 *
 * @param fill    per pool, the addresses in use at the end of each week; index 0 is today
 * @param streams per stream, the first week one of its load balancers could not be served, and why
 */
public record Forecast(LocalDate start, int weeks, List<PoolFill> fill, List<StreamOutcome> streams) {
    public static final int MAX_WEEKS = 520;
    public static final long MAX_ARRIVALS = 500_000;
    private static final Pattern NAME = Pattern.compile("forecast-s(\\d+)-w(\\d+)-\\d+");

    public record PoolFill(PoolSummary pool, long[] used, Integer runsOutWeek) {
        public double percent(int week) {
            return pool.total().signum() <= 0 ? 0 : 100.0 * used[week] / pool.total().doubleValue();
        }

        /** Whether the forecast puts anything in this pool. */
        public boolean grows() {
            return used[used.length - 1] > used[0];
        }
    }

    public record StreamOutcome(GrowthStream stream, Integer firstPendingWeek, String reason) {
    }

    public static Forecast of(List<Manifest> workspace, List<GrowthStream> streams, LocalDate start, int weeks) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new IllegalArgumentException("the horizon must be 1 to " + MAX_WEEKS + " weeks, not " + weeks);
        }
        double arrivals = streams.stream().mapToDouble(GrowthStream::perWeek).sum() * weeks;
        if (arrivals > MAX_ARRIVALS) {
            throw new IllegalArgumentException("the forecast would create " + (long) arrivals
                    + " load balancers; at most " + MAX_ARRIVALS + " are simulated");
        }
        ScenarioDocument growth = new ScenarioDocument("forecast", arrivals(streams, weeks));
        WorkspaceAnalysis after = WorkspaceAnalysis.of(workspace, List.of(growth.toManifest("forecast")));

        Map<ObjectRef, long[]> added = new LinkedHashMap<>();
        Integer[] firstPending = new Integer[streams.size()];
        String[] reasons = new String[streams.size()];
        for (Outcome entry : after.report().allocations()) {
            Matcher m = NAME.matcher(entry.request().name());
            if (!m.matches()) {
                continue;
            }
            int stream = Integer.parseInt(m.group(1));
            int week = Integer.parseInt(m.group(2));
            if (entry instanceof Outcome.Served served) {
                added.computeIfAbsent(served.pool(), k -> new long[weeks + 1])[week]++;
            } else if (entry instanceof Outcome.Pending pending && firstPending[stream] == null) {
                firstPending[stream] = week;
                reasons[stream] = pending.message();
            }
        }
        List<PoolFill> fill = new ArrayList<>();
        for (PoolSummary pool : after.pools()) {
            long[] perWeek = added.getOrDefault(pool.ref(), new long[weeks + 1]);
            long total = 0;
            for (long n : perWeek) {
                total += n;
            }
            long[] used = new long[weeks + 1];
            used[0] = pool.used().longValue() - total;
            Integer runsOut = null;
            for (int w = 1; w <= weeks; w++) {
                used[w] = used[w - 1] + perWeek[w];
                if (runsOut == null && BigInteger.valueOf(used[w]).compareTo(pool.total()) >= 0 && perWeek[w] > 0) {
                    runsOut = w;
                }
            }
            if (BigInteger.valueOf(used[0]).compareTo(pool.total()) >= 0 && pool.total().signum() > 0) {
                runsOut = 0;
            }
            fill.add(new PoolFill(pool, used, runsOut));
        }
        List<StreamOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            outcomes.add(new StreamOutcome(streams.get(i), firstPending[i], reasons[i]));
        }
        return new Forecast(start, weeks, fill, outcomes);
    }

    /** Every week's arrivals, stream after stream, named so each can be traced to its stream and week. */
    private static List<PlanStep> arrivals(List<GrowthStream> streams, int weeks) {
        List<PlanStep> steps = new ArrayList<>();
        double[] carried = new double[streams.size()];
        for (int week = 1; week <= weeks; week++) {
            for (int s = 0; s < streams.size(); s++) {
                double due = carried[s] + streams.get(s).perWeek();
                int count = (int) Math.floor(due + 1e-9);
                carried[s] = due - count;
                if (count > 0) {
                    steps.add(new PlanStep.AddLoadBalancers(count, "forecast-s" + s + "-w" + week + "-",
                            streams.get(s).requirements()));
                }
            }
        }
        return steps;
    }

    public LocalDate dateOf(int week) {
        return start.plusWeeks(week);
    }

    /** The pool that runs out first within the horizon, if any. */
    public Optional<PoolFill> firstToRunOut() {
        return fill.stream().filter(p -> p.runsOutWeek() != null)
                .min(Comparator.comparing(PoolFill::runsOutWeek));
    }
}
