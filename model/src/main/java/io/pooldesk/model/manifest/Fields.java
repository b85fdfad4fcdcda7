package io.pooldesk.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of object fields that fail with the field's path and what was expected, never a stack trace. */
public final class Fields {
    private Fields() {
    }

    /** A string field; absent or null gives "". Numbers and booleans are taken as their text, as YAML users expect. */
    public static String string(JsonNode parent, String name, String path) throws ManifestException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isValueNode()) {
            throw new ManifestException(path, "must be a string, found " + kindOf(node));
        }
        return node.asText();
    }

    public static Boolean bool(JsonNode parent, String name, String path) throws ManifestException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && ("true".equals(node.asText()) || "false".equals(node.asText()))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw new ManifestException(path, "must be true or false, found " + describeValue(node));
    }

    /** A whole number within {@code [min, max]}; absent gives null. */
    public static BigInteger integer(JsonNode parent, String name, String path, BigInteger min, BigInteger max)
            throws ManifestException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isTextual()) {
            // the API server's schema says integer: it refuses "5" in quotes, so the simulation must too
            throw new ManifestException(path, "must be a whole number, found the string " + describeValue(node)
                    + " (write it without quotes)");
        } else {
            throw new ManifestException(path, "must be a whole number, found " + describeValue(node));
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ManifestException(path, "must be between " + min + " and " + max + ", found " + value);
        }
        return value;
    }

    /** The elements of a list field; absent or null gives an empty list. */
    public static List<JsonNode> list(JsonNode parent, String name, String path) throws ManifestException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ManifestException(path, "must be a list, found " + kindOf(node));
        }
        List<JsonNode> out = new ArrayList<>(node.size());
        node.forEach(out::add);
        return out;
    }

    public static List<String> stringList(JsonNode parent, String name, String path) throws ManifestException {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = list(parent, name, path);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item == null || !item.isValueNode() || item.isNull()) {
                throw new ManifestException(path + "[" + i + "]", "must be a string, found " + kindOf(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A mapping field whose values are strings (labels, annotations, status maps); keeps the written order. */
    public static Map<String, String> stringMap(JsonNode parent, String name, String path) throws ManifestException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Collections.emptyMap();
        }
        if (!node.isObject()) {
            throw new ManifestException(path, "must be a mapping, found " + kindOf(node));
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue();
            if (value == null || !value.isValueNode()) {
                throw new ManifestException(path + "." + entry.getKey(), "must be a string, found " + kindOf(value));
            }
            out.put(entry.getKey(), value.isNull() ? "" : value.asText());
        }
        return out;
    }

    /** A nested mapping; absent or null gives an empty object node, so reads below it see absent fields. */
    public static JsonNode object(JsonNode parent, String name, String path) throws ManifestException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new ManifestException(path, "must be a mapping, found " + kindOf(node));
        }
        return node;
    }

    private static String kindOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return describeValue(node);
    }

    private static String describeValue(JsonNode node) {
        String text = node.asText();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return (node.isTextual() ? "\"" + text + "\"" : text);
    }
}
