package io.pooldesk.app.cli;

import io.pooldesk.model.conversion.ConversionResult;
import io.pooldesk.model.conversion.Converter;
import io.pooldesk.model.manifest.AtomicFiles;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.registry.PoolSystems;
import io.pooldesk.model.system.PoolSystem;
import io.pooldesk.model.workspace.Workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code pooldesk convert --to KIND [--output FILE] FILE...}: the objects as YAML, one loss line per thing dropped. */
final class ConvertCommand {
    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;

    ConvertCommand(InputStream stdin, PrintWriter out, PrintWriter err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    int run(String to, Path output, List<String> files) {
        PoolSystem target = PoolSystems.byId(to).orElse(null);
        if (target == null) {
            err.println("pooldesk: unknown kind \"" + to + "\": expected " + PoolSystemNames.inWords());
            return Cli.UNREADABLE;
        }
        ManifestReader.Result read = new ManifestReader(stdin).read(files);
        if (!read.ok()) {
            read.errors().forEach(e -> err.println("error: " + e));
            return Cli.UNREADABLE;
        }
        ConversionResult result = Converter.convert(read.manifests(), target);
        result.losses().forEach(loss -> err.println("loss: " + loss));
        result.errors().forEach(e -> err.println("error: " + e));
        String yaml = Workspace.render(result.objects());
        if (output == null) {
            out.print(yaml);
        } else {
            try {
                AtomicFiles.write(output, yaml);
            } catch (IOException e) {
                err.println("error: " + output + ": cannot be written: " + e.getMessage());
                return Cli.UNREADABLE;
            }
        }
        return result.errors().isEmpty() ? Cli.OK : Cli.FAILED;
    }
}
