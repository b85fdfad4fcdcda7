package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Test
    void aListenAddressThatIsNotHostAndPortExitsTwo() {
        CliContractTest.Run run = CliContractTest.run("metrics", "--listen", "nowhere", DEMO.toString());
        assertEquals(2, run.code(), run.all());
        assertTrue(run.err().contains("--listen nowhere: expected HOST:PORT"), run.err());
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
        for (JsonNode sample : new ObjectMapper().readTree(json)) {
            JsonNode l = sample.path("labels");
            String key = l.has("kind") ? l.path("kind").asText() + "|" + l.path("api_group").asText() + "|"
                    + l.path("namespace").asText() + "|" + l.path("name").asText() : "";
            out.computeIfAbsent(sample.path("name").asText(), n -> new HashMap<>())
                    .put(key, sample.path("value").asDouble());
        }
        return out;
    }
}
