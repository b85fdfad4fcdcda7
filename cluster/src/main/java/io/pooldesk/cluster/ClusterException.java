package io.pooldesk.cluster;

/**
 * The cluster refused, could not be reached, or what Pooldesk was asked to use cannot be used; the message says which
 * verb, resource, namespace, file or entry, in words, and never carries a credential.
 */
public class ClusterException extends Exception {
    private final boolean badInput;

    public ClusterException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ClusterException(String message, Throwable cause, boolean badInput) {
        // the cause stays out: its message may quote a credential, and nothing prints it through this exception
        super(message);
        this.badInput = badInput;
    }

    /** A kubeconfig, an argument or a workspace object that cannot be used: the command line's exit code 2. */
    public static ClusterException badInput(String message) {
        return new ClusterException(message, null, true);
    }

    /** Whether the operator's input is at fault (exit 2) rather than the cluster or the way to it (exit 1). */
    public boolean badInput() {
        return badInput;
    }
}
