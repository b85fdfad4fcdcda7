package io.pooldesk.views.pools.editor;

import io.pooldesk.model.harvester.lb.IpPool;
import io.pooldesk.views.common.DialogService;
import io.pooldesk.views.common.Theme;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The pool form in a window of its own. A second after each change it keeps a recovery copy of what is typed, so a
 * crash loses nothing; Save writes the pool, Cancel or closing asks first when something changed.
 */
public final class PoolEditorWindow {
    private PoolEditorWindow() {
    }

    /**
     * @param pool      the pool edited, or null for a new one
     * @param recovered a pool a crashed run left unsaved, loaded in place of what the workspace holds; or null
     */
    public static Stage open(Window owner, WorkspaceViewModel workspace, DialogService dialogs, IpPool pool,
                             IpPool recovered) {
        PoolEditorViewModel editor = new PoolEditorViewModel(pool, workspace.harvesterPools(),
                workspace.loadBalancers());
        if (recovered != null) {
            editor.load(recovered);
        }
        String recoveryKey = "pool-" + (pool == null ? "new" : pool.name());
        PauseTransition keep = new PauseTransition(Duration.seconds(1));
        keep.setOnFinished(e -> workspace.keepUnsaved(recoveryKey, editor.toPool()));
        editor.name.addListener(o -> keep.playFromStart());
        editor.ranges.addListener((ListChangeListener<Object>) c -> keep.playFromStart());
        editor.scope.addListener((ListChangeListener<Object>) c -> keep.playFromStart());
        editor.network.addListener(o -> keep.playFromStart());
        editor.priority.addListener(o -> keep.playFromStart());
        editor.description.addListener(o -> keep.playFromStart());
        Stage dialog = new Stage();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(pool == null ? "Create IP Pool" : "Edit IP Pool " + pool.name());
        boolean[] saving = {false};
        PoolEditorView view = new PoolEditorView(editor, saved -> {
            saving[0] = true;
            keep.stop();
            workspace.savePool(saved, (pool == null ? "Create " : "Edit ") + saved.name());
            workspace.discardUnsaved(recoveryKey);
            dialog.close();
        }, () -> {
            if (confirmDiscard(dialogs, editor)) {
                keep.stop();
                workspace.discardUnsaved(recoveryKey);
                dialog.close();
            }
        });
        dialog.setOnCloseRequest(e -> {
            if (!saving[0] && !confirmDiscard(dialogs, editor)) {
                e.consume();
            } else {
                keep.stop();
                workspace.discardUnsaved(recoveryKey);
            }
        });
        Scene scene = new Scene(view);
        Theme.apply(scene);
        dialog.setScene(scene);
        dialog.show();
        return dialog;
    }

    private static boolean confirmDiscard(DialogService dialogs, PoolEditorViewModel editor) {
        return !editor.changedProperty().get() || dialogs.confirm(null, "Discard the changes to this pool?");
    }
}
