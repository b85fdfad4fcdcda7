package io.pooldesk.model.harvester.lb;

import io.pooldesk.model.system.Violation;
import java.util.List;

/** A change the webhook refuses; carries every broken rule. */
public class AdmissionException extends Exception {
    private final List<Violation> violations;

    public AdmissionException(List<Violation> violations) {
        super(violations.isEmpty() ? "refused" : violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
