package io.pooldesk.views.pools.editor;

import io.pooldesk.views.common.DialogService;
import io.pooldesk.views.common.Theme;
import io.pooldesk.views.workspace.WorkspaceViewModel;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * A pool form in a window of its own. A second after each change it keeps a recovery copy of what is typed, so a
 * crash loses nothing; Save writes the pool, Cancel or closing asks first when something changed.
 */
public final class PoolFormWindow {
    private PoolFormWindow() {
    }

    /**
     * @param form   the kind's form
     * @param editor the form's model, on a saved pool or a new one (a recovered copy already loaded)
     */
    public static Stage open(Window owner, WorkspaceViewModel workspace, DialogService dialogs, PoolForm form,
                             PoolFormModel editor) {
        String savedName = editor.isNew() ? null : editor.name();
        String recoveryKey = "pool-" + (savedName == null ? "new" : savedName);
        PauseTransition keep = new PauseTransition(Duration.seconds(1));
        keep.setOnFinished(e -> workspace.keepUnsaved(recoveryKey, editor.toObject()));
        editor.editsProperty().addListener(o -> keep.playFromStart());
        Stage dialog = new Stage();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        String title = savedName == null ? "Create " + form.title() : "Edit " + form.title() + " " + savedName;
        dialog.setTitle(title);
        boolean[] saving = {false};
        PoolFormView view = new PoolFormView(title, editor, form.view(editor), saved -> {
            saving[0] = true;
            keep.stop();
            String name = saved.path("metadata").path("name").asText();
            workspace.savePool(saved, (savedName == null ? "Create " : "Edit ") + name);
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

    private static boolean confirmDiscard(DialogService dialogs, PoolFormModel editor) {
        return !editor.changedProperty().get() || dialogs.confirm(null, "Discard the changes to this pool?");
    }
}
