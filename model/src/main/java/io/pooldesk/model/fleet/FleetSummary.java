package io.pooldesk.model.fleet;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.planning.ObservedGrowth;
import io.pooldesk.model.workspace.AddressHolder;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several clusters side by side, each read as a workspace ({@link WorkspaceAnalysis}): their pools and utilisation,
 * the pool nearest to running out, and who holds an address anywhere in the fleet.
 *
 * <p>A cluster read once carries no growth rate (the forecast's streams are the operator's guess, not the cluster's),
 * so "first to run out" is then the pool with the fewest free addresses left. A fleet kept live is observed as it
 * changes ({@link #observe}); with that {@link ObservedGrowth}, the pool that runs out soonest at the growth of the
 * last {@link ObservedGrowth#WINDOW} comes first, and the pools that did not grow follow by free addresses. A pool that
 * can hand out nothing at all is empty rather than running out, and is left out of either ranking.
 */
public record FleetSummary(List<Cluster> clusters) {

    /** How the fleet ranks pools for running out: fewest free first, then the fuller, then by cluster and name. */
    public static final String RANKING = "fewest free addresses (no growth rate is known for a cluster)";

    /**
     * One cluster: its pools, and their sums. A cluster that could not be read has no pools and an error in the
     * gateway's words.
     */
    public record Cluster(String name, List<PoolSummary> pools, BigInteger total, BigInteger used, BigInteger free,
                          String error) {

        public static Cluster of(String name, List<Manifest> manifests) {
            List<PoolSummary> pools = WorkspaceAnalysis.of(manifests).pools();
            BigInteger total = BigInteger.ZERO;
            BigInteger used = BigInteger.ZERO;
            BigInteger free = BigInteger.ZERO;
            for (PoolSummary pool : pools) {
                // MetalLB counts a buggy /32 as -1 (allocator.go poolCount 647-659 takes its one address off as the
                // first and again as the last): a pool adds what it can hand out, never less than nothing
                total = total.add(pool.total().max(BigInteger.ZERO));
                used = used.add(pool.used().max(BigInteger.ZERO));
                free = free.add(pool.available().max(BigInteger.ZERO));
            }
            return new Cluster(name, List.copyOf(pools), total, used, free, null);
        }

        public static Cluster failed(String name, String error) {
            return new Cluster(name, List.of(), BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, error);
        }

        public boolean failed() {
            return error != null;
        }

        /** How full the cluster's pools are together, from 0 to 1. */
        public double utilisation() {
            return total.signum() <= 0 ? 0 : used.doubleValue() / total.doubleValue();
        }

        /** The cluster's pool with the fewest free addresses ({@link FleetSummary#RANKING}). */
        public Optional<PoolSummary> nearestToFull() {
            return pools.stream().filter(p -> p.total().signum() > 0).min(NEAREST_TO_FULL);
        }
    }

    /**
     * A pool of one cluster, and the seconds until it has no free address at its observed growth: positive infinity
     * when it did not grow (or was not observed), 0 when it is full.
     */
    public record ClusterPool(String cluster, PoolSummary pool, double secondsUntilFull) {
        public boolean growing() {
            return secondsUntilFull != Double.POSITIVE_INFINITY;
        }
    }

    /**
     * What one cluster says of an address: the pool whose ranges name it with its holder, or, with a null
     * {@code holder}, that no pool of the cluster names it, or that the cluster could not be read.
     */
    public record Answer(String cluster, AddressHolder holder, String error) {
        public boolean outsideEveryPool() {
            return holder == null && error == null;
        }

        /** "lab: IPPool default/web: held by prod/web-1", "lab: outside every pool". */
        public String describe() {
            if (error != null) {
                return cluster + ": not searched (" + error + ")";
            }
            if (holder == null) {
                return cluster + ": outside every pool";
            }
            PoolSummary pool = holder.pool();
            return cluster + ": " + pool.kind() + " " + (pool.namespace().isEmpty() ? "" : pool.namespace() + "/")
                    + pool.name() + ": " + holder.describe();
        }
    }

    private static final Comparator<PoolSummary> NEAREST_TO_FULL = Comparator.comparing(PoolSummary::available)
            .thenComparing(Comparator.comparingDouble(PoolSummary::utilisation).reversed());

    /** Each cluster of {@code clusters} (name to what was read from it), in the map's order. */
    public static FleetSummary of(Map<String, List<Manifest>> clusters) {
        List<Cluster> out = new ArrayList<>();
        clusters.forEach((name, manifests) -> out.add(Cluster.of(name, manifests)));
        return new FleetSummary(List.copyOf(out));
    }

    /** The pool of the whole fleet with the fewest free addresses; ties go to the fuller, then the first listed. */
    public Optional<ClusterPool> firstToRunOut() {
        return firstToRunOut(new ObservedGrowth(), Instant.EPOCH);
    }

    /**
     * The pool of the whole fleet that runs out soonest at the growth {@code growth} observed until {@code now}; when
     * none grew, the one with the fewest free addresses (ties go to the fuller, then the first listed).
     */
    public Optional<ClusterPool> firstToRunOut(ObservedGrowth growth, Instant now) {
        ClusterPool first = null;
        for (Cluster cluster : clusters) {
            for (PoolSummary pool : cluster.pools()) {
                if (pool.total().signum() <= 0) {
                    continue;
                }
                ClusterPool candidate = new ClusterPool(cluster.name(), pool, growth.secondsUntilFull(
                        key(cluster.name(), pool), now, pool.available(), pool.total()));
                if (first == null || SOONEST.compare(candidate, first) < 0) {
                    first = candidate;
                }
            }
        }
        return Optional.ofNullable(first);
    }

    private static final Comparator<ClusterPool> SOONEST = Comparator.comparingDouble(ClusterPool::secondsUntilFull)
            .thenComparing(ClusterPool::pool, NEAREST_TO_FULL);

    /**
     * Records every read cluster's used counts at {@code now}, and forgets pools no cluster holds any more (a pool
     * deleted and created again starts afresh).
     */
    public void observe(ObservedGrowth growth, Instant now) {
        java.util.Set<String> pools = new java.util.HashSet<>();
        for (Cluster cluster : clusters) {
            for (PoolSummary pool : cluster.pools()) {
                String key = key(cluster.name(), pool);
                pools.add(key);
                growth.observe(key, now, pool.used());
            }
        }
        // a cluster that cannot be read now keeps its pools' history until it is read again
        if (clusters.stream().noneMatch(Cluster::failed)) {
            growth.keepOnly(pools);
        }
    }

    /** The name {@link #observe} records a pool's growth under. */
    public static String key(String cluster, PoolSummary pool) {
        return cluster + "\n" + pool.kind() + "/" + pool.namespace() + "/" + pool.name();
    }

    /**
     * Who holds {@code address}, cluster by cluster: an answer for every pool whose ranges name it (held, free or
     * not handed out), else one saying it is outside every pool of that cluster, or that the cluster was not read.
     */
    public List<Answer> who(Address address) {
        List<Answer> answers = new ArrayList<>();
        for (Cluster cluster : clusters) {
            if (cluster.failed()) {
                answers.add(new Answer(cluster.name(), null, cluster.error()));
                continue;
            }
            int before = answers.size();
            for (PoolSummary pool : cluster.pools()) {
                AddressHolder.in(pool, address).ifPresent(h -> answers.add(new Answer(cluster.name(), h, null)));
            }
            if (answers.size() == before) {
                answers.add(new Answer(cluster.name(), null, null));
            }
        }
        return answers;
    }
}
