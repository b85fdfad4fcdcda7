package io.pooldesk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.WritableOperation;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.Yaml;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Pooldesk's one door to a cluster, through fabric8. It reads the kinds Pooldesk knows, diffs the workspace against
 * them on the fields Pooldesk owns, and applies: a server-side dry-run of every object first, then for each object,
 * pools before the objects that use them, an optimistic update of the live object (its status and every field
 * Pooldesk does not own kept, its resourceVersion sent) or a create. Nothing is written unless the whole dry-run
 * passed.
 *
 * <p>What an operator can rely on:
 * <ul>
 *   <li>Only the kubeconfig decides the server, the credentials and TLS ({@link Kubeconfig}); the client library's
 *       environment variables and system properties are never read (the proxy variables are read as kubectl reads
 *       them, by {@link Target}).</li>
 *   <li>No message carries a credential: messages are built in words, never from a library's or a parser's text, and
 *       every one passes a redaction of the connection's secrets.</li>
 *   <li>Every request has a deadline for its whole response ({@link #DEFAULT_DEADLINE} unless given): a server that
 *       trickles its answer cannot hang a command.</li>
 *   <li>A write is sent once, never retried. When its answer is lost, the object is read back and reported as written,
 *       not written, or unknown with what was found; after that nothing more is written through this gateway.</li>
 * </ul>
 * Open one per operation and close it: a gateway whose connection was lost stays unusable for writes.
 */
public final class ClusterGateway implements AutoCloseable {
    /** How long one request may take, from sending to the last byte of its answer, unless the caller says. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final KubernetesClient writer;
    private final KubernetesClient watcher;
    private final Duration deadline;
    private final Secrets secrets;
    private final String server;
    private final ExecutorService requests = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "pooldesk cluster request");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean connectionLost;
    /** Why the cluster refused a write (403), in words, or null while none was refused. */
    private volatile String writeForbidden;

    /** A gateway over a client the caller configured (a test's mock server); requests get the default deadline. */
    public ClusterGateway(KubernetesClient client) {
        this(client, DEFAULT_DEADLINE);
    }

    /** A gateway over a client the caller configured, each request answered within {@code deadline} or failed. */
    public ClusterGateway(KubernetesClient client, Duration deadline) {
        this(client, deadline, new Secrets(), displayed(client.getConfiguration().getMasterUrl()));
    }

    private ClusterGateway(KubernetesClient client, Duration deadline, Secrets secrets, String server) {
        this.client = client;
        // fabric8 re-sends a request whose connection failed, and a write whose answer was lost may have been done
        this.writer = client.newClient(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0).build()).adapt(KubernetesClient.class);
        // LiveView resumes and relists itself; fabric8 would resume silently, and say nothing of a lost connection
        this.watcher = client.newClient(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withWatchReconnectLimit(0).build()).adapt(KubernetesClient.class);
        this.deadline = deadline;
        this.secrets = secrets;
        this.server = server;
    }

    /** Connects as kubectl would: KUBECONFIG or ~/.kube/config, the named context or the current one. */
    public static ClusterGateway connect(String context) throws ClusterException {
        return connect(Kubeconfig.locate(), context, DEFAULT_DEADLINE);
    }

    /**
     * Connects through one context of {@code kubeconfig} (the current one when {@code context} is null or empty).
     * Its credential plugin, if any, runs now, within {@code deadline}; each request later gets the same deadline.
     */
    public static ClusterGateway connect(Kubeconfig kubeconfig, String context, Duration deadline)
            throws ClusterException {
        Target target = kubeconfig.resolve(context, deadline);
        try {
            KubernetesClient client = new KubernetesClientBuilder().withConfig(target.config(deadline))
                    // fabric8 adds a request logger when its log level is TRACE, and it logs the Authorization header
                    .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("HttpLogging",
                            new io.fabric8.kubernetes.client.http.Interceptor() { }))
                    .build();
            return new ClusterGateway(client, deadline, target.secrets, target.displayedServer);
        } catch (RuntimeException e) {
            // fabric8 reads certificates and keys here; its message may quote what it could not parse
            throw ClusterException.badInput("the certificates or keys of context \"" + Kubeconfig.printable(
                    target.context) + "\" cannot be used (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The server, as it may be shown: scheme, host, port and path, never user info or a query. */
    public String server() {
        return server;
    }

    private static String displayed(String url) {
        try {
            return Kubeconfig.displayed(new java.net.URI(url));
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "the cluster";
        }
    }

    /**
     * Lists the kinds Pooldesk writes and the Services of type LoadBalancer, which hold MetalLB's, OpenELB's and
     * NovaEdge's addresses (their status says which): a pulled workspace without them shows every such pool empty.
     * The ServiceCIDRs and the {@code kubernetes} Service come too: where the cluster shows its service CIDR.
     */
    public ClusterRead read() throws ClusterException {
        List<Manifest> objects = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int listed = 0;
        int refused = 0;
        List<ClusterKind> kinds = new ArrayList<>(ClusterKind.ALL);
        ClusterKind.CONTEXT.stream().filter(k -> k.group().isEmpty() && k.kind().equals("Service")).forEach(kinds::add);
        kinds.add(ClusterKind.SERVICE_CIDRS);
        for (ClusterKind kind : kinds) {
            List<GenericKubernetesResource> items;
            try {
                items = call(() -> kind.namespaced()
                        ? client.genericKubernetesResources(kind.context()).inAnyNamespace().list().getItems()
                        : client.genericKubernetesResources(kind.context()).list().getItems());
            } catch (Failure f) {
                if (f.code == 404) {
                    notes.add(kind.kind() + " (" + kind.apiVersion() + ") is not installed in this cluster");
                    continue;
                }
                if (f.code == 403 || f.code == 401) {
                    refused++;
                    notes.add(describe(f, "list", kind, kind.namespaced() ? "*" : "").getMessage()
                            + "; those objects are not shown");
                    continue;
                }
                throw describe(f, "list", kind, kind.namespaced() ? "*" : "");
            }
            if (items.isEmpty() && !kind.group().isEmpty() && !served(kind)) {
                notes.add(kind.kind() + " (" + kind.apiVersion() + ") is not installed in this cluster");
                continue;
            }
            listed++;
            int document = 0;
            for (GenericKubernetesResource item : items) {
                document++;
                ObjectNode object = toJson(item);
                if (!kind.keeps(object)) {
                    continue;
                }
                String problem = nameProblem(object.path("metadata").path("name").asText(""));
                String namespaceProblem = kind.namespaced()
                        ? nameProblem(object.path("metadata").path("namespace").asText("")) : null;
                if (problem != null || namespaceProblem != null) {
                    throw ClusterException.badInput("the cluster's list of " + kind.resource() + " holds an object"
                            + " (item " + document + ") whose " + (problem != null ? "metadata.name " + problem
                            : "metadata.namespace " + namespaceProblem) + "; nothing was saved");
                }
                // the kind's own identity, never the server's text: a pulled file must not become another kind
                object.put("apiVersion", kind.apiVersion());
                object.put("kind", kind.kind());
                objects.add(new Manifest("cluster:" + kind.resource(), document, object));
            }
        }
        return new ClusterRead(objects, notes, listed, refused);
    }

    /** Whether the API server's discovery lists the kind (its CRD is installed). */
    private boolean served(ClusterKind kind) {
        try {
            var resources = call(() -> client.getApiResources(kind.apiVersion()));
            return resources != null && resources.getResources().stream()
                    .anyMatch(r -> kind.plural().equals(r.getName()));
        } catch (Failure e) {
            return false;
        }
    }

    /**
     * Keeps {@code onChange} informed of every change the cluster makes to the kinds Pooldesk knows. Returns at once;
     * close the returned view to stop.
     */
    public LiveView watch(Runnable onChange) {
        return liveView(onChange::run);
    }

    /**
     * A live view of the kinds Pooldesk knows ({@link LiveView}): listed, then watched, resumed after a lost
     * connection and listed again after an expiry, each step within this gateway's deadline. Returns at once.
     */
    public LiveView liveView(LiveView.Listener listener) {
        return new LiveView(this, watcher, ClusterKind.ALL, listener);
    }

    /** A live view that keeps every object of {@code kinds} whole, for a live cluster workspace. */
    LiveView liveObjects(List<ClusterKind> kinds, LiveView.Listener listener) {
        return new LiveView(this, watcher, kinds, true, listener);
    }

    /** The contexts of the kubeconfig, as kubectl lists them; empty when there is no usable kubeconfig. */
    public static List<String> contexts() {
        try {
            return Kubeconfig.locate().contexts();
        } catch (ClusterException e) {
            return List.of();
        }
    }

    /**
     * Saves what the cluster holds into {@code folder}, one file per kind, without the fields the server manages, so
     * that the folder can be planned on offline as a workspace. Writes only into a new or empty folder, or one it
     * pulled into before, and never over a file the operator changed since ({@link PulledFolder}).
     */
    public PulledFolder.Report pull(Path folder) throws ClusterException, IOException {
        PulledFolder target = PulledFolder.open(folder);
        ClusterRead read = read();
        if (read.everyListRefused()) {
            throw new ClusterException("the cluster refused every list: nothing was pulled into " + folder, null);
        }
        Map<ClusterKind, List<ObjectNode>> byKind = new LinkedHashMap<>();
        for (Manifest m : read.objects()) {
            ObjectNode object = m.object().deepCopy();
            object.with("metadata").remove(List.of("managedFields", "uid", "resourceVersion", "creationTimestamp",
                    "generation"));
            byKind.computeIfAbsent(ClusterKind.ofRead(m), k -> new ArrayList<>()).add(object);
        }
        Map<String, List<ObjectNode>> files = new LinkedHashMap<>();
        byKind.forEach((kind, objects) -> files.put(PulledFolder.fileName(kind), objects));
        return target.write(files, read);
    }

    /** One diff per workspace object of a known kind, pools first. */
    public List<ObjectDiff> diff(List<Manifest> desired) throws ClusterException {
        return diff(desired, List.of());
    }

    /** As {@link #diff(List)}, and a deletion for each object of {@code deleted} the cluster holds, after them. */
    public List<ObjectDiff> diff(List<Manifest> desired, List<Manifest> deleted) throws ClusterException {
        List<ObjectDiff> out = new ArrayList<>();
        for (Planned planned : plan(desired, deleted)) {
            out.add(planned.diff);
        }
        return out;
    }

    private record Planned(ClusterKind kind, Manifest desired, ObjectNode live, ObjectNode target, ObjectDiff diff) {
    }

    private List<Planned> plan(List<Manifest> desired, List<Manifest> deleted) throws ClusterException {
        List<Manifest> known = new ArrayList<>();
        List<Manifest> all = new ArrayList<>(desired);
        all.addAll(deleted);
        for (Manifest manifest : all) {
            ClusterKind kind = ClusterKind.of(manifest);
            if (kind == null) {
                continue;
            }
            // checked for every object before the first request: a name never reaches a request path unchecked
            String problem = nameProblem(manifest.name());
            if (problem != null) {
                throw ClusterException.badInput(manifest.problem("metadata.name", problem).toString());
            }
            if (kind.namespaced() && !manifest.namespace().isEmpty() && nameProblem(manifest.namespace()) != null) {
                throw ClusterException.badInput(manifest.problem("metadata.namespace",
                        nameProblem(manifest.namespace())).toString());
            }
            if (!deleted.contains(manifest)) {
                known.add(manifest);
            }
        }
        List<Planned> planned = new ArrayList<>();
        for (Manifest manifest : deleted) {
            ClusterKind kind = ClusterKind.of(manifest);
            if (kind == null) {
                continue;
            }
            String namespace = namespaceOf(kind, manifest);
            ObjectNode liveJson = held(kind, namespace, manifest.name());
            // one the cluster no longer holds needs nothing
            planned.add(new Planned(kind, manifest, liveJson, liveJson, new ObjectDiff(kind.kind(), namespace,
                    manifest.name(), liveJson == null ? ObjectDiff.Change.UNCHANGED : ObjectDiff.Change.DELETE,
                    liveJson == null ? List.of() : List.of("the whole object, resourceVersion "
                            + liveJson.path("metadata").path("resourceVersion").asText("")))));
        }
        for (Manifest manifest : known) {
            ClusterKind kind = ClusterKind.of(manifest);
            String namespace = namespaceOf(kind, manifest);
            ObjectNode liveJson = held(kind, namespace, manifest.name());
            ObjectNode wanted = manifest.object().deepCopy();
            wanted.put("apiVersion", kind.apiVersion());
            if (liveJson == null) {
                ObjectNode created = forCreate(wanted, namespace);
                planned.add(new Planned(kind, manifest, null, created, new ObjectDiff(kind.kind(), namespace,
                        manifest.name(), ObjectDiff.Change.CREATE, FieldDiff.between(
                        FieldDiff.owned(Yaml.json().createObjectNode(), wanted), FieldDiff.owned(wanted, wanted)))));
                continue;
            }
            ObjectNode merged = merge(liveJson, wanted);
            List<String> fields = FieldDiff.between(FieldDiff.owned(liveJson, wanted), FieldDiff.owned(wanted, wanted));
            planned.add(new Planned(kind, manifest, liveJson, merged, new ObjectDiff(kind.kind(), namespace,
                    manifest.name(), fields.isEmpty() ? ObjectDiff.Change.UNCHANGED : ObjectDiff.Change.UPDATE,
                    fields)));
        }
        // deletions last, the requests before the pools they hold addresses of
        planned.sort(Comparator.comparingInt(p -> p.diff.change() == ObjectDiff.Change.DELETE ? 10 - p.kind.order()
                : p.kind.order()));
        return planned;
    }

    /**
     * Why {@code name} cannot be an object's name or namespace in a request path, or null when it can: empty, longer
     * than 253 characters, or not lower-case letters, digits, '-' and '.' (a DNS subdomain, which also keeps out '/',
     * '%' and the path segments '.' and '..').
     */
    static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "is missing: every object needs a name";
        }
        if (name.length() > 253 || !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")) {
            return "\"" + Kubeconfig.printable(name.length() > 80 ? name.substring(0, 80) + "..." : name)
                    + "\" is not a Kubernetes name (lower-case letters, digits, '-' and '.', at most 253)";
        }
        return null;
    }

    /** The live object with the workspace's spec, labels and annotations; status and the rest as they are. */
    static ObjectNode merge(ObjectNode live, ObjectNode desired) {
        ObjectNode merged = live.deepCopy();
        if (desired.has("spec")) {
            merged.set("spec", desired.get("spec"));
        }
        ObjectNode metadata = merged.with("metadata");
        for (String map : new String[] {"labels", "annotations"}) {
            JsonNode wanted = desired.path("metadata").path(map);
            if (wanted.isObject() && wanted.size() > 0) {
                metadata.with(map).setAll((ObjectNode) wanted);
            }
        }
        return merged;
    }

    private static ObjectNode forCreate(ObjectNode desired, String namespace) {
        ObjectNode created = desired.deepCopy();
        created.remove("status");
        ObjectNode metadata = created.with("metadata");
        for (String field : new String[] {"resourceVersion", "uid", "creationTimestamp", "managedFields",
                "generation", "deletionTimestamp"}) {
            metadata.remove(field);
        }
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        return created;
    }

    /**
     * Applies the workspace objects. Every changed object is first sent as a server-side dry-run; if any is
     * refused, nothing is written. Then each is written in turn; {@code progress} hears of each outcome as it
     * happens. A conflict (the object changed in the cluster since it was read) is reported, not overwritten.
     */
    public List<ObjectOutcome> apply(List<Manifest> desired, boolean dryRunOnly, Consumer<ObjectOutcome> progress)
            throws ClusterException {
        return apply(desired, dryRunOnly, false, progress);
    }

    /** The field manager Pooldesk's server-side applies are recorded under. */
    public static final String FIELD_MANAGER = "pooldesk";

    /**
     * @param serverSide write with server-side apply under the {@value #FIELD_MANAGER} field manager, sending only
     *                   the fields Pooldesk owns (spec, and the labels and annotations the workspace sets), where the
     *                   operator chooses it and the server supports it
     */
    public List<ObjectOutcome> apply(List<Manifest> desired, boolean dryRunOnly, boolean serverSide,
                                     Consumer<ObjectOutcome> progress) throws ClusterException {
        return apply(desired, List.of(), dryRunOnly, serverSide, progress);
    }

    /**
     * As {@link #apply(List, boolean, boolean, Consumer)}, and deletes each object of {@code deleted} the cluster
     * holds, after the writes: dry-run with the rest first, then deleted only if it is still the resourceVersion the
     * diff saw (a precondition: one changed meanwhile is a conflict, not deleted).
     */
    public List<ObjectOutcome> apply(List<Manifest> desired, List<Manifest> deleted, boolean dryRunOnly,
                                     boolean serverSide, Consumer<ObjectOutcome> progress) throws ClusterException {
        if (connectionLost) {
            throw new ClusterException("the connection to the cluster at " + server + " was lost earlier; nothing"
                    + " more is written through it", null);
        }
        List<Planned> planned = plan(desired, deleted);
        List<ObjectOutcome> refusals = new ArrayList<>();
        for (Planned p : planned) {
            if (p.diff.change() == ObjectDiff.Change.UNCHANGED) {
                continue;
            }
            try {
                write(p, true, serverSide);
            } catch (Failure f) {
                refusals.add(new ObjectOutcome(p.diff, f.code == 409 ? ObjectOutcome.Result.CONFLICT
                        : f.unknownField() != null ? ObjectOutcome.Result.INVALID
                        : f.answered() ? ObjectOutcome.Result.REFUSED : ObjectOutcome.Result.FAILED,
                        describe(f, verb(p, serverSide), p.kind, p.diff.namespace()).getMessage()));
                if (!f.answered()) {
                    break;
                }
            }
        }
        List<ObjectOutcome> outcomes = new ArrayList<>();
        if (!refusals.isEmpty() || dryRunOnly) {
            for (Planned p : planned) {
                ObjectOutcome refused = refusals.stream().filter(r -> r.diff() == p.diff).findFirst().orElse(null);
                ObjectOutcome outcome = refused != null ? refused : new ObjectOutcome(p.diff,
                        switch (p.diff.change()) {
                            case UNCHANGED -> ObjectOutcome.Result.UNCHANGED;
                            case CREATE -> dryRunOnly && refusals.isEmpty() ? ObjectOutcome.Result.WOULD_CREATE
                                    : ObjectOutcome.Result.NOT_ATTEMPTED;
                            case UPDATE -> dryRunOnly && refusals.isEmpty() ? ObjectOutcome.Result.WOULD_UPDATE
                                    : ObjectOutcome.Result.NOT_ATTEMPTED;
                            case DELETE -> dryRunOnly && refusals.isEmpty() ? ObjectOutcome.Result.WOULD_DELETE
                                    : ObjectOutcome.Result.NOT_ATTEMPTED;
                        }, refused == null && !refusals.isEmpty() && p.diff.change() != ObjectDiff.Change.UNCHANGED
                        ? "the dry-run of another object failed, so nothing was written" : "");
                outcomes.add(outcome);
                progress.accept(outcome);
            }
            return outcomes;
        }
        for (Planned p : planned) {
            ObjectOutcome outcome;
            if (p.diff.change() == ObjectDiff.Change.UNCHANGED) {
                outcome = new ObjectOutcome(p.diff, ObjectOutcome.Result.UNCHANGED, "");
            } else if (connectionLost) {
                outcome = new ObjectOutcome(p.diff, ObjectOutcome.Result.NOT_ATTEMPTED,
                        "not sent: the connection was lost before it");
            } else {
                try {
                    write(p, false, serverSide);
                    outcome = new ObjectOutcome(p.diff, p.diff.change() == ObjectDiff.Change.DELETE
                            ? ObjectOutcome.Result.DELETED : p.live == null ? ObjectOutcome.Result.CREATED
                            : ObjectOutcome.Result.UPDATED, "");
                } catch (Failure f) {
                    outcome = f.answered() ? new ObjectOutcome(p.diff, f.code == 409 ? ObjectOutcome.Result.CONFLICT
                            : f.unknownField() != null ? ObjectOutcome.Result.INVALID
                            : ObjectOutcome.Result.FAILED, f.code == 409
                            ? "changed in the cluster since Pooldesk read it; run diff again to see the new state"
                            : describe(f, verb(p, serverSide), p.kind, p.diff.namespace()).getMessage())
                            : lost(p, f, serverSide);
                }
            }
            outcomes.add(outcome);
            progress.accept(outcome);
        }
        return outcomes;
    }

    /**
     * A write whose answer never came: it may or may not have been done. Nothing more is written in this run; the
     * object is read back to say which.
     */
    private ObjectOutcome lost(Planned p, Failure f, boolean serverSide) {
        connectionLost = true;
        String why = describe(f, verb(p, serverSide), p.kind, p.diff.namespace()).getMessage();
        if (f.kind == Failure.Kind.UNREACHABLE) {
            return new ObjectOutcome(p.diff, ObjectOutcome.Result.FAILED, "not written: " + why);
        }
        ObjectNode now;
        try {
            now = get(p.kind, p.diff.namespace(), p.diff.name());
        } catch (Failure again) {
            return new ObjectOutcome(p.diff, ObjectOutcome.Result.UNKNOWN, why + "; reading it back failed too ("
                    + describe(again, "get", p.kind, p.diff.namespace()).getMessage() + "): it may or may not have"
                    + " been written");
        }
        if (p.diff.change() == ObjectDiff.Change.DELETE) {
            String before = p.live.path("metadata").path("resourceVersion").asText("");
            if (now == null) {
                return new ObjectOutcome(p.diff, ObjectOutcome.Result.DELETED, "deleted (the answer was lost; read"
                        + " back, the cluster no longer holds it)");
            }
            if (before.equals(now.path("metadata").path("resourceVersion").asText(""))
                    && now.path("metadata").path("deletionTimestamp").isMissingNode()) {
                return new ObjectOutcome(p.diff, ObjectOutcome.Result.FAILED, "not deleted: " + why
                        + "; read back, the cluster holds it as before");
            }
            return new ObjectOutcome(p.diff, ObjectOutcome.Result.UNKNOWN, why + "; read back: the cluster holds"
                    + " resourceVersion " + now.path("metadata").path("resourceVersion").asText("")
                    + (now.path("metadata").path("deletionTimestamp").isMissingNode() ? "" : ", being deleted"));
        }
        ObjectNode wanted = p.desired.object();
        boolean asWanted = now != null
                && FieldDiff.between(FieldDiff.owned(now, wanted), FieldDiff.owned(wanted, wanted)).isEmpty();
        String before = p.live == null ? null : p.live.path("metadata").path("resourceVersion").asText("");
        String after = now == null ? null : now.path("metadata").path("resourceVersion").asText("");
        if (p.live == null && now == null || p.live != null && now != null && before.equals(after)) {
            return new ObjectOutcome(p.diff, ObjectOutcome.Result.FAILED, "not written: " + why
                    + "; read back, the cluster holds it as before");
        }
        if (asWanted) {
            return new ObjectOutcome(p.diff, p.live == null ? ObjectOutcome.Result.CREATED
                    : ObjectOutcome.Result.UPDATED, "written (the answer was lost; read back, the cluster holds it as"
                    + " sent)");
        }
        String found = now == null ? "the object is gone from the cluster"
                : "the cluster holds resourceVersion " + after + ", which differs from what was sent in "
                + String.join("; ", FieldDiff.between(FieldDiff.owned(now, wanted), FieldDiff.owned(wanted, wanted)));
        return new ObjectOutcome(p.diff, ObjectOutcome.Result.UNKNOWN, why + "; read back: " + found);
    }

    private void write(Planned p, boolean dryRun, boolean serverSide) throws Failure {
        if (p.diff.change() == ObjectDiff.Change.DELETE) {
            delete(p, dryRun);
            return;
        }
        ObjectNode target = serverSide
                ? applyConfiguration(p.kind, p.diff.namespace(), p.diff.name(), p.desired.object()) : p.target;
        GenericKubernetesResource body = writer.getKubernetesSerialization().convertValue(target,
                GenericKubernetesResource.class);
        Resource<GenericKubernetesResource> resource = p.kind.namespaced()
                ? writer.genericKubernetesResources(p.kind.context()).inNamespace(p.diff.namespace()).resource(body)
                : writer.genericKubernetesResources(p.kind.context()).resource(body);
        WritableOperation<GenericKubernetesResource> operation = dryRun ? resource.dryRun() : resource;
        // without Strict the server drops a field its schema lacks and answers 201: a misspelt field would vanish
        NonDeletingOperation<GenericKubernetesResource> strict = operation
                .fieldValidation(FieldValidateable.Validation.STRICT);
        try {
            call(() -> {
                if (serverSide) {
                    return strict.fieldManager(FIELD_MANAGER).serverSideApply();
                }
                return p.live == null ? strict.create() : strict.update();
            });
        } catch (Failure f) {
            if (f.code == 403 && writeForbidden == null) {
                writeForbidden = describe(f, (dryRun ? "dry-run " : "") + verb(p, serverSide), p.kind,
                        p.diff.namespace()).getMessage();
            }
            throw f;
        }
    }

    private void delete(Planned p, boolean dryRun) throws Failure {
        GenericKubernetesResource body = writer.getKubernetesSerialization().convertValue(p.live,
                GenericKubernetesResource.class);
        Resource<GenericKubernetesResource> resource = p.kind.namespaced()
                ? writer.genericKubernetesResources(p.kind.context()).inNamespace(p.diff.namespace()).resource(body)
                : writer.genericKubernetesResources(p.kind.context()).resource(body);
        String resourceVersion = p.live.path("metadata").path("resourceVersion").asText("");
        try {
            call(() -> dryRun ? resource.dryRun().delete() : resource.lockResourceVersion(resourceVersion).delete());
        } catch (Failure f) {
            if (f.code == 403 && writeForbidden == null) {
                writeForbidden = describe(f, (dryRun ? "dry-run " : "") + "delete", p.kind, p.diff.namespace())
                        .getMessage();
            }
            throw f;
        }
    }

    /** Why the cluster refused a write through this gateway as forbidden (403), in words; empty while none was. */
    public java.util.Optional<String> writeForbidden() {
        return java.util.Optional.ofNullable(writeForbidden);
    }

    /**
     * Asks the cluster, with a SelfSubjectAccessReview per pool kind and verb, whether this context may create and
     * update pools (the verbs the window's Apply sends). Returns why not, in words, or empty when every review allows
     * it or a review cannot tell (a server that does not answer them: the writes themselves will say).
     */
    public java.util.Optional<String> writesDenied() {
        ClusterKind reviews = new ClusterKind("authorization.k8s.io", "v1", "SelfSubjectAccessReview",
                "selfsubjectaccessreviews", false, 2);
        List<String> denied = new ArrayList<>();
        for (ClusterKind kind : ClusterKind.ALL) {
            if (kind.order() != 0) {
                continue;
            }
            for (String verb : List.of("create", "update")) {
                ObjectNode review = Yaml.json().createObjectNode();
                review.put("apiVersion", reviews.apiVersion());
                review.put("kind", reviews.kind());
                ObjectNode attributes = review.putObject("spec").putObject("resourceAttributes");
                attributes.put("group", kind.group());
                attributes.put("version", kind.version());
                attributes.put("resource", kind.plural());
                attributes.put("verb", verb);
                GenericKubernetesResource body = client.getKubernetesSerialization().convertValue(review,
                        GenericKubernetesResource.class);
                ObjectNode answer;
                try {
                    answer = toJson(call(() -> client.genericKubernetesResources(reviews.context()).resource(body)
                            .create()));
                } catch (Failure f) {
                    return java.util.Optional.empty();
                }
                JsonNode allowed = answer.path("status").path("allowed");
                if (allowed.isBoolean() && !allowed.asBoolean()) {
                    denied.add(verb + " " + kind.resource());
                }
            }
        }
        if (denied.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(secrets.redact("RBAC denies " + String.join(", ", denied)
                + " (SelfSubjectAccessReview)"));
    }

    /** What a server-side apply sends: identity, and only the fields Pooldesk owns (never status). */
    static ObjectNode applyConfiguration(ClusterKind kind, String namespace, String name, ObjectNode desired) {
        ObjectNode out = Yaml.json().createObjectNode();
        out.put("apiVersion", kind.apiVersion());
        out.put("kind", kind.kind());
        ObjectNode metadata = out.putObject("metadata");
        metadata.put("name", name);
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        for (String map : new String[] {"labels", "annotations"}) {
            JsonNode value = desired.path("metadata").path(map);
            if (value.isObject() && value.size() > 0) {
                metadata.set(map, value);
            }
        }
        if (desired.has("spec")) {
            out.set("spec", desired.get("spec"));
        }
        return out;
    }

    private static String verb(Planned p, boolean serverSide) {
        return p.diff.change() == ObjectDiff.Change.DELETE ? "delete" : serverSide ? "server-side apply"
                : p.live == null ? "create" : "update";
    }

    /** The live object, or null when the cluster has none of that name. */

    /** The namespace the server files a manifest under: its own, else "default"; "" for a cluster-scoped kind. */
    private static String namespaceOf(ClusterKind kind, Manifest manifest) {
        return kind.namespaced() ? (manifest.namespace().isEmpty() ? "default" : manifest.namespace()) : "";
    }

    /** The object as the cluster holds it now, or null when it holds none; a failure in the gateway's words. */
    private ObjectNode held(ClusterKind kind, String namespace, String name) throws ClusterException {
        try {
            return get(kind, namespace, name);
        } catch (Failure f) {
            throw describe(f, "get", kind, namespace);
        }
    }
    private ObjectNode get(ClusterKind kind, String namespace, String name) throws Failure {
        GenericKubernetesResource live = call(() -> kind.namespaced()
                ? client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).get()
                : client.genericKubernetesResources(kind.context()).withName(name).get());
        return live == null ? null : toJson(live);
    }

    ObjectNode toJson(GenericKubernetesResource resource) {
        return Yaml.json().valueToTree(client.getKubernetesSerialization().convertValue(resource, Map.class));
    }

    /** How long one request may take. */
    Duration deadline() {
        return deadline;
    }

    /** Runs one request with a deadline for its whole answer, body included. */
    <T> T call(Callable<T> request) throws Failure {
        Future<T> answer;
        try {
            answer = requests.submit(request);
        } catch (RejectedExecutionException e) {
            throw new Failure(Failure.Kind.OTHER, 0, "", "IllegalStateException");
        }
        try {
            return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new Failure(Failure.Kind.TIMEOUT, 0, "", "");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.OTHER, 0, "", "InterruptedException");
        } catch (ExecutionException e) {
            throw Failure.of(e.getCause());
        }
    }

    /** Why a request got no usable answer, classified; carries no text of the library's. */
    static final class Failure extends Exception {
        enum Kind { ANSWERED, UNREACHABLE, LOST, TIMEOUT, NOT_JSON, TLS, OTHER }

        final Kind kind;
        final int code;
        final String serverMessage;
        final String type;

        Failure(Kind kind, int code, String serverMessage, String type) {
            super(null, null, false, false);
            this.kind = kind;
            this.code = code;
            this.serverMessage = serverMessage;
            this.type = type;
        }

        boolean answered() {
            return kind == Kind.ANSWERED;
        }

        /**
         * The field the server's strict validation refused, or null: {@code unknown field "spec.x"} (create,
         * update), {@code .spec.x: field not declared in schema} (server-side apply, answered with 500), or a
         * {@code duplicate field "spec.x"}.
         */
        String unknownField() {
            if (kind != Kind.ANSWERED) {
                return null;
            }
            java.util.regex.Matcher m = UNKNOWN_FIELD.matcher(serverMessage);
            if (m.find()) {
                return m.group(1) != null ? m.group(1) : m.group(2);
            }
            return null;
        }

        private static final java.util.regex.Pattern UNKNOWN_FIELD = java.util.regex.Pattern.compile(
                "(?:unknown|duplicate) field \"([^\"]{1,300})\"|\\.?([^\\s:]{1,300}): field not declared in schema");

        static Failure of(Throwable thrown) {
            if (thrown instanceof KubernetesClientException e && e.getCode() > 0) {
                String message = e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : "";
                return new Failure(Kind.ANSWERED, e.getCode(), message, "");
            }
            // the whole chain is searched, most specific first: fabric8 wraps a refused connection in IOExceptions
            List<Throwable> chain = new ArrayList<>();
            for (Throwable cause = thrown; cause != null && !chain.contains(cause) && chain.size() < 20;
                 cause = cause.getCause()) {
                chain.add(cause);
            }
            Kind kind = null;
            if (chain.stream().anyMatch(c -> c instanceof com.fasterxml.jackson.core.JsonProcessingException)) {
                kind = Kind.NOT_JSON;
            } else if (chain.stream().anyMatch(c -> c instanceof javax.net.ssl.SSLException
                    || c instanceof java.security.cert.CertificateException)) {
                kind = Kind.TLS;
            } else if (chain.stream().anyMatch(c -> c instanceof java.net.ConnectException
                    || c instanceof java.net.UnknownHostException || c instanceof java.net.NoRouteToHostException)) {
                kind = Kind.UNREACHABLE;
            } else if (chain.stream().anyMatch(c -> c instanceof java.net.SocketTimeoutException
                    || c instanceof TimeoutException || c.getClass().getSimpleName().contains("Timeout"))) {
                kind = Kind.TIMEOUT;
            } else if (chain.stream().anyMatch(c -> c instanceof IOException
                    || c.getClass().getName().startsWith("io.vertx.core.http.HttpClosed")
                    || c.getClass().getName().startsWith("io.netty.channel"))) {
                kind = Kind.LOST;
            }
            return new Failure(kind == null ? Kind.OTHER : kind, 0, "", thrown.getClass().getSimpleName());
        }
    }

    /** The failure in words: who refused what, and why (never credentials, never a library's text). */
    ClusterException describe(Failure f, String verb, ClusterKind kind, String namespace) {
        String where = namespace.isEmpty() ? "" : namespace.equals("*") ? " in all namespaces"
                : " in namespace " + namespace;
        String what = verb + " " + kind.resource() + where;
        String message = switch (f.kind) {
            case UNREACHABLE -> "cannot reach the cluster at " + server + " (" + what + "): nothing answered there";
            case LOST -> "the connection to the cluster at " + server + " was lost during " + what
                    + ", before an answer came";
            case TIMEOUT -> "the cluster at " + server + " did not answer " + what + " within "
                    + CredentialPlugin.seconds(deadline);
            case NOT_JSON -> "the cluster at " + server + " answered " + what + " with something that is not a"
                    + " Kubernetes object (not JSON)";
            case TLS -> "the TLS handshake with the cluster at " + server + " failed (" + what + "): its certificate"
                    + " is not trusted by the kubeconfig's certificate authority, or it refused ours";
            case OTHER -> "the request " + what + " failed (" + f.type + ")";
            case ANSWERED -> f.unknownField() != null ? "the cluster's schema for " + kind.kind() + " ("
                    + kind.apiVersion() + ") has no field " + Kubeconfig.printable(f.unknownField()) + " (" + what
                    + "; the object is refused whole, nothing of it is written): " + quoted(f.serverMessage)
                    : switch (f.code) {
                case 401 -> "the cluster at " + server + " did not accept the credentials of this context (" + what
                        + ")";
                case 403 -> "forbidden: RBAC denies " + what;
                case 404 -> kind.kind() + " (" + kind.apiVersion() + ") is not installed in this cluster";
                case 409 -> "conflict: " + what + ": " + quoted(f.serverMessage);
                default -> "the cluster refused " + what + " (HTTP " + f.code + ")"
                        + (f.serverMessage.isEmpty() ? "" : ": " + quoted(f.serverMessage));
            };
        };
        return new ClusterException(secrets.redact(message), null);
    }

    /** A server's own words, shortened and with control characters shown as escapes. */
    private String quoted(String serverMessage) {
        String text = serverMessage.length() > 400 ? serverMessage.substring(0, 400) + "..." : serverMessage;
        return Kubeconfig.printable(secrets.redact(text));
    }

    @Override
    public void close() {
        requests.shutdownNow();
        watcher.close();
        writer.close();
        client.close();
    }
}
