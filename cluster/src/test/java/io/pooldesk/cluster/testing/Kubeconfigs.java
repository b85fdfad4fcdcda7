package io.pooldesk.cluster.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Kubeconfig files and credential plugins for tests, written into a test's folder. */
public final class Kubeconfigs {
    private Kubeconfigs() {
    }

    /** A kubeconfig with one context "lab" on {@code server}, its user given as YAML lines (indented 6). */
    public static Path write(Path dir, String server, String user) throws IOException {
        Path file = Files.createTempFile(dir, "kubeconfig", "");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: lab
                    cluster:
                      server: "%s"
                users:
                  - name: operator
                    user:
                %s
                contexts:
                  - name: lab
                    context: {cluster: lab, user: operator}
                current-context: lab
                """.formatted(server, user.indent(6).stripTrailing()));
        return file;
    }

    /** An executable shell script (a credential plugin) with {@code body}. */
    public static Path plugin(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** A user entry that runs {@code plugin}. */
    public static String exec(Path plugin) {
        return """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: "%s"
                """.formatted(plugin);
    }

    /** What a plugin prints to hand over {@code token}. */
    public static String credential(String token) {
        return "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"" + token + "\"}}";
    }
}
