package io.pooldesk.model.openelb;

import io.pooldesk.model.manifest.Manifest;

/** OpenELB's names, with the PorterLB-era keys it still meets. */
public final class OpenElb {
    public static final String GROUP = "network.kubesphere.io";
    public static final String API_VERSION = GROUP + "/v1alpha2";
    public static final String KIND = "Eip";
    public static final String OPT_IN = "lb.kubesphere.io/v1alpha1";
    public static final String DEFAULT_EIP = "eip.openelb.kubesphere.io/is-default-eip";
    /** Service annotation naming the Eip; Porter's key second. */
    public static final String[] EIP_NAME = {"eip.openelb.kubesphere.io/v1alpha2", "eip.porter.kubesphere.io/v1alpha2"};
    /** Service annotation requesting one address; Porter's key second. */
    public static final String[] REQUESTED_IP = {"eip.openelb.kubesphere.io/v1alpha1", "eip.porter.kubesphere.io/v1alpha1"};

    private OpenElb() {
    }

    public static boolean isEip(Manifest manifest) {
        return KIND.equals(manifest.kind()) && GROUP.equals(manifest.group());
    }

    /** OpenELB serves a Service only with its opt-in annotation ("porter" in the PorterLB era). */
    public static boolean optedIn(String value) {
        return "openelb".equals(value) || "porter".equals(value);
    }
}
