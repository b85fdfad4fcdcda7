package io.pooldesk.cluster;

import io.pooldesk.cluster.testing.FakeApiServer;
import io.pooldesk.cluster.testing.Kubeconfigs;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is written to a cluster, against a loopback fake that loses answers, resets, trickles and talks garbage: a
 * write is sent once, a lost answer is read back and reported as it is, and every request meets its deadline.
 */
class ClusterWritesTest {
    private static final String POOLS = "/apis/loadbalancer.harvesterhci.io/v1beta1/ippools";
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private FakeApiServer server;
    private ClusterGateway gateway;

    @BeforeEach
    void start() throws Exception {
        server = new FakeApiServer();
        gateway = ClusterGateway.connect(Kubeconfig.of(Kubeconfigs.write(dir, server.url(),
                "token: writes-token-123456")), null, DEADLINE);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        server.close();
    }

    private static String pool(String name, String subnet) {
        return """
                ---
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: %s}
                spec: {ranges: [{subnet: %s}]}
                """.formatted(name, subnet);
    }

    private static List<Manifest> workspace(String yaml) {
        return ManifestReader.parse("workspace.yaml", yaml).manifests();
    }

    private void inCluster(String name, String subnet) throws Exception {
        server.put(POOLS, """
                {"apiVersion": "loadbalancer.harvesterhci.io/v1beta1", "kind": "IPPool",
                 "metadata": {"name": "%s"}, "spec": {"ranges": [{"subnet": "%s"}]}}""".formatted(name, subnet));
    }

    private static boolean realWrite(FakeApiServer.Request r, String method, String name) {
        return r.method().equals(method) && !r.isDryRun() && r.path().startsWith(POOLS + (name == null ? "" : "/"
                + name));
    }

    @Test
    void aCommittedUpdateWhoseAnswerIsLostIsReadBackAsWrittenNotResentNorCalledAConflict() throws Exception {
        inCluster("a", "10.0.0.0/24");
        server.when(r -> realWrite(r, "PUT", "a"), FakeApiServer.commitThenReset(), true);
        List<ObjectOutcome> outcomes = gateway.apply(workspace(pool("a", "10.0.9.0/24") + pool("b", "10.1.0.0/24")),
                false, o -> { });
        assertEquals(ObjectOutcome.Result.UPDATED, outcomes.get(0).result(), outcomes.toString());
        assertTrue(outcomes.get(0).message().contains("the answer was lost; read back"), outcomes.get(0).message());
        assertEquals(ObjectOutcome.Result.NOT_ATTEMPTED, outcomes.get(1).result(), "nothing more after a lost answer");
        assertEquals(List.of("PUT " + POOLS + "/a?fieldValidation=Strict&dryRun=All", "POST " + POOLS + "?fieldValidation=Strict&dryRun=All", "PUT " + POOLS + "/a?fieldValidation=Strict"),
                server.writes(), "the write was sent once");
    }

    @Test
    void aCreateWhoseConnectionIsResetBeforeItIsDoneIsReadBackAsNotWritten() throws Exception {
        server.when(r -> realWrite(r, "POST", null), FakeApiServer.reset(), true);
        List<ObjectOutcome> outcomes = gateway.apply(workspace(pool("a", "10.0.0.0/24")), false, o -> { });
        assertEquals(ObjectOutcome.Result.FAILED, outcomes.get(0).result(), outcomes.toString());
        assertTrue(outcomes.get(0).message().startsWith("not written: the connection to the cluster at "
                + server.url() + " was lost during create"), outcomes.get(0).message());
        assertEquals(1, server.writes().stream().filter(w -> w.equals("POST " + POOLS + "?fieldValidation=Strict")).count());
    }

    @Test
    void aLostWriteThatSomeoneElseChangedIsUnknownWithWhatWasFound() throws Exception {
        inCluster("a", "10.0.0.0/24");
        server.when(r -> realWrite(r, "PUT", "a"), (fake, request, socket) -> {
            fake.put(POOLS, """
                    {"apiVersion": "loadbalancer.harvesterhci.io/v1beta1", "kind": "IPPool",
                     "metadata": {"name": "a"}, "spec": {"ranges": [{"subnet": "10.7.0.0/24"}]}}""");
            socket.setSoLinger(true, 0);
            socket.close();
        }, true);
        List<ObjectOutcome> outcomes = gateway.apply(workspace(pool("a", "10.0.9.0/24")), false, o -> { });
        assertEquals(ObjectOutcome.Result.UNKNOWN, outcomes.get(0).result(), outcomes.toString());
        assertTrue(outcomes.get(0).message().contains("spec.ranges[0].subnet: 10.7.0.0/24 -> 10.0.9.0/24"),
                outcomes.get(0).message());
        assertThrows(ClusterException.class, () -> gateway.apply(workspace(pool("b", "10.1.0.0/24")), false, o -> { }),
                "nothing more is written through a gateway whose connection was lost");
    }

    @Test
    void aTrickledAnswerMeetsTheDeadlineInsteadOfHangingDiffOrPull() throws Exception {
        inCluster("a", "10.0.0.0/24");
        server.when(r -> r.method().equals("GET"), FakeApiServer.trickle(300));
        long start = System.nanoTime();
        ClusterException diff = assertThrows(ClusterException.class,
                () -> gateway.diff(workspace(pool("a", "10.0.0.0/24"))));
        assertEquals("the cluster at " + server.url() + " did not answer get ippools.loadbalancer.harvesterhci.io"
                + " within 5 s", diff.getMessage());
        ClusterException pull = assertThrows(ClusterException.class, () -> gateway.pull(dir.resolve("pulled")));
        assertTrue(pull.getMessage().contains("did not answer list"), pull.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "two deadlines, not a hang");
        assertFalse(Files.exists(dir.resolve("pulled")), "nothing written");
    }

