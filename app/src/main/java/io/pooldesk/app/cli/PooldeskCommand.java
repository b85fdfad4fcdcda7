package io.pooldesk.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.InputStream;

@Command(name = "pooldesk", mixinStandardHelpOptions = true, version = "pooldesk 0.1.0",
        description = {"IP pools for Kubernetes load balancers and VMs: validate, simulate, convert.",
                "With no arguments, opens the window."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid input (validate) or a request not served (simulate)",
                "2:input unreadable or not parsed, or wrong arguments"})
public final class PooldeskCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final InputStream stdin;

    public PooldeskCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: validate, simulate or convert");
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks manifests against the admission rules, as the cluster's webhooks would apply them.")
    int validate(@picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE",
            description = "a file, a folder (its *.yaml and *.yml files, by name), or - for standard input")
                 java.util.List<String> files) {
        return new ValidateCommand(stdin, spec.commandLine().getOut(), spec.commandLine().getErr()).run(files);
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Runs load-balancer requests and scenarios against the pools, as the controllers would.")
    int simulate(@picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "json|yaml|table",
            defaultValue = "table", description = "output format (default: ${DEFAULT-VALUE})")
                 OutputFormat output,
                 @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE",
                         description = "a file, a folder (its *.yaml and *.yml files, by name), or - for standard input")
                 java.util.List<String> files) {
        return new SimulateCommand(stdin, spec.commandLine().getOut(), spec.commandLine().getErr())
                .run(files, output);
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Converts pools to another kind, keeping the exact address set or saying what was lost.")
    int convert(@picocli.CommandLine.Option(names = "--to", required = true, paramLabel = "KIND",
            description = "harvester-lb, harvester-dhcp, metallb, openelb or novaedge") String to,
                @picocli.CommandLine.Option(names = "--output", paramLabel = "FILE",
                        description = "write the result to FILE (atomically) instead of standard output")
                java.nio.file.Path output,
                @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE",
                        description = "a file, a folder (its *.yaml and *.yml files, by name), or - for standard input")
                java.util.List<String> files) {
        return new ConvertCommand(stdin, spec.commandLine().getOut(), spec.commandLine().getErr())
                .run(to, output, files);
    }

    public enum OutputFormat { json, yaml, table }
}
