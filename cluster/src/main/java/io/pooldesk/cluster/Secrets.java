package io.pooldesk.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets one connection holds (tokens, passwords, client keys, what a credential plugin printed). Every message
 * the gateway lets out passes through {@link #redact}: a server or a library that echoes a credential back cannot make
 * Pooldesk print it.
 */
final class Secrets {
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    void add(String secret) {
        // shorter strings would blank out ordinary words; a credential is never that short
        if (secret != null && secret.strip().length() >= 6) {
            known.add(secret.strip());
        }
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : known) {
            out = out.replace(secret, "[redacted]");
        }
        return out;
    }
}
