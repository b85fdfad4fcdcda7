package io.pooldesk.model.simulation;

import io.pooldesk.model.manifest.ManifestProblem;

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

    SimulationReport toReport(List<PoolReport> pools) {
        List<String> allWarnings = new ArrayList<>(warnings);
        return new SimulationReport(List.copyOf(allocations), List.copyOf(released), pools, allWarnings,
                List.copyOf(rejected));
    }
}
