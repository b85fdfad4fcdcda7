package io.pooldesk.model.system;

import io.pooldesk.model.manifest.ManifestProblem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What {@code validate} found: refused objects (errors), things worth knowing (warnings), and how many were checked. */
public record ValidationReport(List<ManifestProblem> errors, List<String> warnings, int checked) {

    public boolean valid() {
        return errors.isEmpty();
    }

    public static final class Builder {
        private final List<ManifestProblem> errors = new ArrayList<>();
        private final Set<String> warnings = new LinkedHashSet<>();
        private int checked;

        public void error(ManifestProblem problem) {
            errors.add(problem);
        }

        public void warn(String warning) {
            warnings.add(warning);
        }

        public void checked() {
            checked++;
        }

        public ValidationReport build() {
            return new ValidationReport(List.copyOf(errors), List.copyOf(warnings), checked);
        }
    }
}
