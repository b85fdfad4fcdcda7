package io.pooldesk.model.openelb;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.manifest.Fields;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;

import java.math.BigInteger;

/** Reads OpenELB Eips. */
public final class EipCodec {
    private EipCodec() {
    }

    public static Eip read(Manifest manifest) throws ManifestException {
        JsonNode spec = Fields.object(manifest.object(), "spec", "spec");
        JsonNode metadata = Fields.object(manifest.object(), "metadata", "metadata");
        JsonNode status = Fields.object(manifest.object(), "status", "status");
        Boolean disable = Fields.bool(spec, "disable", "spec.disable");
        BigInteger priority = Fields.integer(spec, "priority", "spec.priority",
                BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
        return new Eip(manifest.name(), Fields.string(spec, "address", "spec.address"),
                Fields.string(spec, "protocol", "spec.protocol"), Fields.string(spec, "interface", "spec.interface"),
                disable != null && disable, priority == null ? 0 : priority.intValue(),
                Fields.stringList(spec, "namespaces", "spec.namespaces"),
                Fields.stringMap(spec, "namespaceSelector", "spec.namespaceSelector"),
                "true".equals(Fields.stringMap(metadata, "annotations", "metadata.annotations")
                        .get(OpenElb.DEFAULT_EIP)),
                Fields.stringMap(status, "used", "status.used"), manifest.object());
    }
}
