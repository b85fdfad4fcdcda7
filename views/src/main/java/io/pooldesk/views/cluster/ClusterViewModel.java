package io.pooldesk.views.cluster;

import io.pooldesk.cluster.ClusterException;
import io.pooldesk.cluster.ClusterGateway;
import io.pooldesk.cluster.ObjectDiff;
import io.pooldesk.cluster.ObjectOutcome;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.views.common.BackgroundWork;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Supplier;

/**
 * The Cluster page: the workspace compared with a kubeconfig context, then a dry-run or an apply. Nothing is written
 * before the operator has seen the diff; a conflict reads the cluster again and shows the new diff.
 */
public final class ClusterViewModel {
    /** Opens a gateway for a context; the window connects through the kubeconfig, tests through a mock server. */
    public interface Connector {
        ClusterGateway connect(String context) throws ClusterException;
    }

    private final BackgroundWork background;
    private final Connector connector;
    private final Supplier<List<Manifest>> workspace;
    public final ObservableList<String> contexts = FXCollections.observableArrayList();
    public final StringProperty context = new SimpleStringProperty("");
    public final ObservableList<ObjectDiff> diffs = FXCollections.observableArrayList();
    public final ObservableList<ObjectOutcome> outcomes = FXCollections.observableArrayList();
    public final StringProperty message = new SimpleStringProperty("Choose a context, then Compare.");
    /** The watch on the compared context, in words: watching, lost and resuming, or relisted after an expiry. */
    public final StringProperty live = new SimpleStringProperty("");
    /** How the live workspace's kinds are watched, in words (which are not installed or not readable); else empty. */
    public final StringProperty workspaceWatch = new SimpleStringProperty("");
    /** Why nothing may be written to the context (the live workspace is read-only), in words; empty otherwise. */
    public final StringProperty readOnly = new SimpleStringProperty("");
    private java.util.function.Consumer<String> writeForbidden = reason -> { };
    private Runnable applied = () -> { };
    /** The objects the change set deletes; none unless the page follows a live workspace. */
    private Supplier<List<Manifest>> deleted = List::of;

    private final java.util.function.Consumer<Runnable> uiThread;
    private ClusterGateway watching;
    private AutoCloseable watch;
    private String watchedContext;
    /** The window's workspace, when the page follows it ({@link #follow}). */
    private io.pooldesk.views.workspace.WorkspaceViewModel followed;
    /** The compared context is the live workspace's: its watch says when to compare again, not one of the page's. */
    private boolean sharingWatch;
    private final java.util.concurrent.atomic.AtomicBoolean comparePending = new java.util.concurrent.atomic.AtomicBoolean();

    public ClusterViewModel(BackgroundWork background, Connector connector, Supplier<List<Manifest>> workspace) {
        this(background, connector, workspace, Runnable::run);
    }

    /** @param uiThread runs work on the UI thread ({@code Platform::runLater} in the window) */
    public ClusterViewModel(BackgroundWork background, Connector connector, Supplier<List<Manifest>> workspace,
                            java.util.function.Consumer<Runnable> uiThread) {
        this.background = background;
        this.connector = connector;
        this.workspace = workspace;
        this.uiThread = uiThread;
    }

    /**
     * Keeps the compared context under watch: any change the cluster makes to the kinds Pooldesk knows compares
     * again, once per burst of changes, so the page stays live.
     */
    private void watch(String ctx) {
        if (ctx.equals(watchedContext)) {
            return;
        }
        stopWatching();
        if (followed != null && ctx.equals(followed.clusterContextProperty().get())) {
            watchedContext = ctx;
            sharingWatch = true;
            live.set("Live: compared again whenever the live workspace's watch of " + ctx + " reports a change");
            return;
        }
        try {
            watching = connector.connect(ctx);
            watchedContext = ctx;
            watch = watching.liveView(new io.pooldesk.cluster.LiveView.Listener() {
                @Override
                public void changed() {
                    if (comparePending.compareAndSet(false, true)) {
                        uiThread.accept(() -> {
                            comparePending.set(false);
                            compare(true);
                        });
                    }
                }

                @Override
                public void state(String words) {
                    uiThread.accept(() -> live.set("Live: " + words));
                }
            });
        } catch (ClusterException e) {
            message.set(message.get() + " (not watched: " + e.getMessage() + ")");
        }
    }

    /**
     * Makes the page serve {@code workspace}'s live cluster when one is open: its context is compared, Apply is off
     * while the workspace is read-only (with the reason), a write the cluster answers 403 makes it read-only, and an
     * apply that wrote everything empties its change set.
     */
    public void follow(io.pooldesk.views.workspace.WorkspaceViewModel workspace) {
        java.util.function.Consumer<String> opened = ctx -> {
            if (!ctx.isEmpty()) {
                if (!contexts.contains(ctx)) {
                    contexts.add(ctx);
                }
                context.set(ctx);
                diffs.clear();
                outcomes.clear();
                message.set("The workspace is the cluster " + ctx + ": edits made in the window are its change set."
                        + " Compare to review them, then Dry run or Apply.");
            }
        };
        java.util.function.Consumer<io.pooldesk.cluster.ConnectionState> state = now ->
                readOnly.set(now == null ? "" : now.readOnly());
        followed = workspace;
        workspace.clusterContextProperty().addListener((o, old, ctx) -> {
            opened.accept(ctx);
            // a live workspace opened on the compared context, or closed under it: watch the other way now
            if (watchedContext != null && (sharingWatch || watchedContext.equals(ctx))) {
                String compared = watchedContext;
                stopWatching();
                watch(compared);
            }
        });
        workspace.clusterChangesProperty().addListener((o, old, now) -> {
            if (sharingWatch) {
                compare(true);
            }
        });
        workspace.connectionProperty().addListener((o, old, now) -> state.accept(now));
        java.util.function.Consumer<String> notes = now -> workspaceWatch.set(now.isEmpty() ? ""
                : "Live workspace: " + now);
        workspace.clusterNotesProperty().addListener((o, old, now) -> notes.accept(now));
        notes.accept(workspace.clusterNotesProperty().get());
        opened.accept(workspace.clusterContextProperty().get());
        state.accept(workspace.connectionProperty().get());
        writeForbidden = workspace::writeForbidden;
        deleted = workspace::toDelete;
        applied = workspace::changesApplied;
    }

