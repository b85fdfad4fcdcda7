package io.pooldesk.app.cli;

import io.pooldesk.model.manifest.ManifestProblem;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.validation.ManifestValidator;
import io.pooldesk.model.system.ValidationReport;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;

/** {@code pooldesk validate FILE...}: problems on standard error, one per line; a summary on standard output. */
final class ValidateCommand {
    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;

    ValidateCommand(InputStream stdin, PrintWriter out, PrintWriter err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    int run(List<String> files, java.util.Map<String, String> settings) {
        ManifestReader.Result read = new ManifestReader(stdin).read(files);
        if (!read.ok()) {
            read.errors().forEach(e -> err.println("error: " + e));
            return Cli.UNREADABLE;
        }
        ValidationReport report = new ManifestValidator(settings).validate(read.manifests());
        report.warnings().forEach(w -> err.println("warning: " + w));
        for (ManifestProblem problem : report.errors()) {
            err.println("error: " + problem);
        }
        if (report.valid()) {
            out.println(report.checked() + " object" + (report.checked() == 1 ? "" : "s") + " checked: valid");
            return Cli.OK;
        }
        out.println(report.checked() + " object" + (report.checked() == 1 ? "" : "s") + " checked: "
                + report.errors().size() + " problem" + (report.errors().size() == 1 ? "" : "s"));
        return Cli.FAILED;
    }
}
