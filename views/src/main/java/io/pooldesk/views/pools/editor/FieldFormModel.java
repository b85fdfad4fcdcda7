package io.pooldesk.views.pools.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.kube.Namespaces;
import io.pooldesk.model.kube.Nodes;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.NeutralPool;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.system.Violation;
import io.pooldesk.model.validation.ManifestValidator;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The model of a field-by-field pool form. Every change checks the pool as {@code pooldesk validate} would, with the
 * pool system's own admission run after the workspace's other pools of that system, and keys each problem by its
 * field path so the view marks that field and its tab. What is saved is the pool as it was with only the fields the
 * operator changed replaced: everything else, unknown fields and status included, is kept as it was.
 */
public final class FieldFormModel extends PoolFormModel {
    /** The form's object, among the workspace's, as validate names it: its problems are the form's. */
    private static final String SOURCE = "(this form)";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PoolSystem system;
    private final ObjectNode base;
    private final boolean isNew;
    private final List<FormField> fields;
    private final List<Manifest> workspace;
    private final List<Manifest> others;
    private final Map<String, Value> values = new LinkedHashMap<>();
    private final BiFunction<Manifest, Manifest, List<Violation>> updateRules;

    /** One field's value as typed, and as it was when the form opened. */
    public static final class Value {
        public final StringProperty text = new SimpleStringProperty("");
        public final BooleanProperty flag = new SimpleBooleanProperty();
        public final ObservableList<StringProperty> rows = FXCollections.observableArrayList(r -> new Observable[] {r});
        private String baseText = "";
        private boolean baseFlag;
        private List<String> baseRows = List.of();
    }

    /**
     * @param pool      the saved pool, or what a new one starts from
     * @param workspace every object of the workspace
     */
    FieldFormModel(PoolSystem system, ObjectNode pool, boolean isNew, List<FormField> fields,
                   List<Manifest> workspace, BiFunction<Manifest, Manifest, List<Violation>> updateRules) {
        this.updateRules = updateRules;
        this.system = system;
        this.base = pool.deepCopy();
        this.isNew = isNew;
        this.fields = List.copyOf(fields);
        this.workspace = workspace;
        Manifest self = new Manifest(SOURCE, 1, base);
        // what validate checks a pool against: its system's other pools (the webhook), and for the conflicts no
        // single webhook sees, every other pool and the Nodes; requests are left out, so a keystroke stays cheap
        this.others = workspace.stream().filter(m -> Namespaces.isNamespace(m) || Nodes.isNode(m)
                || (PoolSystems.ofPool(m).isPresent() && (isNew || !m.sameObject(self)))).toList();
        for (FormField field : fields) {
            Value value = new Value();
            values.put(field.path(), value);
        }
        fill(base, true);
        for (FormField field : fields) {
            Value value = values.get(field.path());
            value.text.addListener(o -> changed());
            value.flag.addListener(o -> changed());
            value.rows.addListener((Observable o) -> changed());
        }
        validate();
    }

    private void changed() {
        edited();
        validate();
    }

    public List<FormField> fields() {
        return fields;
    }

    /** The value of the field at {@code path}. */
    public Value value(String path) {
        Value value = values.get(path);
        if (value == null) {
            throw new IllegalArgumentException("no field " + path);
        }
        return value;
    }

