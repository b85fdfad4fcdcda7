package io.pooldesk.model.report;

import io.pooldesk.model.workspace.Fragmentation;
import io.pooldesk.model.workspace.PoolSummary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool-utilisation report as CSV (RFC 4180: comma separated, CRLF line ends, quoted where needed), one row per
 * pool with exact counts: what a change request or a spreadsheet needs.
 */
public final class UtilisationCsv {
    public static final List<String> COLUMNS = List.of("kind", "apiGroup", "namespace", "name", "network", "scope",
            "priority", "size", "total", "used", "available", "utilisationPercent", "inHistory", "freeRuns",
            "longestFreeRun", "largestFreeBlock", "source");

    private UtilisationCsv() {
    }

    public static String write(List<PoolSummary> pools) {
        StringBuilder out = new StringBuilder();
        line(out, COLUMNS);
        for (PoolSummary p : pools) {
            Fragmentation f = p.fragmentation();
            List<String> row = new ArrayList<>();
            row.add(p.kind());
            row.add(p.manifest().group());
            row.add(p.namespace());
            row.add(p.name());
            row.add(p.network());
            row.add(p.scope());
            row.add(p.priority());
            row.add(p.size().toString());
            row.add(p.total().toString());
            row.add(p.used().toString());
            row.add(p.available().toString());
            row.add(percent(p));
            row.add(String.valueOf(p.history().size()));
            row.add(String.valueOf(f.freeRuns()));
            row.add(f.longestRun() == null ? "0" : f.longestRun().size().toString());
            row.add(f.largestBlock() == null ? "" : f.largestBlock().toString());
            row.add(p.sourceFile());
            line(out, row);
        }
        return out.toString();
    }

    /** Two decimals, exact for any size: 26 of 26 is 100.00, 12 of 2^64 is 0.00. */
    public static String percent(PoolSummary p) {
        if (p.total().signum() <= 0) {
            return "0.00";
        }
        return new BigDecimal(p.used()).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(p.total()), 2, RoundingMode.HALF_UP).toPlainString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i) == null ? "" : fields.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one) gets a leading
     * apostrophe, as OWASP's CSV-injection advice says; a plain number such as -1 is left as it is.
     */
    static String neutralise(String field) {
        if (field.isEmpty() || "=+-@\t\r".indexOf(field.charAt(0)) < 0 || field.matches("[-+]?\\d+(\\.\\d+)?")) {
            return field;
        }
        return "'" + field;
    }

    private static String quote(String raw) {
        String field = neutralise(raw);
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
