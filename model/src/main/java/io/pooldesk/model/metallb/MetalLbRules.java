package io.pooldesk.model.metallb;

import io.pooldesk.model.kube.Service;
import io.pooldesk.model.kube.ServiceRules;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.ValidationReport;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.List;

/** MetalLB's webhook applied to pools in document order. */
public final class MetalLbRules implements KindRules {
    private final List<PoolBlocks> admitted = new ArrayList<>();
    private final ClusterContext context;
    private final String namespace;
    private boolean clusterIpsNoted;

    public MetalLbRules() {
        this(ClusterContext.defaults());
    }

    public MetalLbRules(ClusterContext context) {
        this.context = context;
        this.namespace = MetalLbSystem.namespace(context);
    }

    @Override
    public void check(Manifest manifest, ValidationReport.Builder report) {
        if (!MetalLb.isPool(manifest)) {
            checkService(manifest, report);
            return;
        }
        PoolBlocks blocks;
        try {
            blocks = PoolBlocks.of(MetalLbCodec.read(manifest));
        } catch (ManifestException e) {
            report.error(manifest.problem(e));
            return;
        }
        List<Violation> violations = MetalLbAdmission.check(blocks, admitted, namespace);
        violations.forEach(v -> report.error(v.in(manifest)));
        ServiceAllocation sa = blocks.pool().serviceAllocation();
        if (sa != null && !sa.namespaceSelectors().isEmpty() && !context.namespacesKnown()) {
            report.warn(manifest.problem("spec.serviceAllocation.namespaceSelectors", "the input holds no Namespace"
                    + " objects, so these selectors cannot be evaluated; add the cluster's Namespace objects (with their"
                    + " labels)").toString());
        }
        MetalLbAdmission.advisories(blocks).forEach(v -> report.warn(v.in(manifest).toString()));
        if (violations.isEmpty()) {
            admitted.add(blocks);
        }
    }

    private void checkService(Manifest manifest, ValidationReport.Builder report) {
        Service svc = ServiceRules.read(manifest, report);
        if (svc == null) {
            return;
        }
        String requested = svc.annotation(MetalLb.STABLE_PREFIX + MetalLb.LOAD_BALANCER_IPS,
                MetalLb.DEPRECATED_PREFIX + MetalLb.LOAD_BALANCER_IPS);
        if (!requested.isEmpty() && !svc.loadBalancerIP().isEmpty()) {
            report.error(manifest.problem("spec.loadBalancerIP", "cannot be combined with the"
                    + " metallb.io/loadBalancerIPs annotation: MetalLB refuses to allocate"));
        }
        if (svc.clusterIPs().isEmpty() && !clusterIpsNoted) {
            clusterIpsNoted = true;
            report.warn(manifest.problem("spec.clusterIPs", "not written: MetalLB takes a Service's family from the"
                    + " cluster IPs the API server assigns (controller/service.go 69-75); Pooldesk assumes it from"
                    + " spec.ipFamilies and spec.ipFamilyPolicy (said once)").toString());
        }
    }
}
