package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.InvalidAddressException;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The vm-dhcp-controller's webhooks for IPPool create and update. */
public final class DhcpAdmission {
    private DhcpAdmission() {
    }

    public static List<Violation> checkCreate(DhcpPool pool, String serviceCidr) {
        List<Violation> violations = new ArrayList<>();
        if (pool.networkName().isEmpty()) {
            violations.add(new Violation("spec.networkName", "networkName is required (namespace/name of the VM"
                    + " network)"));
        }
        DhcpLayout layout = DhcpLayout.resolve(pool, violations);
        if (layout != null) {
            try {
                Cidr service = AddressParser.cidr(serviceCidr);
                // pkg/webhook/ippool/validator.go 157-173: either network address inside the other, which for CIDRs
                // is the same as overlapping
                if (service.span().overlaps(layout.cidr().span())) {
                    violations.add(new Violation("spec.ipv4Config.cidr", "cidr " + layout.cidr()
                            + " overlaps cluster service cidr " + service));
                }
            } catch (InvalidAddressException e) {
                throw new IllegalArgumentException("service CIDR " + serviceCidr + " is not a CIDR", e);
            }
        }
        return violations;
    }

    /**
     * An update may not move the immutable fields, compared after the defaults are applied (the stored object carries
     * them), nor put the server on an address in use.
     */
    public static List<Violation> checkUpdate(DhcpLayout before, DhcpPool after, String serviceCidr,
                                              Map<String, String> macAllocations) {
        List<Violation> violations = checkCreate(after, serviceCidr);
        DhcpLayout updated = DhcpLayout.resolve(after, new ArrayList<>());
        if (updated == null) {
            return violations;
        }
        immutable(violations, "spec.networkName", before.pool().networkName(), after.networkName());
        immutable(violations, "spec.ipv4Config.cidr", before.cidr(), updated.cidr());
        immutable(violations, "spec.ipv4Config.pool.start", before.start(), updated.start());
        immutable(violations, "spec.ipv4Config.pool.end", before.end(), updated.end());
        immutable(violations, "spec.ipv4Config.router", before.router(), updated.router());
        immutable(violations, "spec.ipv4Config.serverIP", before.server(), updated.server());
        if (!before.excludes().isEmpty()) {
            immutable(violations, "spec.ipv4Config.pool.exclude", before.excludes(), updated.excludes());
        }
        String server = updated.server().toString();
        if (macAllocations.containsKey(server) || updated.excludes().contains(updated.server())) {
            violations.add(new Violation("spec.ipv4Config.serverIP", "server ip " + server + " is already allocated"));
        }
        return violations;
    }

    private static void immutable(List<Violation> violations, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            violations.add(new Violation(field, field.substring(field.lastIndexOf('.') + 1)
                    + " is immutable: it was " + before));
        }
    }
}
