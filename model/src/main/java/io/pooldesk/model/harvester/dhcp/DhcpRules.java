package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.ValidationReport;

/** The managed-DHCP webhooks applied to pools and VM network configs in document order. */
public final class DhcpRules implements KindRules {
    private final String serviceCidr;

    DhcpRules(String serviceCidr) {
        this.serviceCidr = serviceCidr;
    }

    @Override
    public void check(Manifest manifest, ValidationReport.Builder report) {
        try {
            if (HarvesterDhcp.isNetworkConfig(manifest)) {
                DhcpCodec.readNics(manifest);
                return;
            }
            DhcpWebhook.Admission admission = DhcpWebhook.create(DhcpCodec.readPool(manifest), serviceCidr);
            admission.changes().forEach(change -> report.warn(manifest.source() + ": document " + manifest.document()
                    + " (" + manifest.describe() + "): mutated: " + change));
            admission.refusal().forEach(v -> report.error(v.in(manifest)));
        } catch (ManifestException e) {
            report.error(manifest.problem(e));
        }
    }
}
