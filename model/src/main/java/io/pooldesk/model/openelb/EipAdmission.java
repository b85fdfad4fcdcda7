package io.pooldesk.model.openelb;

import io.pooldesk.model.address.Span;
import io.pooldesk.model.manifest.ManifestException;
import io.pooldesk.model.system.Violation;

import java.util.ArrayList;
import java.util.List;

/** OpenELB's Eip webhook: the address parses, layer2 and vip name an interface, no overlap, one default Eip. */
public final class EipAdmission {
    private EipAdmission() {
    }

    public static List<Violation> checkCreate(Eip eip, List<Eip> existing) {
        List<Violation> violations = new ArrayList<>();
        Span span = null;
        try {
            span = EipRange.of(eip);
        } catch (ManifestException e) {
            violations.add(new Violation(e.field(), e.getMessage()));
        }
        checkInterface(eip, violations);
        for (Eip other : existing) {
            if (other.name().equals(eip.name())) {
                continue;
            }
            if (span != null) {
                try {
                    if (span.overlaps(EipRange.of(other))) {
                        violations.add(new Violation("spec.address", "eip address overlap with " + other.name()));
                    }
                } catch (ManifestException ignored) {
                    // the other Eip could not have been admitted
                }
            }
            if (eip.isDefault() && other.isDefault()) {
                violations.add(new Violation("metadata.annotations", "already exists a default EIP: " + other.name()));
            }
        }
        return violations;
    }

    public static List<Violation> checkUpdate(Eip before, Eip after, List<Eip> existing) {
        List<Violation> violations = new ArrayList<>();
        if (!before.address().equals(after.address())) {
            violations.add(new Violation("spec.address", "the address field is not allowed to be modified"));
        }
        checkInterface(after, violations);
        if (after.isDefault() && !before.isDefault()) {
            existing.stream().filter(o -> o.isDefault() && !o.name().equals(after.name())).findFirst().ifPresent(o ->
                    violations.add(new Violation("metadata.annotations", "already exists a default EIP: " + o.name())));
        }
        return violations;
    }

    private static void checkInterface(Eip eip, List<Violation> violations) {
        if (eip.needsInterface() && eip.iface().isEmpty()) {
            violations.add(new Violation("spec.interface", "if protocol is layer2 or vip, interface"
                    + " should not be empty"));
        }
    }
}
