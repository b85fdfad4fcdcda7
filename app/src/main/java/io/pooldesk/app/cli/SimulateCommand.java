package io.pooldesk.app.cli;

import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.simulation.ReportWriter;
import io.pooldesk.model.simulation.SimulationReport;
import io.pooldesk.model.simulation.Simulator;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;

/** {@code pooldesk simulate FILE...}: the report on standard output, warnings and refusals on standard error. */
final class SimulateCommand {
    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;

    SimulateCommand(InputStream stdin, PrintWriter out, PrintWriter err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    int run(List<String> files, PooldeskCommand.OutputFormat format, java.util.Map<String, String> settings) {
        ManifestReader.Result read = new ManifestReader(stdin).read(files);
        if (!read.ok()) {
            read.errors().forEach(e -> err.println("error: " + e));
            return Cli.UNREADABLE;
        }
        Simulator simulator = new Simulator(settings);
        Simulator.Plan plan = simulator.plan(read.manifests());
        if (!plan.errors().isEmpty()) {
            plan.errors().forEach(e -> err.println("error: " + e));
            return Cli.UNREADABLE;
        }
        SimulationReport report = simulator.run(plan);
        report.warnings().forEach(w -> err.println("warning: " + w));
        report.rejected().forEach(p -> err.println("error: " + p));
        switch (format) {
            case json -> out.print(ReportWriter.json(report));
            case yaml -> out.print(ReportWriter.yaml(report));
            default -> out.print(ReportWriter.table(report));
        }
        out.flush();
        return report.hasFailures() ? Cli.FAILED : Cli.OK;
    }
}
