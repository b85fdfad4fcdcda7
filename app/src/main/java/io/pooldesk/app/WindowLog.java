package io.pooldesk.app;

import java.nio.file.Path;

/**
 * The window's log file: {@code $XDG_STATE_HOME/pooldesk/pooldesk.log}, else {@code ~/.local/state/pooldesk}
 * ({@code -Dpooldesk.logdir=FOLDER} chooses another). Logback writes it (logback-window.xml); JavaFX's own messages,
 * which go to java.util.logging, are bridged into it. The command line keeps logback.xml, which logs nothing.
 */
final class WindowLog {
    private WindowLog() {
    }

    /** The folder the log goes to. */
    static Path folder() {
        String chosen = System.getProperty("pooldesk.logdir");
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen);
        }
        return io.pooldesk.model.workspace.UserHome.userFolder("XDG_STATE_HOME", ".local/state");
    }

    static Path file() {
        return folder().resolve("pooldesk.log");
    }

    /**
     * Points Logback at the window's configuration and bridges java.util.logging into it. Must run before the first
     * logger is asked for. Logback reads its configuration on its own thread, while JavaFX starts (in line it held the
     * first frame back by about half a second); what is logged meanwhile is kept and written once it is ready, and a
     * failure that ends the window waits for it, so its trace reaches the log.
     */
    static void start() {
        System.setProperty("pooldesk.logdir", folder().toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/pooldesk/app/logback-window.xml");
        }
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        Thread configuring = new Thread(() -> org.slf4j.LoggerFactory.getLogger("io.pooldesk").info(
                "Pooldesk {} starting on Java {} ({}), {}", io.pooldesk.app.cli.Version.current(),
                System.getProperty("java.version"), System.getProperty("java.vendor"), System.getProperty("os.name")),
                "pooldesk-log-start");
        configuring.setDaemon(true);
        configuring.start();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            try {
                configuring.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            org.slf4j.LoggerFactory.getLogger("io.pooldesk").error("Uncaught on thread {}", thread.getName(), failure);
            // the terminal still hears why the window failed (no display, say); the trace is in the log
            System.err.println("pooldesk: " + failure + " (details in " + file() + ")");
        });
    }
}
