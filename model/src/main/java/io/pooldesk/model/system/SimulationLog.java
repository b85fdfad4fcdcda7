package io.pooldesk.model.system;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects what a simulation produces, in order, while the pool systems' controllers process objects. */
public final class SimulationLog {
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<Release> released = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final List<ManifestProblem> rejected = new ArrayList<>();

    /** A request's outcome was decided or changed. */
    public void outcome(Outcome outcome) {
        outcomes.add(outcome);
    }

    public void released(Release release) {
        released.add(release);
    }

    /** A warning; the same text is kept once. */
    public void warn(String warning) {
        warnings.add(warning);
    }

    public void reject(ManifestProblem problem) {
        rejected.add(problem);
    }

    /** A warning about one object, naming its file, document and kind/name. */
    public void warn(Manifest manifest, String message) {
        warn(manifest.source() + ": document " + manifest.document() + " (" + manifest.describe() + "): " + message);
    }

    /**
     * Reports the admission rules a pool breaks. A step is refused, as the cluster would refuse it; a pool of the
     * starting state already stands, so its broken rules are warnings.
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

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<Release> releases() {
        return List.copyOf(released);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<ManifestProblem> rejected() {
        return List.copyOf(rejected);
    }
}
