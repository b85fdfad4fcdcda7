package io.pooldesk.app.cli;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.report.UtilisationCsv;
import io.pooldesk.model.simulation.Scenario;
import io.pooldesk.model.simulation.Simulator;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import io.pooldesk.views.report.ReportFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code pooldesk report}: the utilisation CSV, the maps as PNG, the printable page. */
final class ReportCommand {
    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;

    ReportCommand(InputStream stdin, PrintWriter out, PrintWriter err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    int run(List<String> files, String csv, Path png, Path html) {
        ManifestReader.Result read = new ManifestReader(stdin).read(files);
        if (!read.ok()) {
            read.errors().forEach(e -> err.println("error: " + e));
            return Cli.UNREADABLE;
        }
        Simulator.Plan plan = new Simulator().plan(read.manifests());
        if (!plan.errors().isEmpty()) {
            plan.errors().forEach(e -> err.println("error: " + e));
            return Cli.UNREADABLE;
        }
        List<Manifest> scenarios = read.manifests().stream().filter(Scenario::isScenario).toList();
        WorkspaceAnalysis analysis = WorkspaceAnalysis.of(read.manifests(), scenarios);
        analysis.report().warnings().forEach(w -> err.println("warning: " + w));
        List<PoolSummary> pools = analysis.pools();
        if (pools.isEmpty()) {
            err.println("warning: no pool among the files; the report is empty");
        }
        try {
            if (csv == null && png == null && html == null || "-".equals(csv)) {
                out.print(UtilisationCsv.write(pools));
                out.flush();
            } else if (csv != null) {
                ReportFiles.csv(Path.of(csv), pools);
                err.println("wrote " + csv);
            }
            if (png != null) {
                ReportFiles.maps(png, pools).forEach(file -> err.println("wrote " + file));
            }
            if (html != null) {
                ReportFiles.html(html, "IP pool utilisation: " + String.join(", ", files), pools);
                err.println("wrote " + html);
            }
        } catch (IOException e) {
            err.println("error: cannot write the report: " + e.getMessage());
            return Cli.UNREADABLE;
        }
        return Cli.OK;
    }
}
