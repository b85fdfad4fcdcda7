package io.pooldesk.cluster;

/** What an apply did with one object. */
public record ObjectOutcome(ObjectDiff diff, Result result, String message) {

    public enum Result {
        UNCHANGED, WOULD_CREATE, WOULD_UPDATE, CREATED, UPDATED, REFUSED, CONFLICT, FAILED, NOT_ATTEMPTED;

        public boolean isFailure() {
            return this == REFUSED || this == CONFLICT || this == FAILED || this == NOT_ATTEMPTED;
        }
    }

    @Override
    public String toString() {
        return diff.describe() + ": " + result.name().toLowerCase().replace('_', ' ')
                + (message == null || message.isEmpty() ? "" : ": " + message);
    }
}
