package io.pooldesk.model.novaedge;

import io.pooldesk.model.kube.ServiceRules;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.ValidationReport;

/** NovaEdge has no webhook: a pool that does not parse is an error (PoolConfigError), the rest are warnings. */
public final class NovaEdgeRules implements KindRules {
    private final NovaEdgeEngine seen = new NovaEdgeEngine();

    @Override
    public void check(Manifest manifest, ValidationReport.Builder report) {
        if (!NovaEdge.isPool(manifest) && !NovaEdge.isVip(manifest)) {
            ServiceRules.read(manifest, report);
            return;
        }
        try {
            if (NovaEdge.isVip(manifest)) {
                if (ProxyIpPoolCodec.poolRef(manifest).isEmpty()) {
                    report.warn(manifest.problem("spec.poolRef.name", "names no pool").toString());
                }
                return;
            }
            PoolExpansion expansion = PoolExpansion.of(ProxyIpPoolCodec.read(manifest));
            NovaEdgeAdvisories.of(expansion, seen).forEach(n -> report.warn(manifest.problem("spec", n).toString()));
            seen.add(expansion);
        } catch (ManifestException e) {
            report.error(manifest.problem(e));
        }
    }
}