    public void addRow(String path) {
        value(path).rows.add(new SimpleStringProperty(""));
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @Override
    public String name() {
        return values.containsKey("metadata.name") ? value("metadata.name").text.get().trim()
                : read(base, "metadata.name").asText();
    }

    @Override
    public void load(ObjectNode object) {
        fill(object, false);
    }

    private void fill(ObjectNode object, boolean asBase) {
        for (FormField field : fields) {
            Value value = values.get(field.path());
            JsonNode node = read(object, field.path());
            switch (field.type()) {
                case FLAG -> {
                    boolean flag = node.isBoolean() ? node.booleanValue()
                            : node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))
                            ? Boolean.parseBoolean(node.asText()) : field.flagDefault();
                    value.flag.set(flag);
                    if (asBase) {
                        value.baseFlag = flag;
                    }
                }
                case LIST, SELECTORS -> {
                    List<String> rows = rows(field, node);
                    value.rows.setAll(rows.stream().map(r -> (StringProperty) new SimpleStringProperty(r)).toList());
                    if (asBase) {
                        value.baseRows = rows;
                    }
                }
                default -> {
                    String text = node.isMissingNode() || node.isNull() ? ""
                            : node.isValueNode() ? node.asText() : node.toString();
                    value.text.set(text);
                    if (asBase) {
                        value.baseText = text;
                    }
                }
            }
        }
    }

    private static List<String> rows(FormField field, JsonNode node) {
        List<String> rows = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return rows;
        }
        Iterable<JsonNode> items = node.isArray() ? node : List.of(node);
        for (JsonNode item : items) {
            if (field.type() == FormField.Type.SELECTORS && item.isObject()) {
                rows.add(labels(item));
            } else {
                rows.add(item.isValueNode() ? item.asText() : item.toString());
            }
        }
        return rows;
    }

    /** A selector's matchLabels as {@code key=value, key=value}. */
    private static String labels(JsonNode selector) {
        List<String> pairs = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> labels = selector.path("matchLabels").fields();
        while (labels.hasNext()) {
            Map.Entry<String, JsonNode> label = labels.next();
            pairs.add(label.getKey() + "=" + label.getValue().asText());
        }
        return String.join(", ", pairs);
    }

    @Override
    public ObjectNode toObject() {
        ObjectNode out = base.deepCopy();
        for (FormField field : fields) {
            Value value = values.get(field.path());
            switch (field.type()) {
                case FLAG -> {
                    if (value.flag.get() != value.baseFlag) {
                        write(out, field.path(), NODES.booleanNode(value.flag.get()));
                    }
                }
                case LIST, SELECTORS -> {
                    List<String> rows = value.rows.stream().map(r -> r.get().trim()).filter(r -> !r.isEmpty())
                            .toList();
                    if (!rows.equals(value.baseRows)) {
                        JsonNode before = read(base, field.path());
                        if (rows.isEmpty() && (before.isMissingNode() || before.isNull())) {
                            remove(out, field.path());
                        } else {
                            write(out, field.path(), array(field, rows, value.baseRows, before));
                        }
                    }
                }
                default -> {
                    String text = value.text.get().trim();
                    if (!text.equals(value.baseText.trim())) {
                        if (text.isEmpty()) {
                            remove(out, field.path());
                        } else {
                            write(out, field.path(), scalar(field, text));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static JsonNode scalar(FormField field, String text) {
        if (field.type() == FormField.Type.NUMBER && text.matches("-?\\d{1,40}")) {
            BigInteger number = new BigInteger(text);
            return number.bitLength() < 32 ? NODES.numberNode(number.intValue())
                    : number.bitLength() < 64 ? NODES.numberNode(number.longValue()) : NODES.numberNode(number);
        }
        return NODES.textNode(text);
    }

    /** The rows as the list; a selector row the operator left as it was keeps its object (matchExpressions too). */
    private static ArrayNode array(FormField field, List<String> rows, List<String> baseRows, JsonNode before) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            if (field.type() != FormField.Type.SELECTORS) {
                array.add(row);
            } else if (i < baseRows.size() && baseRows.get(i).equals(row) && before.isArray()
                    && before.get(i) != null) {
                array.add(before.get(i).deepCopy());
            } else {
                array.add(selector(row));
            }
        }
        return array;
    }

    /** {@code key=value, key=value} as a selector's matchLabels; anything else is written as typed, for the reader to refuse. */
    private static JsonNode selector(String row) {
        ObjectNode labels = NODES.objectNode();
        for (String pair : row.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return NODES.textNode(row);
            }
            labels.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        ObjectNode selector = NODES.objectNode();
        selector.set("matchLabels", labels);
        return selector;
    }

    private static JsonNode read(JsonNode object, String path) {
        JsonNode node = object;
        for (String key : path.split("\\.")) {
            node = node.path(key);
        }
        return node;
    }

    private static void write(ObjectNode object, String path, JsonNode value) {
        String[] keys = path.split("\\.");
        ObjectNode node = object;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode next = node.get(keys[i]);
            node = next instanceof ObjectNode o ? o : node.putObject(keys[i]);
        }
        node.set(keys[keys.length - 1], value);
    }

    /** Removes the field, and the mappings above it the removal left empty that the saved pool did not have. */
    private void remove(ObjectNode object, String path) {
        String[] keys = path.split("\\.");
        for (int depth = keys.length; depth > 0; depth--) {
            String parentPath = String.join(".", java.util.Arrays.copyOf(keys, depth - 1));
            JsonNode parent = depth == 1 ? object : read(object, parentPath);
            if (!(parent instanceof ObjectNode mapping)) {
                return;
            }
            mapping.remove(keys[depth - 1]);
            if (!mapping.isEmpty() || depth == 1 || !read(base, parentPath).isMissingNode()) {
                return;
            }
        }
    }

    private void validate() {
        Map<String, String> found = new LinkedHashMap<>();
        ObjectNode object = toObject();
        Manifest mine = new Manifest(SOURCE, 1, object);
        if (mine.name().isBlank()) {
            found.put("metadata.name", "a name is required");
        } else if (isNew && workspace.stream().anyMatch(m -> m.sameObject(mine))) {
            found.put("metadata.name", "a pool of this name already exists");
        }
        List<Manifest> input = new ArrayList<>(others);
        input.add(mine);
        ValidationReport report = new ManifestValidator().validate(input);
        for (ManifestProblem problem : report.errors()) {
            if (SOURCE.equals(problem.source())) {
                found.putIfAbsent(keyOf(problem.field()), problem.message());
            }
        }
        if (!isNew) {
            for (Violation violation : updateRules.apply(new Manifest(SOURCE, 1, base), mine)) {
                found.putIfAbsent(keyOf(violation.field()), violation.message());
            }
        }
        show(found, preview(mine, report, found.isEmpty()));
    }

    private String preview(Manifest mine, ValidationReport report, boolean valid) {
        StringBuilder text = new StringBuilder();
        try {
            NeutralPool pool = system.neutral(mine);
            text.append(pool.addresses().size()).append(" usable addresses");
            if (!pool.addresses().isEmpty()) {
                text.append(" (").append(pool.addresses()).append(')');
            }
        } catch (Exception e) {
            text.append(valid ? "" : "Fix the addresses to see the pool's size.");
        }
        String prefix = SOURCE + ": document 1 (" + mine.describe() + "): ";
        for (String warning : report.warnings()) {
            if (warning.startsWith(prefix)) {
                text.append(text.isEmpty() ? "" : "\n").append("Note: ").append(warning.substring(prefix.length()));
            }
        }
        return text.toString();
    }

    /**
     * The field a problem is shown at: the field itself, or the row of a list ({@code spec.addresses[1]}); a problem
     * below a field (a selector's key) is shown at that field or row; anything else keeps its own path.
     */
    String keyOf(String problemField) {
        if (problemField == null) {
            return "";
        }
        for (FormField field : fields) {
            String path = field.path();
            if (problemField.equals(path)) {
                return path;
            }
            if (field.isList() && problemField.startsWith(path + "[")) {
                int close = problemField.indexOf(']', path.length());
                return close < 0 ? path : problemField.substring(0, close + 1);
            }
            if (problemField.startsWith(path + ".")) {
                return path;
            }
        }
        return problemField;
    }

    /** Whether the view shows this key at a field or a row (else it is listed under the tabs). */
    public boolean placed(String key) {
        for (FormField field : fields) {
            if (key.equals(field.path()) || field.isList() && key.startsWith(field.path() + "[")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String tabOf(String key) {
        for (FormField field : fields) {
            if (key.equals(field.path()) || key.startsWith(field.path() + "[")) {
                return field.tab();
            }
        }
        for (FormField field : fields) {
            if (!key.isEmpty() && field.path().startsWith(key + ".")) {
                return field.tab();
            }
        }
        return null;
    }

    @Override
    protected String labelOf(String key) {
        return fields.stream().filter(f -> f.path().equals(key)).map(f -> f.label().replace(" *", "")).findFirst()
                .orElse(super.labelOf(key));
    }
}
