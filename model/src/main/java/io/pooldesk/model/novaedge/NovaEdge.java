package io.pooldesk.model.novaedge;

import io.pooldesk.model.manifest.Manifest;

/** NovaEdge's names (ProxyIPPool existed from PR #120 to its removal in PR #889). */
public final class NovaEdge {
    public static final String GROUP = "novaedge.io";
    public static final String API_VERSION = GROUP + "/v1alpha1";
    public static final String POOL_KIND = "ProxyIPPool";
    public static final String VIP_KIND = "ProxyVIP";
    public static final String VIP_MODE = "novaedge.io/vip-mode";
    public static final String ADDRESS_POOL = "novaedge.io/address-pool";
    public static final String ADDRESS_FAMILY = "novaedge.io/address-family";
    public static final String BGP_CONFIG = "novaedge.io/bgp-config";
    public static final String OSPF_CONFIG = "novaedge.io/ospf-config";
    public static final String NODE_SELECTOR = "novaedge.io/node-selector";
    public static final String DEFAULT_POOL = "default";
    /** Each CIDR is expanded into at most this many addresses, before its edges are dropped. */
    public static final int EXPANSION_CAP = 65_536;

    private NovaEdge() {
    }

    public static boolean isPool(Manifest manifest) {
        return POOL_KIND.equals(manifest.kind()) && GROUP.equals(manifest.group());
    }

    public static boolean isVip(Manifest manifest) {
        return VIP_KIND.equals(manifest.kind()) && GROUP.equals(manifest.group());
    }
}
