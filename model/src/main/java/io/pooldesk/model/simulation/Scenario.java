package io.pooldesk.model.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;

import java.util.List;

/** A what-if sequence: the {@code steps} of a {@code pooldesk.io/v1alpha1 Scenario} document, read and checked. */
public record Scenario(String name, Manifest source, List<Step> steps) {
    public static final String API_VERSION = "pooldesk.io/v1alpha1";
    public static final String KIND = "Scenario";

    public static boolean isScenario(Manifest manifest) {
        return KIND.equals(manifest.kind()) && "pooldesk.io".equals(manifest.group());
    }

    /** One step; {@code label} names it in messages, such as {@code Scenario/drill step 3}. */
    public sealed interface Step permits Create, Apply, Delete, Repeat {
        String label();
    }

    /** Creates each object in turn; an object that already exists is updated, as {@code kubectl apply} would. */
    public record Create(String label, List<Manifest> objects) implements Step {
    }

    /** {@code update} or {@code apply}: changes each object that exists, creates one that does not. */
    public record Apply(String label, List<Manifest> objects) implements Step {
    }

    public record Delete(String label, String kind, String namespace, String name) implements Step {
    }

    /** Creates {@code count} copies of {@code template}, named {@code namePrefix1 .. namePrefixN}. */
    public record Repeat(String label, int count, String namePrefix, Manifest template) implements Step {

        public Manifest instance(int number) {
            ObjectNode copy = template.object().deepCopy();
            ObjectNode metadata = copy.path("metadata").isObject()
                    ? (ObjectNode) copy.get("metadata") : copy.putObject("metadata");
            metadata.put("name", namePrefix + number);
            return new Manifest(template.source(), template.document(), copy);
        }
    }
}
