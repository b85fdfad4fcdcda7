package io.pooldesk.model.openelb;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.validation.KindRules;
import io.pooldesk.model.validation.ValidationReport;
import io.pooldesk.model.validation.Violation;

import java.util.ArrayList;
import java.util.List;

/** OpenELB's webhook applied to Eips in document order. */
public final class OpenElbRules implements KindRules {
    private final List<Eip> admitted = new ArrayList<>();

    @Override
    public boolean handles(Manifest manifest) {
        return OpenElb.isEip(manifest);
    }

    @Override
    public void check(Manifest manifest, ValidationReport.Builder report) {
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
