package io.pooldesk.app;

import io.pooldesk.app.cli.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The entry point of {@code pooldesk.jar}. A plain class, not the JavaFX {@code Application}, so that {@code java -jar}
 * works with JavaFX on the class path; and so that the command line never starts the JavaFX toolkit.
 * No argument, or only {@code --workspace FOLDER}, opens the window; anything else is a command.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            useUserCacheForJavaFx();
            PooldeskApplication.main(args);
            return;
        }
        Optional<String> folder;
        try {
            folder = workspaceArgument(args);
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
            useUserCacheForJavaFx();
            PooldeskApplication.main(args);
            return;
        }
        System.exit(Cli.run(args, System.in, System.out, System.err));
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
     * JavaFX unpacks its native libraries on first start. The packaged app once passed {@code -Djavafx.cachedir=$HOME/...}
     * through jpackage, which does not expand {@code $HOME}: every start made a folder named {@code $HOME} in the current
     * directory. The folder is chosen here instead, in the user's cache ({@code $XDG_CACHE_HOME}, else
     * {@code ~/.cache}), unless the operator set one.
     */
    static void useUserCacheForJavaFx() {
        if (System.getProperty("javafx.cachedir") != null) {
            return;
        }
        java.nio.file.Path cache = absolute(System.getenv("XDG_CACHE_HOME"));
        if (cache == null) {
            // $HOME as the shell has it (Java's user.home comes from the password database instead)
            java.nio.file.Path home = absolute(System.getenv("HOME"));
            cache = (home != null ? home : java.nio.file.Path.of(System.getProperty("user.home"))).resolve(".cache");
        }
        System.setProperty("javafx.cachedir", cache.resolve("pooldesk").resolve("openjfx").toString());
    }

    private static java.nio.file.Path absolute(String path) {
        return path != null && !path.isBlank() && java.nio.file.Path.of(path).isAbsolute() ? java.nio.file.Path.of(path)
                : null;
    }
}
