package io.pooldesk.views.planning;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.planning.PlanStep;
import io.pooldesk.model.planning.ScenarioComparison;
import io.pooldesk.views.common.BackgroundWork;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario panel's steps, composed as the operator fills the panel, run on the demo workspace. */
class ScenarioViewModelTest {
    private final List<Manifest> demo = new ManifestReader(System.in)
            .read(List.of("../resources/demo-workspace")).manifests();
    private final ScenarioViewModel model = new ScenarioViewModel(BackgroundWork.synchronous(), () -> demo,
            () -> Path.of("../resources/demo-workspace"));

    private ScenarioComparison.PoolChange pool(String name) {
        return model.result.get().pools().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anOverflowPoolAddedAsYamlTakesWhatTheFullPoolCannot() {
        assertTrue(model.applyPoolsYaml("""
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: prod-overflow}
                spec:
                  ranges: [{subnet: 10.10.1.0/24}]
                  selector:
                    priority: 11
                    scope: [{project: "*", namespace: prod, guestCluster: "*"}]
                """), model.message.get());
        model.count.set("40");
        model.namePrefix.set("web-");
        model.namespace.set("prod");
        assertTrue(model.addLoadBalancers());
        assertEquals("Add IPPool prod-overflow", model.steps.get(0).describe());
        model.run();
        assertEquals(40, model.result.get().served());
        assertEquals(0, model.result.get().pending());
        assertEquals(40, pool("prod-overflow").usedAfter().intValue());
        assertEquals(24, pool("prod-pool").usedAfter().intValue(), "the higher priority takes every new one");
    }

    @Test
    void aPoolTheWebhookWouldRefuseIsSaidSo() {
        model.applyPoolsYaml("""
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: prod-overflow}
                spec:
                  ranges: [{subnet: 10.10.1.0/24}]
                  selector:
                    priority: 10
                    scope: [{project: "*", namespace: prod, guestCluster: "*"}]
                """);
        model.run();
        assertEquals(1, model.result.get().refusals().size());
        assertTrue(model.message.get().contains("priority can't be the same as the pool team-a-v2"),
                model.message.get());
    }

    @Test
    void raisingAPriorityChangesOnlyTheNewcomers() {
        assertTrue(model.setPriority("team-a-legacy", "20"));
        model.count.set("3");
        model.namePrefix.set("batch-");
        model.namespace.set("team-a");
        model.addLoadBalancers();
        model.run();
        assertEquals(6, pool("team-a-legacy").usedAfter().intValue());
        assertEquals(2, pool("team-a-v2").usedAfter().intValue());
        assertTrue(model.result.get().requests().stream().noneMatch(r -> r.outcome()
                == ScenarioComparison.Change.MOVED), "allocations are sticky: nobody already served moves");
    }

    @Test
    void wrongInputIsSaidInWordsAndAddsNoStep() {
        assertFalse(model.applyPoolsYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"));
        assertTrue(model.message.get().contains("ConfigMap/x"), model.message.get());
        assertFalse(model.applyPoolsYaml("kind: [unclosed"));
        model.count.set("forty");
        assertFalse(model.addLoadBalancers());
        assertTrue(model.message.get().startsWith("Count:"), model.message.get());
        assertFalse(model.setPriority("no-such-pool", "5"));
        assertTrue(model.steps.isEmpty());
        model.run();
        assertTrue(model.message.get().startsWith("Add a step first"), model.message.get());
    }

    @Test
    void aSavedScenarioLoadsBackStepForStep(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ScenarioViewModel inDir = new ScenarioViewModel(BackgroundWork.synchronous(), () -> demo, () -> dir);
        inDir.name.set("drill");
        inDir.addLoadBalancers();
        inDir.deleteLoadBalancer("prod/svc-1");
        Path saved = inDir.save();
        assertEquals(dir.resolve("scenarios/drill.yaml"), saved);
        assertTrue(inDir.replayCommand().endsWith(dir + " " + saved), inDir.replayCommand());
        List<PlanStep> steps = List.copyOf(inDir.steps);
        inDir.steps.clear();
        inDir.load(saved);
        assertEquals(steps, List.copyOf(inDir.steps));
    }

    @Test
    void savingOverAnotherScenarioOfTheSameNameAsksFirst(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        io.pooldesk.views.common.ScriptedDialogs dialogs = new io.pooldesk.views.common.ScriptedDialogs();
        ScenarioViewModel first = new ScenarioViewModel(BackgroundWork.synchronous(), () -> demo, () -> dir);
        first.name.set("drill");
        first.addLoadBalancers();
        first.saveOrSay(dialogs);
        first.deleteLoadBalancer("prod/svc-1");
        first.saveOrSay(dialogs);
        assertEquals(List.of(), dialogs.asked, "saving the same scenario again asks nothing");
        String saved = java.nio.file.Files.readString(dir.resolve("scenarios/drill.yaml"));

        ScenarioViewModel other = new ScenarioViewModel(BackgroundWork.synchronous(), () -> demo, () -> dir);
        other.name.set("drill");
        other.deleteLoadBalancer("prod/svc-2");
        dialogs.answer(false);
        other.saveOrSay(dialogs);
        assertEquals(1, dialogs.asked.size(), dialogs.asked.toString());
        assertTrue(dialogs.asked.get(0).startsWith("confirm: A scenario named drill is already saved"),
                dialogs.asked.get(0));
        assertEquals(saved, java.nio.file.Files.readString(dir.resolve("scenarios/drill.yaml")), "kept");
        assertTrue(other.message.get().startsWith("Not saved"), other.message.get());

        dialogs.answer(true);
        other.saveOrSay(dialogs);
        assertTrue(java.nio.file.Files.readString(dir.resolve("scenarios/drill.yaml")).contains("svc-2"));
    }
}
