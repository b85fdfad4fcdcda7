package io.pooldesk.cluster;

/**
 * How a live cluster workspace stands with its cluster, for the status bar and the title.
 *
 * @param link     whether its watches are up
 * @param why      while reconnecting, why (the first kind that lost its watch, in the gateway's words); else ""
 * @param readOnly why nothing may be written, in words (RBAC denies it, or a write was refused as forbidden); ""
 *                 while writes are allowed
 */
public record ConnectionState(Link link, String why, String readOnly) {

    public enum Link {
        /** The first lists are under way. */
        CONNECTING,
        /** Every kind is listed and watched (or known not to be served or readable). */
        LIVE,
        /** A list or watch failed and is tried again; what the workspace shows may be behind the cluster. */
        RECONNECTING
    }

    public boolean isReadOnly() {
        return !readOnly.isEmpty();
    }

    /** "live", "reconnecting: why", with "; read-only: reason" after it when writes are refused. */
    public String words() {
        String words = switch (link) {
            case CONNECTING -> "connecting";
            case LIVE -> "live";
            case RECONNECTING -> "reconnecting: " + why;
        };
        return isReadOnly() ? words + "; read-only: " + readOnly : words;
    }
}
