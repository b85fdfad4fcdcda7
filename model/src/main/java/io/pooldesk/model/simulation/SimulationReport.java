package io.pooldesk.model.simulation;

import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.Release;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a simulation: every time a request's outcome was decided or changed, in order; the addresses
 * released; every pool sorted by namespace then name; the warnings; the objects or steps that were refused; and each
 * request's outcomes at the end, in the order the requests were first seen.
 */
public record SimulationReport(List<Outcome> allocations, List<Release> released, List<PoolReport> pools,
                               List<String> warnings, List<ManifestProblem> rejected,
                               Map<ObjectRef, List<Outcome>> last) {

    /** Whether a request is unserved at the end or an object was refused: the command line's exit code 1. */
    public boolean hasFailures() {
        return !rejected.isEmpty() || last.values().stream().flatMap(List::stream).anyMatch(o -> !o.isServed());
    }

    /** A request's outcomes at the end (one per NIC of a VM network config); empty when it is not served by a pool. */
    public List<Outcome> outcome(ObjectRef request) {
        return last.getOrDefault(request, List.of());
    }
}
