package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.system.Violation;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.ClusterContext;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.ValidationReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Harvester load-balancer webhook applied to a sequence of manifests: each pool is created (or, when it carries
 * allocations in status, updated) against the pools admitted before it.
 */
public final class HarvesterLbRules implements KindRules {
    private final Map<String, IpPool> admitted = new LinkedHashMap<>();
    /** The admitted pools indexed: checking each pool against every earlier one made 10,000 pools take minutes. */
    private final AdmittedPools index = new AdmittedPools();
    private boolean documentedGroupReported;
    private final ClusterContext context;
    /** The first admitted pool whose scope names a project, or null. */
    private IpPool scopedByProject;

    /** @param context the run's Namespaces, as far as the input has given them when each object is checked */
    public HarvesterLbRules(ClusterContext context) {
        this.context = context;
    }

    @Override
    public void check(Manifest manifest, ValidationReport.Builder report) {
        if (HarvesterLb.isLoadBalancer(manifest)) {
            checkLoadBalancer(manifest, report);
            return;
        }
        if (HarvesterLb.usesDocumentedGroup(manifest) && !documentedGroupReported) {
            documentedGroupReported = true;
            report.warn(manifest.source() + ": document " + manifest.document() + " (" + manifest.describe() + "): "
                    + "apiVersion " + manifest.apiVersion() + " is the group Harvester's documentation writes; the "
                    + "controller serves " + HarvesterLb.API_VERSION + ", which Pooldesk writes");
        }
        IpPool pool;
        try {
            pool = HarvesterLbCodec.readPool(manifest);
        } catch (ManifestException e) {
            report.error(manifest.problem(e));
            return;
        }
        if (admitted.containsKey(pool.name())) {
            report.error(manifest.problem("metadata.name", "IP pool " + pool.name()
                    + " already exists (defined earlier in the input)"));
            return;
        }
        List<IpPool> others = index.candidates(pool);
        List<Violation> violations = pool.status().allocated().isEmpty()
                ? PoolAdmission.checkCreate(pool, others, index::rangesOf)
                : PoolAdmission.checkUpdate(pool, others);
        violations = new ArrayList<>(violations);
        violations.addAll(PoolAdmission.checkLimits(pool));
        for (Violation v : violations) {
            report.error(v.in(manifest));
        }
        for (Violation v : PoolAdmission.advisories(pool)) {
            report.warn(v.in(manifest).toString());
        }
        if (violations.isEmpty()) {
            admitted.put(pool.name(), pool);
            if (scopedByProject == null && HarvesterLbMutator.scopedByProject(pool)) {
                scopedByProject = pool;
            }
            index.add(pool, PoolAdmission.resolveQuietly(pool));
        }
    }

    private void checkLoadBalancer(Manifest manifest, ValidationReport.Builder report) {
        LoadBalancer lb;
        try {
            lb = HarvesterLbCodec.readLoadBalancer(manifest);
        } catch (ManifestException e) {
            report.error(manifest.problem(e));
            return;
        }
        if (manifest.name().isEmpty()) {
            report.error(manifest.problem("metadata.name", "name is required"));
        }
        String projectNotRead = HarvesterLbMutator.projectNotRead(lb, context, scopedByProject);
        if (projectNotRead != null) {
            report.warn(projectNotRead);
        }
        String networkNotRead = HarvesterLbMutator.networkNotRead(lb, context);
        if (networkNotRead != null) {
            report.warn(networkNotRead);
        }
        for (Violation v : LoadBalancerAdmission.checkSpec(manifest, "create")) {
            report.error(v.in(manifest));
        }
        if (!lb.ipPool().isEmpty() && !admitted.containsKey(lb.ipPool())) {
            report.warn(manifest.problem("spec.ipPool", "names pool " + lb.ipPool() + ", which is not in the input;"
                    + " the controller would report \"fail to get allocator " + lb.ipPool() + "\"").toString());
        }
    }
}
