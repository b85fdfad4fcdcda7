package io.pooldesk.model.metallb;

import io.pooldesk.model.kube.ServicePort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Who uses one address: the services, their sharing key, their backend key, and which ports each holds. */
final class SharedAddress {
    final String sharingKey;
    final String backendKey;
    final List<String> services = new ArrayList<>();
    final Map<ServicePort, String> ports = new HashMap<>();

    SharedAddress(String sharingKey, String backendKey) {
        this.sharingKey = sharingKey;
        this.backendKey = backendKey;
    }

    /** MetalLB's rule: both keyed alike, the same backend, and no protocol/port used twice. */
    boolean accepts(String key, String backend, List<ServicePort> wanted) {
        if (key.isEmpty() || !key.equals(sharingKey) || !backend.equals(backendKey)) {
            return false;
        }
        return wanted.stream().noneMatch(ports::containsKey);
    }

    String holders() {
        return String.join(";", services);
    }
}
