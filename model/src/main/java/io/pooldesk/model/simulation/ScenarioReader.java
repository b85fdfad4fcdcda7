package io.pooldesk.model.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.manifest.ManifestReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code Scenario} document into steps. A step's {@code file} is read relative to the scenario's own file
 * (the working folder for standard input). Problems name the scenario, the step and the field.
 */
public final class ScenarioReader {
    /** Enough for any what-if on a real cluster, small enough that a typo cannot exhaust memory. */
    public static final int MAX_REPEAT = 1_000_000;

    private ScenarioReader() {
    }

    public record Result(Scenario scenario, List<ManifestProblem> problems) {
    }

    public static Result read(Manifest manifest) {
        List<ManifestProblem> problems = new ArrayList<>();
        List<Scenario.Step> steps = new ArrayList<>();
        JsonNode stepsNode = manifest.object().get("steps");
        if (stepsNode == null || stepsNode.isNull()) {
            stepsNode = manifest.object().path("spec").get("steps");
        }
        if (stepsNode == null || !stepsNode.isArray()) {
            problems.add(manifest.problem("steps", "a Scenario needs a list of steps"));
            return new Result(null, problems);
        }
        String scenarioName = "Scenario/" + manifest.name();
        for (int i = 0; i < stepsNode.size(); i++) {
            String field = "steps[" + i + "]";
            String label = scenarioName + " step " + (i + 1);
            JsonNode step = stepsNode.get(i);
            if (step == null || !step.isObject() || step.size() != 1) {
                problems.add(manifest.problem(field, "each step is one of create, update, apply, delete or repeat"));
                continue;
            }
            String verb = step.fieldNames().next();
            JsonNode body = step.get(verb);
            switch (verb) {
                case "create" -> readCreate(manifest, field + ".create", label, body, problems)
                        .ifPresent(objects -> steps.add(new Scenario.Create(label, objects)));
                case "update", "apply" -> readCreate(manifest, field + "." + verb, label, body, problems)
                        .ifPresent(objects -> steps.add(new Scenario.Apply(label, objects)));
                case "delete" -> readDelete(manifest, field + ".delete", label, body, problems, steps);
                case "repeat" -> readRepeat(manifest, field + ".repeat", label, body, problems, steps);
                default -> problems.add(manifest.problem(field, "unknown step \"" + verb
                        + "\": expected create, update, apply, delete or repeat"));
            }
        }
        long created = 0;
        for (Scenario.Step step : steps) {
            created += step instanceof Scenario.Repeat repeat ? repeat.count()
                    : step instanceof Scenario.Create create ? create.objects().size() : 0;
        }
        if (created > MAX_REPEAT) {
            // the limit is for the scenario, not per step: a hundred steps of a million each is a hundred million
            problems.add(manifest.problem("steps", "the steps create " + created + " objects together, more than the "
                    + MAX_REPEAT + " a scenario may"));
            return new Result(null, problems);
        }
        return new Result(new Scenario(manifest.name(), manifest, steps), problems);
    }

    private static java.util.Optional<List<Manifest>> readCreate(Manifest scenario, String field, String label,
                                                                 JsonNode body, List<ManifestProblem> problems) {
        if (body == null || !body.isObject()) {
            problems.add(scenario.problem(field, "must be {file: PATH} or an inline object"));
            return java.util.Optional.empty();
        }
        if (body.has("file") && !body.has("kind")) {
            String file = body.path("file").asText("");
            if (file.isBlank()) {
                problems.add(scenario.problem(field + ".file", "must name a file"));
                return java.util.Optional.empty();
            }
            Path path = resolve(scenario.source(), file);
            ManifestReader.Result read = new ManifestReader(System.in).read(List.of(path.toString()));
            if (!read.ok()) {
                for (ManifestProblem p : read.errors()) {
                    problems.add(scenario.problem(field + ".file", p.toString()));
                }
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(read.manifests());
        }
        if (!body.path("kind").isTextual() || !body.path("apiVersion").isTextual()) {
            problems.add(scenario.problem(field, "an inline object needs apiVersion and kind"));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(List.of(new Manifest(scenario.source() + " (" + label + ")",
                scenario.document(), (ObjectNode) body)));
    }

    private static void readDelete(Manifest scenario, String field, String label, JsonNode body,
                                   List<ManifestProblem> problems, List<Scenario.Step> steps) {
        if (body == null || !body.isObject() || !body.path("kind").isTextual() || !body.path("name").isTextual()) {
            problems.add(scenario.problem(field, "must name the object: {kind, namespace, name}"));
            return;
        }
        steps.add(new Scenario.Delete(label, body.get("kind").asText(), body.path("namespace").asText(""),
                body.get("name").asText()));
    }

    private static void readRepeat(Manifest scenario, String field, String label, JsonNode body,
                                   List<ManifestProblem> problems, List<Scenario.Step> steps) {
        if (body == null || !body.isObject()) {
            problems.add(scenario.problem(field, "must be {count, namePrefix, create}"));
            return;
        }
        JsonNode count = body.get("count");
        if (count == null || !count.canConvertToInt() || !count.isIntegralNumber() || count.asInt() < 0
                || count.asInt() > MAX_REPEAT) {
            problems.add(scenario.problem(field + ".count", "must be a whole number from 0 to " + MAX_REPEAT));
            return;
        }
        String prefix = body.path("namePrefix").asText("");
        if (!body.path("namePrefix").isTextual() || prefix.isEmpty()) {
            problems.add(scenario.problem(field + ".namePrefix", "must be the text the names start with, such as web-"));
            return;
        }
        java.util.Optional<List<Manifest>> template = readCreate(scenario, field + ".create", label,
                body.get("create"), problems);
        if (template.isEmpty()) {
            return;
        }
        if (template.get().size() != 1) {
            problems.add(scenario.problem(field + ".create", "repeat creates copies of exactly one object, found "
                    + template.get().size()));
            return;
        }
        steps.add(new Scenario.Repeat(label, count.asInt(), prefix, template.get().get(0)));
    }

    private static Path resolve(String scenarioSource, String file) {
        Path path = Path.of(file);
        if (path.isAbsolute() || scenarioSource.startsWith("<")) {
            return path;
        }
        Path parent = Path.of(scenarioSource).getParent();
        return parent == null ? path : parent.resolve(path);
    }
}
