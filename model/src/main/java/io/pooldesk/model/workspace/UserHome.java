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

    /**
     * A base folder of the XDG specification for Pooldesk: {@code $VARIABLE/pooldesk} when the variable is an absolute
     * path (the specification has a relative one ignored), else {@code ~/underHome/pooldesk}, as
     * {@code userFolder("XDG_DATA_HOME", ".local/share")} gives {@code ~/.local/share/pooldesk}.
     */
    public static Path userFolder(String variable, String underHome) {
        return userFolder(System.getenv(variable), folder(), underHome);
    }

    static Path userFolder(String value, Path home, String underHome) {
        Path chosen = absolute(value);
        return (chosen != null ? chosen : home.resolve(underHome)).resolve("pooldesk");
    }

    static Path of(String homeVariable, String userHome) {
        Path home = absolute(homeVariable);
        return home != null ? home : Path.of(userHome);
    }

    private static Path absolute(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? path : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
