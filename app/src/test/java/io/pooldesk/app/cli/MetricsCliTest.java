package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.pooldesk.cluster.ClusterKind;
import io.pooldesk.model.manifest.ManifestReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pooldesk metrics} on the demo workspace, scraped over HTTP and parsed by Prometheus's own Python client
 * parser ({@code prometheus_client.parser}, which .ci/run installs): every figure equals {@code pooldesk report}'s CSV.
 */
class MetricsCliTest {
    private static final Path DEMO = Path.of("..", "resources", "demo-workspace");
    private static final Pattern SERVING = Pattern.compile("serving metrics on (http://\\S+/metrics)");

    @TempDir
    Path dir;

    /** A running {@code pooldesk metrics}, stopped by interrupting its thread. */
    private static final class Server implements AutoCloseable {
        final Thread thread;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int[] code = {-1};
        final String url;

        Server(String... args) throws InterruptedException {
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            thread = new Thread(() -> code[0] = Cli.run(args, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), errStream));
            thread.start();
            String found = null;
            for (int i = 0; i < 600 && found == null && thread.isAlive(); i++) {
                Matcher m = SERVING.matcher(err.toString(StandardCharsets.UTF_8));
                if (m.find()) {
                    found = m.group(1);
                } else {
                    Thread.sleep(100);
                }
            }
            url = found;
        }

