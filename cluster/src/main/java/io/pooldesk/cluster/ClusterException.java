package io.pooldesk.cluster;

/** The cluster refused or could not be reached; the message says which verb, resource and namespace, in words. */
public class ClusterException extends Exception {
    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
