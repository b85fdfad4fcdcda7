package io.pooldesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line contract of ../shared/spec/README.md: exit codes, outputs, and messages that name things. */
class CliContractTest {
    static final Path EXAMPLES = Path.of("..", "resources", "examples");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run runWithStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return runWithStdin("", args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static void assertNoStackTrace(Run run) {
        assertFalse(run.all().contains("Exception"), run.all());
        assertFalse(run.all().matches("(?s).*\\n\\s+at [a-z]+\\..*"), run.all());
    }

    private static final String POOL = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: %s}
            spec:
              ranges: [{subnet: %s}]
              selector:
                scope: [{project: "*", namespace: "%s", guestCluster: "*"}]
            """;

    @Test
    void simulateGivesTheRecreatedLoadBalancerItsAddressFromHistory() throws Exception {
        Run run = run("simulate", "--output", "json", EXAMPLES.resolve("harvester-lb-ippool-with-status.yaml").toString());
        assertEquals(0, run.code(), run.all());
        JsonNode report = new ObjectMapper().readTree(run.out());
        JsonNode allocation = report.get("allocations").get(0);
        assertEquals("LoadBalancer/default/rke2-default-lb-pool-2fab9ac0", allocation.get("request").asText());
        assertEquals("rke2-default-lb-pool", allocation.get("pool").asText());
        assertEquals("192.168.178.8", allocation.get("address").asText());
        assertEquals(2, report.get("pools").get(0).get("used").asInt());
    }

    @Test
    void validateAcceptsTheDocumentationPools() {
        Run run = run("validate", EXAMPLES.resolve("harvester-lb-ippools.yaml").toString());
        assertEquals(0, run.code(), run.all());
    }

    @Test
    void validateNamesFileDocumentPoolAndFieldOfEachProblem() throws IOException {
        Path file = write("globals.yaml", POOL.formatted("first", "10.0.0.0/24", "*") + "---\n"
                + POOL.formatted("second", "10.0.1.0/24", "*") + "---\n"
                + POOL.formatted("third", "10.0.0.128/25", "team"));
        Run run = run("validate", file.toString());
        assertEquals(1, run.code(), run.all());
        String[] errors = run.err().lines().filter(l -> l.startsWith("error:")).toArray(String[]::new);
        assertEquals(2, errors.length, run.err());
        assertTrue(errors[0].contains(file + ": document 2 (IPPool/second): spec.selector.scope: "), errors[0]);
        assertTrue(errors[0].contains("there is already a global IP pool: first"), errors[0]);
        assertTrue(errors[1].contains("document 3 (IPPool/third): spec.ranges[0]: "), errors[1]);
        assertTrue(errors[1].contains("overlap with other pools: pool first"), errors[1]);
    }

    @Test
    void malformedYamlExitsTwoWithALineAndNoStackTrace() throws IOException {
        Path file = write("broken.yaml", "apiVersion: v1\nkind: [unclosed\n");
        Run run = run("validate", file.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains(file + ": document 1: not valid YAML"), run.err());
        assertNoStackTrace(run);
        assertEquals(2, run("simulate", file.toString()).code());
    }

    @Test
    void missingFileExitsTwo() {
        Run run = run("validate", dir.resolve("nope.yaml").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("nope.yaml: no such file or folder"), run.err());
    }

    @Test
    void unknownKindsAreSkippedWithAWarning() throws IOException {
        Path file = write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        Run run = run("validate", file.toString());
        assertEquals(0, run.code(), run.all());
        assertTrue(run.err().contains("warning: " + file + ": document 1 (ConfigMap/x): kind ConfigMap"), run.err());
    }

    @Test
    void invalidCidrIsInvalidInputNamingTheField() throws IOException {
        Path file = write("cidr.yaml", POOL.formatted("bad", "192.168.300.0/24", "default"));
        Run run = run("validate", file.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("(IPPool/bad): spec.ranges[0].subnet: can't create IP pool bad because invalid"
                + " CIDR address: 192.168.300.0/24"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void ipv6SlashZeroIsRefusedWithTheExactCountAndNoStackTrace() throws IOException {
        Path file = write("huge.yaml", POOL.formatted("huge", "\"::/0\"", "default"));
        Run validate = run("validate", file.toString());
        assertEquals(1, validate.code(), validate.all());
        assertTrue(validate.err().contains("(IPPool/huge): spec.ranges: "), validate.err());
        assertTrue(validate.err().contains("340282366920938463463374607431768211454"), validate.err());
        assertNoStackTrace(validate);
        Run simulate = run("simulate", "-o", "json", file.toString());
        assertEquals(0, simulate.code(), simulate.all());
        assertTrue(simulate.out().contains("\"total\": \"340282366920938463463374607431768211454\""), simulate.out());
    }

    @Test
    void wrongTypesNameTheField() throws IOException {
        Path file = write("types.yaml", """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: typed}
                spec:
                  ranges: {subnet: 10.0.0.0/24}
                """);
        Run run = run("validate", file.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("(IPPool/typed): spec.ranges: must be a list, found a mapping"), run.err());
    }

    @Test
    void readsStandardInput() {
        Run run = runWithStdin(POOL.formatted("piped", "10.0.0.0/24", "default"), "validate", "-");
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("1 object checked: valid"), run.out());
    }

    @Test
    void folderArgumentsReadYamlFilesByName() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("ws"));
        Files.writeString(folder.resolve("b-lb.yml"), """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata: {name: web, namespace: team}
                spec: {ipam: pool}
                """);
        Files.writeString(folder.resolve("a-pool.yaml"), POOL.formatted("team-pool", "10.0.0.0/24", "team"));
        Files.writeString(folder.resolve("notes.txt"), "not yaml: [");
        Run run = run("simulate", "--output", "yaml", folder.toString());
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("address: 10.0.0.2"), run.out());
    }

    @Test
    void unservedRequestExitsOne() throws IOException {
        Path file = write("pending.yaml", POOL.formatted("team-pool", "10.0.0.0/24", "team") + """
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata: {name: web, namespace: prod}
                spec: {ipam: pool}
                """);
        Run run = run("simulate", file.toString());
        assertEquals(1, run.code(), run.all());
        assertTrue(run.out().contains("no IP pool matches network \"\", project \"\", namespace prod"), run.out());
    }

    @Test
    void unservedRequestsCarryNullPoolAndAddressAndNameThePoolInWords() throws IOException {
        Path file = write("full.yaml", POOL.formatted("tiny", "10.9.9.9/32", "team") + """
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata: {name: first, namespace: team}
                spec: {ipam: pool}
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata: {name: second, namespace: team}
                spec: {ipam: pool}
                """);
        Run run = run("simulate", "--output", "json", file.toString());
        assertEquals(1, run.code(), run.all());
        JsonNode second = new ObjectMapper().readTree(run.out()).get("allocations").get(1);
        assertTrue(second.get("pool").isNull(), second.toString());
        assertTrue(second.get("address").isNull(), second.toString());
        assertTrue(second.get("error").asText().contains("pool tiny is exhausted"), second.toString());
    }

    @Test
    void scenarioFilesAreReadBesideTheScenario() throws IOException {
        write("pool.yaml", POOL.formatted("team-pool", "10.0.0.0/24", "team"));
        write("lb.yaml", """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: LoadBalancer
                metadata: {name: lb-a, namespace: team}
                spec: {ipam: pool}
                """);
        Path scenario = write("scenario.yaml", """
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: drill}
                steps:
                  - create: {file: pool.yaml}
                  - create: {file: lb.yaml}
                  - delete: {kind: LoadBalancer, namespace: team, name: lb-a}
                  - create: {file: lb.yaml}
                """);
        Run run = run("simulate", "-o", "json", scenario.toString());
        assertEquals(0, run.code(), run.all());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("10.0.0.2", report.get("allocations").get(1).get("address").asText(), "history gives it back");
        assertEquals("10.0.0.2", report.get("released").get(0).get("address").asText());
    }

    @Test
    void brokenScenarioIsUnreadableInput() throws IOException {
        Path scenario = write("scenario.yaml", """
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: drill}
                steps:
                  - repeat: {count: lots, namePrefix: web-, create: {file: nothere.yaml}}
                """);
        Run run = run("simulate", scenario.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("(Scenario/drill): steps[0].repeat.count: must be a whole number"), run.err());
    }

    @Test
    void wrongArgumentsExitTwo() {
        assertEquals(2, run("simulate", "--output", "xml", "x.yaml").code());
        assertEquals(2, run("validate").code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(0, run("--help").code());
    }
}
