package io.pooldesk.model.simulation;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.validation.Violation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects what a simulation produces, in order, while the pool kinds process objects. */
public final class SimulationLog {
    private final List<AllocationEntry> allocations = new ArrayList<>();
    private final List<AllocationEntry> released = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final List<ManifestProblem> rejected = new ArrayList<>();

    public void allocated(AllocationEntry entry) {
        allocations.add(entry);
    }

    public void released(AllocationEntry entry) {
        released.add(entry);
    }

    /** A warning; the same text is kept once. */
    public void warn(String warning) {
        warnings.add(warning);
    }

    public void reject(ManifestProblem problem) {
        rejected.add(problem);
    }

    /**
     * Reports the admission rules a pool breaks. A scenario step is refused, as the cluster would refuse it; a pool of
     * the starting state already stands, so its broken rules are warnings.
     *
     * @return whether the pool is to be taken
     */
    public boolean admit(Manifest manifest, List<Violation> violations, boolean enforced) {
        for (Violation v : violations) {
            if (enforced) {
                reject(v.in(manifest));
            } else {
                warn(manifest.problem(v.field(), "the cluster would refuse this " + manifest.kind() + ": "
                        + v.message()).toString());
            }
        }
        return !enforced || violations.isEmpty();
    }

    SimulationReport toReport(List<PoolReport> pools) {
        List<String> allWarnings = new ArrayList<>(warnings);
        return new SimulationReport(List.copyOf(allocations), List.copyOf(released), pools, allWarnings,
                List.copyOf(rejected));
    }
}
