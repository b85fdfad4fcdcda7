package io.pooldesk.model.validation;

import io.pooldesk.model.harvester.dhcp.DhcpRules;
import io.pooldesk.model.harvester.lb.HarvesterLbRules;
import io.pooldesk.model.kube.ServiceRules;
import io.pooldesk.model.metallb.MetalLbRules;
import io.pooldesk.model.novaedge.NovaEdgeRules;
import io.pooldesk.model.openelb.OpenElbRules;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.simulation.Scenario;

import java.util.List;

/** Applies each pool system's admission rules to manifests in document order. Unknown kinds are skipped with a warning. */
public final class ManifestValidator {
    private final List<KindRules> rules;

    public ManifestValidator(List<KindRules> rules) {
        this.rules = List.copyOf(rules);
    }

    public static ManifestValidator withAllKinds() {
        return new ManifestValidator(List.of(new HarvesterLbRules(), new DhcpRules(), new MetalLbRules(),
                new OpenElbRules(), new NovaEdgeRules(), new ServiceRules()));
    }

    public ValidationReport validate(List<Manifest> manifests) {
        ValidationReport.Builder report = new ValidationReport.Builder();
        for (Manifest manifest : manifests) {
            KindRules kind = rules.stream().filter(r -> r.handles(manifest)).findFirst().orElse(null);
            if (kind != null) {
                report.checked();
                kind.check(manifest, report);
            } else if (!Scenario.isScenario(manifest)) {
                report.warn(manifest.source() + ": document " + manifest.document() + " (" + manifest.describe()
                        + "): kind " + manifest.kind() + " of " + manifest.apiVersion()
                        + " is not one Pooldesk validates; skipped");
            }
        }
        return report.build();
    }
}
