package io.pooldesk.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import io.fabric8.kubernetes.client.dsl.internal.BaseOperation;
import io.pooldesk.model.manifest.Manifest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the cluster holds of the kinds Pooldesk knows, kept current by a list and then a watch per kind, as a
 * reflector does, but with every step in the open:
 * <ul>
 *   <li>A watch that ends (the server's timeout, a dropped connection) is resumed from the last resourceVersion it
 *       delivered, so the changes made while it was down still arrive.</li>
 *   <li>A watch the server can no longer resume (410 Gone: its history was compacted, or its watch cache restarted
 *       after that resourceVersion) is followed by a new list, compared with what the view held; every difference is
 *       reported, and the view's state says it relisted.</li>
 *   <li>Every list and every watch's start has the gateway's deadline, and nothing here blocks the caller: a dead or
 *       hostile server leaves the view saying so, never a hung command or window.</li>
 * </ul>
 * fabric8's own reconnection is off for these watches (watch reconnect limit 0): it would resume silently, and its
 * informers relist on 410 without telling anyone.
 */
public final class LiveView implements AutoCloseable {
    /** What the view tells its owner. Called on the view's threads. */
    public interface Listener {
        /** One or more objects the view holds were added, changed or removed. */
        void changed();

        /** The view's state, in words, changed ({@link #state()}). */
        default void state(String words) {
        }
    }

    /** Where a kind's list and watch stand. */
    public enum Phase {
        /** Being listed, the first time or after a 410 Gone. */
        LISTING,
        /** Listed and watched. */
        WATCHING,
        /** The list or watch failed (unreachable, lost, no answer in time) and is tried again after a pause. */
        RETRYING,
        /** Given up for good: not installed (404), or RBAC or the credentials refuse it (403, 401). */
        NOT_WATCHED
    }

    /** One object the view holds: its resourceVersion, and the object itself when the view keeps objects. */
    private record Held(ClusterKind kind, String resourceVersion, ObjectNode object) {
    }

    /** How long one watch may run before the server is asked to end it and it is resumed. */
    static final int WATCH_SECONDS = 300;
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final ClusterGateway gateway;
    private final KubernetesClient client;
    private final Listener listener;
    private final List<ClusterKind> kinds;
    private final boolean keepObjects;
    private final Map<String, Held> objects = new ConcurrentHashMap<>();
    private final Map<ClusterKind, String> states = new ConcurrentHashMap<>();
    private final Map<ClusterKind, Phase> phases = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong relists = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();
    private volatile boolean closed;
    private String lastState = "";

    LiveView(ClusterGateway gateway, KubernetesClient client, List<ClusterKind> kinds, Listener listener) {
        this(gateway, client, kinds, false, listener);
    }

    /** @param keepObjects whether to keep each object whole ({@link #snapshot}), not only its resourceVersion */
    LiveView(ClusterGateway gateway, KubernetesClient client, List<ClusterKind> kinds, boolean keepObjects,
             Listener listener) {
        this.gateway = gateway;
        this.client = client;
        this.listener = listener;
        this.kinds = List.copyOf(kinds);
        this.keepObjects = keepObjects;
        for (ClusterKind kind : kinds) {
            states.put(kind, "listing");
            phases.put(kind, Phase.LISTING);
            Thread worker = new Thread(() -> follow(kind), "pooldesk live view " + kind.resource());
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    /** Every object the view holds, as "plural.group namespace/name" to its resourceVersion. */
    public Map<String, String> objects() {
        Map<String, String> out = new TreeMap<>();
        objects.forEach((key, held) -> out.put(key, held.resourceVersion()));
        return out;
    }

    /**
     * The objects the view keeps, whole, kind by kind in the order the view was given them and by namespace and name
     * within a kind: an immutable list of copies, each a {@link Manifest} of {@code source}. Empty unless the view
     * keeps objects.
     */
    List<Manifest> snapshot(String source) {
        Map<ClusterKind, Integer> order = new HashMap<>();
        for (ClusterKind kind : kinds) {
            order.putIfAbsent(kind, order.size());
        }
        List<Map.Entry<String, Held>> held = new ArrayList<>(objects.entrySet());
        held.removeIf(e -> e.getValue().object() == null);
        held.sort(Comparator.<Map.Entry<String, Held>>comparingInt(e -> order.getOrDefault(e.getValue().kind(),
                Integer.MAX_VALUE)).thenComparing(Map.Entry::getKey));
        List<Manifest> out = new ArrayList<>(held.size());
        for (Map.Entry<String, Held> entry : held) {
            out.add(new Manifest(source, out.size() + 1, entry.getValue().object().deepCopy()));
        }
        return List.copyOf(out);
    }

    /** Where each kind's list and watch stand. */
    public Map<ClusterKind, Phase> phases() {
        return Map.copyOf(phases);
    }

    /** The words of one kind's state, as {@link #state()} gives them. */
    public String state(ClusterKind kind) {
        return states.getOrDefault(kind, "");
    }

    /** The view's state in words: per kind, whether it is watched, resuming, relisted or not watched, and why. */
    public String state() {
        Map<String, List<String>> byWords = new LinkedHashMap<>();
        for (ClusterKind kind : kinds) {
            String words = states.get(kind);
            if (words != null) {
                byWords.computeIfAbsent(words, w -> new ArrayList<>()).add(kind.kind() + " (" + kind.apiVersion()
                        + ")");
            }
        }
        List<String> parts = new ArrayList<>();
        byWords.forEach((words, kinds) -> parts.add(String.join(", ", kinds) + ": " + words));
        return String.join("; ", parts);
    }

    /** How many times a kind was listed again because its watch could not be resumed (410 Gone). */
    public long relists() {
        return relists.get();
    }

    /** How many times a watch that ended was resumed from the last resourceVersion it delivered. */
    public long resumes() {
        return resumes.get();
    }

    private void say(ClusterKind kind, Phase phase, String words) {
        phases.put(kind, phase);
        states.put(kind, words);
        String now = state();
        boolean changed;
        synchronized (this) {
            changed = !now.equals(lastState);
            lastState = now;
        }
        if (changed && !closed) {
            tell(() -> listener.state(now));
        }
    }

    /** The kind's watch is up (the words stay those of its list): its phase is watching. */
    private void started(ClusterKind kind) {
        if (phases.put(kind, Phase.WATCHING) != Phase.WATCHING && !closed) {
            String now;
            synchronized (this) {
                now = lastState;
            }
            tell(() -> listener.state(now));
        }
    }

    /**
     * Tells the owner; an owner that throws can no longer hear the view (a UI thread or executor already shut down,
     * say), so the view closes rather than let a worker die with the exception or go on watching for nobody.
     */
    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ownerGone) {
            close();
        }
    }

    private enum Ending { ENDED, GONE, LOST }

    /** How a watch ended, and whether it was kept: it delivered an event or stayed up for a while. */
    private record Watched(Ending ending, boolean kept) {
    }

    /** How long a watch must stay up, if it delivers nothing, to count as connected. */
    private static final long KEPT_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** One kind: list, then watch and resume, relisting whenever the server answers 410 Gone. */
    private void follow(ClusterKind kind) {
        Map<String, String> known = new HashMap<>();
        String resourceVersion = null;
        String expired = null;
        boolean listed = false;
        int failures = 0;
        while (!closed) {
            try {
                if (resourceVersion == null) {
                    resourceVersion = relist(kind, known, expired);
                    expired = null;
                    listed = true;
                }
                AtomicReference<String> last = new AtomicReference<>(resourceVersion);
                Watched watched = watch(kind, known, last, !listed, failures > 0);
                listed = false;
                if (watched.ending == Ending.GONE) {
                    expired = last.get();
                    say(kind, Phase.LISTING, "the watch could not resume from resourceVersion " + expired + " (410 Gone: the"
                            + " server no longer holds that history); listing again");
                    resourceVersion = null;
                    failures = 0;
                    if (!watched.kept) {
                        pause(Duration.ofSeconds(1));
                    }
                } else {
                    resourceVersion = last.get();
                }
                if (watched.kept) {
                    failures = 0;
                } else if (watched.ending == Ending.LOST) {
                    // fabric8 may report a watch started that never connected (it falls back to a plain HTTP watch)
                    throw new ClusterGateway.Failure(ClusterGateway.Failure.Kind.LOST, 0, "", "");
                } else if (watched.ending != Ending.GONE) {
                    // a watch the server ends at once, again and again, must not become a busy loop
                    pause(Duration.ofSeconds(1));
                }
            } catch (ClusterGateway.Failure f) {
                if (f.code == 410 && resourceVersion != null) {
                    expired = resourceVersion;
                    resourceVersion = null;
                    continue;
                }
                if (f.code == 403 || f.code == 404 || f.code == 401) {
                    say(kind, Phase.NOT_WATCHED, "not watched: " + gateway.describe(f, "watch", kind, kind.namespaced() ? "*" : "")
                            .getMessage());
                    return;
                }
                failures++;
                Duration pause = Duration.ofSeconds(Math.min(LONGEST_PAUSE.toSeconds(), 1L << Math.min(failures, 5)));
                say(kind, Phase.RETRYING, (resourceVersion == null ? "not listed" : "not watched since resourceVersion "
                        + resourceVersion) + ": " + gateway.describe(f, resourceVersion == null ? "list" : "watch",
                        kind, kind.namespaced() ? "*" : "").getMessage() + "; trying again in "
                        + pause.toSeconds() + " s");
                pause(pause);
            } catch (RuntimeException e) {
                // a library's surprise must not end the view silently; its text may quote a credential
                failures++;
                say(kind, Phase.RETRYING, "not watched since resourceVersion " + resourceVersion + ": the watch failed ("
                        + e.getClass().getSimpleName() + "); trying again in 30 s");
                pause(LONGEST_PAUSE);
            }
        }
    }

    /** Lists the kind, reports every difference from what the view held, and returns the list's resourceVersion. */
    private String relist(ClusterKind kind, Map<String, String> known, String expired) throws ClusterGateway.Failure {
        GenericKubernetesResourceList list = gateway.call(() -> kind.namespaced()
                ? client.genericKubernetesResources(kind.context()).inAnyNamespace().list()
                : client.genericKubernetesResources(kind.context()).list());
        Map<String, String> listed = new HashMap<>();
        Map<String, ObjectNode> whole = new HashMap<>();
        for (GenericKubernetesResource item : list.getItems()) {
            if (item == null || item.getMetadata() == null) {
                continue;
            }
            listed.put(key(kind, item), item.getMetadata().getResourceVersion());
            if (keepObjects) {
                whole.put(key(kind, item), whole(kind, item));
            }
        }
        int added = 0;
        int changed = 0;
        int removed = 0;
        for (Map.Entry<String, String> entry : listed.entrySet()) {
            String before = known.get(entry.getKey());
            if (before == null) {
                added++;
            } else if (!before.equals(entry.getValue())) {
                changed++;
            }
            objects.put(entry.getKey(), new Held(kind, entry.getValue(), whole.get(entry.getKey())));
        }
        for (String gone : known.keySet()) {
            if (!listed.containsKey(gone)) {
                removed++;
                objects.remove(gone);
            }
        }
        known.clear();
        known.putAll(listed);
        String resourceVersion = list.getMetadata().getResourceVersion();
        if (expired != null) {
            relists.incrementAndGet();
            say(kind, Phase.LISTING, "relisted at resourceVersion " + resourceVersion + " after the watch expired at "
                    + expired + " (410 Gone): " + added + " added, " + changed + " changed, " + removed
                    + " removed; watching");
        } else {
            say(kind, Phase.LISTING, "watching");
        }
        if (added + changed + removed > 0 && !closed) {
            tell(listener::changed);
        }
        return resourceVersion;
    }

    /** Watches the kind from {@code last} until the watch ends; {@code last} follows every event delivered. */
    private Watched watch(ClusterKind kind, Map<String, String> known, AtomicReference<String> last, boolean resumed,
                          boolean afterFailure) throws ClusterGateway.Failure {
        BlockingQueue<Ending> ended = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicBoolean delivered = new java.util.concurrent.atomic.AtomicBoolean();
        Watcher<GenericKubernetesResource> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                if (closed || resource == null || resource.getMetadata() == null) {
                    return;
                }
                String version = resource.getMetadata().getResourceVersion();
                boolean change = true;
                switch (action) {
                    case ADDED, MODIFIED -> {
                        known.put(key(kind, resource), version);
                        objects.put(key(kind, resource), new Held(kind, version, keepObjects ? whole(kind, resource)
                                : null));
                    }
                    case DELETED -> {
                        known.remove(key(kind, resource));
                        objects.remove(key(kind, resource));
                    }
                    default -> change = false;
                }
                if (version != null && !version.isEmpty()) {
                    last.set(version);
                }
                delivered.set(true);
                if (change) {
                    tell(listener::changed);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                ended.offer(cause.isHttpGone() ? Ending.GONE : Ending.LOST);
            }

            @Override
            public void onClose() {
                ended.offer(Ending.ENDED);
            }
        };
        ListOptions options = new ListOptionsBuilder().withResourceVersion(last.get()).withAllowWatchBookmarks(true)
                .withTimeoutSeconds((long) WATCH_SECONDS).build();
        String from = last.get();
        Watch watch = start(kind, options, watcher);
        started(kind);
        long started = System.nanoTime();
        boolean kept = false;
        try {
            long until = started + TimeUnit.SECONDS.toNanos(WATCH_SECONDS + 30);
            while (!closed && System.nanoTime() < until) {
                if (!kept && (delivered.get() || System.nanoTime() - started > KEPT_NANOS)) {
                    kept = true;
                    if (resumed) {
                        resumes.incrementAndGet();
                    }
                    if (afterFailure) {
                        say(kind, Phase.WATCHING, "watching again from resourceVersion " + from + " after the connection was lost");
                    }
                }
                Ending ending = ended.poll(200, TimeUnit.MILLISECONDS);
                if (ending != null) {
                    return new Watched(ending, kept || delivered.get());
                }
            }
            return new Watched(Ending.ENDED, kept);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Watched(Ending.ENDED, kept);
        } finally {
            watch.close();
        }
    }

    /** Starts a watch within the gateway's deadline; one that starts late is closed when it does. */
    @SuppressWarnings("unchecked")
    private Watch start(ClusterKind kind, ListOptions options, Watcher<GenericKubernetesResource> watcher)
            throws ClusterGateway.Failure {
        Watchable<GenericKubernetesResource> target = kind.namespaced()
                ? client.genericKubernetesResources(kind.context()).inAnyNamespace()
                : client.genericKubernetesResources(kind.context());
        if (!(target instanceof BaseOperation<?, ?, ?> operation)) {
            return gateway.call(() -> target.watch(options, watcher));
        }
        // Watchable.watch waits for the watch to start without any limit (BaseOperation.watch, fabric8 7.8.0)
        CompletableFuture<? extends Watch> starting = ((BaseOperation<GenericKubernetesResource, ?, ?>) operation)
                .submitWatch(options, watcher);
        try {
            return starting.get(gateway.deadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            starting.thenAccept(Watch::close);
            starting.cancel(true);
            throw new ClusterGateway.Failure(ClusterGateway.Failure.Kind.TIMEOUT, 0, "", "");
        } catch (InterruptedException e) {
            starting.thenAccept(Watch::close);
            Thread.currentThread().interrupt();
            throw new ClusterGateway.Failure(ClusterGateway.Failure.Kind.OTHER, 0, "", "InterruptedException");
        } catch (ExecutionException e) {
            throw ClusterGateway.Failure.of(e.getCause());
        }
    }

    /**
     * The object as the workspace reads it, or null when the kind leaves it out ({@link ClusterKind#keeps}); its
     * identity is the kind's, never the server's text.
     */
    private ObjectNode whole(ClusterKind kind, GenericKubernetesResource resource) {
        ObjectNode object = gateway.toJson(resource);
        if (!kind.keeps(object)) {
            return null;
        }
        object.put("apiVersion", kind.apiVersion());
        object.put("kind", kind.kind());
        if (object.path("metadata").isObject()) {
            ((ObjectNode) object.get("metadata")).remove("managedFields");
        }
        return object;
    }

    private static String key(ClusterKind kind, GenericKubernetesResource resource) {
        String namespace = resource.getMetadata().getNamespace();
        return kind.resource() + " " + (namespace == null || namespace.isEmpty() ? "" : namespace + "/")
                + resource.getMetadata().getName();
    }

    private void pause(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        while (!closed && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether any of the view's workers is still running (for tests: a closed view's end within a moment). */
    boolean running() {
        return workers.stream().anyMatch(Thread::isAlive);
    }

    /** Stops every watch; returns at once. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }

    /**
     * Stops every watch and waits, at most {@code patience}, for the workers to close their watches themselves: a
     * command that exits or closes its client next leaves no watch half open on the server.
     */
    public void closeAndWait(Duration patience) {
        close();
        long until = System.nanoTime() + patience.toNanos();
        for (Thread worker : workers) {
            long left = until - System.nanoTime();
            if (left <= 0 || worker == Thread.currentThread()) {
                continue;
            }
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
