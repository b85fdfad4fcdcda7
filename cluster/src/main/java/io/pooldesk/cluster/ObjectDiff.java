package io.pooldesk.cluster;

import java.util.List;

/**
 * How one workspace object differs from the cluster's, on the fields Pooldesk owns (spec, and the labels and
 * annotations the workspace sets).
 *
 * @param fields one line per field: {@code spec.ranges[0].subnet: 10.0.0.0/24 -> 10.1.0.0/24}
 */
public record ObjectDiff(String kind, String namespace, String name, Change change, List<String> fields) {

    /** {@code DELETE}: a deletion the window's change set asks for (the command line never deletes). */
    public enum Change { CREATE, UPDATE, UNCHANGED, DELETE }

    public String describe() {
        return kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
