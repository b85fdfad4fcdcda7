package io.pooldesk.model.planning;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.ReportWriter;
import io.pooldesk.model.simulation.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioComparisonTest {
    private static final String DEMO = "../resources/demo-workspace";

    private static List<Manifest> demo() {
        ManifestReader.Result read = new ManifestReader(System.in).read(List.of(DEMO));
        assertTrue(read.errors().isEmpty(), read.errors().toString());
        return read.manifests();
    }

    private static ScenarioDocument fortyInProd() {
        return new ScenarioDocument("forty-in-prod", List.of(new PlanStep.AddLoadBalancers(40, "web-",
                new LoadBalancerRequirements("prod", "", "", "", ""))));
    }

    @Test
    void fortyNewLoadBalancersInProdFillTheProdPoolAndTheRestWait() {
        ScenarioComparison result = ScenarioComparison.of(demo(), fortyInProd(), "what-if.yaml");
        ScenarioComparison.PoolChange prod = result.pools().stream().filter(p -> p.name().equals("prod-pool"))
                .findFirst().orElseThrow();
        assertEquals(24, prod.usedBefore().intValue());
        assertEquals(26, prod.usedAfter().intValue());
        assertTrue(prod.full());
        assertEquals(2, prod.changed().size());
        assertEquals(2, result.served());
        assertEquals(38, result.pending());
        assertEquals(List.of("prod-pool"), result.changedPools().stream().map(ScenarioComparison.PoolChange::name)
                .toList());
        ScenarioComparison.RequestChange waiting = result.requests().get(2);
        assertEquals("LoadBalancer/prod/web-3", waiting.request().toString());
        assertEquals(ScenarioComparison.Change.PENDING, waiting.outcome());
        assertTrue(waiting.reason().contains("prod-pool"), waiting.reason());
    }

    @Test
    void theSavedDocumentReplaysTheSameCountsThroughTheSimulator(@TempDir Path dir) throws Exception {
        ScenarioDocument scenario = fortyInProd();
        Path file = dir.resolve("forty-in-prod.yaml");
        scenario.save(file);
        ScenarioComparison panel = ScenarioComparison.of(demo(), scenario, file.toString());
        List<Manifest> replay = new ArrayList<>(new ManifestReader(System.in).read(List.of(DEMO, file.toString()))
                .manifests());
        Simulator simulator = new Simulator();
        String json = ReportWriter.json(simulator.run(simulator.plan(replay)));
        for (ScenarioComparison.PoolChange pool : panel.pools()) {
            assertTrue(json.contains("\"name\" : \"" + pool.name() + "\"") || json.contains("\"name\": \""
                    + pool.name() + "\""), pool.name());
        }
        assertEquals(ReportWriter.json(panel.after().report()), json);
    }

    @Test
    void aDocumentLoadsBackIntoTheSameSteps(@TempDir Path dir) throws Exception {
        ScenarioDocument scenario = new ScenarioDocument("drill", List.of(
                new PlanStep.AddLoadBalancers(3, "api-", new LoadBalancerRequirements("rke2", "default/vlan100",
                        "c-m-demo/p-apps", "rke2-prod", "")),
                new PlanStep.DeleteLoadBalancer("default", "web-1")));
        Path file = dir.resolve("drill.yaml");
        scenario.save(file);
        assertEquals(scenario, ScenarioDocument.load(file));
    }

    @Test
    void deletingALoadBalancerReleasesItsAddress() {
        ScenarioDocument scenario = new ScenarioDocument("free-one", List.of(
                new PlanStep.DeleteLoadBalancer("prod", "svc-1")));
        ScenarioComparison result = ScenarioComparison.of(demo(), scenario, "what-if.yaml");
        assertTrue(result.requests().stream().anyMatch(r -> r.outcome() == ScenarioComparison.Change.RELEASED
                && r.request().toString().equals("LoadBalancer/prod/svc-1")), result.requests().toString());
    }
}
