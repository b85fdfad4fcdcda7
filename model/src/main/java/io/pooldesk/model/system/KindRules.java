package io.pooldesk.model.system;

import io.pooldesk.model.manifest.Manifest;

/**
 * The admission rules of one pool system, applied to objects in document order as a cluster would admit them one
 * after another: an object that is refused does not count for those after it.
 */
public interface KindRules {

    void check(Manifest manifest, ValidationReport.Builder report);
}
