package io.pooldesk.model.simulation;

import io.pooldesk.model.manifest.ManifestProblem;

import java.util.List;

/**
 * The outcome of a simulation: the requests in the order they were processed, the addresses released, every pool
 * sorted by namespace then name, the warnings, and the objects or steps that were refused.
 */
public record SimulationReport(List<AllocationEntry> allocations, List<AllocationEntry> released,
                               List<PoolReport> pools, List<String> warnings, List<ManifestProblem> rejected) {

    /** Whether any request went unserved or any object was refused: the command line's exit code 1. */
    public boolean hasFailures() {
        return !rejected.isEmpty() || allocations.stream().anyMatch(a -> !a.isServed());
    }
}
