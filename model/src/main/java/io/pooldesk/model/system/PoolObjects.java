package io.pooldesk.model.system;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Span;

import java.math.BigInteger;
import java.util.List;

/** Pieces every pool system's writer uses: a new object's skeleton and a span in range-or-CIDR notation. */
public final class PoolObjects {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PoolObjects() {
    }

    public static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode object = NODES.objectNode();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return object;
    }

    /** A span as MetalLB and OpenELB write it: a bare block as CIDR, anything else as a range. */
    public static String spanText(Span span, boolean bareSingle) {
        if (span.size().equals(BigInteger.ONE)) {
            return bareSingle ? span.first().toString()
                    : span.first() + "/" + span.family().bits();
        }
        List<Cidr> blocks = span.toCidrBlocks();
        return blocks.size() == 1 ? blocks.get(0).toString() : span.first() + "-" + span.last();
    }
}
