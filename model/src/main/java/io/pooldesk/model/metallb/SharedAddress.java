package io.pooldesk.model.metallb;

import io.pooldesk.model.kube.ServicePort;
import io.pooldesk.model.ledger.AllocationLedger;

import java.util.List;
import java.util.Map;

/**
 * MetalLB's sharing rule for one address. The ledger says which services hold the address (its holder list); each
 * service's terms (sharing key, backend key, ports) are kept once per service, not per address.
 */
final class SharedAddress {

    /** What a service brings to every address it holds. */
    record Terms(String sharingKey, String backendKey, List<ServicePort> ports) {
    }

    private SharedAddress() {
    }

    /**
     * MetalLB's rule: both keyed alike, the same backend, and no protocol/port used twice. The first holder's keys
     * stand for all: a service joins only when its keys equal them.
     */
    static boolean accepts(String holderList, Map<String, Terms> terms, String key, String backend,
                           List<ServicePort> wanted) {
        List<String> services = AllocationLedger.holders(holderList);
        if (key.isEmpty() || services.isEmpty()) {
            return false;
        }
        Terms first = terms.get(services.get(0));
        if (first == null || !key.equals(first.sharingKey()) || !backend.equals(first.backendKey())) {
            return false;
        }
        for (String service : services) {
            Terms held = terms.get(service);
            if (held != null && wanted.stream().anyMatch(held.ports()::contains)) {
                return false;
            }
        }
        return true;
    }

    /** The protocol/port that stops a service keyed like the holders from joining them, or null. */
    static String portClash(List<String> services, Map<String, Terms> terms, String key, String backend,
                            List<ServicePort> wanted) {
        if (key.isEmpty() || services.isEmpty()) {
            return null;
        }
        Terms first = terms.get(services.get(0));
        if (first == null || !key.equals(first.sharingKey()) || !backend.equals(first.backendKey())) {
            return null;
        }
        for (String service : services) {
            Terms held = terms.get(service);
            if (held != null) {
                for (ServicePort port : wanted) {
                    if (held.ports().contains(port)) {
                        return port.protocol() + "/" + port.port();
                    }
                }
            }
        }
        return null;
    }
}
