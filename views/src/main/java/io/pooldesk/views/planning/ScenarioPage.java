package io.pooldesk.views.planning;

import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.views.common.DialogService;
import io.pooldesk.views.common.Page;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.scene.Node;

/** The Scenarios page: a what-if composed in steps and run on a copy of the workspace. */
public final class ScenarioPage implements Page {
    private final ScenarioViewModel model;
    private final ScenarioView view;

    public ScenarioPage(WorkspaceViewModel workspace, DialogService dialogs) {
        model = new ScenarioViewModel(workspace.background(), workspace::manifests, workspace::folder);
        view = new ScenarioView(model,
                () -> workspace.loadBalancers().stream().map(lb -> lb.namespace() + "/" + lb.name()).sorted().toList(),
                () -> workspace.harvesterPools().stream().map(IpPool::name).toList(),
                () -> model.saveOrSay(dialogs), () -> model.chooseAndLoad(dialogs));
    }

    @Override
    public String id() {
        return "scenarios";
    }

    @Override
    public String title() {
        return "Scenarios";
    }

    @Override
    public Node view() {
        return view;
    }

    public ScenarioViewModel model() {
        return model;
    }
}
