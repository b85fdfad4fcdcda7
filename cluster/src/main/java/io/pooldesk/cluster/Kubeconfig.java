package io.pooldesk.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubeconfig files, merged as kubectl merges them: {@code --kubeconfig FILE}, else every file of {@code KUBECONFIG}
 * (the first file to name a context, cluster or user wins; the first current-context wins), else
 * {@code ~/.kube/config}. It alone decides the server, the credentials and TLS: the client library's own environment
 * variables and system properties ({@code KUBERNETES_MASTER}, {@code kubernetes.auth.token}, ...) are never read.
 *
 * <p>Every message names the file and the entry, never a value read from it: a kubeconfig holds secrets.
 */
public final class Kubeconfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Entry(Path file, JsonNode body) {
    }

    private final List<Path> files;
    private final Map<String, Entry> contexts = new LinkedHashMap<>();
    private final Map<String, Entry> clusters = new LinkedHashMap<>();
    private final Map<String, Entry> users = new LinkedHashMap<>();
    private String currentContext = "";
    private Map<String, String> environment = System.getenv();

    private Kubeconfig(List<Path> files) {
        this.files = files;
    }

    /** kubectl's search: the {@code KUBECONFIG} list (missing files skipped), else {@code ~/.kube/config}. */
    public static Kubeconfig locate() throws ClusterException {
        return locate(System.getenv("KUBECONFIG"), io.pooldesk.model.workspace.UserHome.folder());
    }

    static Kubeconfig locate(String kubeconfigVariable, Path home) throws ClusterException {
        List<Path> found = new ArrayList<>();
        if (kubeconfigVariable != null && !kubeconfigVariable.isBlank()) {
            for (String part : kubeconfigVariable.split(java.io.File.pathSeparator)) {
                if (!part.isBlank() && Files.isRegularFile(Path.of(part))) {
                    found.add(Path.of(part));
                }
            }
        } else if (Files.isRegularFile(home.resolve(".kube").resolve("config"))) {
            found.add(home.resolve(".kube").resolve("config"));
        }
        if (found.isEmpty()) {
            throw ClusterException.badInput("no kubeconfig found: set KUBECONFIG, write ~/.kube/config, or name one"
                    + " with --kubeconfig");
        }
        return load(found);
    }

    /** One named file, as {@code kubectl --kubeconfig FILE}: it must exist. */
    public static Kubeconfig of(Path file) throws ClusterException {
        if (!Files.isRegularFile(file)) {
            throw ClusterException.badInput("kubeconfig " + file + ": no such file");
        }
        return load(List.of(file));
    }

    private static Kubeconfig load(List<Path> files) throws ClusterException {
        Kubeconfig kubeconfig = new Kubeconfig(files);
        for (Path file : files) {
            JsonNode root;
            try {
                if (Files.size(file) > 4 << 20) {
                    throw ClusterException.badInput("kubeconfig " + file + ": larger than 4 MiB, not read");
                }
                root = YAML.readTree(Files.readAllBytes(file));
            } catch (JsonProcessingException e) {
                // the parser's own message quotes the line it stopped at, and that line may hold a token
                var at = e.getLocation();
                throw ClusterException.badInput("kubeconfig " + file + ": not valid YAML"
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
            } catch (IOException e) {
                throw ClusterException.badInput("kubeconfig " + file + ": cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (root == null || root.isMissingNode() || root.isNull()) {
                continue;
            }
            if (!root.isObject()) {
                throw ClusterException.badInput("kubeconfig " + file + ": not a kubeconfig (a mapping is expected)");
            }
            kubeconfig.add(file, root, "contexts", "context", kubeconfig.contexts);
            kubeconfig.add(file, root, "clusters", "cluster", kubeconfig.clusters);
            kubeconfig.add(file, root, "users", "user", kubeconfig.users);
            JsonNode current = root.path("current-context");
            if (kubeconfig.currentContext.isEmpty() && current.isTextual()) {
                kubeconfig.currentContext = current.asText();
            }
        }
        return kubeconfig;
    }

    private void add(Path file, JsonNode root, String list, String field, Map<String, Entry> into)
            throws ClusterException {
        JsonNode entries = root.path(list);
        if (entries.isMissingNode() || entries.isNull()) {
            return;
        }
        if (!entries.isArray()) {
            throw ClusterException.badInput("kubeconfig " + file + ": " + list + " is not a list");
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            JsonNode name = entry.path("name");
            if (!name.isTextual() || name.asText().isEmpty()) {
                throw ClusterException.badInput("kubeconfig " + file + ": " + list + "[" + i + "] has no name");
            }
            JsonNode body = entry.path(field);
            if (!body.isObject()) {
                throw ClusterException.badInput("kubeconfig " + file + ": " + list + "[" + i + "] (" + printable(
                        name.asText()) + ") has no " + field + " mapping");
            }
            into.putIfAbsent(name.asText(), new Entry(file, body));
        }
    }

    public List<Path> files() {
        return files;
    }

    /** The context names, as {@code kubectl config get-contexts} lists them. */
    public List<String> contexts() {
        return List.copyOf(contexts.keySet());
    }

    /** This kubeconfig, resolved with {@code environment} in place of the process's (HTTPS_PROXY, NO_PROXY). */
    Kubeconfig environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** The current context, or "" when no file names one. */
    public String currentContext() {
        return currentContext;
    }

    /** Where a context points, with every credential it names read and checked; nothing is sent yet. */
    Target resolve(String context, java.time.Duration pluginTimeout) throws ClusterException {
        String name = context == null || context.isEmpty() ? currentContext : context;
        if (name.isEmpty()) {
            throw ClusterException.badInput("the kubeconfig names no current context: name one with --context");
        }
        Entry ctx = contexts.get(name);
        if (ctx == null) {
            throw ClusterException.badInput("no context named \"" + printable(name) + "\" in the kubeconfig");
        }
        String clusterName = text(ctx, "cluster", "context \"" + name + "\"");
        if (clusterName.isEmpty()) {
            throw ClusterException.badInput("kubeconfig " + ctx.file + ": context \"" + printable(name)
                    + "\" names no cluster");
        }
        Entry cluster = clusters.get(clusterName);
        if (cluster == null) {
            throw ClusterException.badInput("kubeconfig " + ctx.file + ": context \"" + printable(name)
                    + "\" names cluster \"" + printable(clusterName) + "\", which no kubeconfig file defines");
        }
        String userName = text(ctx, "user", "context \"" + name + "\"");
        Entry user = userName.isEmpty() ? null : users.get(userName);
        if (!userName.isEmpty() && user == null) {
            throw ClusterException.badInput("kubeconfig " + ctx.file + ": context \"" + printable(name)
                    + "\" names user \"" + printable(userName) + "\", which no kubeconfig file defines");
        }
        return Target.of(name, clusterName, cluster, userName, user, pluginTimeout, environment);
    }

    /** A field that must be a string when present; the message names the entry, never the value. */
    static String text(Entry entry, String field, String where) throws ClusterException {
        JsonNode value = entry.body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw ClusterException.badInput("kubeconfig " + entry.file + ": " + printable(where) + ": " + field
                    + " is not a string");
        }
        return value.asText();
    }

    static boolean flag(Entry entry, String field, String where) throws ClusterException {
        JsonNode value = entry.body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ClusterException.badInput("kubeconfig " + entry.file + ": " + printable(where) + ": " + field
                    + " is not true or false");
        }
        return value.asBoolean();
    }

    /** A path from the kubeconfig, relative to the file that names it (as kubectl resolves it). */
    static String path(Entry entry, String value) {
        if (value.isEmpty()) {
            return null;
        }
        Path path = Path.of(value);
        return (path.isAbsolute() ? path : entry.file.toAbsolutePath().resolveSibling(path)).toString();
    }

    /**
     * The server's address as it may be shown: scheme, host, port and path only. A URL with user info is refused
     * before it gets here; this also drops a query that could carry a token.
     */
    static String displayed(URI server) {
        try {
            return new URI(server.getScheme(), null, server.getHost(), server.getPort(), server.getPath(), null, null)
                    .toString();
        } catch (URISyntaxException e) {
            return server.getScheme() + "://" + server.getHost();
        }
    }

    /** A name from a kubeconfig, safe to print: control characters shown as escapes. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
