package io.pooldesk.cluster;

import io.pooldesk.model.manifest.Manifest;

import java.util.List;

/**
 * What a cluster holds of the kinds Pooldesk knows, and notes on kinds it could not read (not installed, denied).
 *
 * @param listed  how many kinds were listed
 * @param refused how many kinds the cluster refused to list (forbidden, or credentials not accepted)
 */
public record ClusterRead(List<Manifest> objects, List<String> notes, int listed, int refused) {

    /** Nothing could be listed and the cluster said no to at least one list: the read says nothing of the cluster. */
    public boolean everyListRefused() {
        return listed == 0 && refused > 0;
    }
}
