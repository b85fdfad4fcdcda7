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
        return run(files, settings, "text");
    }

    /** @param output {@code text} (lines on standard error, a summary on standard output) or {@code json} */
    int run(List<String> files, java.util.Map<String, String> settings, String output) {
        boolean json = "json".equals(output);
        if (!json && !"text".equals(output)) {
            err.println("error: --output " + output + ": expected text or json");
            return Cli.UNREADABLE;
        }
        ManifestReader.Result read = new ManifestReader(stdin).read(files);
        if (!read.ok()) {
            if (json) {
                print(false, 0, read.errors(), List.of(), true);
            } else {
                read.errors().forEach(e -> err.println("error: " + e));
            }
            return Cli.UNREADABLE;
        }
        ValidationReport report = new ManifestValidator(settings).validate(read.manifests());
        if (json) {
            print(report.valid(), report.checked(), report.errors(), report.warnings(), false);
            return report.valid() ? Cli.OK : Cli.FAILED;
        }
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

    /** One JSON document on standard output: what CI reads, with the same file, document, object and field. */
    private void print(boolean valid, int checked, List<ManifestProblem> errors, List<String> warnings,
                       boolean unreadable) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
        root.put("valid", valid);
        root.put("unreadable", unreadable);
        root.put("checked", checked);
        com.fasterxml.jackson.databind.node.ArrayNode list = root.putArray("errors");
        for (ManifestProblem p : errors) {
            com.fasterxml.jackson.databind.node.ObjectNode e = list.addObject();
            e.put("file", p.source());
            if (p.document() > 0) {
                e.put("document", p.document());
            }
            e.put("object", p.object());
            e.put("field", p.field());
            e.put("message", p.message());
        }
        com.fasterxml.jackson.databind.node.ArrayNode notes = root.putArray("warnings");
        warnings.forEach(notes::add);
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