        String scrape() throws IOException, InterruptedException {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return response.body();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
        }
    }

    @Test
    void aScrapeOfTheDemoWorkspaceParsedByPrometheusEqualsTheReportCsv() throws Exception {
        Map<String, Map<String, String>> csv = csvByPool(DEMO);
        assertFalse(csv.isEmpty());
        try (Server server = new Server("metrics", "--listen", "127.0.0.1:0", DEMO.toString())) {
            assertTrue(server.url != null, server.err.toString(StandardCharsets.UTF_8));
            Map<String, Map<String, Double>> scraped = parsedByPrometheus(server.scrape());
            String[][] columns = {
                    {"pooldesk_pool_size_addresses", "size"}, {"pooldesk_pool_usable_addresses", "total"},
                    {"pooldesk_pool_used_addresses", "used"}, {"pooldesk_pool_free_addresses", "available"},
                    {"pooldesk_pool_history_addresses", "inHistory"}, {"pooldesk_pool_free_runs", "freeRuns"},
                    {"pooldesk_pool_longest_free_run_addresses", "longestFreeRun"}};
            for (Map.Entry<String, Map<String, String>> pool : csv.entrySet()) {
                for (String[] column : columns) {
                    Double value = scraped.getOrDefault(column[0], Map.of()).get(pool.getKey());
                    assertTrue(value != null, column[0] + " has no sample for " + pool.getKey());
                    assertEquals(new BigInteger(pool.getValue().get(column[1])).doubleValue(), value,
                            column[0] + " of " + pool.getKey());
                }
                String block = pool.getValue().get("largestFreeBlock");
                double blockSize = block.isEmpty() ? 0
                        : BigInteger.TWO.pow((block.contains(":") ? 128 : 32)
                        - Integer.parseInt(block.substring(block.indexOf('/') + 1))).doubleValue();
                assertEquals(blockSize, scraped.get("pooldesk_pool_largest_free_block_addresses").get(pool.getKey()),
                        "largest free block of " + pool.getKey());
            }
            assertEquals(csv.size(), scraped.get("pooldesk_pool_used_addresses").size());
            assertEquals(1.0, scraped.get("pooldesk_workspace_read_ok").get(""));
            // one read observes no growth: no pool of the demo runs out at that pace
            assertEquals(csv.keySet(), scraped.get(MetricsCommand.RUN_OUT).keySet());
            scraped.get(MetricsCommand.RUN_OUT).forEach((pool, seconds) ->
                    assertEquals(Double.POSITIVE_INFINITY, seconds, pool));
        }
    }

    @Test
    void aChangedFileIsReadAgainAndABrokenOneKeepsTheLastFigures() throws Exception {
        Path pools = dir.resolve("pools.yaml");
        Files.writeString(pools, pool("10.0.0.0/24"));
        try (Server server = new Server("metrics", "--listen", "127.0.0.1:0", dir.toString())) {
            assertTrue(server.url != null, server.err.toString(StandardCharsets.UTF_8));
            assertTrue(server.scrape().contains("pooldesk_pool_usable_addresses{api_group=\"metallb.io\","
                    + "kind=\"IPAddressPool\",name=\"edge\",namespace=\"metallb-system\"} 256"), server.scrape());
            Files.writeString(pools, pool("10.0.0.0/23"));
            assertTrue(eventually(server, "name=\"edge\",namespace=\"metallb-system\"} 512"), server.scrape());
            Files.writeString(pools, "apiVersion: [unclosed\n");
            assertTrue(eventually(server, "pooldesk_workspace_read_ok 0"), server.scrape());
            assertTrue(server.scrape().contains("name=\"edge\",namespace=\"metallb-system\"} 512"), server.scrape());
        }
    }

    /**
     * The run-out time comes from the used counts metrics observes: one read shows no growth (+Inf); a file that
     * then holds one more address gives a finite time, free over the pace since the first read.
     */
    @Test
    void aPoolThatGrowsBetweenReadsGetsAFiniteRunOutTime() throws Exception {
        Path pools = dir.resolve("pools.yaml");
        Files.writeString(pools, harvester("prod/api"));
        try (Server server = new Server("metrics", "--listen", "127.0.0.1:0", dir.toString())) {
            assertTrue(server.url != null, server.err.toString(StandardCharsets.UTF_8));
            String key = "IPPool|loadbalancer.harvesterhci.io||tight";
            long started = System.nanoTime();
            assertEquals(Double.POSITIVE_INFINITY, parsedByPrometheus(server.scrape()).get(MetricsCommand.RUN_OUT)
                    .get(key));
            Files.writeString(pools, harvester("prod/api", "prod/web"));
            Map<String, Map<String, Double>> grown = eventuallyParsed(server, "pooldesk_pool_used_addresses", key, 2);
            double seconds = grown.get(MetricsCommand.RUN_OUT).get(key);
            double elapsed = (System.nanoTime() - started) / 1e9;
            // 1 free address at one address per (time since the first read): at most that time, more than zero
            assertTrue(seconds > 0 && seconds <= elapsed + 1, seconds + " s, " + elapsed + " s elapsed");
        }
    }

    /**
     * {@code --context} serves a cluster's pools, read through the gateway as {@code pull} reads them, and reads it
     * again when its live view reports a change, never per scrape (fabric8's mock API server, CRUD mode).
     */
    @Test
    void aClusterIsReadAgainWhenItsWatchReportsAChangeNotPerScrape() throws Exception {
        KubernetesMockServer lab = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        lab.init();
        try (KubernetesClient client = lab.createClient()) {
            var pools = client.genericKubernetesResources(ClusterKind.of(
                    ManifestReader.parse("seed", harvester("prod/api")).manifests().get(0)).context());
            pools.resource(resource(client, harvester("prod/api"))).create();
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: lab, cluster: {server: "%s"}}]
                    users: [{name: operator, user: {token: a-token}}]
                    contexts: [{name: lab, context: {cluster: lab, user: operator}}]
                    current-context: lab
                    """.formatted(client.getMasterUrl()));
            try (Server server = new Server("metrics", "--listen", "127.0.0.1:0", "--context", "lab",
                    "--kubeconfig", kubeconfig.toString(), "--request-timeout", "10s")) {
                assertTrue(server.url != null, server.err.toString(StandardCharsets.UTF_8));
                String key = "lab/IPPool|loadbalancer.harvesterhci.io||tight";
                Map<String, Map<String, Double>> first = eventuallyParsed(server, "pooldesk_pool_used_addresses",
                        key, 1);
                assertEquals(3.0, first.get("pooldesk_pool_usable_addresses").get(key));
                assertEquals(1.0, first.get("pooldesk_cluster_read_ok").get("lab"));
                assertEquals(Double.POSITIVE_INFINITY, first.get(MetricsCommand.RUN_OUT).get(key));
                // the watch settles (its first lists may report changes); then scrapes read nothing
                double reads = -1;
                for (int steady = 0, i = 0; steady < 3 && i < 60; i++) {
                    Thread.sleep(1000);
                    double now = parsedByPrometheus(server.scrape()).get("pooldesk_cluster_reads").get("lab");
                    steady = now == reads ? steady + 1 : 0;
                    reads = now;
                }
                for (int i = 0; i < 5; i++) {
                    assertEquals(reads, parsedByPrometheus(server.scrape()).get("pooldesk_cluster_reads").get("lab"));
                }

                pools.resource(resource(client, harvester("prod/api", "prod/web"))).update();
                Map<String, Map<String, Double>> grown = eventuallyParsed(server, "pooldesk_pool_used_addresses",
                        key, 2);
                assertTrue(grown.get("pooldesk_cluster_reads").get("lab") > reads, grown.toString());
                double seconds = grown.get(MetricsCommand.RUN_OUT).get(key);
                assertTrue(seconds > 0 && !Double.isInfinite(seconds), seconds + " s");
            }
        } finally {
            lab.destroy();
        }
    }

    private static GenericKubernetesResource resource(KubernetesClient client, String yaml) {
        return client.getKubernetesSerialization().convertValue(
                ManifestReader.parse("seed", yaml).manifests().get(0).object(), GenericKubernetesResource.class);
    }

    /** FILEs became optional with --context: with neither there is nothing to serve, and a context is named once. */
    @Test
    void neitherAFileNorAContextOrAContextGivenTwiceExitsTwo() {
        CliContractTest.Run none = CliContractTest.run("metrics", "--listen", "127.0.0.1:0");
        assertEquals(2, none.code(), none.all());
        assertTrue(none.err().contains("name a FILE or a --context to serve"), none.err());
        CliContractTest.Run twice = CliContractTest.run("metrics", "--listen", "127.0.0.1:0", "--context", "lab",
                "--context", "lab");
        assertEquals(2, twice.code(), twice.all());
        assertTrue(twice.err().contains("a --context is given twice"), twice.err());
    }

    @Test
    void aListenAddressThatIsNotHostAndPortExitsTwo() {
        CliContractTest.Run run = CliContractTest.run("metrics", "--listen", "nowhere", DEMO.toString());
        assertEquals(2, run.code(), run.all());
        assertTrue(run.err().contains("--listen nowhere: expected HOST:PORT"), run.err());
    }

    /** The scrape, parsed, once {@code metric} of {@code pool} reads {@code value}; fails after 30 s. */
    private static Map<String, Map<String, Double>> eventuallyParsed(Server server, String metric, String pool,
                                                                     double value) throws Exception {
        Map<String, Map<String, Double>> parsed = Map.of();
        for (int i = 0; i < 300; i++) {
            parsed = parsedByPrometheus(server.scrape());
            if (Double.valueOf(value).equals(parsed.getOrDefault(metric, Map.of()).get(pool))) {
                return parsed;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(metric + " of " + pool + " never read " + value + ": " + parsed.get(metric));
    }

    private static boolean eventually(Server server, String text) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (server.scrape().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String harvester(String... holders) {
        StringBuilder allocated = new StringBuilder();
        for (int i = 0; i < holders.length; i++) {
            allocated.append(i == 0 ? "" : ", ").append("10.10.0.").append(10 + i).append(": ").append(holders[i]);
        }
        return """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: tight}
                spec:
                  ranges: [{subnet: 10.10.0.0/24, rangeStart: 10.10.0.10, rangeEnd: 10.10.0.12}]
                  selector: {scope: [{namespace: prod}]}
                status:
                  allocated: {%s}
                """.formatted(allocated);
    }

    private static String pool(String cidr) {
        return "apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: edge, namespace: metallb-system}\n"
                + "spec: {addresses: [" + cidr + "]}\n";
    }

    private static Map<String, Map<String, String>> csvByPool(Path workspace) {
        CliContractTest.Run run = CliContractTest.run("report", workspace.toString());
        assertEquals(0, run.code(), run.all());
        List<String> lines = run.out().lines().toList();
        List<String> header = cells(lines.get(0));
        Map<String, Map<String, String>> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            out.put(row.get("kind") + "|" + row.get("apiGroup") + "|" + row.get("namespace") + "|" + row.get("name"),
                    row);
        }
        return out;
    }

    /** One CSV line (RFC 4180 quoting, as UtilisationCsv writes it). */
    private static List<String> cells(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /** Metric name to pool key to value, as Prometheus's Python parser reads the text. */
    private static Map<String, Map<String, Double>> parsedByPrometheus(String text) throws Exception {
        String script = """
                import json, sys
                from prometheus_client.parser import text_string_to_metric_families
                out = []
                for family in text_string_to_metric_families(sys.stdin.read()):
                    for s in family.samples:
                        out.append({"name": s.name, "labels": s.labels, "value": s.value})
                print(json.dumps(out))
                """;
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", script).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return Map.of();
        }
        try (var in = python.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String json = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = python.waitFor();
        if (errors.contains("No module named 'prometheus_client'") && System.getenv("POOLDESK_REQUIRE_PROM_PARSER")
                == null) {
            Assumptions.abort("prometheus_client is not installed (pip install prometheus-client==0.26.0;"
                    + " .ci/run does)");
        }
        assertEquals(0, code, "Prometheus's parser refused the scrape: " + errors + "\n" + text);
        Map<String, Map<String, Double>> out = new HashMap<>();
        // Python writes +Inf as Infinity, which JSON itself has no word for
        ObjectMapper mapper = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build());
        for (JsonNode sample : mapper.readTree(json)) {
            JsonNode l = sample.path("labels");
            String key = l.has("kind") ? (l.has("context") ? l.path("context").asText() + "/" : "")
                    + l.path("kind").asText() + "|" + l.path("api_group").asText() + "|"
                    + l.path("namespace").asText() + "|" + l.path("name").asText()
                    : l.has("context") ? l.path("context").asText() : "";
            out.computeIfAbsent(sample.path("name").asText(), n -> new HashMap<>())
                    .put(key, sample.path("value").asDouble());
        }
        return out;
    }
}
