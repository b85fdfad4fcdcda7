package io.pooldesk.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pooldesk.model.conversion.ConversionResult;
import io.pooldesk.model.conversion.Converter;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.manifest.Yaml;
import io.pooldesk.model.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Pooldesk writes is what the real CRD schemas accept: every example workspace object of a kind Pooldesk
 * applies, and the output of {@code pooldesk convert} to each of the five kinds, applied to the real server.
 */
@ExtendWith(RealApiServer.class)
class RealServerSchemaTest {
    private static final Path EXAMPLES = Path.of("..", "resources", "examples");

    private static List<Manifest> examples() throws IOException {
        List<Manifest> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                all.addAll(ManifestReader.parse(file.toString(), Files.readString(file)).manifests());
            }
        }
        return all;
    }

    private static void assertAccepted(List<ObjectOutcome> outcomes, ObjectOutcome.Result... expected) {
        List<ObjectOutcome.Result> accepted = List.of(expected);
        List<String> refused = outcomes.stream().filter(o -> !accepted.contains(o.result()))
                .map(ObjectOutcome::toString).toList();
        assertTrue(refused.isEmpty(), "refused by the real server:\n" + String.join("\n", refused));
    }

    /**
     * The server's answer to a create of {@code object} with {@code fieldValidation=Strict} as a dry-run: empty when
     * accepted, else its message. Without Strict a server drops unknown fields silently (pruning).
     */
    static String strictDryRun(KubernetesClient admin, Manifest object) throws Exception {
        ClusterKind kind = ClusterKind.of(object);
        String namespace = kind.namespaced() ? (object.namespace().isEmpty() ? "default" : object.namespace()) : "";
        String url = admin.getMasterUrl().toString().replaceAll("/$", "") + "/apis/" + kind.apiVersion()
                + (namespace.isEmpty() ? "" : "/namespaces/" + namespace) + "/" + kind.plural()
                + "?dryRun=All&fieldValidation=Strict";
        var http = admin.getHttpClient();
        var response = http.sendAsync(http.newHttpRequestBuilder().uri(url)
                .post("application/json", Yaml.json().writeValueAsString(object.object())).build(), String.class)
                .join();
        return response.code() == 201 ? "" : response.code() + " " + response.body();
    }

    @Test
    void everyExampleObjectPooldeskAppliesPassesTheServersDryRun(RealApiServer.Server server) throws Exception {
        List<Manifest> examples = examples();
        List<String> kinds = examples.stream().filter(m -> ClusterKind.of(m) != null).map(Manifest::kind).distinct()
                .toList();
        assertTrue(kinds.containsAll(List.of("IPPool", "IPAddressPool", "Eip", "ProxyIPPool")), kinds.toString());
        try (ClusterGateway gateway = new ClusterGateway(server.admin())) {
            List<ObjectOutcome> outcomes = gateway.apply(examples, true, o -> { });
            assertAccepted(outcomes, ObjectOutcome.Result.WOULD_CREATE, ObjectOutcome.Result.WOULD_UPDATE,
                    ObjectOutcome.Result.UNCHANGED);
            assertEquals(examples.stream().filter(m -> ClusterKind.of(m) != null).count(), outcomes.size());
        }
    }

    static List<String> systems() {
        return PoolSystems.ids();
    }

    @ParameterizedTest
    @MethodSource("systems")
    void convertOutputIsCreatedByTheRealServer(String system, RealApiServer.Server server) throws Exception {
        PoolSystem target = PoolSystems.byId(system).orElseThrow();
        ConversionResult converted = Converter.convert(examples(), target);
        assertTrue(converted.errors().isEmpty(), converted.errors().toString());
        // as `pooldesk convert` prints it, read back as `pooldesk apply` reads a file
        // named apart from the examples and from earlier runs on the same server
        String suffix = "-to-" + system + "-" + ProcessHandle.current().pid();
        converted.objects().forEach(o -> o.with("metadata").put("name",
                o.path("metadata").path("name").asText() + suffix));
        String yaml = Workspace.render(converted.objects());
        List<Manifest> pools = ManifestReader.parse("converted-" + system + ".yaml", yaml).manifests();
        assertTrue(pools.size() >= 5, "converted " + pools.size() + " pools");
        try (KubernetesClient admin = server.admin()) {
            for (Manifest pool : pools) {
                assertEquals("", strictDryRun(admin, pool), "the server keeps every field of " + pool.kind() + "/"
                        + pool.name() + " as Pooldesk wrote it");
            }
        }
        try (ClusterGateway gateway = new ClusterGateway(server.admin())) {
            // created, or unchanged when a server started by hand already holds them from an earlier run
            assertAccepted(gateway.apply(pools, false, o -> { }), ObjectOutcome.Result.CREATED,
                    ObjectOutcome.Result.UNCHANGED, ObjectOutcome.Result.UPDATED);
            List<String> inCluster = gateway.read().objects().stream().map(Manifest::name).toList();
            assertTrue(pools.stream().allMatch(p -> inCluster.contains(p.name())), inCluster.toString());
        }
    }
}
