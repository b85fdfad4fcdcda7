package io.pooldesk.views.report;

import io.pooldesk.model.report.UtilisationCsv;
import io.pooldesk.model.workspace.Fragmentation;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.views.map.CellState;
import io.pooldesk.views.map.MapPalette;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * A printable pool-utilisation page: one self-contained HTML file (maps embedded as PNG) with a print style sheet, so
 * a browser prints it or saves it as PDF for a change request.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String write(String title, List<PoolSummary> pools, ZonedDateTime when) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328}")
                .append("table{border-collapse:collapse;width:100%;font-size:13px}")
                .append("th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".pool{page-break-inside:avoid;margin-top:2em}.pool img{image-rendering:pixelated;")
                .append("max-width:100%;border:1px solid #d0d7de}.legend span{display:inline-block;margin-right:1em}")
                .append(".legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}")
                .append(".muted{color:#57606a;font-size:13px}@media print{body{margin:0}.pool{page-break-before:auto}}")
                .append("\n</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"muted\">")
                .append(pools.size()).append(" pools · written ")
                .append(when.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" by Pooldesk</p>\n");
        html.append("<table><thead><tr><th>Pool</th><th>Kind</th><th>Network</th><th>Scope</th>")
                .append("<th>Used</th><th>Total</th><th>Available</th><th>%</th><th>Largest free block</th>")
                .append("<th>Free runs</th></tr></thead><tbody>\n");
        for (PoolSummary p : pools) {
            Fragmentation f = p.fragmentation();
            html.append("<tr><td>").append(escape(qualified(p))).append("</td><td>").append(escape(p.kind()))
                    .append("</td><td>").append(escape(p.network())).append("</td><td>").append(escape(p.scope()))
                    .append("</td><td class=n>").append(p.used()).append("</td><td class=n>").append(p.total())
                    .append("</td><td class=n>").append(p.available()).append("</td><td class=n>")
                    .append(UtilisationCsv.percent(p)).append("</td><td>")
                    .append(f.largestBlock() == null ? "none" : f.largestBlock()).append("</td><td class=n>")
                    .append(f.freeRuns()).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n<p class=\"legend\">");
        for (CellState state : CellState.values()) {
            html.append("<span><i style=\"background:").append(css(MapPalette.LIGHT.colour(state))).append("\"></i>")
                    .append(escape(state.label())).append("</span>");
        }
        html.append("</p>\n");
        for (PoolSummary p : pools) {
            if (p.extent() == null) {
                continue;
            }
            html.append("<div class=\"pool\"><h2>").append(escape(qualified(p))).append("</h2><p class=\"muted\">")
                    .append(escape(p.extent().toString())).append(" · ").append(p.used()).append(" of ")
                    .append(p.total()).append(" in use").append(p.description().isEmpty() ? ""
                            : " · " + escape(p.description())).append("</p>")
                    .append("<img alt=\"utilisation map of ").append(escape(p.name())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(MapPicture.png(p))).append("\"></div>\n");
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String qualified(PoolSummary p) {
        return (p.namespace() == null || p.namespace().isEmpty() ? "" : p.namespace() + "/") + p.name();
    }

    private static String css(int argb) {
        return String.format("#%06x", argb & 0xffffff);
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
