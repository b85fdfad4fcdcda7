package io.pooldesk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.Yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pooldesk's one door to a cluster, through fabric8. It reads the kinds Pooldesk knows, diffs the workspace against
 * them on the fields Pooldesk owns, and applies: a server-side dry-run of every object first, then for each object,
 * pools before the objects that use them, an optimistic update of the live object (its status and every field
 * Pooldesk does not own kept, its resourceVersion sent) or a create. Nothing is written unless the whole dry-run
 * passed. Credentials stay in the client: no message or report carries them.
 */
public final class ClusterGateway implements AutoCloseable {
    private final KubernetesClient client;

    public ClusterGateway(KubernetesClient client) {
        this.client = client;
    }

    /** Connects as kubectl would: KUBECONFIG or ~/.kube/config, the named context or the current one. */
    public static ClusterGateway connect(String context) throws ClusterException {
        try {
            Config config = context == null || context.isEmpty() ? Config.autoConfigure(null)
                    : Config.autoConfigure(context);
            if (context != null && !context.isEmpty() && !context.equals(config.getCurrentContext() == null ? null
                    : config.getCurrentContext().getName())) {
                throw new ClusterException("no context named \"" + context + "\" in the kubeconfig", null);
            }
            if (config.getCurrentContext() == null && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
                throw new ClusterException("no kubeconfig found: set KUBECONFIG, or write ~/.kube/config, or name a"
                        + " context with --context", null);
            }
            // an unreachable cluster must answer in seconds, not after minutes of retries
            config.setRequestRetryBackoffLimit(1);
            config.setConnectionTimeout(5_000);
            config.setRequestTimeout(15_000);
            return new ClusterGateway(new KubernetesClientBuilder().withConfig(config).build());
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot read the kubeconfig: " + e.getMessage(), e);
        }
    }

    public String masterUrl() {
        return client.getConfiguration().getMasterUrl();
    }

