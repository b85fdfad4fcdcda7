package io.pooldesk.model.harvester.dhcp;

import io.pooldesk.model.manifest.Manifest;

/** Names of Harvester's vm-dhcp-controller. */
public final class HarvesterDhcp {
    public static final String GROUP = "network.harvesterhci.io";
    public static final String API_VERSION = GROUP + "/v1alpha1";
    public static final String POOL_KIND = "IPPool";
    public static final String CONFIG_KIND = "VirtualMachineNetworkConfig";
    public static final String EXCLUDED = "EXCLUDED";
    public static final String RESERVED = "RESERVED";
    /** The webhook's {@code --service-cidr} default (vm-dhcp-controller {@code cmd/webhook/root.go} 16, 64). */
    public static final String DEFAULT_SERVICE_CIDR = "10.53.0.0/16";

    private HarvesterDhcp() {
    }

    public static boolean isPool(Manifest manifest) {
        return POOL_KIND.equals(manifest.kind()) && GROUP.equals(manifest.group());
    }

    /** Whether a holder is one of the pool's own markers (an exclude, the server or router), not an allocation. */
    public static boolean isMarker(String holder) {
        return EXCLUDED.equals(holder) || RESERVED.equals(holder);
    }

    public static boolean isNetworkConfig(Manifest manifest) {
        return CONFIG_KIND.equals(manifest.kind()) && GROUP.equals(manifest.group());
    }
}
