package io.pooldesk.views.pools.yaml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.kube.Namespaces;
import io.pooldesk.model.kube.Nodes;
import io.pooldesk.model.manifest.FieldPositions;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.manifest.YamlDocuments;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.system.Violation;
import io.pooldesk.model.validation.ManifestValidator;
import io.pooldesk.views.pools.forms.PoolForms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pool's YAML as typed, checked as {@code pooldesk validate} checks it: read by the model's strict reader, then the
 * pool system's admission against the workspace's other pools (and, for an edit, the webhook's update rules the
 * pool's form also asks). Plain Java, run off the UI thread.
 *
 * @param object the object to save, or null while a problem stands
 */
public record YamlCheck(String text, List<Problem> problems, ObjectNode object) {
    /** How validate names the text being edited among the workspace's files. */
    static final String SOURCE = "(YAML editor)";
    private static final Pattern AT = Pattern.compile("\\s*\\(line (\\d+), column (\\d+)\\)");

    /** One problem, where it stands in the text (line and column from 1), the field it names, and the model's words. */
    public record Problem(int line, int column, String field, String message) {
        /** {@code Line 7, column 5}. */
        public String where() {
            return "Line " + line + ", column " + column;
        }

        @Override
        public String toString() {
            return where() + (field.isEmpty() ? "" : " · " + field) + ": " + message;
        }
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * @param saved     the pool as saved, which the text must still be (same kind, namespace and name)
     * @param workspace every object of the workspace
     */
    public static YamlCheck of(String text, Manifest saved, List<Manifest> workspace) {
        List<Problem> problems = new ArrayList<>();
        YamlDocuments.Parsed parsed = YamlDocuments.parse(SOURCE, text);
        ManifestReader.Result read = ManifestReader.read(SOURCE, parsed);
        for (ManifestProblem problem : read.errors()) {
            add(problems, parsed, problem.document(), problem.field(), problem.message());
        }
        if (!problems.isEmpty()) {
            return new YamlCheck(text, problems, null);
        }
        if (read.manifests().size() != 1) {
            problems.add(new Problem(1, 1, "", read.manifests().isEmpty()
                    ? "the text holds no object: write the pool " + what(saved)
                    : "the text holds " + read.manifests().size() + " objects; this editor saves one, the pool "
                    + what(saved)));
            return new YamlCheck(text, problems, null);
        }
        Manifest mine = read.manifests().get(0);
        if (!mine.sameObject(saved)) {
            String field = !mine.kind().equals(saved.kind()) || !mine.group().equals(saved.group()) ? "kind"
                    : !mine.namespace().equals(saved.namespace()) ? "metadata.namespace" : "metadata.name";
            add(problems, parsed, mine.document(), field, "this editor saves " + what(saved)
                    + "; another kind, namespace or name would be another object (Clone makes a copy)");
            return new YamlCheck(text, problems, null);
        }
        if (PoolSystems.ofPool(mine).isEmpty()) {
            add(problems, parsed, mine.document(), "apiVersion", "apiVersion " + mine.apiVersion() + " of "
                    + mine.kind() + " is not a pool any system Pooldesk knows serves");
            return new YamlCheck(text, problems, null);
        }
        // what validate checks a pool against, as the forms do: the system's other pools (its webhook), and for
        // the conflicts no single webhook sees, every other pool and the Nodes
        List<Manifest> input = new ArrayList<>(workspace.stream().filter(m -> Namespaces.isNamespace(m)
                || Nodes.isNode(m) || (PoolSystems.ofPool(m).isPresent() && !m.sameObject(saved))).toList());
        input.add(mine);
        ValidationReport report = new ManifestValidator().validate(input);
        for (ManifestProblem problem : report.errors()) {
            if (SOURCE.equals(problem.source())) {
                add(problems, parsed, mine.document(), problem.field(), problem.message());
            }
        }
        PoolForms.of(saved).ifPresent(form -> {
            for (Violation violation : form.checkUpdate(saved, mine)) {
                add(problems, parsed, mine.document(), violation.field(), violation.message());
            }
        });
        return new YamlCheck(text, problems, problems.isEmpty() ? mine.object() : null);
    }

    /** {@code IPAddressPool metallb-system/edge}, {@code IPPool default-pool}. */
    private static String what(Manifest pool) {
        return pool.kind() + " " + (pool.namespace().isEmpty() ? "" : pool.namespace() + "/") + pool.name();
    }

    private static void add(List<Problem> problems, YamlDocuments.Parsed parsed, int document, String field,
                            String message) {
        String name = field == null ? "" : field;
        int line = 1;
        int column = 1;
        String words = message;
        Matcher at = AT.matcher(message);
        if (at.find()) {
            line = Integer.parseInt(at.group(1));
            column = Integer.parseInt(at.group(2));
            words = message.substring(0, at.start()) + message.substring(at.end());
        } else {
            YamlDocuments.Document doc = parsed.documents().stream().filter(d -> d.number() == document)
                    .findFirst().orElse(null);
            var position = FieldPositions.of(doc, name);
            if (position.isPresent()) {
                line = position.get().line();
                column = position.get().column();
            }
        }
        Problem problem = new Problem(line, column, name, words);
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
