package io.pooldesk.model.system;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestProblem;

/** One broken admission rule: the field it concerns and the message, worded as the reference words it. */
public record Violation(String field, String message) {

    /** This violation as a problem of the object it was found in. */
    public ManifestProblem in(Manifest manifest) {
        return manifest.problem(field, message);
    }
}
