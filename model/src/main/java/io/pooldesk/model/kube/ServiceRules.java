package io.pooldesk.model.kube;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.KindRules;
import io.pooldesk.model.system.ValidationReport;

/**
 * Services are requests, not pools: a Service no pool system claims (not {@code type: LoadBalancer}) is still read,
 * and a field that cannot be read is reported. The systems that serve Services check the rest.
 */
public final class ServiceRules implements KindRules {

    public static boolean handles(Manifest manifest) {
        return ServiceCodec.isService(manifest);
    }

    @Override
    public void check(Manifest manifest, ValidationReport.Builder report) {
        read(manifest, report);
    }

    /** The Service, or null when a field cannot be read (reported). */
    public static Service read(Manifest manifest, ValidationReport.Builder report) {
        try {
            return ServiceCodec.read(manifest);
        } catch (ManifestException e) {
            report.error(manifest.problem(e));
            return null;
        }
    }
}
