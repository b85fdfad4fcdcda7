package io.pooldesk.model.system;

import io.pooldesk.model.manifest.Manifest;

import java.util.List;

/**
 * What a mutating webhook did to an object before validation and allocation: the object the cluster stores, and each
 * field it changed in words ("the operator wrote X, the cluster stores Y").
 */
public record Mutation(Manifest stored, List<Change> changes) {

    public record Change(String field, String written, String stored, String why) {
        @Override
        public String toString() {
            return field + ": written " + (written == null || written.isEmpty() ? "(empty)" : "\"" + written + "\"")
                    + ", the cluster stores \"" + stored + "\" (" + why + ")";
        }
    }

    public static Mutation none(Manifest manifest) {
        return new Mutation(manifest, List.of());
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
