package io.pooldesk.views.pools.editor;

import java.util.List;

/**
 * One field of a pool form that edits its object field by field ({@link FieldForm}): where it lives in the object,
 * which tab shows it, and how it is typed.
 *
 * @param path        dotted path in the object, such as {@code spec.ipv4Config.cidr}
 * @param tab         the tab's title, or null for the fields above the tabs
 * @param flagDefault for a flag, what an absent field means
 * @param options     for a choice, the values offered
 */
public record FormField(Type type, String path, String tab, String label, String prompt, String hint,
                        boolean flagDefault, List<String> options) {

    public enum Type {
        /** A string. */
        TEXT,
        /** An integer; text that is not one is written as text, so the pool system's reader says what is wrong. */
        NUMBER,
        /** A boolean, as a check box. */
        FLAG,
        /** One of a few strings. */
        CHOICE,
        /** A list of strings, one row each. */
        LIST,
        /** A list of label selectors, one row each, written {@code key=value, key=value} (their matchLabels). */
        SELECTORS
    }

    public static FormField text(String path, String tab, String label, String prompt) {
        return new FormField(Type.TEXT, path, tab, label, prompt, "", false, List.of());
    }

    public static FormField number(String path, String tab, String label, String prompt) {
        return new FormField(Type.NUMBER, path, tab, label, prompt, "", false, List.of());
    }

    public static FormField flag(String path, String tab, String label, boolean absentMeans) {
        return new FormField(Type.FLAG, path, tab, label, "", "", absentMeans, List.of());
    }

    public static FormField choice(String path, String tab, String label, String... options) {
        return new FormField(Type.CHOICE, path, tab, label, "", "", false, List.of(options));
    }

    public static FormField list(String path, String tab, String label, String prompt) {
        return new FormField(Type.LIST, path, tab, label, prompt, "", false, List.of());
    }

    public static FormField selectors(String path, String tab, String label) {
        return new FormField(Type.SELECTORS, path, tab, label, "key=value, key=value", "", false, List.of());
    }

    /** The same field with a line of help under it. */
    public FormField hint(String text) {
        return new FormField(type, path, tab, label, prompt, text, flagDefault, options);
    }

    /** The control's id: the path with dashes ({@code spec-ipv4Config-cidr}); rows add {@code -0}, {@code -1}. */
    public String id() {
        return path.replace('.', '-');
    }

    public boolean isList() {
        return type == Type.LIST || type == Type.SELECTORS;
    }
}
