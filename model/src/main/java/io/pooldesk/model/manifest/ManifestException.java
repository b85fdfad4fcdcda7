package io.pooldesk.model.manifest;

/** A field of an object that cannot be read as its kind requires (wrong type, missing required value). */
public class ManifestException extends Exception {
    private final String field;

    public ManifestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
