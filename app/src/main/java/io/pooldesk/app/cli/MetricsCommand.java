package io.pooldesk.app.cli;

import io.pooldesk.cluster.ClusterException;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ClusterRead;
import io.pooldesk.cluster.Kubeconfig;
import io.pooldesk.cluster.LiveView;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.planning.ObservedGrowth;
import io.pooldesk.model.simulation.Scenario;
import io.pooldesk.model.simulation.Simulator;
import io.pooldesk.model.workspace.Fragmentation;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code pooldesk metrics}: serves each pool's figures in Prometheus's text format, the same figures as
 * {@code pooldesk report}'s CSV, from files and from clusters ({@code --context}). They are computed when a file
 * changes (checked every few seconds) or a cluster's live view reports a change, never per scrape; a read that fails
 * keeps the last figures and says so in {@code pooldesk_workspace_read_ok} or {@code pooldesk_cluster_read_ok}. Only
 * the run-out time is evaluated at each scrape, by arithmetic over the used counts observed so far.
 */
final class MetricsCommand {
    private static final long TICK_MILLIS = 250;
    private static final int FILE_CHECK_TICKS = 8;

    private record Gauge(String name, String help, Function<PoolSummary, BigInteger> value) {
    }

    static final String RUN_OUT = "pooldesk_pool_run_out_seconds";
    private static final String RUN_OUT_HELP = "Seconds until the pool has no free address left at the growth"
            + " observed over the last 24 hours: its used count now less the count at the window's start, over the"
            + " time between, as metrics saw it (the Forecast page's model needs growth streams an operator writes)."
            + " +Inf when it did not grow in that time or can hand out nothing; 0 when it is full.";

    private static final List<Gauge> GAUGES = List.of(
            new Gauge("pooldesk_pool_size_addresses", "Every address the pool's ranges name, usable or not.",
                    PoolSummary::size),
            new Gauge("pooldesk_pool_usable_addresses", "Addresses the pool can hand out (the CSV's total).",
                    PoolSummary::total),
            new Gauge("pooldesk_pool_used_addresses", "Addresses held.", PoolSummary::used),
            new Gauge("pooldesk_pool_free_addresses", "Addresses the pool can still hand out.",
                    PoolSummary::available),
            new Gauge("pooldesk_pool_history_addresses", "Addresses remembered for a former holder.",
                    p -> BigInteger.valueOf(p.history().size())),
            new Gauge("pooldesk_pool_free_runs", "Runs of consecutive free addresses.",
                    p -> BigInteger.valueOf(p.fragmentation().freeRuns())),
            new Gauge("pooldesk_pool_longest_free_run_addresses", "Addresses in the longest free run.",
                    p -> run(p.fragmentation())),
            new Gauge("pooldesk_pool_largest_free_block_addresses", "Addresses in the largest free aligned block"
                    + " (CIDR).", p -> block(p.fragmentation())));

    /** One pool's figures as they stood at its source's last good read. */
    private record PoolFigures(Labels labels, String key, double[] values, BigInteger free, BigInteger total) {
    }

    /** The files, or one cluster: its pools at the last good read, and how its reads went. */
    private static final class Source {
        final String context;
        volatile List<PoolFigures> pools = List.of();
        volatile boolean ok;
        volatile long reads;
        volatile boolean changed;
        volatile boolean failing;
        ClusterGateway gateway;
        LiveView view;

        Source(String context) {
            this.context = context;
        }

        String name() {
            return context == null ? "the files" : "--context " + context;
        }
    }

    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObservedGrowth growth = new ObservedGrowth();
    private final List<Source> sources = new ArrayList<>();

