package io.pooldesk.model.novaedge;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.manifest.Fields;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;

/** Reads NovaEdge pools and the pool a ProxyVIP names. */
public final class ProxyIpPoolCodec {
    private ProxyIpPoolCodec() {
    }

    public static ProxyIpPool read(Manifest manifest) throws ManifestException {
        JsonNode spec = Fields.object(manifest.object(), "spec", "spec");
        Boolean autoAssign = Fields.bool(spec, "autoAssign", "spec.autoAssign");
        return new ProxyIpPool(manifest.name(), Fields.stringList(spec, "cidrs", "spec.cidrs"),
                Fields.stringList(spec, "addresses", "spec.addresses"), autoAssign == null || autoAssign,
                manifest.object());
    }

    public static String poolRef(Manifest vip) throws ManifestException {
        JsonNode spec = Fields.object(vip.object(), "spec", "spec");
        return Fields.string(Fields.object(spec, "poolRef", "spec.poolRef"), "name", "spec.poolRef.name");
    }

    public static String addressFamily(Manifest vip) throws ManifestException {
        return Fields.string(Fields.object(vip.object(), "spec", "spec"), "addressFamily", "spec.addressFamily");
    }
}
