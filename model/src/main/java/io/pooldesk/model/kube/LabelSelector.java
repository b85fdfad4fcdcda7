package io.pooldesk.model.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.manifest.Fields;
import io.pooldesk.model.manifest.ManifestException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions} (In, NotIn, Exists, DoesNotExist). */
public record LabelSelector(Map<String, String> matchLabels, List<Expression> matchExpressions) {

    public record Expression(String key, String operator, List<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
        }
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(e -> e.matches(labels));
    }

    public static LabelSelector read(JsonNode node, String path) throws ManifestException {
        if (node == null || !node.isObject()) {
            throw new ManifestException(path, "must be a label selector mapping");
        }
        List<Expression> expressions = new ArrayList<>();
        List<JsonNode> items = Fields.list(node, "matchExpressions", path + ".matchExpressions");
        for (int i = 0; i < items.size(); i++) {
            String at = path + ".matchExpressions[" + i + "]";
            JsonNode e = items.get(i);
            String operator = Fields.string(e, "operator", at + ".operator");
            if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator)) {
                throw new ManifestException(at + ".operator", "must be In, NotIn, Exists or DoesNotExist");
            }
            expressions.add(new Expression(Fields.string(e, "key", at + ".key"), operator,
                    Fields.stringList(e, "values", at + ".values")));
        }
        return new LabelSelector(Fields.stringMap(node, "matchLabels", path + ".matchLabels"), expressions);
    }
}
