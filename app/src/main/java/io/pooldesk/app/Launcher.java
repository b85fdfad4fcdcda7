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
            PooldeskApplication.main(args);
            return;
        }
        System.exit(Cli.run(args, System.in, System.out, System.err));
    }
}
