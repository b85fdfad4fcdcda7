package io.pooldesk.model.kube;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.validation.KindRules;
import io.pooldesk.model.validation.ValidationReport;

/**
 * Services are requests, not pools: validation reads the fields the pool systems use (ports, families, annotations)
 * and reports a field that cannot be read, and the one conflict every system refuses.
 */
public final class ServiceRules implements KindRules {

    @Override
    public boolean handles(Manifest manifest) {
        return ServiceCodec.isService(manifest);
    }

    @Override
    public void check(Manifest manifest, ValidationReport.Builder report) {
        try {
            Service svc = ServiceCodec.read(manifest);
            String requested = svc.annotation("metallb.io/loadBalancerIPs", "metallb.universe.tf/loadBalancerIPs");
            if (!requested.isEmpty() && !svc.loadBalancerIP().isEmpty()) {
                report.error(manifest.problem("spec.loadBalancerIP", "cannot be combined with the"
                        + " metallb.io/loadBalancerIPs annotation: MetalLB refuses to allocate"));
            }
        } catch (ManifestException e) {
            report.error(manifest.problem(e));
        }
    }
}
