package io.pooldesk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
                     Kubeconfig.Entry user, Duration pluginTimeout, Map<String, String> environment)
            throws ClusterException {
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
        String proxyFrom = "kubeconfig " + cluster.file() + ": " + Kubeconfig.printable(where) + ": proxy-url";
        if (proxy.isEmpty()) {
            // as kubectl (Go's ProxyFromEnvironment): only when the kubeconfig names no proxy
            proxy = proxyFromEnvironment(server, environment);
            proxyFrom = "the " + ("https".equalsIgnoreCase(server.getScheme()) ? "HTTPS_PROXY" : "HTTP_PROXY")
                    + " environment variable";
        }
        if (!proxy.isEmpty()) {
            try {
                URI proxyUri = new URI(proxy);
                if (proxyUri.getRawUserInfo() != null) {
                    secrets.add(proxy);
                    secrets.add(proxyUri.getRawUserInfo());
                }
                if (proxyUri.getHost() == null || proxyUri.getPort() < 0) {
                    throw new URISyntaxException(proxyFrom, "no host and port");
                }
            } catch (URISyntaxException e) {
                throw ClusterException.badInput(proxyFrom + " is not a URL with a host and a port");
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

    /**
     * The proxy kubectl takes from the environment for {@code server} (Go's net/http ProxyFromEnvironment):
     * HTTPS_PROXY (or https_proxy) for an https server, HTTP_PROXY (or http_proxy) for http; none for localhost, a
     * loopback address, or a host NO_PROXY (or no_proxy) names: {@code *}, an IP address, a CIDR, a domain (which
     * matches itself and its subdomains; with a leading dot, only its subdomains), each optionally with a port.
     * A proxy without a scheme is http://. Empty when there is none.
     */
    static String proxyFromEnvironment(URI server, Map<String, String> environment) {
        boolean https = "https".equalsIgnoreCase(server.getScheme());
        String proxy = firstSet(environment, https ? "HTTPS_PROXY" : "HTTP_PROXY", https ? "https_proxy" : "http_proxy");
        String host = server.getHost() == null ? "" : server.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = server.getPort() >= 0 ? server.getPort() : https ? 443 : 80;
        InetAddress address = literal(host);
        if (proxy.isEmpty() || host.equals("localhost") || address != null && address.isLoopbackAddress()) {
            return "";
        }
        for (String entry : firstSet(environment, "NO_PROXY", "no_proxy").split(",")) {
            String name = entry.trim().toLowerCase(Locale.ROOT);
            if (name.equals("*")) {
                return "";
            }
            if (name.contains("/")) {
                if (address != null && inCidr(address, name)) {
                    return "";
                }
                continue;
            }
            int colon = name.lastIndexOf(':');
            if (colon > 0 && name.indexOf(':') == colon || name.startsWith("[") && name.contains("]:")) {
                String entryPort = name.substring(colon + 1);
                if (!entryPort.equals(String.valueOf(port))) {
                    continue;
                }
                name = name.substring(0, colon);
            }
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            if (name.isEmpty()) {
                continue;
            }
            InetAddress entryAddress = literal(name);
            if (entryAddress != null) {
                if (entryAddress.equals(address)) {
                    return "";
                }
                continue;
            }
            if (name.startsWith("*.")) {
                name = name.substring(1);
            }
            if (name.startsWith(".") ? host.endsWith(name) : host.equals(name) || host.endsWith("." + name)) {
                return "";
            }
        }
        return proxy.contains("://") ? proxy : "http://" + proxy;
    }

    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return "";
    }

    /** An IP address written out (never looked up), or null. */
    private static InetAddress literal(String host) {
        if (!host.matches("[0-9.]+") && !host.matches("[0-9a-f:.]*:[0-9a-f:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static boolean inCidr(InetAddress address, String cidr) {
        int slash = cidr.indexOf('/');
        InetAddress network = literal(cidr.substring(0, slash));
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (network == null || network.getAddress().length != address.getAddress().length || bits < 0
                || bits > 8 * address.getAddress().length) {
            return false;
        }
        java.math.BigInteger mask = java.math.BigInteger.ONE.shiftLeft(8 * address.getAddress().length)
                .subtract(java.math.BigInteger.ONE).shiftRight(bits).not();
        return new java.math.BigInteger(1, address.getAddress()).and(mask)
                .equals(new java.math.BigInteger(1, network.getAddress()).and(mask));
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
