package io.pooldesk.model.openelb;

import io.pooldesk.model.kube.ServiceRules;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.List;

/** OpenELB's webhook applied to Eips in document order. */
public final class OpenElbRules implements KindRules {
    private final List<Eip> admitted = new ArrayList<>();

    @Override
    public void check(Manifest manifest, ValidationReport.Builder report) {
        if (!OpenElb.isEip(manifest)) {
            ServiceRules.read(manifest, report);
            return;
        }
        Eip eip;
        try {
            eip = EipCodec.read(manifest);
        } catch (ManifestException e) {
            report.error(manifest.problem(e));
            return;
        }
        List<Violation> violations = EipAdmission.checkCreate(eip, admitted);
        violations.forEach(v -> report.error(v.in(manifest)));
        if (violations.isEmpty()) {
            admitted.add(eip);
        }
    }
}
