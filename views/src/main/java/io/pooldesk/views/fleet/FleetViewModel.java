package io.pooldesk.views.fleet;

import io.pooldesk.cluster.ClusterException;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ConnectionState;
import io.pooldesk.cluster.LiveCluster;
import io.pooldesk.model.address.AddressQuery;
import io.pooldesk.model.fleet.FleetSummary;
import io.pooldesk.model.planning.ObservedGrowth;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.cluster.ClusterViewModel;
import io.pooldesk.views.common.BackgroundWork;
import io.pooldesk.views.common.Counts;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Fleet page: several kubeconfig contexts open at once, each a live cluster workspace analysed off the UI thread
 * whenever it changes; a row per cluster (its pools, utilisation, the pool nearest to full, or why it could not
 * be read), the fleet's first pool to run out, and who holds an address anywhere in the fleet.
 */
public final class FleetViewModel {

    /**
     * One chosen context: its cluster once read (null before), and its state in words: reading, connecting, live,
     * reconnecting with why, or the gateway's words for why it could not be read.
     */
    public record Row(String context, FleetSummary.Cluster cluster, String state) {
        public boolean failed() {
            return cluster != null && cluster.failed();
        }
    }

    private final ClusterViewModel.Connector connector;
    private final Supplier<BackgroundWork> workers;
    private final Consumer<Runnable> uiThread;
    private final java.time.Clock clock;
    /** Each pool's used count as the fleet was seen changing: how fast it fills. */
    private final ObservedGrowth growth = new ObservedGrowth();
    private final ReadOnlyObjectWrapper<FleetSummary.ClusterPool> first = new ReadOnlyObjectWrapper<>();
    public final ObservableList<String> contexts = FXCollections.observableArrayList();
    /** The contexts ticked, in the kubeconfig's order. */
    public final ObservableList<String> chosen = FXCollections.observableArrayList();
    public final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FleetSummary> summary = new ReadOnlyObjectWrapper<>(
            new FleetSummary(List.of()));
    /** The fleet's first pool to run out, in words, and how it is ranked; empty while no cluster has a pool. */
    public final StringProperty firstToRunOut = new SimpleStringProperty("");
    public final StringProperty search = new SimpleStringProperty("");
    /** Who holds the searched address, one line per cluster and pool. */
    public final ObservableList<String> answers = FXCollections.observableArrayList();
    public final StringProperty message = new SimpleStringProperty("Tick the contexts to put side by side.");
    private final Map<String, Member> members = new LinkedHashMap<>();
    /** One worker per context, kept when it is unticked: ticking it again starts no new thread. */
    private final Map<String, BackgroundWork> contextWorkers = new LinkedHashMap<>();

    /**
     * @param workers  a background worker per context, so that a slow cluster does not hold the others back
     *                 ({@code FxBackgroundWork::new} in the window)
     * @param uiThread runs work on the UI thread ({@code Platform::runLater} in the window)
     */
    public FleetViewModel(ClusterViewModel.Connector connector, Supplier<BackgroundWork> workers,
                          Consumer<Runnable> uiThread) {
        this(connector, workers, uiThread, java.time.Clock.systemUTC());
    }

    /** @param clock when each analysis is observed, for the growth that ranks the first pool to run out */
    public FleetViewModel(ClusterViewModel.Connector connector, Supplier<BackgroundWork> workers,
                          Consumer<Runnable> uiThread, java.time.Clock clock) {
        this.clock = clock;
        this.connector = connector;
        this.workers = workers;
        this.uiThread = uiThread;
        search.addListener((o, old, text) -> answer());
    }

    public ReadOnlyObjectProperty<FleetSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The fleet's first pool to run out, with the time left at its observed growth; null while there is none. */
    public ReadOnlyObjectProperty<FleetSummary.ClusterPool> firstProperty() {
        return first.getReadOnlyProperty();
    }

    public void loadContexts(List<String> names) {
        contexts.setAll(names);
        for (String gone : new ArrayList<>(chosen)) {
            if (!names.contains(gone)) {
                choose(gone, false);
            }
        }
    }

    /** Ticks or unticks a context: a ticked one is read, then kept live; an unticked one is closed. */
    public void choose(String context, boolean on) {
        if (on == members.containsKey(context)) {
            return;
        }
        if (!on) {
            members.remove(context).close();
            chosen.remove(context);
            rows.removeIf(r -> r.context().equals(context));
            refresh();
            return;
        }
        Member member = new Member(context, contextWorkers.computeIfAbsent(context, c -> workers.get()));
        members.put(context, member);
        List<String> order = contexts.stream().filter(c -> members.containsKey(c)).toList();
        chosen.setAll(order);
        rows.add(Math.max(0, order.indexOf(context)), new Row(context, null, "reading"));
        member.open();
    }

    /** Closes every context's live view and connection (the window closing). */
    public void close() {
        members.values().forEach(Member::close);
        members.clear();
    }

