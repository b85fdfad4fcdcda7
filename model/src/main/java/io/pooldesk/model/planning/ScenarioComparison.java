package io.pooldesk.model.planning;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.simulation.AllocationEntry;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Today's workspace beside the same workspace after a what-if: per pool, the counts before and after and the
 * addresses whose holder changed; per request, what the what-if did to it.
 */
public record ScenarioComparison(WorkspaceAnalysis before, WorkspaceAnalysis after, List<PoolChange> pools,
                                 List<RequestChange> requests) {

    /** One pool before and after. {@code before} is null for a pool the what-if created. */
    public record PoolChange(PoolSummary before, PoolSummary after, NavigableSet<Address> changed) {
        public String name() {
            return after.name();
        }

        public BigInteger usedBefore() {
            return before == null ? BigInteger.ZERO : before.used();
        }

        public BigInteger usedAfter() {
            return after.used();
        }

        public BigInteger delta() {
            return usedAfter().subtract(usedBefore());
        }

        /** Whether the what-if leaves nothing for the next request. */
        public boolean full() {
            return after.available().signum() <= 0;
        }
    }

    public enum Outcome {
        SERVED("served"), PENDING("pending"), MOVED("moved pool"), NOW_PENDING("no longer served"),
        RELEASED("released");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** A request the what-if created, moved or released. {@code pool} and {@code address} are after the what-if. */
    public record RequestChange(String request, Outcome outcome, String poolBefore, String pool, String address,
                                String reason) {
    }

    public static ScenarioComparison of(List<Manifest> workspace, ScenarioDocument scenario, String source) {
        WorkspaceAnalysis before = WorkspaceAnalysis.of(workspace);
        WorkspaceAnalysis after = WorkspaceAnalysis.of(workspace, List.of(scenario.toManifest(source)));
        return new ScenarioComparison(before, after, pools(before, after), requests(before, after));
    }

    public long served() {
        return requests.stream().filter(r -> r.outcome() == Outcome.SERVED || r.outcome() == Outcome.MOVED).count();
    }

    public long pending() {
        return requests.stream().filter(r -> r.outcome() == Outcome.PENDING || r.outcome() == Outcome.NOW_PENDING)
                .count();
    }

    /** What the what-if's steps had refused (a pool the webhook would not admit, say), in words. */
    public List<String> refusals() {
        List<String> earlier = before.report().rejected().stream().map(Object::toString).toList();
        return after.report().rejected().stream().map(Object::toString).filter(r -> !earlier.contains(r)).toList();
    }

    /** The pools the what-if changed: held addresses, counts or definition. */
    public List<PoolChange> changedPools() {
        return pools.stream().filter(p -> p.before() == null || !p.changed().isEmpty()
                || !p.before().total().equals(p.after().total())
                || !p.before().manifest().object().equals(p.after().manifest().object())).toList();
    }

    private static List<PoolChange> pools(WorkspaceAnalysis before, WorkspaceAnalysis after) {
        Map<String, PoolSummary> earlier = new LinkedHashMap<>();
        before.pools().forEach(p -> earlier.put(key(p), p));
        List<PoolChange> out = new ArrayList<>();
        for (PoolSummary now : after.pools()) {
            PoolSummary then = earlier.get(key(now));
            out.add(new PoolChange(then, now, changed(then == null ? null : then.allocated(), now.allocated())));
        }
        return out;
    }

    private static String key(PoolSummary p) {
        return p.kind() + "/" + p.namespace() + "/" + p.name();
    }

    /** Addresses held by someone else, or by nobody, after: walks both maps in order, never the range. */
    private static NavigableSet<Address> changed(NavigableMap<Address, String> then, NavigableMap<Address, String> now) {
        NavigableSet<Address> out = new TreeSet<>();
        if (then != null) {
            then.forEach((address, holder) -> {
                if (!holder.equals(now.get(address))) {
                    out.add(address);
                }
            });
        }
        now.forEach((address, holder) -> {
            if (then == null || !holder.equals(then.get(address))) {
                out.add(address);
            }
        });
        return out;
    }

    private static List<RequestChange> requests(WorkspaceAnalysis before, WorkspaceAnalysis after) {
        Map<String, AllocationEntry> earlier = last(before.report().allocations());
        List<RequestChange> out = new ArrayList<>();
        for (AllocationEntry entry : last(after.report().allocations()).values()) {
            AllocationEntry then = earlier.get(entry.request());
            if (then == null) {
                out.add(new RequestChange(entry.request(), entry.isServed() ? Outcome.SERVED : Outcome.PENDING, null,
                        entry.pool(), entry.address(), entry.error()));
            } else if (then.isServed() && !entry.isServed()) {
                out.add(new RequestChange(entry.request(), Outcome.NOW_PENDING, then.pool(), null, null,
                        entry.error()));
            } else if (!Objects.equals(then.pool(), entry.pool()) || !Objects.equals(then.address(), entry.address())) {
                out.add(new RequestChange(entry.request(), entry.isServed() ? Outcome.MOVED : Outcome.PENDING,
                        then.pool(), entry.pool(), entry.address(), entry.error()));
            }
        }
        Map<String, AllocationEntry> releasedBefore = last(before.report().released());
        for (AllocationEntry entry : after.report().released()) {
            if (!releasedBefore.containsKey(entry.request())) {
                out.add(new RequestChange(entry.request(), Outcome.RELEASED, entry.pool(), null, entry.address(),
                        null));
            }
        }
        return out;
    }

    private static Map<String, AllocationEntry> last(List<AllocationEntry> entries) {
        Map<String, AllocationEntry> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.request(), e));
        return out;
    }
}
