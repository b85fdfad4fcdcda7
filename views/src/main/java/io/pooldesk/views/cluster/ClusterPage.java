package io.pooldesk.views.cluster;

import io.pooldesk.views.common.DialogService;
import io.pooldesk.views.common.Page;
import javafx.scene.Node;

/** The Cluster page: the workspace compared with a kubeconfig context, dry-run and apply. */
public final class ClusterPage implements Page {
    private final ClusterViewModel model;
    private final ClusterView view;

    public ClusterPage(ClusterViewModel model, DialogService dialogs) {
        this.model = model;
        this.view = new ClusterView(model, dialogs);
    }

    @Override
    public String id() {
        return "cluster";
    }

    @Override
    public String title() {
        return "Cluster";
    }

    @Override
    public Node view() {
        return view;
    }

    public ClusterViewModel model() {
        return model;
    }
}
