package io.pooldesk.model.harvester.dhcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.pooldesk.model.manifest.Fields;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads managed-DHCP pools and VM network configs. */
public final class DhcpCodec {
    private DhcpCodec() {
    }

    public static DhcpPool readPool(Manifest manifest) throws ManifestException {
        JsonNode spec = Fields.object(manifest.object(), "spec", "spec");
        JsonNode v4 = Fields.object(spec, "ipv4Config", "spec.ipv4Config");
        JsonNode pool = Fields.object(v4, "pool", "spec.ipv4Config.pool");
        Map<String, Object> options = new LinkedHashMap<>();
        for (String option : List.of("dns", "domainName", "domainSearch", "ntp", "leaseTime")) {
            if (v4.has(option) && !v4.get(option).isNull()) {
                options.put(option, v4.get(option));
            }
        }
        JsonNode status = Fields.object(Fields.object(manifest.object(), "status", "status"), "ipv4", "status.ipv4");
        return new DhcpPool(manifest.namespace().isEmpty() ? "default" : manifest.namespace(), manifest.name(),
                Fields.string(spec, "networkName", "spec.networkName"),
                Fields.string(v4, "cidr", "spec.ipv4Config.cidr").trim(),
                Fields.string(v4, "serverIP", "spec.ipv4Config.serverIP").trim(),
                Fields.string(pool, "start", "spec.ipv4Config.pool.start").trim(),
                Fields.string(pool, "end", "spec.ipv4Config.pool.end").trim(),
                Fields.stringList(pool, "exclude", "spec.ipv4Config.pool.exclude"),
                Fields.string(v4, "router", "spec.ipv4Config.router").trim(),
                options,
                Fields.stringMap(status, "allocated", "status.ipv4.allocated"),
                manifest.object());
    }

    /** The NICs of a config; reads {@code networkConfigs} and the {@code networkConfig} spelling of the docs. */
    public static List<NicRequest> readNics(Manifest manifest) throws ManifestException {
        JsonNode spec = Fields.object(manifest.object(), "spec", "spec");
        String field = spec.has("networkConfigs") ? "networkConfigs" : "networkConfig";
        List<NicRequest> nics = new ArrayList<>();
        List<JsonNode> items = Fields.list(spec, field, "spec." + field);
        for (int i = 0; i < items.size(); i++) {
            String path = "spec." + field + "[" + i + "]";
            JsonNode item = items.get(i);
            if (item == null || !item.isObject()) {
                throw new ManifestException(path, "must be a mapping with macAddress and networkName");
            }
            String mac = Fields.string(item, "macAddress", path + ".macAddress").toLowerCase();
            if (!mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                throw new ManifestException(path + ".macAddress", "\"" + mac + "\" is not a MAC address");
            }
            nics.add(new NicRequest(mac, Fields.string(item, "networkName", path + ".networkName"),
                    Fields.string(item, "ipAddress", path + ".ipAddress").trim()));
        }
        return nics;
    }
}
