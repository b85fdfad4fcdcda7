package io.pooldesk.cluster;

import io.pooldesk.model.manifest.Manifest;

import java.util.List;

/** What a cluster holds of the kinds Pooldesk knows, and notes on kinds it could not read (not installed, denied). */
public record ClusterRead(List<Manifest> objects, List<String> notes) {
}
