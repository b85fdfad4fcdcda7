package io.pooldesk.app;

import io.pooldesk.app.cli.Cli;

/**
 * The entry point of {@code pooldesk.jar}. A plain class, not the JavaFX {@code Application}, so that {@code java -jar}
 * works with JavaFX on the class path; and so that the command line never starts the JavaFX toolkit.
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
        System.exit(Cli.run(args, System.in, System.out, System.err));
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
        String xdg = System.getenv("XDG_CACHE_HOME");
        java.nio.file.Path cache = xdg != null && !xdg.isBlank() && java.nio.file.Path.of(xdg).isAbsolute()
                ? java.nio.file.Path.of(xdg)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".cache");
        System.setProperty("javafx.cachedir", cache.resolve("pooldesk").resolve("openjfx").toString());
    }
}
