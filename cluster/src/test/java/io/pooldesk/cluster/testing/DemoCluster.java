package io.pooldesk.cluster.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.pooldesk.cluster.ClusterKind;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.manifest.Yaml;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * fabric8's mock API server (CRUD mode, loopback only) holding the objects of the given YAML files, for the
 * screenshot of a live cluster workspace: {@code DemoCluster KUBECONFIG-OUT FILE...} writes a kubeconfig with the
 * context {@code demo-cluster} (or {@code -Dpooldesk.demo.context=NAME}), then serves until killed.
 */
public final class DemoCluster {
    private DemoCluster() {
    }

    public static void main(String[] args) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        int created = 0;
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            for (Manifest m : ManifestReader.parse(file.toString(), Files.readString(file)).manifests()) {
                ClusterKind kind = ClusterKind.WATCHED.stream().filter(k -> k.group().equals(m.group())
                        && k.kind().equals(m.kind())).findFirst().orElse(null);
                if (kind == null) {
                    continue;
                }
                GenericKubernetesResource object = client.getKubernetesSerialization().convertValue(
                        Yaml.json().treeToValue(m.object(), java.util.Map.class), GenericKubernetesResource.class);
                if (kind.namespaced()) {
                    String namespace = m.namespace().isEmpty() ? "default" : m.namespace();
                    client.genericKubernetesResources(kind.context()).inNamespace(namespace).resource(object).create();
                } else {
                    client.genericKubernetesResources(kind.context()).resource(object).create();
                }
                created++;
            }
        }
        String context = System.getProperty("pooldesk.demo.context", "demo-cluster");
        Files.writeString(Path.of(args[0]), """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: %1$s
                    cluster: {server: "%2$s"}
                users:
                  - name: %1$s
                    user: {token: demo}
                contexts:
                  - name: %1$s
                    context: {cluster: %1$s, user: %1$s}
                current-context: %1$s
                """.formatted(context, client.getMasterUrl()));
        System.out.println("demo cluster at " + client.getMasterUrl() + " with " + created + " object(s)");
        Thread.currentThread().join();
    }
}
