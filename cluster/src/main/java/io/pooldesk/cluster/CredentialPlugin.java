package io.pooldesk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.OAuthTokenProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A kubeconfig's exec credential plugin (client-go's ExecCredential protocol), run without a shell, with a deadline,
 * with standard input closed and its standard error discarded. A plugin that fails, hangs or prints anything but an
 * ExecCredential with a token or a client certificate is an error naming the plugin; Pooldesk never falls back to an
 * anonymous request. What it prints is a secret: no message quotes it.
 */
final class CredentialPlugin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OUTPUT = 1 << 20;
    private static final List<String> API_VERSIONS = List.of("client.authentication.k8s.io/v1",
            "client.authentication.k8s.io/v1beta1");

    record Credential(String token, String clientCertificateData, String clientKeyData, Instant expires) {
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final String apiVersion;
    private final Duration timeout;

    private CredentialPlugin(String name, List<String> command, Map<String, String> environment, String apiVersion,
                             Duration timeout) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.apiVersion = apiVersion;
        this.timeout = timeout;
    }

    static CredentialPlugin of(Kubeconfig.Entry user, String where, Duration timeout) throws ClusterException {
        JsonNode exec = user.body().path("exec");
        String prefix = "kubeconfig " + user.file() + ": " + Kubeconfig.printable(where) + ": exec";
        String command = exec.path("command").isTextual() ? exec.path("command").asText() : "";
        if (command.isEmpty()) {
            throw ClusterException.badInput(prefix + " has no command");
        }
        String apiVersion = exec.path("apiVersion").asText("");
        if (!API_VERSIONS.contains(apiVersion)) {
            throw ClusterException.badInput(prefix + ": apiVersion must be one of " + API_VERSIONS);
        }
        List<String> argv = new ArrayList<>();
        // kubectl resolves a relative command with a slash against the kubeconfig's folder, a bare name on PATH
        argv.add(command.contains("/") && !Path.of(command).isAbsolute()
                ? user.file().toAbsolutePath().resolveSibling(command).normalize().toString() : command);
        JsonNode args = exec.path("args");
        if (args.isArray()) {
            for (JsonNode arg : args) {
                if (!arg.isTextual()) {
                    throw ClusterException.badInput(prefix + ": args holds something other than a string");
                }
                argv.add(arg.asText());
            }
        } else if (!args.isMissingNode() && !args.isNull()) {
            throw ClusterException.badInput(prefix + ": args is not a list");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode env = exec.path("env");
        if (env.isArray()) {
            for (JsonNode variable : env) {
                if (!variable.path("name").isTextual() || !variable.path("value").isTextual()) {
                    throw ClusterException.badInput(prefix + ": env needs a name and a value in each entry");
                }
                environment.put(variable.path("name").asText(), variable.path("value").asText());
            }
        } else if (!env.isMissingNode() && !env.isNull()) {
            throw ClusterException.badInput(prefix + ": env is not a list");
        }
        environment.put("KUBERNETES_EXEC_INFO", "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"ExecCredential\","
                + "\"spec\":{\"interactive\":false}}");
        return new CredentialPlugin(Kubeconfig.printable("credential plugin \"" + command + "\" of " + where),
                List.copyOf(argv), environment, apiVersion, timeout);
    }

    /** Runs the plugin once; every value it returns joins {@code secrets} before anything else can print it. */
    Credential run(Secrets secrets) throws ClusterException {
        environment.values().forEach(secrets::add);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ClusterException("the " + name + " cannot be started (not found or not executable)", null);
        }
        try {
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(process.getInputStream(), output), "credential plugin output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ClusterException("the " + name + " did not finish within " + seconds(timeout), null);
            }
            reader.join(1_000);
            String text;
            synchronized (output) {
                text = output.toString(StandardCharsets.UTF_8);
            }
            secrets.add(text);
            if (process.exitValue() != 0) {
                throw new ClusterException("the " + name + " failed (exit status " + process.exitValue()
                        + "); no request was sent without credentials", null);
            }
            return parse(text, secrets);
        } catch (IOException e) {
            throw new ClusterException("the " + name + " could not be run", null);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ClusterException("the " + name + " was interrupted", null);
        }
    }

    private Credential parse(String text, Secrets secrets) throws ClusterException {
        JsonNode credential;
        try {
            credential = JSON.readTree(text);
        } catch (IOException e) {
            credential = null;
        }
        if (credential == null || !credential.isObject() || !"ExecCredential".equals(credential.path("kind").asText())) {
            throw new ClusterException("the " + name + " printed something other than an ExecCredential; no request"
                    + " was sent without credentials", null);
        }
        if (!apiVersion.equals(credential.path("apiVersion").asText())) {
            throw new ClusterException("the " + name + " answered with an ExecCredential of another apiVersion than"
                    + " the kubeconfig asks for (" + apiVersion + ")", null);
        }
        JsonNode status = credential.path("status");
        String token = status.path("token").isTextual() ? status.path("token").asText() : "";
        String cert = status.path("clientCertificateData").isTextual() ? status.path("clientCertificateData").asText()
                : "";
        String key = status.path("clientKeyData").isTextual() ? status.path("clientKeyData").asText() : "";
        secrets.add(token);
        secrets.add(key);
        Instant expires = null;
        if (status.path("expirationTimestamp").isTextual()) {
            try {
                expires = Instant.parse(status.path("expirationTimestamp").asText());
            } catch (DateTimeParseException e) {
                throw new ClusterException("the " + name + " printed an expirationTimestamp that is not a time", null);
            }
        }
        if (!token.isEmpty()) {
            return new Credential(token, null, null, expires);
        }
        if (!cert.isEmpty() && !key.isEmpty()) {
            return new Credential(null, cert, key, expires);
        }
        throw new ClusterException("the " + name + " printed no token and no client certificate with its key; no"
                + " request was sent without credentials", null);
    }

    /**
     * The token for each request: the one given until it expires, then the plugin runs again. A run that fails then
     * keeps the old token, and the server's refusal (401) says the credentials were not accepted.
     */
    OAuthTokenProvider tokenProvider(Credential first, Secrets secrets) {
        return new OAuthTokenProvider() {
            private Credential current = first;

            @Override
            public synchronized String getToken() {
                if (current.expires() != null && Instant.now().isAfter(current.expires().minusSeconds(10))) {
                    try {
                        Credential next = run(secrets);
                        if (next.token() != null) {
                            current = next;
                        }
                    } catch (ClusterException e) {
                        // keep the expired token: the server answers 401, which names the problem
                    }
                }
                return current.token();
            }
        };
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (out) {
                    if (out.size() + n > MAX_OUTPUT) {
                        return;
                    }
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was ended; what was read is judged as it is
        }
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
