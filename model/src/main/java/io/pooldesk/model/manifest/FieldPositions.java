package io.pooldesk.model.manifest;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a field named as the rules name it ({@code spec.ranges[0].subnet}) stands in a document's text, so an editor
 * can put a problem on its line. A field the text does not hold is placed at the nearest mapping or list above it
 * that it does.
 */
public final class FieldPositions {
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    /** A line and a column, both counted from 1 as editors show them. */
    public record Position(int line, int column) {
    }

    private FieldPositions() {
    }

    /** The position of the field's key (or list item), the closest found, or empty for a document without text. */
    public static Optional<Position> of(YamlDocuments.Document document, String field) {
        if (document == null || document.empty()) {
            return Optional.empty();
        }
        Node node = document.node();
        Mark at = node.getStartMark();
        Matcher steps = STEP.matcher(field == null ? "" : field);
        while (steps.find()) {
            Node next = null;
            Mark key = null;
            if (steps.group(1) != null && node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(steps.group(1))) {
                        next = tuple.getValueNode();
                        key = k.getStartMark();
                    }
                }
            } else if (steps.group(2) != null && node instanceof SequenceNode sequence) {
                int index = Integer.parseInt(steps.group(2));
                if (index < sequence.getValue().size()) {
                    next = sequence.getValue().get(index);
                    key = next.getStartMark();
                }
            }
            if (next == null) {
                break;
            }
            node = next;
            at = key;
        }
        return Optional.of(new Position(at.getLine() + 1, at.getColumn() + 1));
    }
}
