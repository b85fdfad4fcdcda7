package io.pooldesk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One kubeconfig context resolved: the server, TLS and credentials exactly as the kubeconfig gives them, and the
 * secrets among them (so that no message can carry one).
 */
final class Target {
    final String context;
    final URI server;
    final String displayedServer;
    final Secrets secrets;
    private final ConfigBuilder config;

    private Target(String context, URI server, Secrets secrets, ConfigBuilder config) {
        this.context = context;
        this.server = server;
        this.displayedServer = Kubeconfig.displayed(server);
        this.secrets = secrets;
        this.config = config;
    }

    static Target of(String context, String clusterName, Kubeconfig.Entry cluster, String userName,
                     Kubeconfig.Entry user, Duration pluginTimeout) throws ClusterException {
        String where = "cluster \"" + clusterName + "\"";
        String serverText = Kubeconfig.text(cluster, "server", where);
        if (serverText.isEmpty()) {
            throw ClusterException.badInput("kubeconfig " + cluster.file() + ": " + Kubeconfig.printable(where)
                    + " has no server");
        }
        URI server;
        try {
            server = new URI(serverText);
        } catch (URISyntaxException e) {
            throw ClusterException.badInput("kubeconfig " + cluster.file() + ": " + Kubeconfig.printable(where)
                    + ": server is not a URL");
        }
        if (server.getRawUserInfo() != null) {
            throw ClusterException.badInput("kubeconfig " + cluster.file() + ": " + Kubeconfig.printable(where)
                    + ": the server URL carries a user name or password; Pooldesk never sends or shows it: put"
                    + " credentials in the context's user");
        }
        if (!"https".equalsIgnoreCase(server.getScheme()) && !"http".equalsIgnoreCase(server.getScheme())
                || server.getHost() == null) {
            throw ClusterException.badInput("kubeconfig " + cluster.file() + ": " + Kubeconfig.printable(where)
                    + ": server is not an http or https URL with a host");
        }
        Secrets secrets = new Secrets();
        boolean insecure = Kubeconfig.flag(cluster, "insecure-skip-tls-verify", where);
        String caFile = Kubeconfig.path(cluster, Kubeconfig.text(cluster, "certificate-authority", where));
        String caData = Kubeconfig.text(cluster, "certificate-authority-data", where);
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withAutoConfigure(false)
                .withMasterUrl(serverText)
                .withTrustCerts(insecure)
                .withDisableHostnameVerification(insecure)
                .withCaCertFile(caFile)
                .withCaCertData(caData.isEmpty() ? null : caData)
                .withTlsServerName(emptyToNull(Kubeconfig.text(cluster, "tls-server-name", where)));
        String proxy = Kubeconfig.text(cluster, "proxy-url", where);
        if (!proxy.isEmpty()) {
            try {
                if (new URI(proxy).getRawUserInfo() != null) {
                    secrets.add(proxy);
                }
            } catch (URISyntaxException e) {
                throw ClusterException.badInput("kubeconfig " + cluster.file() + ": " + Kubeconfig.printable(where)
                        + ": proxy-url is not a URL");
            }
            if ("https".equalsIgnoreCase(server.getScheme())) {
                config.withHttpsProxy(proxy);
            } else {
                config.withHttpProxy(proxy);
            }
        }
        if (user != null) {
            credentials(config, secrets, userName, user, pluginTimeout);
        }
        return new Target(context, server, secrets, config);
    }

    private static void credentials(ConfigBuilder config, Secrets secrets, String userName, Kubeconfig.Entry user,
                                    Duration pluginTimeout) throws ClusterException {
        String where = "user \"" + userName + "\"";
        String prefix = "kubeconfig " + user.file() + ": " + Kubeconfig.printable(where);
        for (String unsupported : List.of("auth-provider", "as", "as-groups", "as-uid", "as-user-extra")) {
            if (!user.body().path(unsupported).isMissingNode() && !user.body().path(unsupported).isNull()) {
                throw ClusterException.badInput(prefix + ": " + unsupported + " is not supported by Pooldesk;"
                        + (unsupported.equals("auth-provider") ? " use an exec credential plugin" : " remove it,"
                        + " or use a context without impersonation"));
            }
        }
        String token = Kubeconfig.text(user, "token", where);
        String tokenFile = Kubeconfig.path(user, Kubeconfig.text(user, "tokenFile", where));
        String username = Kubeconfig.text(user, "username", where);
        String password = Kubeconfig.text(user, "password", where);
        JsonNode exec = user.body().path("exec");
        List<String> methods = new ArrayList<>();
        if (!token.isEmpty() || tokenFile != null) {
            methods.add("token");
        }
        if (!username.isEmpty() || !password.isEmpty()) {
            methods.add("username and password");
        }
        if (exec.isObject()) {
            methods.add("exec");
        }
        if (methods.size() > 1) {
            throw ClusterException.badInput(prefix + ": more than one way to authenticate (" + String.join(", ",
                    methods) + "); kubectl allows only one");
        }
        secrets.add(token);
        secrets.add(password);
        String certData = Kubeconfig.text(user, "client-certificate-data", where);
        String keyData = Kubeconfig.text(user, "client-key-data", where);
        secrets.add(keyData);
        config.withClientCertFile(Kubeconfig.path(user, Kubeconfig.text(user, "client-certificate", where)))
                .withClientCertData(emptyToNull(certData))
                .withClientKeyFile(Kubeconfig.path(user, Kubeconfig.text(user, "client-key", where)))
                .withClientKeyData(emptyToNull(keyData));
        if (!token.isEmpty()) {
            config.withOauthToken(token);
        } else if (tokenFile != null) {
            String first = readTokenFile(prefix, Path.of(tokenFile));
            secrets.add(first);
            // kubectl re-reads the file, so that a rotated token is picked up
            config.withOauthTokenProvider(() -> {
                try {
                    String next = readTokenFile(prefix, Path.of(tokenFile));
                    secrets.add(next);
                    return next;
                } catch (ClusterException e) {
                    return first;
                }
            });
        } else if (!username.isEmpty() || !password.isEmpty()) {
            if (username.isEmpty() || password.isEmpty()) {
                throw ClusterException.badInput(prefix + ": a username needs a password, and a password a username");
            }
            config.withUsername(username).withPassword(password);
        } else if (exec.isObject()) {
            CredentialPlugin plugin = CredentialPlugin.of(user, where, pluginTimeout);
            CredentialPlugin.Credential credential = plugin.run(secrets);
            if (credential.token() != null) {
                config.withOauthTokenProvider(plugin.tokenProvider(credential, secrets));
            } else {
                config.withClientCertData(credential.clientCertificateData())
                        .withClientKeyData(credential.clientKeyData());
            }
        } else if (!exec.isMissingNode() && !exec.isNull()) {
            throw ClusterException.badInput(prefix + ": exec is not a mapping");
        }
    }

    private static String readTokenFile(String prefix, Path file) throws ClusterException {
        try {
            return Files.readString(file).trim();
        } catch (java.io.IOException | RuntimeException e) {
            throw ClusterException.badInput(prefix + ": tokenFile " + file + " cannot be read");
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** The client configuration, with Pooldesk's deadlines; built fresh, so the caller may keep it. */
    Config config(Duration requestTimeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
        return config
                .withConnectionTimeout(Math.min(millis, 10_000))
                .withRequestTimeout(millis)
                .withRequestRetryBackoffLimit(1)
                .withWatchReconnectInterval(1_000)
                .build();
    }
}
