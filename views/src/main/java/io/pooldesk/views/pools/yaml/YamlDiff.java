package io.pooldesk.views.pools.yaml;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.List;

/** What a save changes, as a unified line diff of the saved pool's YAML against the text to be written. */
public final class YamlDiff {
    /** Lines of context around each change, as {@code diff -u} shows. */
    private static final int CONTEXT = 3;

    private YamlDiff() {
    }

    /** The diff's lines ({@code ---}, {@code +++}, {@code @@} hunks); empty when nothing changed. */
    public static List<String> unified(String name, String saved, String edited) {
        List<String> before = saved.lines().toList();
        List<String> after = edited.lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        return UnifiedDiffUtils.generateUnifiedDiff(name + " (saved)", name + " (edited)", before, patch, CONTEXT);
    }

    /** Counts of the lines a diff adds and removes, as {@code +2 −1}. */
    public static String summary(List<String> diff) {
        long added = diff.stream().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count();
        long removed = diff.stream().filter(l -> l.startsWith("-") && !l.startsWith("---")).count();
        return added + (added == 1 ? " line added, " : " lines added, ") + removed
                + (removed == 1 ? " line removed" : " lines removed");
    }
}
