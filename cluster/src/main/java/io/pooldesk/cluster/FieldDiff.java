package io.pooldesk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Field-by-field differences between two objects, as {@code path: old -> new} lines. */
final class FieldDiff {
    private FieldDiff() {
    }

    /** The part of an object Pooldesk owns: its spec, and the labels and annotations {@code desired} sets. */
    static ObjectNode owned(JsonNode object, JsonNode desired) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (object.has("spec")) {
            out.set("spec", object.get("spec"));
        }
        for (String map : new String[] {"labels", "annotations"}) {
            JsonNode wanted = desired.path("metadata").path(map);
            if (wanted.isObject() && wanted.size() > 0) {
                ObjectNode kept = out.putObject(map);
                wanted.fieldNames().forEachRemaining(key -> {
                    JsonNode value = object.path("metadata").path(map).get(key);
                    if (value != null) {
                        kept.set(key, value);
                    }
                });
            }
        }
        return out;
    }

    static List<String> between(JsonNode live, JsonNode desired) {
        List<String> out = new ArrayList<>();
        walk("", live, desired, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.equals(b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                walk(path.isEmpty() ? key : path + "." + key, a.get(key), b.get(key), out);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
            return;
        }
        out.add(path + ": " + text(a) + " -> " + text(b));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "(none)";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

}
