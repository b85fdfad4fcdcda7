package io.pooldesk.model.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Span;
import io.pooldesk.model.ledger.AllocationLedger;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.simulation.Simulations;
import io.pooldesk.model.simulation.Simulator;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.ConversionBatch;
import io.pooldesk.model.system.Controller;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.NeutralPool;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PendingReason;
import io.pooldesk.model.system.PoolObjects;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.Release;
import io.pooldesk.model.system.ResourceType;
import io.pooldesk.model.system.SimulationLog;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.system.Violation;
import io.pooldesk.model.validation.ManifestValidator;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/architecture.md's "adding a sixth pool system", followed to the letter with a toy system (one range per pool,
 * lowest free first): the simulator's fixpoint, validation and the report serve it without a change of their own.
 */
class SixthSystemTest {

    /** Acme LB: cluster-wide AcmePools of one range; Services annotated acme.io/lb: "true" ask them. */
    static final class AcmeSystem implements PoolSystem {
        static final String GROUP = "acme.io";

        @Override
        public String id() {
            return "acme";
        }

        @Override
        public String title() {
            return "Acme LB";
        }

        @Override
        public List<ResourceType> resources() {
            return List.of(new ResourceType(GROUP, "v1", "AcmePool", "acmepools", false, ResourceType.Role.POOL, true),
                    new ResourceType("", "v1", "Service", "services", true, ResourceType.Role.REQUEST, true));
        }

        @Override
        public boolean isPool(Manifest m) {
            return "AcmePool".equals(m.kind()) && GROUP.equals(m.group());
        }

        @Override
        public boolean isRequest(Manifest m) {
            return "Service".equals(m.kind())
                    && "true".equals(m.object().path("metadata").path("annotations").path("acme.io/lb").asText());
        }

        @Override
        public KindRules newRules(ClusterContext context) {
            return (manifest, report) -> {
                if (isPool(manifest) && !manifest.object().path("spec").path("range").isTextual()) {
                    report.error(manifest.problem("spec.range", "a range is required"));
                }
            };
        }

        @Override
        public Controller newController(ClusterContext context) {
            return new AcmeController();
        }

        @Override
        public NeutralPool neutral(Manifest pool) throws ManifestException {
            throw new ManifestException("spec", "not converted in this test");
        }

        @Override
        public List<ObjectNode> write(NeutralPool pool, ConversionBatch batch, Consumer<String> loss) {
            return List.of(PoolObjects.object(GROUP + "/v1", "AcmePool", pool.name(), null));
        }
    }

    static final class AcmeController implements Controller {
        private final Map<String, Span> pools = new TreeMap<>();
        private final Map<String, AllocationLedger> ledgers = new TreeMap<>();

        @Override
        public void load(Manifest pool, SimulationLog log) {
            apply(pool, log);
        }

        @Override
        public PoolChange apply(Manifest pool, SimulationLog log) {
            String[] ends = pool.object().path("spec").path("range").asText().split("-");
            try {
                pools.put(pool.name(), new Span(AddressParser.address(ends[0]), AddressParser.address(ends[1])));
            } catch (io.pooldesk.model.address.InvalidAddressException | ArrayIndexOutOfBoundsException e) {
                log.reject(pool.problem("spec.range", "not a range"));
                return null;
            }
            ledgers.putIfAbsent(pool.name(), new AllocationLedger());
            return PoolChange.NOTHING_RELEASED;
        }

        @Override
        public List<Outcome> reconcile(Manifest request, SimulationLog log) {
            ObjectRef ref = ObjectRef.namespaced("Service", request.namespace(), request.name());
            for (Map.Entry<String, Span> pool : pools.entrySet()) {
                AllocationLedger ledger = ledgers.get(pool.getKey());
                Address free = ledger.firstFree(pool.getValue().first(), pool.getValue().last());
                if (free != null) {
                    ledger.hold(free, ref.holder());
                    return List.of(new Outcome.Served(ref, ObjectRef.clusterScoped("AcmePool", pool.getKey()),
                            List.of(free)));
                }
            }
            return List.of(new Outcome.Pending(ref, null, PendingReason.POOL_EXHAUSTED, "acme: no free address"));
        }

        @Override
        public List<Release> release(ObjectRef request, SimulationLog log) {
            for (Map.Entry<String, AllocationLedger> entry : ledgers.entrySet()) {
                Address held = entry.getValue().firstOf(request.holder());
                if (held != null) {
                    entry.getValue().release(held);
                    return List.of(new Release(request, ObjectRef.clusterScoped("AcmePool", entry.getKey()),
                            List.of(held)));
                }
            }
            return List.of();
        }

        @Override
        public java.util.Optional<PoolDeletion> deletePool(ObjectRef pool, String step, SimulationLog log) {
            return java.util.Optional.empty();
        }

        @Override
        public List<PoolReport> report() {
            List<PoolReport> out = new ArrayList<>();
            pools.forEach((name, span) -> {
                BigInteger used = BigInteger.valueOf(ledgers.get(name).count());
                out.add(new PoolReport("AcmePool", AcmeSystem.GROUP, null, name, span.size(), used,
                        span.size().subtract(used), ledgers.get(name).entries(), PoolReport.NO_HISTORY));
            });
            return out;
        }
    }

    static final String INPUT = """
            apiVersion: acme.io/v1
            kind: AcmePool
            metadata: {name: tiny}
            spec: {range: 10.99.0.1-10.99.0.1}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: a, namespace: web, annotations: {acme.io/lb: "true"}}
            spec: {type: ClusterIP}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b, namespace: web, annotations: {acme.io/lb: "true"}}
            spec: {type: ClusterIP}
            ---
            apiVersion: pooldesk.io/v1alpha1
            kind: Scenario
            metadata: {name: free}
            steps:
              - delete: {kind: Service, namespace: web, name: a}
            """;

    static List<PoolSystem> withAcme() {
        return Stream.concat(Stream.of(new AcmeSystem()), PoolSystems.all().stream()).toList();
    }

    @Test
    void theSimulatorConvergesForASystemItHasNeverHeardOf() {
        Simulator simulator = new Simulator(withAcme(), Map.of());
        SimulationReport report = simulator.run(simulator.plan(ManifestReader.parse("acme.yaml", INPUT).manifests()));
        assertEquals(List.of(new Simulations.Entry("Service/web/a", "tiny", "10.99.0.1", null),
                        new Simulations.Entry("Service/web/b", null, null, "acme: no free address"),
                        new Simulations.Entry("Service/web/b", "tiny", "10.99.0.1", null)),
                Simulations.entries(report));
        assertEquals(Map.of("10.99.0.1", "web/b"), Simulations.allocated(Simulations.pool(report, "tiny")));
    }

    @Test
    void validationAsksTheNewSystemsRules() {
        ValidationReport report = new ManifestValidator(withAcme(), Map.of()).validate(ManifestReader.parse("acme.yaml",
                "apiVersion: acme.io/v1\nkind: AcmePool\nmetadata: {name: broken}\nspec: {}\n").manifests());
        assertEquals(1, report.errors().size(), report.errors().toString());
        assertEquals("spec.range", report.errors().get(0).field());
        assertTrue(report.warnings().isEmpty(), report.warnings().toString());
    }

    @Test
    void withoutItsLineInTheRegistryTheObjectsAreSkippedWithAWarning() {
        Simulator simulator = new Simulator();
        SimulationReport report = simulator.run(simulator.plan(ManifestReader.parse("acme.yaml", INPUT).manifests()));
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("AcmePool") && w.contains("skipped")),
                report.warnings().toString());
    }
}
