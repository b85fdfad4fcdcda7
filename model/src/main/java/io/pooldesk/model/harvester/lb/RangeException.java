package io.pooldesk.model.harvester.lb;

/** A range the reference would refuse; names the field. */
public class RangeException extends Exception {
    private final String field;

    public RangeException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
