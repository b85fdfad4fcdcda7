package io.pooldesk.views.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Every question the window asks the operator in a dialog of its own. The window shows JavaFX dialogs
 * ({@link FxDialogService}); tests answer from a script, so no test needs a real dialog.
 */
public interface DialogService {

    /** Asks for an OK; true when given. */
    boolean confirm(String header, String question);

    /** Asks to choose between two answers, named; true for {@code first}. */
    boolean choose(String header, String question, String first, String second);

    /** Asks to pick one of {@code choices}; empty when the operator cancels. */
    default Optional<String> chooseOne(String header, String question, java.util.List<String> choices) {
        return Optional.empty();
    }

    /** Says why something was not done; returns once the operator has read it. */
    void showError(String header, String message);

    Optional<Path> chooseFolder(String title);

    /**
     * @param initialFolder where the chooser opens, or null
     * @param filter        what the files are (such as {@code YAML}), then their patterns ({@code *.yaml})
     */
    Optional<Path> chooseFileToOpen(String title, Path initialFolder, String filter, String... patterns);

    Optional<Path> chooseFileToSave(String title, String initialName, String filter, String... patterns);
}
