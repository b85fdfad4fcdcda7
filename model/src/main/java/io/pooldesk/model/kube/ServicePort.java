package io.pooldesk.model.kube;

/** A port a Service exposes; its identity for sharing is protocol and port. */
public record ServicePort(String protocol, int port) {
    @Override
    public String toString() {
        return protocol + "/" + port;
    }
}
