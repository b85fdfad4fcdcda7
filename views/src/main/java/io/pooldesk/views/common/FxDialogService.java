package io.pooldesk.views.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The dialogs as JavaFX shows them, each owned by the window that asks. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    /**
     * @param owner the window the dialogs belong to, looked up when one opens (it may not exist yet when built); a
     *              dialog asked from a window of its own (the pool form) belongs to that window instead
     */
    public FxDialogService(Supplier<Window> owner) {
        this.owner = () -> Window.getWindows().stream().filter(Window::isFocused).findFirst().orElseGet(owner);
    }

    @Override
    public boolean confirm(String header, String question) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(owner.get());
        if (header != null) {
            confirm.setHeaderText(header);
        }
        return confirm.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    @Override
    public Optional<String> chooseOne(String header, String question, java.util.List<String> choices) {
        javafx.scene.control.ChoiceDialog<String> dialog = new javafx.scene.control.ChoiceDialog<>(
                choices.isEmpty() ? null : choices.get(0), choices);
        dialog.initOwner(owner.get());
        dialog.setTitle(header);
        dialog.setHeaderText(header);
        dialog.setContentText(question);
        return dialog.showAndWait();
    }

    @Override
    public boolean choose(String header, String question, String first, String second) {
        ButtonType one = new ButtonType(first, ButtonBar.ButtonData.YES);
        ButtonType other = new ButtonType(second, ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, one, other);
        ask.initOwner(owner.get());
        ask.setHeaderText(header);
        return ask.showAndWait().filter(one::equals).isPresent();
    }

    @Override
    public void showError(String header, String message) {
        Alert error = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        error.initOwner(owner.get());
        error.setHeaderText(header);
        error.showAndWait();
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return path(chooser.showDialog(owner.get()));
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Path initialFolder, String filter, String... patterns) {
        FileChooser chooser = chooser(title, filter, patterns);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        return path(chooser.showOpenDialog(owner.get()));
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String initialName, String filter, String... patterns) {
        FileChooser chooser = chooser(title, filter, patterns);
        chooser.setInitialFileName(initialName);
        return path(chooser.showSaveDialog(owner.get()));
    }

    private static FileChooser chooser(String title, String filter, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filter, patterns));
        return chooser;
    }

    private static Optional<Path> path(File file) {
        return Optional.ofNullable(file).map(File::toPath);
    }
}
