package io.pooldesk.model.metallb;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.kube.LabelSelector;
import io.pooldesk.model.manifest.Fields;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Reads MetalLB pools. */
public final class MetalLbCodec {
    private MetalLbCodec() {
    }

    public static IpAddressPool read(Manifest manifest) throws ManifestException {
        JsonNode spec = Fields.object(manifest.object(), "spec", "spec");
        Boolean autoAssign = Fields.bool(spec, "autoAssign", "spec.autoAssign");
        Boolean avoidBuggy = Fields.bool(spec, "avoidBuggyIPs", "spec.avoidBuggyIPs");
        ServiceAllocation allocation = null;
        JsonNode sa = spec.get("serviceAllocation");
        if (sa != null && !sa.isNull()) {
            if (!sa.isObject()) {
                throw new ManifestException("spec.serviceAllocation", "must be a mapping");
            }
            BigInteger priority = Fields.integer(sa, "priority", "spec.serviceAllocation.priority",
                    BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
            allocation = new ServiceAllocation(priority == null ? 0 : priority.intValue(),
                    Fields.stringList(sa, "namespaces", "spec.serviceAllocation.namespaces"),
                    selectors(sa, "namespaceSelectors"), selectors(sa, "serviceSelectors"));
        }
        return new IpAddressPool(manifest.namespace(), manifest.name(),
                Fields.stringList(spec, "addresses", "spec.addresses"),
                autoAssign == null || autoAssign, avoidBuggy != null && avoidBuggy, allocation, manifest.object());
    }

    private static List<LabelSelector> selectors(JsonNode sa, String field) throws ManifestException {
        List<LabelSelector> out = new ArrayList<>();
        List<JsonNode> items = Fields.list(sa, field, "spec.serviceAllocation." + field);
        for (int i = 0; i < items.size(); i++) {
            out.add(LabelSelector.read(items.get(i), "spec.serviceAllocation." + field + "[" + i + "]"));
        }
        return out;
    }
}
