package io.pooldesk.model.harvester.dhcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * A managed-DHCP {@code IPPool} (namespaced): one IPv4 CIDR, a start..end range with excluded addresses, the DHCP
 * server's own address and the router, the DHCP options, and the status map of allocations keyed by address.
 *
 * @param options the DHCP options as written (dns, domainName, domainSearch, ntp, leaseTime): carried, never used
 */
public record DhcpPool(String namespace, String name, String networkName, String cidr, String serverIP, String start,
                       String end, List<String> exclude, String router, Map<String, Object> options,
                       Map<String, String> allocated, ObjectNode original) {
    public DhcpPool {
        exclude = List.copyOf(exclude);
        allocated = Map.copyOf(allocated);
    }

    public String id() {
        return namespace + "/" + name;
    }

    public DhcpPool withDefaults(String serverIP, String start, String end) {
        return new DhcpPool(namespace, name, networkName, cidr, serverIP, start, end, exclude, router, options,
                allocated, original);
    }
}
