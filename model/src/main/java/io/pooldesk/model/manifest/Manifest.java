package io.pooldesk.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Kubernetes object as read from a YAML document.
 *
 * @param source   where it came from: a file path, or {@code <stdin>}
 * @param document its 1-based position among the documents of that source
 * @param object   the object, exactly as read (unknown fields and status included)
 */
public record Manifest(String source, int document, ObjectNode object) {

    public String apiVersion() {
        return text(object.get("apiVersion"));
    }

    /** The API group: the part of apiVersion before the slash, or "" for the core group. */
    public String group() {
        String apiVersion = apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String kind() {
        return text(object.get("kind"));
    }

    public String name() {
        return text(object.path("metadata").get("name"));
    }

    /** The namespace, or "" when none is written. */
    public String namespace() {
        return text(object.path("metadata").get("namespace"));
    }

    /** {@code Kind/name}, the way errors name an object. */
    public String describe() {
        String name = name();
        return kind() + "/" + (name.isEmpty() ? "(unnamed)" : name);
    }

    public ManifestProblem problem(String field, String message) {
        return new ManifestProblem(source, document, describe(), field, message);
    }

    /** A field of this object that could not be read, as a problem naming the object. */
    public ManifestProblem problem(ManifestException unreadable) {
        return problem(unreadable.field(), unreadable.getMessage());
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    /** Whether both name the same Kubernetes object: kind, API group, namespace and name. */
    public boolean sameObject(Manifest other) {
        return kind().equals(other.kind()) && group().equals(other.group()) && namespace().equals(other.namespace())
                && name().equals(other.name());
    }
}
