package io.pooldesk.app;

import io.pooldesk.app.cli.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The entry point of {@code pooldesk.jar}. A plain class, not the JavaFX {@code Application}, so that {@code java -jar}
 * works with JavaFX on the class path; and so that the command line never starts the JavaFX toolkit.
 * No argument, or only {@code --workspace FOLDER} or {@code --context NAME}, opens the window; anything else is a
 * command.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            openWindow(args);
            return;
        }
        Optional<String> folder;
        try {
            folder = workspaceArgument(args);
            if (contextArgument(args).isPresent()) {
                openWindow(args);
                return;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("pooldesk: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (folder.isPresent()) {
            if (!Files.isDirectory(Path.of(folder.get()))) {
                System.err.println("pooldesk: --workspace " + folder.get() + ": no such folder");
                System.exit(2);
            }
            openWindow(args);
            return;
        }
        System.exit(Cli.run(args, System.in, System.out, System.err));
    }

    private static void openWindow(String[] args) {
        useUserCacheForJavaFx();
        Path modules = javaFxModulesBesideTheJar();
        if (modules != null) {
            System.exit(runWithJavaFxModules(modules, args));
            return;
        }
        WindowLog.start();
        PooldeskApplication.main(args);
    }

    /**
     * JavaFX supports itself only as named modules: loaded from the class path (as {@code java -jar pooldesk.jar}
     * does with the shaded jar) it warns "Unsupported JavaFX configuration" at every start. The build puts JavaFX's
     * modular jars in {@code javafx/} beside the jar ({@code scripts/run-app.sh} passes them on the module path
     * itself); when they are there and JavaFX is not yet a module, the window runs in a JVM that has them on the
     * module path. Null when JavaFX is a module already, or there is no such folder.
     */
    static Path javaFxModulesBesideTheJar() {
        if (ModuleLayer.boot().findModule("javafx.graphics").isPresent()
                || Boolean.getBoolean("pooldesk.javafxRelaunched")) {
            return null;
        }
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path modules = jar.resolveSibling("javafx");
            return Files.isRegularFile(jar) && Files.isDirectory(modules) ? modules : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Runs the window in a JVM with JavaFX on the module path, with this JVM's options; its exit code. */
    private static int runWithJavaFxModules(Path modules, String[] args) {
        Path jar;
        try {
            jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-Dpooldesk.javafxRelaunched=true");
        // the window's start counts from this JVM's, which the operator waited for too
        command.add("-Dpooldesk.launchedAt=" + launchedAt());
        command.add("-Djavafx.cachedir=" + System.getProperty("javafx.cachedir"));
        command.addAll(java.util.List.of("--module-path", modules.toString(), "--add-modules",
                "javafx.controls,javafx.swing", "-cp", jar.toString(), Launcher.class.getName()));
        command.addAll(java.util.List.of(args));
        try {
            Process window = new ProcessBuilder(command).inheritIO().start();
            return window.waitFor();
        } catch (java.io.IOException e) {
            System.err.println("pooldesk: cannot start the window: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** When the JVM the operator launched started (this one, or the one that started this window's JVM), in ms. */
    static long launchedAt() {
        return Long.getLong("pooldesk.launchedAt", java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getStartTime());
    }

    /**
     * The folder of {@code --workspace FOLDER} (or {@code --workspace=FOLDER}) when that is all the arguments say;
     * empty when they are a command.
     *
     * @throws IllegalArgumentException when {@code --workspace} has no folder
     */
    static Optional<String> workspaceArgument(String... args) {
        if (args.length == 1 && args[0].startsWith("--workspace=")) {
            String folder = args[0].substring("--workspace=".length());
            if (folder.isBlank()) {
                throw new IllegalArgumentException("--workspace needs a folder: --workspace FOLDER");
            }
            return Optional.of(folder);
        }
        if (args.length >= 1 && args[0].equals("--workspace")) {
            if (args.length != 2 || args[1].isBlank()) {
                throw new IllegalArgumentException("--workspace needs one folder: --workspace FOLDER");
            }
            return Optional.of(args[1]);
        }
        return Optional.empty();
    }

    /**
     * The kubeconfig context of {@code --context NAME} (or {@code --context=NAME}) when that is all the arguments say:
     * the window opens that context's cluster as a live workspace. Empty when they are a command ({@code diff
     * --context NAME} is one).
     *
     * @throws IllegalArgumentException when {@code --context} has no name
     */
    static Optional<String> contextArgument(String... args) {
        if (args.length == 1 && args[0].startsWith("--context=")) {
            String context = args[0].substring("--context=".length());
            if (context.isBlank()) {
                throw new IllegalArgumentException("--context needs a name: --context NAME");
            }
            return Optional.of(context);
        }
        if (args.length >= 1 && args[0].equals("--context")) {
            if (args.length != 2 || args[1].isBlank()) {
                throw new IllegalArgumentException("--context needs one kubeconfig context: --context NAME");
            }
            return Optional.of(args[1]);
        }
        return Optional.empty();
    }

    /**
     * JavaFX unpacks its native libraries on first start. The packaged app once passed {@code -Djavafx.cachedir=$HOME/...}
     * through jpackage, which does not expand {@code $HOME}: every start made a folder named {@code $HOME} in the current
     * directory. The folder is chosen here instead, in the user's cache ({@code $XDG_CACHE_HOME}, else
     * {@code ~/.cache}), unless the operator set one.
     */
    static void useUserCacheForJavaFx() {
        if (System.getProperty("javafx.cachedir") != null) {
            return;
        }
        System.setProperty("javafx.cachedir", io.pooldesk.model.workspace.UserHome.userFolder("XDG_CACHE_HOME", ".cache")
                .resolve("openjfx").toString());
    }
}