    @Test
    void garbageIsNamedAsGarbageAndAClosedPortAsUnreachable() throws Exception {
        server.when(r -> r.method().equals("GET"), FakeApiServer.garbage("<html>proxy error</html>"));
        ClusterException garbage = assertThrows(ClusterException.class,
                () -> gateway.diff(workspace(pool("a", "10.0.0.0/24"))));
        assertEquals("the cluster at " + server.url() + " answered get ippools.loadbalancer.harvesterhci.io with"
                + " something that is not a Kubernetes object (not JSON)", garbage.getMessage());

        String closed = server.url();
        server.close();
        try (ClusterGateway nobody = ClusterGateway.connect(Kubeconfig.of(Kubeconfigs.write(dir, closed,
                "token: writes-token-123456")), null, DEADLINE)) {
            ClusterException unreachable = assertThrows(ClusterException.class,
                    () -> nobody.diff(workspace(pool("a", "10.0.0.0/24"))));
            assertTrue(unreachable.getMessage().startsWith("cannot reach the cluster at " + closed),
                    unreachable.getMessage());
        }
    }

    @Test
    void aNameWithASlashOrDotsOrNoNameNeverReachesARequest() {
        for (String name : List.of("../../api/v1/secrets", "..", "a/b", "")) {
            String yaml = name.isEmpty() ? pool("x", "10.0.0.0/24").replace("{name: x}", "{}")
                    : pool("'" + name + "'", "10.0.0.0/24");
            ClusterException e = assertThrows(ClusterException.class, () -> gateway.diff(workspace(
                    pool("fine", "10.1.0.0/24") + yaml)));
            assertTrue(e.badInput(), e.getMessage());
            assertTrue(e.getMessage().startsWith("workspace.yaml: document 2 (IPPool/"), e.getMessage());
            assertTrue(e.getMessage().contains(": metadata.name: "), e.getMessage());
        }
        assertEquals(List.of(), server.requests(), "checked before the first request");
    }

    @Test
    void pullWritesOnlyIntoANewOrEmptyFolderOrItsOwnAndSaysWhatChanged() throws Exception {
        inCluster("a", "10.0.0.0/24");
        inCluster("b", "10.1.0.0/24");
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.yaml"), "# mine\n");
        ClusterException refused = assertThrows(ClusterException.class, () -> gateway.pull(mine));
        assertTrue(refused.getMessage().contains("is not empty and Pooldesk did not pull into it before"),
                refused.getMessage());
        assertEquals("# mine\n", Files.readString(mine.resolve("notes.yaml")));

        Path folder = dir.resolve("pulled");
        PulledFolder.Report first = gateway.pull(folder);
        assertTrue(first.first());
        Path file = folder.resolve("ippool-loadbalancer-harvesterhci-io.yaml");
        assertTrue(Files.readString(file).contains("10.1.0.0/24"));

        inCluster("b", "10.1.9.0/24");
        inCluster("c", "10.2.0.0/24");
        PulledFolder.Report second = gateway.pull(folder);
        assertEquals(List.of("~ IPPool/b", "+ IPPool/c"), second.changes());

        Files.writeString(file, Files.readString(file) + "# my comment\n");
        ClusterException edited = assertThrows(ClusterException.class, () -> gateway.pull(folder));
        assertTrue(edited.getMessage().endsWith("was changed since the last pull: move it away, or pull into a new"
                + " folder; nothing was written"), edited.getMessage());
        assertTrue(Files.readString(file).endsWith("# my comment\n"), "the operator's edit survives");
    }

    @Test
    void pullFileNamesComeFromPooldesksKindsNotFromTheServer() throws Exception {
        server.put(POOLS, """
                {"apiVersion": "../../../escape/v1", "kind": "../../../../tmp/Owned",
                 "metadata": {"name": "a"}, "spec": {"ranges": [{"subnet": "10.0.0.0/24"}]}}""");
        Path folder = dir.resolve("pulled");
        gateway.pull(folder);
        try (var files = Files.list(folder)) {
            assertEquals(List.of(".pooldesk-pull", "ippool-loadbalancer-harvesterhci-io.yaml"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(folder.resolve("ippool-loadbalancer-harvesterhci-io.yaml"))
                .contains("kind: IPPool"));
    }

    @Test
    void pullOfAnObjectWithoutANameIsBadInputNamingIt() throws Exception {
        server.put(POOLS, """
                {"apiVersion": "loadbalancer.harvesterhci.io/v1beta1", "kind": "IPPool", "metadata": {"name": "x"}}""");
        server.when(r -> r.method().equals("GET") && r.path().startsWith(POOLS), FakeApiServer.json(200, """
                {"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "loadbalancer.harvesterhci.io/v1beta1",
                 "kind": "IPPool", "metadata": {}}]}"""));
        ClusterException e = assertThrows(ClusterException.class, () -> gateway.pull(dir.resolve("pulled")));
        assertTrue(e.badInput());
        assertEquals("the cluster's list of ippools.loadbalancer.harvesterhci.io holds an object (item 1) whose"
                + " metadata.name is missing: every object needs a name; nothing was saved", e.getMessage());
    }

    @Test
    void pullFailsWhenEveryListIsRefused() {
        server.when(r -> r.method().equals("GET"), FakeApiServer.status(403, "forbidden"));
        ClusterException e = assertThrows(ClusterException.class, () -> gateway.pull(dir.resolve("pulled")));
        assertFalse(e.badInput());
        assertTrue(e.getMessage().startsWith("the cluster refused every list"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("pulled")));
    }
}
