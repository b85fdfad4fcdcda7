package io.pooldesk.model.manifest;

/**
 * Something wrong with one object, or with a whole source. Printed on one line that names the file, the document,
 * the object and the field, so that an operator can go straight to it.
 *
 * @param object "Kind/name", or null when the problem is with the file itself
 * @param field  a field path such as {@code spec.ranges[0].subnet}, or null
 */
public record ManifestProblem(String source, int document, String object, String field, String message) {

    public static ManifestProblem ofSource(String source, int document, String message) {
        return new ManifestProblem(source, document, null, null, message);
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(source);
        if (document > 0) {
            line.append(": document ").append(document);
        }
        if (object != null) {
            line.append(" (").append(object).append(')');
        }
        if (field != null && !field.isEmpty()) {
            line.append(": ").append(field);
        }
        return line.append(": ").append(message).toString();
    }
}
