package io.pooldesk.model.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.manifest.AtomicFiles;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.Scenario;
import io.pooldesk.model.simulation.ScenarioReader;
import io.pooldesk.model.workspace.Workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A what-if as a {@code Scenario} document (pooldesk.io/v1alpha1): the panel saves it, {@code pooldesk simulate}
 * replays it, and a document written by hand loads back into the panel step by step.
 */
public record ScenarioDocument(String name, List<PlanStep> steps) {

    public ScenarioDocument {
        steps = List.copyOf(steps);
    }

    /** The folder of a workspace scenarios are saved in: beside the manifests, so a run over the folder skips them. */
    public static Path folderOf(Path workspace) {
        return workspace.resolve("scenarios");
    }

    public ObjectNode toObject() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("apiVersion", Scenario.API_VERSION);
        doc.put("kind", Scenario.KIND);
        doc.putObject("metadata").put("name", name);
        ArrayNode list = doc.putArray("steps");
        steps.forEach(step -> list.add(step.toNode()));
        return doc;
    }

    public String toYaml() {
        return Workspace.render(List.of(toObject()));
    }

    /** As a manifest the simulator takes, as if read from {@code source}. */
    public Manifest toManifest(String source) {
        return new Manifest(source, 1, toObject());
    }

    /** Writes the document atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, toYaml());
    }

    /** Reads the first Scenario of a file; problems (a wrong step, an unreadable file) are named in the exception. */
    public static ScenarioDocument load(Path file) throws IOException {
        ManifestReader.Result read = new ManifestReader(System.in).read(List.of(file.toString()));
        if (!read.errors().isEmpty()) {
            throw new IOException(read.errors().get(0).toString());
        }
        Manifest scenario = read.manifests().stream().filter(Scenario::isScenario).findFirst()
                .orElseThrow(() -> new IOException(file + ": holds no Scenario document"));
        ScenarioReader.Result checked = ScenarioReader.read(scenario);
        if (!checked.problems().isEmpty()) {
            throw new IOException(checked.problems().get(0).toString());
        }
        return of(scenario);
    }

    /** The panel's steps for a Scenario object; steps it does not compose itself are kept as written. */
    public static ScenarioDocument of(Manifest scenario) {
        List<PlanStep> steps = new ArrayList<>();
        for (JsonNode node : scenario.object().path("steps")) {
            steps.add(step((ObjectNode) node));
        }
        return new ScenarioDocument(scenario.name(), steps);
    }

    private static PlanStep step(ObjectNode node) {
        JsonNode repeat = node.path("repeat");
        if (repeat.isObject() && repeat.path("create").isObject() && repeat.path("count").canConvertToInt()
                && repeat.path("count").asInt() >= 1) {
            ObjectNode template = (ObjectNode) repeat.get("create");
            String prefix = repeat.path("namePrefix").asText("");
            LoadBalancerRequirements requirements = LoadBalancerRequirements.of(template);
            if (requirements != null && requirements.loadBalancer(prefix).equals(withName(template, prefix))) {
                return new PlanStep.AddLoadBalancers(repeat.get("count").asInt(), prefix, requirements);
            }
        }
        JsonNode delete = node.path("delete");
        if (delete.isObject() && PoolSystems.composer().requestKind().equals(delete.path("kind").asText())
                && node.size() == 1) {
            return new PlanStep.DeleteLoadBalancer(delete.path("namespace").asText(""), delete.path("name").asText());
        }
        if (node.path("create") instanceof ObjectNode pool && node.size() == 1
                && PoolSystems.ofPool(new Manifest("", 0, pool)).isPresent()) {
            return new PlanStep.ApplyPool("Apply " + pool.path("kind").asText() + " "
                    + pool.path("metadata").path("name").asText(), pool);
        }
        return new PlanStep.Written("As written: " + node.toString(), node);
    }

    private static ObjectNode withName(ObjectNode template, String name) {
        ObjectNode copy = template.deepCopy();
        ((ObjectNode) copy.path("metadata")).put("name", name);
        return copy;
    }
}
