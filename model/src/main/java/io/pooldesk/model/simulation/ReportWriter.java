package io.pooldesk.model.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pooldesk.model.address.Address;
import io.pooldesk.model.manifest.Yaml;
import io.pooldesk.model.system.ObjectRef;
import io.pooldesk.model.system.Outcome;
import io.pooldesk.model.system.PoolReport;
import io.pooldesk.model.system.Release;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a {@link SimulationReport} in the command line's three formats; JSON follows the spec's field order. */
public final class ReportWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ReportWriter() {
    }

    public static ObjectNode toTree(SimulationReport report) {
        ObjectNode root = NODES.objectNode();
        ArrayNode allocations = root.putArray("allocations");
        report.allocations().forEach(a -> allocations.add(entry(a)));
        ArrayNode released = root.putArray("released");
        report.released().forEach(r -> released.add(entry(r)));
        ArrayNode pools = root.putArray("pools");
        report.pools().forEach(p -> pools.add(pool(p)));
        List<String> warnings = new ArrayList<>(report.warnings());
        report.rejected().forEach(p -> warnings.add("rejected: " + p));
        if (!warnings.isEmpty()) {
            ArrayNode array = root.putArray("warnings");
            warnings.forEach(array::add);
        }
        return root;
    }

    public static String json(SimulationReport report) {
        try {
            return Yaml.json().writeValueAsString(toTree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serialises", e);
        }
    }

    public static String yaml(SimulationReport report) {
        try {
            return Yaml.mapper().writeValueAsString(toTree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serialises", e);
        }
    }

    /** Columns for a person reading a terminal. */
    public static String table(SimulationReport report) {
        StringBuilder out = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"REQUEST", "POOL", "ADDRESS", "ERROR"});
        for (Outcome a : report.allocations()) {
            rows.add(new String[] {a.request().toString(), dash(pool(a)), dash(addresses(a)), error(a)});
        }
        out.append("Allocations\n").append(columns(rows)).append('\n');
        if (!report.released().isEmpty()) {
            rows = new ArrayList<>();
            rows.add(new String[] {"REQUEST", "POOL", "ADDRESS"});
            for (Release r : report.released()) {
                rows.add(new String[] {r.request().toString(), dash(name(r.pool())), dash(text(r.addresses()))});
            }
            out.append("Released\n").append(columns(rows)).append('\n');
        }
        rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAMESPACE", "NAME", "TOTAL", "USED", "AVAILABLE", "HISTORY"});
        for (PoolReport p : report.pools()) {
            rows.add(new String[] {p.kind(), dash(p.namespace()), p.name(), p.total().toString(),
                    p.used().toString(), p.available().toString(), String.valueOf(p.allocatedHistory().size())});
        }
        out.append("Pools\n").append(columns(rows));
        return out.toString();
    }

    /** An unserved request names no pool and no address; its error names the pool it tried. */
    private static ObjectNode entry(Outcome outcome) {
        ObjectNode node = NODES.objectNode();
        node.put("request", outcome.request().toString());
        node.put("pool", pool(outcome));
        node.put("address", addresses(outcome));
        if (!outcome.isServed()) {
            node.put("error", error(outcome));
        }
        return node;
    }

    private static ObjectNode entry(Release release) {
        ObjectNode node = NODES.objectNode();
        node.put("request", release.request().toString());
        node.put("pool", name(release.pool()));
        node.put("address", text(release.addresses()));
        return node;
    }

    private static String pool(Outcome outcome) {
        return outcome instanceof Outcome.Served served ? name(served.pool()) : null;
    }

    private static String addresses(Outcome outcome) {
        return outcome instanceof Outcome.Served served ? text(served.addresses()) : null;
    }

    /** The reference's words for why a request waits or was refused; empty when it was served. */
    public static String error(Outcome outcome) {
        if (outcome instanceof Outcome.Pending pending) {
            return pending.message();
        }
        if (outcome instanceof Outcome.Refused refused) {
            return refused.violations().stream().map(v -> v.field() + ": " + v.message())
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        return "";
    }

    private static String name(ObjectRef ref) {
        return ref == null ? null : ref.name();
    }

    /** Dual-stack addresses are joined in one entry, as the spec's JSON carries them. */
    private static String text(List<Address> addresses) {
        return addresses.isEmpty() ? null : addresses.stream().map(Address::toString)
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static ObjectNode pool(PoolReport p) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", p.kind());
        node.put("apiGroup", p.apiGroup());
        node.put("namespace", p.namespace());
        node.put("name", p.name());
        putCount(node, "total", p.total());
        putCount(node, "used", p.used());
        putCount(node, "available", p.available());
        node.set("allocated", map(p.allocated()));
        node.set("allocatedHistory", map(p.allocatedHistory()));
        return node;
    }

    /** A JSON number when it fits a signed 64-bit integer, else a decimal string (the spec's rule). */
    private static void putCount(ObjectNode node, String field, BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            node.put(field, value.longValue());
        } else {
            node.put(field, value.toString());
        }
    }

    private static ObjectNode map(Map<Address, String> entries) {
        ObjectNode node = NODES.objectNode();
        entries.forEach((address, holder) -> node.put(address.toString(), holder));
        return node;
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private static String columns(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