    private void show(Row row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).context().equals(row.context())) {
                rows.set(i, row);
                refresh();
                return;
            }
        }
    }

    private void refresh() {
        List<FleetSummary.Cluster> clusters = rows.stream().filter(r -> r.cluster() != null).map(Row::cluster)
                .toList();
        FleetSummary fleet = new FleetSummary(clusters);
        java.time.Instant now = clock.instant();
        fleet.observe(growth, now);
        Optional<FleetSummary.ClusterPool> soonest = fleet.firstToRunOut(growth, now);
        first.set(soonest.orElse(null));
        summary.set(fleet);
        firstToRunOut.set(soonest.map(f -> "First to run out: " + f.cluster() + ", " + name(f.pool()) + " with "
                + Counts.compact(f.pool().available()) + " of " + Counts.compact(f.pool().total())
                + " addresses free" + (f.growing() ? ": " + left(f.secondsUntilFull()) + " at the growth of the last "
                + ObservedGrowth.WINDOW.toHours() + " hours" : " (no pool grew in the last "
                + ObservedGrowth.WINDOW.toHours() + " hours: ranked by fewest free addresses)")).orElse(""));
        long failed = rows.stream().filter(Row::failed).count();
        long reading = rows.stream().filter(r -> r.cluster() == null).count();
        message.set(rows.isEmpty() ? "Tick the contexts to put side by side."
                : rows.size() + (rows.size() == 1 ? " cluster" : " clusters")
                + (reading > 0 ? ", " + reading + " being read" : "")
                + (failed > 0 ? ", " + failed + " could not be read" : "") + ".");
        answer();
    }

    /** "full now", "full in about 40 minutes", "... 5 hours", "... 12 days". */
    static String left(double seconds) {
        if (seconds <= 0) {
            return "full now";
        }
        long minutes = Math.round(seconds / 60);
        if (minutes < 90) {
            return "full in about " + Math.max(1, minutes) + (minutes <= 1 ? " minute" : " minutes");
        }
        long hours = Math.round(seconds / 3600);
        if (hours < 48) {
            return "full in about " + hours + " hours";
        }
        return "full in about " + Math.round(seconds / 86400) + " days";
    }

    /** "IPPool default/web": a pool as the fleet names it. */
    public static String name(PoolSummary pool) {
        return pool.kind() + " " + (pool.namespace().isEmpty() ? "" : pool.namespace() + "/") + pool.name();
    }

    private void answer() {
        String text = search.get() == null ? "" : search.get().trim();
        if (text.isEmpty()) {
            answers.clear();
            return;
        }
        Optional<AddressQuery> query = AddressQuery.of(text);
        if (query.isEmpty() || query.get().address() == null) {
            answers.setAll("Type one address, such as 10.0.0.5 or fd00::5: \"" + text + "\" is not one.");
            return;
        }
        List<FleetSummary.Answer> found = summary.get().who(query.get().address());
        answers.setAll(found.isEmpty() ? List.of("No cluster is open.")
                : found.stream().map(FleetSummary.Answer::describe).toList());
    }

    /** Only the gateway's own words: another exception's text may quote a credential. */
    private static String words(Throwable failure) {
        return failure instanceof ClusterException ? failure.getMessage()
                : "the cluster could not be read (" + failure.getClass().getSimpleName() + ")";
    }

    /**
     * One context of the fleet: a live cluster workspace ({@link LiveCluster}, the same objects File > Open Cluster
     * keeps), analysed again off the UI thread after each change, one analysis at a time.
     */
    private final class Member {
        private final String context;
        private final BackgroundWork work;
        private final AtomicBoolean queued = new AtomicBoolean();
        private volatile LiveCluster live;
        private volatile boolean closed;
        private FleetSummary.Cluster last;

        Member(String context, BackgroundWork work) {
            this.context = context;
            this.work = work;
        }

        void open() {
            work.run("Connecting to " + context, () -> {
                ClusterGateway gateway = connector.connect(context);
                return LiveCluster.open(gateway, context, new LiveCluster.Listener() {
                    @Override
                    public void changed() {
                        analyse();
                    }

                    @Override
                    public void state(ConnectionState state) {
                        uiThread.accept(() -> stateChanged(state));
                    }
                });
            }, opened -> {
                live = opened;
                if (closed) {
                    opened.close();
                    return;
                }
                stateChanged(opened.state());
            }, this::failed);
        }

        /** A cluster whose first lists failed says why; one that was read keeps its rows and says it may be behind. */
        private void stateChanged(ConnectionState state) {
            if (closed || live == null) {
                return;
            }
            if (state.link() == ConnectionState.Link.LIVE) {
                analyse();
            } else if (state.link() == ConnectionState.Link.RECONNECTING && (last == null || last.failed())) {
                last = FleetSummary.Cluster.failed(context, state.why());
                show(new Row(context, last, state.words()));
            } else if (last != null) {
                show(new Row(context, last, state.words()));
            }
        }

        private void analyse() {
            LiveCluster cluster = live;
            if (closed || cluster == null || !queued.compareAndSet(false, true)) {
                return;
            }
            uiThread.accept(() -> work.run("Reading " + context, () -> {
                queued.set(false);
                return FleetSummary.Cluster.of(context, cluster.snapshot());
            }, read -> {
                if (!closed && cluster.state().link() != ConnectionState.Link.CONNECTING) {
                    last = read;
                    show(new Row(context, read, cluster.state().words()));
                }
            }, this::failed));
        }

        private void failed(Throwable failure) {
            if (closed) {
                return;
            }
            last = FleetSummary.Cluster.failed(context, words(failure));
            show(new Row(context, last, last.error()));
        }

        void close() {
            closed = true;
            if (live != null) {
                live.close();
            }
        }
    }
}
