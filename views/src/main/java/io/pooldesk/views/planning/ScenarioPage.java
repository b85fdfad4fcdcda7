package io.pooldesk.views.planning;

import io.pooldesk.model.registry.PoolSystems;
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
                () -> workspace.manifests().stream()
                        .filter(m -> PoolSystems.composer().read(m.object()) != null)
                        .map(m -> (m.namespace().isEmpty() ? "default" : m.namespace()) + "/" + m.name())
                        .sorted().toList(),
                () -> workspace.manifests().stream().filter(m -> PoolSystems.composer().servesFrom(m))
                        .map(m -> m.name()).toList(),
                () -> model.run(dialogs), () -> model.saveOrSay(dialogs), () -> model.chooseAndLoad(dialogs));
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
