package io.pooldesk.model.metallb;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.validation.KindRules;
import io.pooldesk.model.validation.ValidationReport;
import io.pooldesk.model.validation.Violation;

import java.util.ArrayList;
import java.util.List;

/** MetalLB's webhook applied to pools in document order. */
public final class MetalLbRules implements KindRules {
    private final List<PoolBlocks> admitted = new ArrayList<>();

    @Override
    public boolean handles(Manifest manifest) {
        return MetalLb.isPool(manifest);
    }

    @Override
    public void check(Manifest manifest, ValidationReport.Builder report) {
        PoolBlocks blocks;
        try {
            blocks = PoolBlocks.of(MetalLbCodec.read(manifest));
        } catch (ManifestException e) {
            report.error(manifest.problem(e));
            return;
        }
        List<Violation> violations = MetalLbAdmission.check(blocks, admitted);
        violations.forEach(v -> report.error(v.in(manifest)));
        MetalLbAdmission.advisories(blocks).forEach(v -> report.warn(v.in(manifest).toString()));
        if (violations.isEmpty()) {
            admitted.add(blocks);
        }
    }
}
