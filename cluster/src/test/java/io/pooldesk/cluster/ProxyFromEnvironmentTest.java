package io.pooldesk.cluster;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which proxy the environment gives a server, as kubectl (Go's ProxyFromEnvironment) decides. */
class ProxyFromEnvironmentTest {
    private static String proxy(String server, String... environment) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < environment.length; i += 2) {
            env.put(environment[i], environment[i + 1]);
        }
        return Target.proxyFromEnvironment(URI.create(server), env);
    }

    @Test
    void theSchemesVariableUpperCaseFirstAndHttpWhenNoSchemeIsGiven() {
        assertEquals("http://proxy:3128", proxy("https://api.example.com:6443", "HTTPS_PROXY", "proxy:3128"));
        assertEquals("http://upper:1", proxy("https://api.example.com", "HTTPS_PROXY", "http://upper:1",
                "https_proxy", "http://lower:1"));
        assertEquals("http://lower:1", proxy("https://api.example.com", "https_proxy", "http://lower:1"));
        assertEquals("", proxy("https://api.example.com", "HTTP_PROXY", "http://plain:1"));
        assertEquals("http://plain:1", proxy("http://api.example.com", "HTTP_PROXY", "http://plain:1",
                "HTTPS_PROXY", "http://secure:1"));
        assertEquals("", proxy("https://api.example.com"));
    }

    @Test
    void loopbackAndNoProxyGoDirect() {
        String[] p = {"HTTPS_PROXY", "http://proxy:3128"};
        assertEquals("", proxy("https://localhost:6443", p));
        assertEquals("", proxy("https://127.0.0.1:6443", p));
        assertEquals("", proxy("https://[::1]:6443", p));
        assertEquals("", proxy("https://api.example.com", "HTTPS_PROXY", "http://proxy:3128", "NO_PROXY", "*"));
        for (String[] direct : new String[][] {
                {"https://api.example.com", "example.com"}, {"https://example.com", "example.com"},
                {"https://api.example.com", ".example.com"}, {"https://api.example.com", "*.example.com"},
                {"https://10.1.2.3:6443", "10.0.0.0/8"}, {"https://10.1.2.3", "10.1.2.3"},
                {"https://api.example.com:6443", "other.org, api.example.com:6443"},
                {"https://[fd00::5]:6443", "fd00::/8"}, {"https://api.example.com", "EXAMPLE.COM"}}) {
            assertEquals("", proxy(direct[0], "HTTPS_PROXY", "http://proxy:3128", "no_proxy", direct[1]),
                    String.join(" with NO_PROXY ", direct));
        }
        for (String[] proxied : new String[][] {
                {"https://example.com", ".example.com"}, {"https://badexample.com", "example.com"},
                {"https://11.1.2.3", "10.0.0.0/8"}, {"https://api.example.com:443", "api.example.com:6443"},
                {"https://api.example.com", ""}}) {
            assertEquals("http://proxy:3128", proxy(proxied[0], "HTTPS_PROXY", "http://proxy:3128", "NO_PROXY",
                    proxied[1]), String.join(" with NO_PROXY ", proxied));
        }
    }
}
