package io.pooldesk.app.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Pooldesk's version, from the one place the build writes it ({@code version.properties}, filtered from the pom's
 * version): the window's About, {@code pooldesk --version} and the jar's manifest all say the same.
 */
public final class Version {
    private Version() {
    }

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/io/pooldesk/app/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // falls through to the manifest
        }
        String manifest = Version.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "development build";
    }

    /** picocli's {@code --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pooldesk " + current()};
        }
    }
}
