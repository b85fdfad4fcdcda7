package io.pooldesk.model.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.YamlSplice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges an object edited here ("ours") with the same object changed on disk by another program ("theirs"), field by
 * field against what both started from ("base"), as git merges lines: a field changed on one side only takes that
 * side's value; a field changed on both sides to different values is a conflict for the operator to decide.
 */
public final class ThreeWayMerge {
    /** A field both sides changed, differently; a null value means the field is absent on that side. */
    public record Conflict(String object, List<Object> path, JsonNode base, JsonNode ours, JsonNode theirs) {
        /** The field as errors spell it: {@code spec.ranges[0].subnet}. */
        public String field() {
            StringBuilder field = new StringBuilder();
            for (Object step : path) {
                if (step instanceof Integer index) {
                    field.append('[').append(index).append(']');
                } else {
                    field.append(field.length() == 0 ? "" : ".").append(step);
                }
            }
            return field.toString();
        }

        @Override
        public String toString() {
            return object + ": " + (path.isEmpty() ? "the whole object" : field()) + ": yours " + show(ours)
                    + ", on disk " + show(theirs);
        }

        private static String show(JsonNode value) {
            if (value == null) {
                return "(absent)";
            }
            String text = value.isTextual() ? value.asText() : value.toString();
            return text.length() > 80 ? text.substring(0, 77) + "..." : text;
        }
    }

    /** The merged value (null when absent) and the conflicts, where the merged value holds ours until decided. */
    public record Result(JsonNode merged, List<Conflict> conflicts) {
    }

    private ThreeWayMerge() {
    }

    public static Result merge(String object, JsonNode base, JsonNode ours, JsonNode theirs) {
        List<Conflict> conflicts = new ArrayList<>();
        JsonNode merged = merge(object, List.of(), base, ours, theirs, conflicts);
        return new Result(merged, conflicts);
    }

    private static JsonNode merge(String object, List<Object> path, JsonNode base, JsonNode ours, JsonNode theirs,
                                  List<Conflict> conflicts) {
        if (YamlSplice.sameValue(ours, theirs) || YamlSplice.sameValue(theirs, base)) {
            return copy(ours);
        }
        if (YamlSplice.sameValue(ours, base)) {
            return copy(theirs);
        }
        if (ours instanceof ObjectNode o && theirs instanceof ObjectNode t) {
            ObjectNode b = base instanceof ObjectNode bo ? bo : JsonNodeFactory.instance.objectNode();
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            Set<String> names = new LinkedHashSet<>();
            o.fieldNames().forEachRemaining(names::add);
            t.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = merge(object, append(path, name), b.get(name), o.get(name), t.get(name),
                        conflicts);
                if (value != null) {
                    merged.set(name, value);
                }
            }
            return merged;
        }
        if (ours instanceof ArrayNode o && theirs instanceof ArrayNode t && base instanceof ArrayNode b
                && o.size() == t.size() && o.size() == b.size()) {
            ArrayNode merged = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < o.size(); i++) {
                merged.add(merge(object, append(path, i), b.get(i), o.get(i), t.get(i), conflicts));
            }
            return merged;
        }
        conflicts.add(new Conflict(object, path, base, ours, theirs));
        return copy(ours);
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return List.copyOf(longer);
    }

    private static JsonNode copy(JsonNode node) {
        return node == null ? null : node.deepCopy();
    }

    /** Sets the field at {@code path} of {@code object} to {@code value}, or removes it; the object, or its replacement. */
    static ObjectNode set(ObjectNode object, List<Object> path, JsonNode value) {
        if (path.isEmpty()) {
            return value instanceof ObjectNode replacement ? replacement.deepCopy() : null;
        }
        JsonNode parent = object;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = path.get(i) instanceof Integer index ? parent.get(index) : parent.get((String) path.get(i));
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
        } else if (value == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).set((String) last, value.deepCopy());
        }
        return object;
    }
}
