package io.pooldesk.model.workspace;

import java.nio.file.Path;

/**
 * The user's home folder as the shell and kubectl see it: {@code $HOME} when it is an absolute path (Go's
 * {@code homedir.HomeDir()}, which kubectl uses for {@code ~/.kube/config}, reads it too), else Java's
 * {@code user.home}, which comes from the password database and differs under {@code sudo -E} or a container's HOME.
 */
public final class UserHome {
    private UserHome() {
    }

    public static Path folder() {
        return of(System.getenv("HOME"), System.getProperty("user.home"));
    }

    static Path of(String homeVariable, String userHome) {
        if (homeVariable != null && !homeVariable.isBlank()) {
            try {
                Path home = Path.of(homeVariable);
                if (home.isAbsolute()) {
                    return home;
                }
            } catch (java.nio.file.InvalidPathException e) {
                // not a path: fall back as for an unset HOME
            }
        }
        return Path.of(userHome);
    }
}
