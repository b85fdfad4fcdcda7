package io.pooldesk.model.validation;

import io.pooldesk.model.kube.ServiceRules;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.simulation.Scenario;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.system.ValidationReport;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies each pool system's admission rules to manifests in document order, as a cluster admits objects one after
 * another. Unknown kinds are skipped with a warning.
 */
public final class ManifestValidator {
    private static final ServiceRules SERVICES = new ServiceRules();
    private final List<PoolSystem> systems;

    public ManifestValidator() {
        this(PoolSystems.all());
    }

    public ManifestValidator(List<PoolSystem> systems) {
        this.systems = List.copyOf(systems);
    }

    public ValidationReport validate(List<Manifest> manifests) {
        ValidationReport.Builder report = new ValidationReport.Builder();
        Map<PoolSystem, KindRules> rules = new IdentityHashMap<>();
        for (Manifest manifest : manifests) {
            Optional<PoolSystem> system = systems.stream()
                    .filter(s -> s.isPool(manifest) || s.isRequest(manifest)).findFirst();
            if (system.isPresent()) {
                report.checked();
                rules.computeIfAbsent(system.get(), PoolSystem::newRules).check(manifest, report);
            } else if (ServiceRules.handles(manifest)) {
                report.checked();
                SERVICES.check(manifest, report);
            } else if (!Scenario.isScenario(manifest)) {
                report.warn(manifest.source() + ": document " + manifest.document() + " (" + manifest.describe()
                        + "): kind " + manifest.kind() + " of " + manifest.apiVersion()
                        + " is not one Pooldesk validates; skipped");
            }
        }
        return report.build();
    }
}
