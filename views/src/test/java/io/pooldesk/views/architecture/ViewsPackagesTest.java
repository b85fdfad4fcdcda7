package io.pooldesk.views.architecture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shape of the views module, read from its compiled classes by the JDK's jdeps: the feature packages sit on the
 * shared helpers ({@code common}) and the workspace, the window ({@code shell}) on the features, and no package
 * reaches back up.
 */
class ViewsPackagesTest {
    private static final String ROOT = "io.pooldesk.views";
    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readDependencies() throws Exception {
        Path classes = Path.of(io.pooldesk.views.shell.MainWindow.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        uses = packageDependencies(classes);
        assertTrue(uses.size() >= 8, "jdeps read the views packages: " + uses.keySet());
    }

    /** Package to the other views packages it uses, as {@code jdeps -verbose:package} prints them. */
    static Map<String, Set<String>> packageDependencies(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package",
                "-filter:none", "-e", ROOT.replace(".", "\\.") + ".*", classes.toString());
        assertEquals(0, exit, out.toString());
        Map<String, Set<String>> found = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith(ROOT)
                    && words[2].startsWith(ROOT)) {
                found.computeIfAbsent(words[0], k -> new TreeSet<>());
                if (!words[0].equals(words[2])) {
                    found.get(words[0]).add(words[2]);
                }
            }
        }
        return found;
    }

    /** Every cycle as the packages on it, empty when there is none. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : graph.keySet()) {
            walk(start, graph, new ArrayList<>(), done, cycles);
        }
        return cycles;
    }

    private static void walk(String pkg, Map<String, Set<String>> graph, List<String> path, Set<String> done,
                             List<List<String>> cycles) {
        int at = path.indexOf(pkg);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(pkg);
            cycles.add(cycle);
            return;
        }
        if (done.contains(pkg)) {
            return;
        }
        path.add(pkg);
        for (String next : graph.getOrDefault(pkg, Set.of())) {
            walk(next, graph, path, done, cycles);
        }
        path.remove(path.size() - 1);
        done.add(pkg);
    }

    @Test
    void viewsPackagesFormNoCycle() {
        assertEquals(List.of(), cycles(uses));
    }

    @Test
    void theCycleCheckFindsAPlantedCycle() {
        Map<String, Set<String>> planted = new TreeMap<>(uses);
        planted.put(ROOT + ".common", Set.of(ROOT + ".shell"));
        assertTrue(cycles(planted).stream().anyMatch(c -> c.contains(ROOT + ".common") && c.contains(ROOT + ".shell")),
                "a helper that reaches back to the window is a cycle");
    }

    @Test
    void sharedHelpersUseNoFeature() {
        assertEquals(Set.of(), uses.getOrDefault(ROOT + ".common", Set.of()));
    }

    @Test
    void onlyTheWindowUsesTheWindow() {
        uses.forEach((pkg, used) -> assertTrue(!used.contains(ROOT + ".shell") || pkg.equals(ROOT + ".shell"),
                pkg + " uses the window's package: " + used));
    }

    @Test
    void theWorkspaceModelKnowsNoPage() {
        Set<String> used = uses.getOrDefault(ROOT + ".workspace", Set.of());
        assertTrue(used.stream().allMatch(p -> p.equals(ROOT + ".common")), "workspace uses " + used);
    }
}