    public ClusterRead read() throws ClusterException {
        List<Manifest> objects = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ClusterKind kind : ClusterKind.ALL) {
            try {
                List<GenericKubernetesResource> items = kind.namespaced()
                        ? client.genericKubernetesResources(kind.context()).inAnyNamespace().list().getItems()
                        : client.genericKubernetesResources(kind.context()).list().getItems();
                if (items.isEmpty() && !served(kind)) {
                    notes.add(kind.kind() + " (" + kind.apiVersion() + ") is not installed in this cluster");
                    continue;
                }
                int document = 0;
                for (GenericKubernetesResource item : items) {
                    objects.add(new Manifest("cluster:" + kind.resource(), ++document, toJson(item)));
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    notes.add(kind.kind() + " (" + kind.apiVersion() + ") is not installed in this cluster");
                } else if (e.getCode() == 403) {
                    notes.add("forbidden: RBAC denies list " + kind.resource()
                            + (kind.namespaced() ? " in all namespaces" : "") + "; those objects are not shown");
                } else {
                    throw describe(e, "list", kind, "");
                }
            }
        }
        return new ClusterRead(objects, notes);
    }

    /** Whether the API server's discovery lists the kind (its CRD is installed). */
    private boolean served(ClusterKind kind) {
        try {
            var resources = client.getApiResources(kind.apiVersion());
            return resources != null && resources.getResources().stream()
                    .anyMatch(r -> kind.plural().equals(r.getName()));
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    /**
     * Keeps {@code onChange} informed of every change the cluster makes to the kinds Pooldesk knows (an informer per
     * kind, as kubectl's watch). Close the returned handle to stop.
     */
    public AutoCloseable watch(Runnable onChange) {
        List<io.fabric8.kubernetes.client.informers.SharedIndexInformer<GenericKubernetesResource>> informers =
                new ArrayList<>();
        io.fabric8.kubernetes.client.informers.ResourceEventHandler<GenericKubernetesResource> handler =
                new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource obj) {
                        onChange.run();
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                        onChange.run();
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                        onChange.run();
                    }
                };
        for (ClusterKind kind : ClusterKind.ALL) {
            try {
                informers.add(kind.namespaced()
                        ? client.genericKubernetesResources(kind.context()).inAnyNamespace().inform(handler)
                        : client.genericKubernetesResources(kind.context()).inform(handler));
            } catch (KubernetesClientException e) {
                // a kind that is not installed or not readable has nothing to watch
            }
        }
        return () -> informers.forEach(io.fabric8.kubernetes.client.informers.SharedIndexInformer::close);
    }

    /** The contexts of the kubeconfig, as kubectl lists them; empty when there is no kubeconfig. */
    public static List<String> contexts() {
        try {
            Config config = Config.autoConfigure(null);
            return config.getContexts() == null ? List.of()
                    : config.getContexts().stream().map(c -> c.getName()).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Saves what the cluster holds into {@code folder}, one file per kind, without the fields the server manages,
     * so that the folder can be planned on offline as a workspace.
     *
     * @return the number of objects saved, and the notes of the read
     */
    public ClusterRead pull(java.nio.file.Path folder) throws ClusterException, java.io.IOException {
        ClusterRead read = read();
        java.util.Map<String, List<ObjectNode>> byKind = new java.util.LinkedHashMap<>();
        for (Manifest m : read.objects()) {
            String file = m.kind().toLowerCase() + "-" + m.group().replace('.', '-') + ".yaml";
            ObjectNode object = m.object().deepCopy();
            object.with("metadata").remove(List.of("managedFields", "uid", "resourceVersion", "creationTimestamp",
                    "generation"));
            byKind.computeIfAbsent(file, f -> new ArrayList<>()).add(object);
        }
        for (var kind : byKind.entrySet()) {
            io.pooldesk.model.manifest.AtomicFiles.write(folder.resolve(kind.getKey()),
                    io.pooldesk.model.workspace.Workspace.render(kind.getValue()));
        }
        return read;
    }

    /** One diff per workspace object of a known kind, pools first. */
    public List<ObjectDiff> diff(List<Manifest> desired) throws ClusterException {
        List<ObjectDiff> out = new ArrayList<>();
        for (Planned planned : plan(desired)) {
            out.add(planned.diff);
        }
        return out;
    }

    private record Planned(ClusterKind kind, Manifest desired, GenericKubernetesResource live, ObjectNode target,
                           ObjectDiff diff) {
    }

    private List<Planned> plan(List<Manifest> desired) throws ClusterException {
        List<Planned> planned = new ArrayList<>();
        for (Manifest manifest : desired) {
            ClusterKind kind = ClusterKind.of(manifest);
            if (kind == null) {
                continue;
            }
            String namespace = kind.namespaced() ? (manifest.namespace().isEmpty() ? "default" : manifest.namespace())
                    : "";
            GenericKubernetesResource live;
            try {
                live = resource(kind, namespace, manifest.name()).get();
            } catch (KubernetesClientException e) {
                throw describe(e, "get", kind, namespace);
            }
            ObjectNode wanted = manifest.object().deepCopy();
            wanted.put("apiVersion", kind.apiVersion());
            if (live == null) {
                ObjectNode created = forCreate(wanted, namespace);
                planned.add(new Planned(kind, manifest, null, created, new ObjectDiff(kind.kind(), namespace,
                        manifest.name(), ObjectDiff.Change.CREATE, FieldDiff.between(
                        FieldDiff.owned(Yaml.json().createObjectNode(), wanted), FieldDiff.owned(wanted, wanted)))));
                continue;
            }
            ObjectNode liveJson = toJson(live);
            ObjectNode merged = merge(liveJson, wanted);
            List<String> fields = FieldDiff.between(FieldDiff.owned(liveJson, wanted), FieldDiff.owned(wanted, wanted));
            planned.add(new Planned(kind, manifest, live, merged, new ObjectDiff(kind.kind(), namespace,
                    manifest.name(), fields.isEmpty() ? ObjectDiff.Change.UNCHANGED : ObjectDiff.Change.UPDATE,
                    fields)));
        }
        planned.sort(Comparator.comparingInt(p -> p.kind.order()));
        return planned;
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
        this.serverSide = serverSide;
        List<Planned> planned = plan(desired);
        List<ObjectOutcome> refusals = new ArrayList<>();
        for (Planned p : planned) {
            if (p.diff.change() == ObjectDiff.Change.UNCHANGED) {
                continue;
            }
            try {
                write(p, true);
            } catch (KubernetesClientException e) {
                refusals.add(new ObjectOutcome(p.diff, e.getCode() == 409 ? ObjectOutcome.Result.CONFLICT
                        : ObjectOutcome.Result.REFUSED, describe(e, verb(p), p.kind, p.diff.namespace()).getMessage()));
            }
        }
        List<ObjectOutcome> outcomes = new ArrayList<>();
        if (!refusals.isEmpty() || dryRunOnly) {
            for (Planned p : planned) {
                ObjectOutcome refused = refusals.stream().filter(r -> r.diff() == p.diff).findFirst().orElse(null);
                ObjectOutcome outcome = refused != null ? refused : new ObjectOutcome(p.diff,
                        switch (p.diff.change()) {
                            case UNCHANGED -> ObjectOutcome.Result.UNCHANGED;
                            case CREATE -> dryRunOnly ? ObjectOutcome.Result.WOULD_CREATE
                                    : ObjectOutcome.Result.NOT_ATTEMPTED;
                            case UPDATE -> dryRunOnly ? ObjectOutcome.Result.WOULD_UPDATE
                                    : ObjectOutcome.Result.NOT_ATTEMPTED;
                        }, refused == null && !dryRunOnly ? "the dry-run of another object was refused" : "");
                outcomes.add(outcome);
                progress.accept(outcome);
            }
            return outcomes;
        }
        boolean connectionLost = false;
        for (Planned p : planned) {
            ObjectOutcome outcome;
            if (p.diff.change() == ObjectDiff.Change.UNCHANGED) {
                outcome = new ObjectOutcome(p.diff, ObjectOutcome.Result.UNCHANGED, "");
            } else if (connectionLost) {
                outcome = new ObjectOutcome(p.diff, ObjectOutcome.Result.NOT_ATTEMPTED,
                        "the connection was lost before it");
            } else {
                try {
                    write(p, false);
                    outcome = new ObjectOutcome(p.diff, p.live == null ? ObjectOutcome.Result.CREATED
                            : ObjectOutcome.Result.UPDATED, "");
                } catch (KubernetesClientException e) {
                    connectionLost = isConnectionFailure(e);
                    outcome = new ObjectOutcome(p.diff, e.getCode() == 409 ? ObjectOutcome.Result.CONFLICT
                            : ObjectOutcome.Result.FAILED, e.getCode() == 409
                            ? "changed in the cluster since Pooldesk read it; run diff again to see the new state"
                            : describe(e, verb(p), p.kind, p.diff.namespace()).getMessage());
                }
            }
            outcomes.add(outcome);
            progress.accept(outcome);
        }
        return outcomes;
    }

    private boolean serverSide;

    private void write(Planned p, boolean dryRun) {
        ObjectNode target = serverSide
                ? applyConfiguration(p.kind, p.diff.namespace(), p.diff.name(), p.desired.object()) : p.target;
        GenericKubernetesResource body = client.getKubernetesSerialization().convertValue(target,
                GenericKubernetesResource.class);
        Resource<GenericKubernetesResource> resource = p.kind.namespaced()
                ? client.genericKubernetesResources(p.kind.context()).inNamespace(p.diff.namespace()).resource(body)
                : client.genericKubernetesResources(p.kind.context()).resource(body);
        if (serverSide) {
            (dryRun ? resource.dryRun() : resource).fieldManager(FIELD_MANAGER).serverSideApply();
            return;
        }
        if (p.live == null) {
            if (dryRun) {
                resource.dryRun().create();
            } else {
                resource.create();
            }
        } else if (dryRun) {
            resource.dryRun().update();
        } else {
            resource.update();
        }
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

    private static String verb(Planned p) {
        return p.live == null ? "create" : "update";
    }

    private Resource<GenericKubernetesResource> resource(ClusterKind kind, String namespace, String name) {
        return kind.namespaced()
                ? client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name)
                : client.genericKubernetesResources(kind.context()).withName(name);
    }

    private ObjectNode toJson(GenericKubernetesResource resource) {
        return Yaml.json().valueToTree(client.getKubernetesSerialization().convertValue(resource,
                java.util.Map.class));
    }

    /** The failure in words: who refused what, and why (never credentials). */
    private ClusterException describe(KubernetesClientException e, String verb, ClusterKind kind, String namespace) {
        String where = namespace.isEmpty() ? "" : " in namespace " + namespace;
        String serverMessage = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        if (isConnectionFailure(e)) {
            return new ClusterException("cannot reach the cluster at " + masterUrl() + ": " + rootCause(e), e);
        }
        return switch (e.getCode()) {
            case 401 -> new ClusterException("the cluster did not accept the credentials of this context", e);
            case 403 -> new ClusterException("forbidden: RBAC denies " + verb + " " + kind.resource() + where, e);
            case 404 -> new ClusterException(kind.kind() + " (" + kind.apiVersion() + ") is not installed in this"
                    + " cluster", e);
            default -> new ClusterException("the cluster refused " + verb + " " + kind.resource() + where + ": "
                    + serverMessage, e);
        };
    }

    /** No answer from the server at all (refused, reset, timed out), as opposed to an answer that says no. */
    private static boolean isConnectionFailure(KubernetesClientException e) {
        if (e.getCode() == 0 && e.getStatus() == null) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @Override
    public void close() {
        client.close();
    }
}
