package io.pooldesk.app.cli;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code pooldesk metrics}: serves each pool's figures in Prometheus's text format, the same figures as
 * {@code pooldesk report}'s CSV. They are computed when the files change (checked every few seconds), never per
 * scrape; a read that fails keeps the last figures and says so in {@code pooldesk_workspace_read_ok}.
 */
final class MetricsCommand {
    private static final long CHECK_MILLIS = 2000;

    private record Gauge(String name, String help, Function<PoolSummary, BigInteger> value) {
    }

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

    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;
    private final AtomicReference<MetricSnapshots> current = new AtomicReference<>(MetricSnapshots.of());
    private volatile boolean lastReadOk;
    private volatile long reads;

    MetricsCommand(InputStream stdin, PrintWriter out, PrintWriter err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    int run(String listen, List<String> files) {
        if (files.contains("-")) {
            err.println("error: metrics re-reads its files when they change; standard input cannot be re-read");
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
        if (!read(files, true)) {
            return Cli.UNREADABLE;
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) current::get);
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
            String seen = stamp(files);
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(CHECK_MILLIS);
                String now = stamp(files);
                if (!now.equals(seen)) {
                    seen = now;
                    read(files, false);
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

    private boolean read(List<String> files, boolean first) {
        reads++;
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
            lastReadOk = false;
            if (!first) {
                current.set(withWorkspace(current.get()));
            }
            return false;
        }
        lastReadOk = true;
        current.set(withWorkspace(snapshots(analysis.pools())));
        return true;
    }

    static MetricSnapshots snapshots(List<PoolSummary> pools) {
        List<MetricSnapshot> metrics = new ArrayList<>();
        for (Gauge gauge : GAUGES) {
            GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(gauge.name()).help(gauge.help());
            for (PoolSummary pool : pools) {
                builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        // a float64, as every Prometheus value: exact up to 2^53 addresses
                        .value(gauge.value().apply(pool).doubleValue())
                        .labels(Labels.of("kind", pool.kind(), "api_group", pool.manifest().group(),
                                "namespace", pool.namespace(), "name", pool.name()))
                        .build());
            }
            metrics.add(builder.build());
        }
        return new MetricSnapshots(metrics);
    }

    private MetricSnapshots withWorkspace(MetricSnapshots pools) {
        List<MetricSnapshot> metrics = new ArrayList<>();
        pools.forEach(m -> {
            if (!m.getMetadata().getPrometheusName().startsWith("pooldesk_workspace_")) {
                metrics.add(m);
            }
        });
        metrics.add(GaugeSnapshot.builder().name("pooldesk_workspace_read_ok")
                .help("1 when the last read of the files succeeded; 0 when the figures are from an earlier read.")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(lastReadOk ? 1 : 0).build())
                .build());
        metrics.add(GaugeSnapshot.builder().name("pooldesk_workspace_reads")
                .help("Times the files were read since the start.")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(reads).build())
                .build());
        return new MetricSnapshots(metrics);
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
        return out;
    }
}
