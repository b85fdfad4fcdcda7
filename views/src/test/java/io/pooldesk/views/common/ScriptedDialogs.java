package io.pooldesk.views.common;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Dialogs answered from a script, for tests: each confirm takes the next scripted answer (none left fails the
 * test, so an unexpected question is caught), choosers the next scripted path; every question is recorded.
 */
public final class ScriptedDialogs implements DialogService {
    private final Deque<Boolean> confirmations = new ArrayDeque<>();
    private final Deque<Path> paths = new ArrayDeque<>();
    private final Deque<String> picks = new ArrayDeque<>();
    /** What was asked or shown, in order: "confirm: ...", "error: ...", "choose: ...". */
    public final List<String> asked = new ArrayList<>();

    public ScriptedDialogs answer(boolean ok) {
        confirmations.add(ok);
        return this;
    }

    /** The next answer to a pick among choices ({@link #chooseOne}). */
    public ScriptedDialogs pick(String choice) {
        picks.add(choice);
        return this;
    }

    @Override
    public Optional<String> chooseOne(String header, String question, List<String> choices) {
        asked.add("choose one of " + choices + ": " + question);
        return Optional.ofNullable(picks.poll());
    }

    public ScriptedDialogs choose(Path path) {
        paths.add(path);
        return this;
    }

    @Override
    public boolean confirm(String header, String question) {
        asked.add("confirm: " + question);
        if (confirmations.isEmpty()) {
            throw new AssertionError("an unexpected question: " + question);
        }
        return confirmations.poll();
    }

    /** Takes the next scripted answer: true for the first choice. */
    @Override
    public boolean choose(String header, String question, String first, String second) {
        asked.add("choose between " + first + " and " + second + ": " + question);
        if (confirmations.isEmpty()) {
            throw new AssertionError("an unexpected question: " + question);
        }
        return confirmations.poll();
    }

    @Override
    public void showError(String header, String message) {
        asked.add("error: " + header + ": " + message);
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        return chosen(title);
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Path initialFolder, String filter, String... patterns) {
        return chosen(title);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String initialName, String filter, String... patterns) {
        return chosen(title);
    }

    private Optional<Path> chosen(String title) {
        asked.add("choose: " + title);
        return Optional.ofNullable(paths.poll());
    }
}
