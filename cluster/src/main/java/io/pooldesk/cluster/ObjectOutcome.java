package io.pooldesk.cluster;

/**
 * What an apply did with one object. {@code UNKNOWN}: the write was sent, its answer was lost, and reading the object
 * back could not settle whether it was done; the message says what was found.
 */
public record ObjectOutcome(ObjectDiff diff, Result result, String message) {

    public enum Result {
        UNCHANGED, WOULD_CREATE, WOULD_UPDATE, CREATED, UPDATED, REFUSED, CONFLICT, FAILED, NOT_ATTEMPTED,
        UNKNOWN,
        /** A deletion of the window's change set: passed its dry-run, or done. */
        WOULD_DELETE, DELETED,
        /** Refused by the server's strict field validation: the object has a field its kind's schema lacks. */
        INVALID;

        public boolean isFailure() {
            return this == REFUSED || this == CONFLICT || this == FAILED || this == NOT_ATTEMPTED
                    || this == UNKNOWN || this == INVALID;
        }
    }

    @Override
    public String toString() {
        return diff.describe() + ": " + result.name().toLowerCase().replace('_', ' ')
                + (message == null || message.isEmpty() ? "" : ": " + message);
    }
}
