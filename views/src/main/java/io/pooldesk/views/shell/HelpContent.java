package io.pooldesk.views.shell;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the Help menu shows, given by the application that starts the window.
 *
 * @param version       the version, from the one place the build writes it
 * @param logFile       the window's log file, or null when it writes none
 * @param documentation the README's text, read when asked for
 */
public record HelpContent(String version, Path logFile, Supplier<String> documentation) {

    /** For a window started without the application (tests): no log, no bundled README. */
    public static HelpContent none() {
        return new HelpContent("development build", null, () -> "");
    }
}
