package io.pooldesk.views.planning;

import io.pooldesk.views.common.Page;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.Node;

import java.time.Clock;

/** The Forecast page: growth per week, and when each pool runs out. */
public final class ForecastPage implements Page {
    private final ForecastViewModel model;
    private final ForecastView view;

    public ForecastPage(WorkspaceViewModel workspace, Clock clock) {
        model = new ForecastViewModel(workspace.background(), workspace::manifests, clock);
        workspace.workspaceProperty().addListener((o, old, ws) -> {
            if (ws != null && model.streams.isEmpty()) {
                model.suggestStreams(workspace.manifests());
            }
        });
        // a live cluster has no folder: its objects arrive with its first analysis
        workspace.analysisProperty().addListener((o, old, analysis) -> {
            if (analysis != null && workspace.isLive() && model.streams.isEmpty()) {
                model.suggestStreams(workspace.manifests());
            }
        });
        view = new ForecastView(model);
    }

    @Override
    public String id() {
        return "forecast";
    }

    @Override
    public String title() {
        return "Forecast";
    }

    @Override
    public Node view() {
        return view;
    }

    public ForecastViewModel model() {
        return model;
    }
}
