package io.pooldesk.model.harvester.lb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.manifest.Fields;
import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the Harvester load-balancer kinds. Writing starts from the object as read, so fields Pooldesk does
 * not model (and {@code status}) survive a round trip untouched.
 */
public final class HarvesterLbCodec {
    private static final BigInteger MAX_PRIORITY = BigInteger.valueOf(4_294_967_295L);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HarvesterLbCodec() {
    }

    public static IpPool readPool(Manifest manifest) throws ManifestException {
        ObjectNode object = manifest.object();
        JsonNode spec = Fields.object(object, "spec", "spec");
        List<PoolRangeSpec> ranges = new ArrayList<>();
        List<JsonNode> rangeNodes = Fields.list(spec, "ranges", "spec.ranges");
        for (int i = 0; i < rangeNodes.size(); i++) {
            String path = "spec.ranges[" + i + "]";
            JsonNode range = rangeNodes.get(i);
            if (range == null || !range.isObject()) {
                throw new ManifestException(path, "must be a mapping with subnet, rangeStart, rangeEnd, gateway");
            }
            ranges.add(new PoolRangeSpec(
                    Fields.string(range, "subnet", path + ".subnet"),
                    Fields.string(range, "rangeStart", path + ".rangeStart"),
                    Fields.string(range, "rangeEnd", path + ".rangeEnd"),
                    Fields.string(range, "gateway", path + ".gateway").trim()));
        }
        JsonNode selector = Fields.object(spec, "selector", "spec.selector");
        List<ScopeTuple> scope = new ArrayList<>();
        List<JsonNode> tuples = Fields.list(selector, "scope", "spec.selector.scope");
        for (int i = 0; i < tuples.size(); i++) {
            String path = "spec.selector.scope[" + i + "]";
            JsonNode tuple = tuples.get(i);
            if (tuple == null || !tuple.isObject()) {
                throw new ManifestException(path, "must be a mapping with project, namespace, guestCluster");
            }
            scope.add(new ScopeTuple(
                    Fields.string(tuple, "project", path + ".project"),
                    Fields.string(tuple, "namespace", path + ".namespace"),
                    Fields.string(tuple, "guestCluster", path + ".guestCluster")));
        }
        BigInteger priority = Fields.integer(selector, "priority", "spec.selector.priority",
                BigInteger.ZERO, MAX_PRIORITY);
        PoolSelector poolSelector = new PoolSelector(
                Fields.string(selector, "network", "spec.selector.network"),
                priority == null ? 0 : priority.longValue(),
                scope);
        JsonNode status = Fields.object(object, "status", "status");
        IpPoolStatus poolStatus = new IpPoolStatus(
                Fields.string(status, "lastAllocated", "status.lastAllocated"),
                Fields.stringMap(status, "allocated", "status.allocated"),
                Fields.stringMap(status, "allocatedHistory", "status.allocatedHistory"));
        return new IpPool(manifest.name(), Fields.string(spec, "description", "spec.description"),
                ranges, poolSelector, poolStatus, object);
    }

    public static LoadBalancer readLoadBalancer(Manifest manifest) throws ManifestException {
        ObjectNode object = manifest.object();
        JsonNode metadata = Fields.object(object, "metadata", "metadata");
        JsonNode spec = Fields.object(object, "spec", "spec");
        String ipam = Fields.string(spec, "ipam", "spec.ipam");
        if (!ipam.isEmpty() && !LoadBalancer.IPAM_POOL.equals(ipam) && !LoadBalancer.IPAM_DHCP.equals(ipam)) {
            throw new ManifestException("spec.ipam", "must be pool or dhcp, found \"" + ipam + "\"");
        }
        String workloadType = Fields.string(spec, "workloadType", "spec.workloadType");
        if (!workloadType.isEmpty() && !LoadBalancer.WORKLOAD_VM.equals(workloadType)
                && !LoadBalancer.WORKLOAD_CLUSTER.equals(workloadType)) {
            throw new ManifestException("spec.workloadType", "must be vm or cluster, found \"" + workloadType + "\"");
        }
        JsonNode allocated = Fields.object(Fields.object(object, "status", "status"), "allocatedAddress",
                "status.allocatedAddress");
        String namespace = manifest.namespace().isEmpty() ? "default" : manifest.namespace();
        Map<String, String> annotations = Fields.stringMap(metadata, "annotations", "metadata.annotations");
        return new LoadBalancer(namespace, manifest.name(), ipam,
                Fields.string(spec, "ipPool", "spec.ipPool"), workloadType, annotations,
                Fields.string(allocated, "ipPool", "status.allocatedAddress.ipPool"),
                Fields.string(allocated, "ip", "status.allocatedAddress.ip"));
    }

    /**
     * The pool as a manifest: the original object with the modelled fields replaced, written in the served API group.
     * Fields of a range that are "" are left out, as the UI does.
     */
    public static ObjectNode writePool(IpPool pool) {
        ObjectNode object = pool.original() != null ? pool.original().deepCopy() : NODES.objectNode();
        ObjectNode out = NODES.objectNode();
        out.put("apiVersion", HarvesterLb.API_VERSION);
        out.put("kind", HarvesterLb.POOL_KIND);
        ObjectNode metadata = object.path("metadata").isObject()
                ? (ObjectNode) object.get("metadata") : NODES.objectNode();
        metadata.put("name", pool.name());
        out.set("metadata", metadata);
        ObjectNode spec = object.path("spec").isObject() ? (ObjectNode) object.get("spec") : NODES.objectNode();
        putOrRemove(spec, "description", pool.description());
        spec.set("ranges", rangesNode(pool.ranges(), spec.get("ranges")));
        spec.set("selector", selectorNode(pool.selector(), spec.get("selector")));
        out.set("spec", spec);
        object.fields().forEachRemaining(field -> {
            if (!out.has(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        });
        return out;
    }

    private static ArrayNode rangesNode(List<PoolRangeSpec> ranges, JsonNode previous) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < ranges.size(); i++) {
            PoolRangeSpec range = ranges.get(i);
            JsonNode old = previous != null && previous.isArray() ? previous.get(i) : null;
            ObjectNode node = old != null && old.isObject() ? ((ObjectNode) old).deepCopy() : NODES.objectNode();
            putOrRemove(node, "subnet", range.subnet());
            putOrRemove(node, "rangeStart", range.rangeStart());
            putOrRemove(node, "rangeEnd", range.rangeEnd());
            putOrRemove(node, "gateway", range.gateway());
            array.add(node);
        }
        return array;
    }

    private static ObjectNode selectorNode(PoolSelector selector, JsonNode previous) {
        ObjectNode node = previous != null && previous.isObject()
                ? ((ObjectNode) previous).deepCopy() : NODES.objectNode();
        putOrRemove(node, "network", selector.network());
        if (selector.priority() != 0 || node.has("priority")) {
            // int when it fits, as YAML reads it, so an untouched pool writes back node for node
            if (selector.priority() <= Integer.MAX_VALUE) {
                node.put("priority", (int) selector.priority());
            } else {
                node.put("priority", selector.priority());
            }
        }
        ArrayNode scope = NODES.arrayNode();
        for (ScopeTuple tuple : selector.scope()) {
            ObjectNode t = NODES.objectNode();
            putOrRemove(t, "project", tuple.project());
            putOrRemove(t, "namespace", tuple.namespace());
            putOrRemove(t, "guestCluster", tuple.guestCluster());
            scope.add(t);
        }
        node.set("scope", scope);
        return node;
    }

    private static void putOrRemove(ObjectNode node, String field, String value) {
        if (value == null || value.isEmpty()) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }
}
