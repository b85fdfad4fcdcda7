package io.pooldesk.views.fleet;

import io.pooldesk.views.common.Page;
import javafx.scene.Node;

/** The Fleet page: several clusters side by side, the first pool to run out, and who holds an address. */
public final class FleetPage implements Page {
    private final FleetViewModel model;
    private final FleetView view;

    public FleetPage(FleetViewModel model) {
        this.model = model;
        this.view = new FleetView(model);
    }

    @Override
    public String id() {
        return "fleet";
    }

    @Override
    public String title() {
        return "Fleet";
    }

    @Override
    public Node view() {
        return view;
    }

    public FleetViewModel model() {
        return model;
    }
}