    public void stopWatching() {
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (Exception ignored) {
            // closing informers of a connection already gone
        }
        if (watching != null) {
            watching.close();
        }
        watch = null;
        watching = null;
        watchedContext = null;
        sharingWatch = false;
        live.set("");
    }

    public void loadContexts(List<String> names) {
        contexts.setAll(names);
        if (context.get().isEmpty() && !names.isEmpty()) {
            context.set(names.get(0));
        }
    }

    /** Asks before writing to the cluster, then applies (each object dry-run first). */
    public void applyAfterConfirming(io.pooldesk.views.common.DialogService dialogs) {
        if (!readOnly.get().isEmpty()) {
            message.set("Not applied: the workspace is read-only (" + readOnly.get() + ").");
            return;
        }
        long changed = diffs.stream().filter(d -> d.change() != ObjectDiff.Change.UNCHANGED).count();
        long deleting = diffs.stream().filter(d -> d.change() == ObjectDiff.Change.DELETE).count();
        if (dialogs.confirm("Apply to " + context.get(), "Write " + changed + " object(s) to " + context.get()
                + (deleting == 0 ? "" : " (" + deleting + " of them deleted)")
                + "? Each is dry-run first; nothing is written if one is refused.")) {
            apply(false);
        }
    }

    public void compare() {
        compare(false);
    }

    /**
     * @param fromWatch compared again because the cluster changed: the outcomes of the last apply stay shown (its own
     *                  writes come back on the watch at once)
     */
    private void compare(boolean fromWatch) {
        String ctx = context.get();
        List<Manifest> desired = workspace.get();
        List<Manifest> deletions = deleted.get();
        background.run("Comparing with " + ctx, () -> {
            try (ClusterGateway gateway = connector.connect(ctx)) {
                return gateway.diff(desired, deletions);
            }
        }, result -> {
            diffs.setAll(result);
            if (!fromWatch) {
                outcomes.clear();
            }
            watch(ctx);
            long changed = result.stream().filter(d -> d.change() != ObjectDiff.Change.UNCHANGED).count();
            message.set(changed == 0 ? "The cluster " + ctx + " already holds the workspace."
                    : changed + " object(s) differ from " + ctx + ". Review them, then Dry run or Apply.");
        }, this::failed);
    }

    /** Applies what the last compare showed; {@code dryRun} stops after the server-side dry-run. */
    public void apply(boolean dryRun) {
        String ctx = context.get();
        List<Manifest> desired = workspace.get();
        List<Manifest> deletions = deleted.get();
        background.run((dryRun ? "Dry run on " : "Applying to ") + ctx, () -> {
            try (ClusterGateway gateway = connector.connect(ctx)) {
                List<ObjectOutcome> done = gateway.apply(desired, deletions, dryRun, false, o -> { });
                return new Applied(done, gateway.writeForbidden().orElse(""));
            }
        }, answer -> {
            List<ObjectOutcome> result = answer.outcomes();
            outcomes.setAll(result);
            if (!answer.forbidden().isEmpty()) {
                readOnly.set(answer.forbidden());
                writeForbidden.accept(answer.forbidden());
            }
            if (!dryRun && !result.isEmpty() && result.stream().noneMatch(o -> o.result().isFailure())) {
                applied.run();
            }
            long failed = result.stream().filter(o -> o.result().isFailure()).count();
            boolean conflict = result.stream().anyMatch(o -> o.result() == ObjectOutcome.Result.CONFLICT);
            boolean lost = result.stream().anyMatch(o -> o.result() == ObjectOutcome.Result.UNKNOWN
                    || o.message().startsWith("not sent: the connection was lost"));
            if (lost) {
                message.set("The connection to " + ctx + " was lost while applying: each object below says whether"
                        + " it was written, not written, or is unknown. Compare again before applying.");
            } else if (conflict) {
                message.set("The cluster changed while applying: its new state is compared again below; review"
                        + " it and apply again.");
                compare();
            } else {
                message.set(failed == 0 ? (dryRun ? "The dry-run passed: the cluster would accept every object."
                        : "Applied to " + ctx + ".") : failed + " object(s) were not applied: see the outcomes.");
            }
        }, this::failed);
    }

    private record Applied(List<ObjectOutcome> outcomes, String forbidden) {
    }

    private void failed(Throwable failure) {
        // only the gateway's own messages are shown: another exception's text may quote a credential
        message.set(failure instanceof ClusterException ? failure.getMessage() : "The cluster could not be read ("
                + failure.getClass().getSimpleName() + ").");
    }
}
