package io.pooldesk.cluster;

import io.pooldesk.model.manifest.Manifest;

import java.util.List;
import java.util.Map;

/**
 * A cluster as a workspace that keeps itself current: every object of the kinds that hold or shape addresses
 * ({@link ClusterKind#WATCHED}), kept whole by one {@link LiveView} (list, watch, resume from the last
 * resourceVersion, relist on 410 Gone). A kind the server does not serve or RBAC refuses is said in
 * {@link #notes()}, never fatal. Nothing here writes: edits are the caller's change set, applied through a gateway
 * after a diff.
 */
public final class LiveCluster implements AutoCloseable {
    /** What the live workspace tells its owner, on the view's threads. */
    public interface Listener {
        /** Objects were added, changed or removed: {@link #snapshot()} holds the new state. */
        void changed();

        /** The connection's state or the notes changed. */
        void state(ConnectionState state);
    }

    private final ClusterGateway gateway;
    private final String context;
    private final Listener listener;
    // volatile, not final: the view's workers may report a failed first list before the constructor has kept it
    private volatile LiveView view;
    private volatile String readOnly;

    private LiveCluster(ClusterGateway gateway, String context, String readOnly, Listener listener) {
        this.gateway = gateway;
        this.context = context;
        this.listener = listener;
        this.readOnly = readOnly;
        this.view = gateway.liveObjects(ClusterKind.WATCHED, new LiveView.Listener() {
            @Override
            public void changed() {
                listener.changed();
            }

            @Override
            public void state(String words) {
                listener.state(LiveCluster.this.state());
            }
        });
    }

    /**
     * Opens the cluster behind {@code gateway} as a live workspace named after {@code context}: asks whether this
     * context may write pools (read-only when RBAC says no), then starts listing and watching and returns at once.
     * The live workspace owns the gateway and closes it.
     */
    public static LiveCluster open(ClusterGateway gateway, String context, Listener listener) {
        return new LiveCluster(gateway, context, gateway.writesDenied().orElse(""), listener);
    }

    public String context() {
        return context;
    }

    /** The name of the workspace's objects' source: {@code cluster:CONTEXT}. */
    public String source() {
        return "cluster:" + context;
    }

    /** The server, as it may be shown. */
    public String server() {
        return gateway.server();
    }

    /** Every object the cluster holds of the watched kinds, now: an immutable list of copies. */
    public List<Manifest> snapshot() {
        return view.snapshot(source());
    }

    /** The connection in a word or two, and read-only with its reason when writes are refused. */
    public ConnectionState state() {
        LiveView view = this.view;
        if (view == null) {
            return new ConnectionState(ConnectionState.Link.CONNECTING, "", readOnly);
        }
        Map<ClusterKind, LiveView.Phase> phases = view.phases();
        String why = "";
        boolean connecting = false;
        for (ClusterKind kind : ClusterKind.WATCHED) {
            LiveView.Phase phase = phases.get(kind);
            if (phase == LiveView.Phase.RETRYING && why.isEmpty()) {
                why = kind.kind() + " (" + kind.apiVersion() + "): " + view.state(kind);
            }
            connecting |= phase == LiveView.Phase.LISTING;
        }
        ConnectionState.Link link = !why.isEmpty() ? ConnectionState.Link.RECONNECTING
                : connecting ? ConnectionState.Link.CONNECTING : ConnectionState.Link.LIVE;
        return new ConnectionState(link, why, readOnly);
    }

    /** Per kind, whether it is watched, resuming, relisted or not watched and why (not installed, forbidden). */
    public String notes() {
        return view.state();
    }

    /** How many watches were resumed from their last resourceVersion, and how many kinds relisted after a 410. */
    public long resumes() {
        return view.resumes();
    }

    public long relists() {
        return view.relists();
    }

    /** A write answered 403: from now on the workspace is read-only, for that reason. */
    public void writeForbidden(String reason) {
        if (readOnly.isEmpty()) {
            readOnly = reason;
            listener.state(state());
        }
    }

    /** Stops every watch and closes the connection; returns at once. */
    @Override
    public void close() {
        view.close();
        gateway.close();
    }

    /** Closes as {@link #close()} does, once the watches are closed (at most {@code patience}): for commands, not the UI thread. */
    public void closeAndWait(java.time.Duration patience) {
        view.closeAndWait(patience);
        gateway.close();
    }
}
