package io.pooldesk.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.InputStream;

// the commands are this class's methods, added by Cli: only the one named on the command line when there is one
@Command(name = "pooldesk", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        addMethodSubcommands = false,
        description = {"IP pools for Kubernetes load balancers and VMs: validate, simulate, convert, report, diff, apply.",
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
        throw new ParameterException(spec.commandLine(), "name a command: validate, simulate, convert, report, diff, apply, pull, fleet or who");
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks manifests against the admission rules, as the cluster's webhooks would apply them.")
    int validate(@picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "text|json",
            defaultValue = "text", description = "text (problems on standard error) or json (one document on"
            + " standard output, for CI; default: ${DEFAULT-VALUE})") String output,
                 @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE",
            description = "a file, a folder (its *.yaml and *.yml files, by name), or - for standard input")
                 java.util.List<String> files) {
        return new ValidateCommand(stdin, spec.commandLine().getOut(), spec.commandLine().getErr())
                .run(files, SystemSettings.given(spec, "validate"), output);
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
                .run(files, output, SystemSettings.given(spec, "simulate"));
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Converts pools to another kind, keeping the exact address set or saying what was lost.")
    int convert(@picocli.CommandLine.Option(names = "--to", required = true, paramLabel = "KIND",
            completionCandidates = PoolSystemNames.class,
            description = "one of: ${COMPLETION-CANDIDATES}") String to,
                @picocli.CommandLine.Option(names = "--output", paramLabel = "FILE",
                        description = "write the result to FILE (atomically) instead of standard output")
                java.nio.file.Path output,
                @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE",
                        description = "a file, a folder (its *.yaml and *.yml files, by name), or - for standard input")
                java.util.List<String> files) {
        return new ConvertCommand(stdin, spec.commandLine().getOut(), spec.commandLine().getErr())
                .run(to, output, files);
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Writes the pool-utilisation report: CSV (standard output by default), each pool's map as",
                    "PNG, and a printable HTML page. Scenarios among the files run first: the report is then the",
                    "workspace after them."})
    int report(@picocli.CommandLine.Option(names = "--csv", paramLabel = "FILE",
            description = "write the CSV to FILE (- for standard output)") String csv,
               @picocli.CommandLine.Option(names = "--png", paramLabel = "DIR",
                       description = "write one PNG map per pool into DIR") java.nio.file.Path png,
               @picocli.CommandLine.Option(names = "--html", paramLabel = "FILE",
                       description = "write a printable page (maps included) to FILE") java.nio.file.Path html,
               @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE",
                       description = "a file, a folder (its *.yaml and *.yml files, by name), or - for standard input")
               java.util.List<String> files) {
        return new ReportCommand(stdin, spec.commandLine().getOut(), spec.commandLine().getErr())
                .run(files, csv, png, html);
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = {"Serves each pool's figures (the report CSV's counts) and its run-out time at the growth",
                    "observed over the last 24 hours in Prometheus's text format at /metrics, for alerting before a",
                    "pool runs out. Files are read again when they change; a cluster (--context) is read again when",
                    "its watch reports a change; never per scrape."})
    int metrics(@picocli.CommandLine.Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
            description = "where to listen, such as 127.0.0.1:9464 or :9464 (every interface)") String listen,
                @picocli.CommandLine.Option(names = "--context", paramLabel = "NAME",
                        description = "a kubeconfig context whose cluster's pools to serve, labelled context=NAME;"
                                + " repeat it for each cluster") java.util.List<String> contexts,
                @picocli.CommandLine.Option(names = "--kubeconfig", paramLabel = "FILE",
                        description = "the kubeconfig to use (default: KUBECONFIG, else ~/.kube/config)")
                java.nio.file.Path kubeconfig,
                @picocli.CommandLine.Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "60s",
                        converter = ClusterOptions.DurationConverter.class,
                        description = "deadline of each request to a cluster: 500ms, 30s, 2m (default: ${DEFAULT-VALUE})")
                java.time.Duration requestTimeout,
                @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "FILE") java.util.List<String> files) {
        return new MetricsCommand(stdin, spec.commandLine().getOut(), spec.commandLine().getErr())
                .run(listen, files == null ? java.util.List.of() : files,
                        contexts == null ? java.util.List.of() : contexts, kubeconfig, requestTimeout);
    }

    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = {"Prints the shell completion script for bash (zsh too, after autoload bashcompinit):",
                    "  source <(pooldesk completion)"})
    int completion() {
        // picocli's own generator, from the same command model the parser uses (system settings included)
        spec.commandLine().getOut().print(picocli.AutoComplete.bash("pooldesk", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }

    @Command(name = "man", mixinStandardHelpOptions = true,
            description = {"Prints this manual page, in troff, from the same command model the parser uses:",
                    "  pooldesk man > pooldesk.1 && man -l pooldesk.1"})
    int man() {
        spec.commandLine().getOut().print(ManPage.troff(spec.root().commandLine(), Version.current(),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()));
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Shows, per object and field, how the files differ from what the cluster holds.")
    int diff(@picocli.CommandLine.Mixin ClusterOptions cluster,
             @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE") java.util.List<String> files) {
        return new ClusterCommands(stdin, spec.commandLine().getOut(), spec.commandLine().getErr())
                .diff(cluster, files);
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Applies the files to the cluster: a server-side dry-run of every object first, then",
                    "optimistic updates that keep each object's status. --dry-run stops after the dry-run.",
                    "A write is sent once; when its answer is lost, the object is read back and reported as",
                    "written, not written or unknown, and nothing more is written."})
    int apply(@picocli.CommandLine.Mixin ClusterOptions cluster,
              @picocli.CommandLine.Option(names = "--dry-run", description = "stop after the server-side dry-run")
              boolean dryRun,
              @picocli.CommandLine.Option(names = "--server-side", description = {"write with server-side apply"
                      + " (field manager pooldesk) instead of an optimistic update"}) boolean serverSide,
              @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE") java.util.List<String> files) {
        return new ClusterCommands(stdin, spec.commandLine().getOut(), spec.commandLine().getErr())
                .apply(cluster, dryRun, serverSide, files);
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Saves the pools and requests a cluster holds into FOLDER, for planning offline.",
                    "FOLDER must be new or empty, or one pull wrote before (then it says what changed); a file",
                    "changed since the last pull is never overwritten."})
    int pull(@picocli.CommandLine.Mixin ClusterOptions cluster,
             @picocli.CommandLine.Parameters(paramLabel = "FOLDER") java.nio.file.Path folder) {
        return new ClusterCommands(stdin, spec.commandLine().getOut(), spec.commandLine().getErr())
                .pull(cluster, folder);
    }

    @Command(name = "fleet", mixinStandardHelpOptions = true,
            description = {"Reads several clusters side by side: per context its pools, used, total and free",
                    "addresses, utilisation and the pool nearest to full, then the fleet's first pool to run out",
                    "(the one with the fewest free addresses). Exit 1 when a cluster could not be read."})
    int fleet(@picocli.CommandLine.Mixin FleetOptions fleet,
              @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
                      description = "text or json (default: ${DEFAULT-VALUE})") FleetOutput output) {
        return new FleetCommand(spec.commandLine().getOut(), spec.commandLine().getErr())
                .summary(fleet.contexts, fleet.kubeconfig, fleet.requestTimeout, output == FleetOutput.json);
    }

    @Command(name = "who", mixinStandardHelpOptions = true,
            description = {"Says who holds ADDRESS in each cluster: the pool (kind, namespace, name) and its holder,",
                    "free, not handed out, or outside every pool. Exit 1 when a cluster could not be read."})
    int who(@picocli.CommandLine.Parameters(paramLabel = "ADDRESS", description = "one IP address") String address,
            @picocli.CommandLine.Mixin FleetOptions fleet) {
        return new FleetCommand(spec.commandLine().getOut(), spec.commandLine().getErr())
                .who(address, fleet.contexts, fleet.kubeconfig, fleet.requestTimeout);
    }

    public enum FleetOutput { text, json }

    /** The contexts of a fleet command: each named once with --context, from one kubeconfig. */
    static final class FleetOptions {
        @picocli.CommandLine.Option(names = "--context", paramLabel = "NAME", required = true,
                description = "a kubeconfig context of the fleet; repeat it for each cluster")
        java.util.List<String> contexts;

        @picocli.CommandLine.Option(names = "--kubeconfig", paramLabel = "FILE",
                description = "the kubeconfig to use (default: KUBECONFIG, else ~/.kube/config)")
        java.nio.file.Path kubeconfig;

        @picocli.CommandLine.Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "60s",
                converter = ClusterOptions.DurationConverter.class,
                description = "deadline of each request, its whole answer included: 500ms, 30s, 2m (default: ${DEFAULT-VALUE})")
        java.time.Duration requestTimeout;
    }

    public enum OutputFormat { json, yaml, table }
}
