package io.pooldesk.model.metallb;

import io.pooldesk.model.manifest.Manifest;

/** MetalLB's names: group, kind, and the Service annotations under both prefixes (stable first). */
public final class MetalLb {
    public static final String GROUP = "metallb.io";
    public static final String API_VERSION = GROUP + "/v1beta1";
    public static final String POOL_KIND = "IPAddressPool";
    public static final String NAMESPACE = "metallb-system";
    public static final String STABLE_PREFIX = "metallb.io/";
    public static final String DEPRECATED_PREFIX = "metallb.universe.tf/";
    public static final String ADDRESS_POOL = "address-pool";
    public static final String LOAD_BALANCER_IPS = "loadBalancerIPs";
    public static final String ALLOW_SHARED_IP = "allow-shared-ip";

    private MetalLb() {
    }

    public static boolean isPool(Manifest manifest) {
        return POOL_KIND.equals(manifest.kind()) && GROUP.equals(manifest.group());
    }

    /** Both spellings of one Service annotation, stable first: the stable one wins when both are set. */
    public static String[] annotation(String name) {
        return new String[] {STABLE_PREFIX + name, DEPRECATED_PREFIX + name};
    }
}
