package io.pooldesk.model.validation;

import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.conflicts.ConflictCheck;
import io.pooldesk.model.kube.Nodes;
import io.pooldesk.model.kube.ServiceCidrs;
import io.pooldesk.model.manifest.ManifestProblem;

import io.pooldesk.model.kube.Namespaces;
import io.pooldesk.model.kube.VirtualMachineInstances;
import io.pooldesk.model.kube.ServiceRules;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.Mutation;
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
    private final Map<String, String> settings;

    public ManifestValidator() {
        this(Map.of());
    }

    /** @param settings the systems' settings the operator gave ({@link PoolSystem#settings()}), by name */
    public ManifestValidator(Map<String, String> settings) {
        this(PoolSystems.all(), settings);
    }

    public ManifestValidator(List<PoolSystem> systems, Map<String, String> settings) {
        this.systems = List.copyOf(systems);
        this.settings = Map.copyOf(settings);
    }

    public ValidationReport validate(List<Manifest> manifests) {
        ValidationReport.Builder report = new ValidationReport.Builder();
        Map<PoolSystem, KindRules> rules = new IdentityHashMap<>();
        ClusterContext context = new ClusterContext(settings);
        for (Manifest written : manifests) {
            if (Namespaces.isNamespace(written)) {
                context.namespace(written.name(), Namespaces.labels(written), Namespaces.annotations(written));
                continue;
            }
            if (VirtualMachineInstances.isVmi(written)) {
                context.vmi(VirtualMachineInstances.read(written));
                continue;
            }
            Optional<PoolSystem> system = systems.stream()
                    .filter(s -> s.isPool(written) || s.isRequest(written)).findFirst();
            if (system.isPresent()) {
                report.checked();
                // the mutating webhooks run first: the validator sees what the cluster would store
                Mutation mutation = system.get().mutate(written, context);
                mutation.changes().forEach(change -> report.warn(written.source() + ": document "
                        + written.document() + " (" + written.describe() + "): mutated: " + change));
                Manifest manifest = mutation.stored();
                rules.computeIfAbsent(system.get(), s -> s.newRules(context)).check(manifest, report);
            } else if (ServiceRules.handles(written)) {
                report.checked();
                SERVICES.check(written, report);
            } else if (Nodes.isNode(written) || ServiceCidrs.isServiceCidr(written)) {
                report.checked();
            } else if (!Scenario.isScenario(written)) {
                report.warn(written.source() + ": document " + written.document() + " (" + written.describe()
                        + "): kind " + written.kind() + " of " + written.apiVersion()
                        + " is not one Pooldesk validates; skipped");
            }
        }
        try {
            new ConflictCheck(systems).check(manifests, Optional.ofNullable(settings.get(ClusterContext.SERVICE_CIDR)))
                    .forEach(conflict -> report.error(conflict.problem()));
        } catch (InvalidAddressException e) {
            report.error(ManifestProblem.ofSource("--" + ClusterContext.SERVICE_CIDR, 0, e.getMessage()));
        }
        return report.build();
    }
}