    MetricsCommand(InputStream stdin, PrintWriter out, PrintWriter err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    int run(String listen, List<String> files, List<String> contexts, Path kubeconfig, Duration timeout) {
        if (files.isEmpty() && contexts.isEmpty()) {
            err.println("error: name a FILE or a --context to serve");
            return Cli.UNREADABLE;
        }
        if (files.contains("-")) {
            err.println("error: metrics re-reads its files when they change; standard input cannot be re-read");
            return Cli.UNREADABLE;
        }
        if (new HashSet<>(contexts).size() < contexts.size()) {
            err.println("error: a --context is given twice");
            return Cli.UNREADABLE;
        }
        InetAddress host;
        int port;
        try {
            int colon = listen.lastIndexOf(':');
            port = Integer.parseInt(listen.substring(colon + 1));
            String name = colon <= 0 ? "0.0.0.0" : listen.substring(0, colon).replaceAll("^\\[|]$", "");
            host = InetAddress.getByName(name);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException | UnknownHostException | IndexOutOfBoundsException e) {
            err.println("error: --listen " + listen + ": expected HOST:PORT or :PORT (a port from 0 to 65535)");
            return Cli.UNREADABLE;
        }
        try {
            return serve(host, port, listen, files, contexts, kubeconfig, timeout);
        } finally {
            for (Source source : sources) {
                if (source.view != null) {
                    source.view.close();
                }
                if (source.gateway != null) {
                    source.gateway.close();
                }
            }
        }
    }

    private int serve(InetAddress host, int port, String listen, List<String> files, List<String> contexts,
                      Path kubeconfig, Duration timeout) {
        Source fileSource = null;
        if (!files.isEmpty()) {
            fileSource = new Source(null);
            sources.add(fileSource);
            if (!readFiles(fileSource, files, true)) {
                return Cli.UNREADABLE;
            }
        }
        if (!contexts.isEmpty()) {
            Kubeconfig config;
            try {
                config = kubeconfig != null ? Kubeconfig.of(kubeconfig) : Kubeconfig.locate();
            } catch (ClusterException e) {
                err.println("error: " + e.getMessage());
                return Cli.UNREADABLE;
            }
            for (String context : contexts) {
                Source source = new Source(context);
                sources.add(source);
                try {
                    source.gateway = ClusterGateway.connect(config, context, timeout);
                } catch (ClusterException e) {
                    err.println("error: --context " + context + ": " + e.getMessage());
                    return Cli.UNREADABLE;
                }
                readCluster(source);
                source.view = source.gateway.liveView(new LiveView.Listener() {
                    @Override
                    public void changed() {
                        source.changed = true;
                    }

                    @Override
                    public void state(String words) {
                        // a cluster that could not be read is tried again when its connection changes
                        if (source.failing) {
                            source.changed = true;
                        }
                    }
                });
            }
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) this::collect);
        HTTPServer server;
        try {
            server = HTTPServer.builder().inetAddress(host).port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            err.println("error: cannot listen on " + listen + ": " + e.getMessage());
            return Cli.UNREADABLE;
        }
        err.println("serving metrics on http://" + hostText(host) + ":" + server.getPort() + "/metrics");
        err.flush();
        try {
            String seen = files.isEmpty() ? "" : stamp(files);
            for (long tick = 1; !Thread.currentThread().isInterrupted(); tick++) {
                Thread.sleep(TICK_MILLIS);
                if (fileSource != null && tick % FILE_CHECK_TICKS == 0) {
                    String now = stamp(files);
                    if (!now.equals(seen)) {
                        seen = now;
                        readFiles(fileSource, files, false);
                    }
                }
                for (Source source : sources) {
                    if (source.context != null && source.changed) {
                        source.changed = false;
                        readCluster(source);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return Cli.OK;
    }

    private static String hostText(InetAddress host) {
        String text = host.getHostAddress();
        return text.contains(":") ? "[" + text + "]" : text;
    }

    /** Sizes and modification times of every file the arguments name: a change in any means read again. */
    private static String stamp(List<String> files) {
        StringBuilder out = new StringBuilder();
        for (String file : files) {
            Path path = Path.of(file);
            try (Stream<Path> paths = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
                paths.sorted().forEach(p -> {
                    try {
                        out.append(p).append(' ').append(Files.size(p)).append(' ')
                                .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
                    } catch (IOException e) {
                        out.append(p).append(" unreadable\n");
                    }
                });
            } catch (IOException e) {
                out.append(file).append(" unreadable\n");
            }
        }
        return out.toString();
    }

    private boolean readFiles(Source source, List<String> files, boolean first) {
        source.reads++;
        ManifestReader.Result read = new ManifestReader(stdin).read(files);
        List<String> errors = new ArrayList<>(read.errors().stream().map(Object::toString).toList());
        WorkspaceAnalysis analysis = null;
        if (errors.isEmpty()) {
            Simulator.Plan plan = new Simulator().plan(read.manifests());
            plan.errors().forEach(e -> errors.add(e.toString()));
            if (errors.isEmpty()) {
                List<Manifest> scenarios = read.manifests().stream().filter(Scenario::isScenario).toList();
                analysis = WorkspaceAnalysis.of(read.manifests(), scenarios);
            }
        }
        if (analysis == null) {
            errors.forEach(e -> err.println("error: " + e));
            err.println(first ? "error: nothing to serve" : "warning: the files could not be read; serving the"
                    + " figures of the last good read");
            err.flush();
            source.ok = false;
            return false;
        }
        served(source, analysis.pools());
        return true;
    }

    /** Reads the cluster through its gateway, as {@code pull} does; a failure keeps the last figures. */
    private void readCluster(Source source) {
        source.reads++;
        String failure;
        try {
            ClusterRead read = source.gateway.read();
            if (read.everyListRefused()) {
                failure = String.join("; ", read.notes());
            } else {
                served(source, WorkspaceAnalysis.of(read.objects()).pools());
                return;
            }
        } catch (ClusterException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = "its objects could not be analysed: " + e.getMessage();
        }
        err.println("warning: " + source.name() + ": " + failure + "; serving the figures of the last good read");
        err.flush();
        source.ok = false;
        source.failing = true;
    }

    private void served(Source source, List<PoolSummary> pools) {
        Instant now = Instant.now();
        List<PoolFigures> figures = new ArrayList<>();
        for (PoolSummary pool : pools) {
            double[] values = new double[GAUGES.size()];
            for (int i = 0; i < values.length; i++) {
                // a float64, as every Prometheus value: exact up to 2^53 addresses
                values[i] = GAUGES.get(i).value().apply(pool).doubleValue();
            }
            Labels labels = Labels.of("kind", pool.kind(), "api_group", pool.manifest().group(),
                    "namespace", pool.namespace(), "name", pool.name());
            if (source.context != null) {
                labels = labels.add("context", source.context);
            }
            String key = source.context + "|" + pool.kind() + "|" + pool.manifest().group() + "|" + pool.namespace()
                    + "|" + pool.name();
            growth.observe(key, now, pool.used());
            figures.add(new PoolFigures(labels, key, values, pool.available(), pool.total()));
        }
        source.pools = List.copyOf(figures);
        source.ok = true;
        source.failing = false;
        Set<String> kept = new HashSet<>();
        sources.forEach(s -> s.pools.forEach(p -> kept.add(p.key())));
        growth.keepOnly(kept);
    }

    /** The figures of every source's last good read, and the run-out time as of now. */
    private MetricSnapshots collect() {
        List<MetricSnapshot> metrics = new ArrayList<>();
        for (int i = 0; i < GAUGES.size(); i++) {
            GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(GAUGES.get(i).name())
                    .help(GAUGES.get(i).help());
            for (Source source : sources) {
                for (PoolFigures pool : source.pools) {
                    builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(pool.values()[i])
                            .labels(pool.labels()).build());
                }
            }
            metrics.add(builder.build());
        }
        Instant now = Instant.now();
        GaugeSnapshot.Builder runOut = GaugeSnapshot.builder().name(RUN_OUT).help(RUN_OUT_HELP);
        for (Source source : sources) {
            for (PoolFigures pool : source.pools) {
                runOut.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(growth.secondsUntilFull(pool.key(), now, pool.free(), pool.total()))
                        .labels(pool.labels()).build());
            }
        }
        metrics.add(runOut.build());
        for (Source source : sources) {
            if (source.context == null) {
                metrics.add(gauge("pooldesk_workspace_read_ok", "1 when the last read of the files succeeded; 0 when"
                        + " the figures are from an earlier read.", Labels.EMPTY, source.ok ? 1 : 0));
                metrics.add(gauge("pooldesk_workspace_reads", "Times the files were read since the start.",
                        Labels.EMPTY, source.reads));
            }
        }
        GaugeSnapshot.Builder clusterOk = GaugeSnapshot.builder().name("pooldesk_cluster_read_ok")
                .help("1 when the last read of the cluster succeeded; 0 when its figures are from an earlier read.");
        GaugeSnapshot.Builder clusterReads = GaugeSnapshot.builder().name("pooldesk_cluster_reads")
                .help("Times the cluster was read since the start: at the start and after each change its live view"
                        + " reported, never per scrape.");
        boolean anyCluster = false;
        for (Source source : sources) {
            if (source.context != null) {
                anyCluster = true;
                Labels context = Labels.of("context", source.context);
                clusterOk.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(source.ok ? 1 : 0)
                        .labels(context).build());
                clusterReads.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(source.reads)
                        .labels(context).build());
            }
        }
        if (anyCluster) {
            metrics.add(clusterOk.build());
            metrics.add(clusterReads.build());
        }
        return new MetricSnapshots(metrics);
    }

    private static MetricSnapshot gauge(String name, String help, Labels labels, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build())
                .build();
    }

    private static BigInteger run(Fragmentation f) {
        return f.longestRun() == null ? BigInteger.ZERO : f.longestRun().size();
    }

    private static BigInteger block(Fragmentation f) {
        return f.largestBlock() == null ? BigInteger.ZERO : f.largestBlock().size();
    }

    static Map<String, String> help() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        GAUGES.forEach(g -> out.put(g.name(), g.help()));
        out.put(RUN_OUT, RUN_OUT_HELP);
        return out;
    }
}
