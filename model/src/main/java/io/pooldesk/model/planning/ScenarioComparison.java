package io.pooldesk.model.planning;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.Release;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
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

    public enum Change {
        SERVED("served"), PENDING("pending"), MOVED("moved pool"), NOW_PENDING("no longer served"),
        RELEASED("released");

        private final String words;

        Change(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * A request the what-if created, moved or released. {@code pool} and {@code addresses} are after the what-if
     * (the released addresses for a release); {@code reason} is why it waits, in the reference's words.
     */
    public record RequestChange(ObjectRef request, Change outcome, ObjectRef poolBefore, ObjectRef pool,
                                List<Address> addresses, String reason) {
    }

    public static ScenarioComparison of(List<Manifest> workspace, ScenarioDocument scenario, String source) {
        WorkspaceAnalysis before = WorkspaceAnalysis.of(workspace);
        WorkspaceAnalysis after = WorkspaceAnalysis.of(workspace, List.of(scenario.toManifest(source)));
        return new ScenarioComparison(before, after, pools(before, after), requests(before, after));
    }

    public long served() {
        return requests.stream().filter(r -> r.outcome() == Change.SERVED || r.outcome() == Change.MOVED).count();
    }

    public long pending() {
        return requests.stream().filter(r -> r.outcome() == Change.PENDING || r.outcome() == Change.NOW_PENDING)
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

    /** Compares each request's outcomes at the end of both runs (one per NIC for a VM network config). */
    private static List<RequestChange> requests(WorkspaceAnalysis before, WorkspaceAnalysis after) {
        Map<ObjectRef, List<Outcome>> earlier = before.report().last();
        List<RequestChange> out = new ArrayList<>();
        after.report().last().forEach((ref, outcomes) -> {
            List<Outcome> thens = earlier.getOrDefault(ref, List.of());
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome now = outcomes.get(i);
                Outcome then = i < thens.size() ? thens.get(i) : null;
                if (then == null) {
                    out.add(new RequestChange(ref, now.isServed() ? Change.SERVED : Change.PENDING, null, pool(now),
                            addresses(now), reason(now)));
                } else if (then.isServed() && !now.isServed()) {
                    out.add(new RequestChange(ref, Change.NOW_PENDING, pool(then), null, List.of(), reason(now)));
                } else if (!Objects.equals(pool(then), pool(now)) || !addresses(then).equals(addresses(now))) {
                    out.add(new RequestChange(ref, now.isServed() ? Change.MOVED : Change.PENDING, pool(then),
                            pool(now), addresses(now), reason(now)));
                }
            }
        });
        Set<ObjectRef> releasedBefore = new HashSet<>();
        before.report().released().forEach(r -> releasedBefore.add(r.request()));
        for (Release release : after.report().released()) {
            if (!releasedBefore.contains(release.request())) {
                out.add(new RequestChange(release.request(), Change.RELEASED, release.pool(), null,
                        release.addresses(), null));
            }
        }
        return out;
    }

    private static ObjectRef pool(Outcome outcome) {
        return outcome instanceof Outcome.Served served ? served.pool() : null;
    }

    private static List<Address> addresses(Outcome outcome) {
        return outcome instanceof Outcome.Served served ? served.addresses() : List.of();
    }

    private static String reason(Outcome outcome) {
        return outcome instanceof Outcome.Pending pending ? pending.message() : null;
    }
}
