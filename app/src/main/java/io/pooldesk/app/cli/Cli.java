package io.pooldesk.app.cli;

import picocli.CommandLine;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs one command line and returns its exit code: 0 success, 1 invalid or unserved, 2 unreadable input or bad usage. */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int UNREADABLE = 2;

    private Cli() {
    }

    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        PrintWriter out = new PrintWriter(new TerminalText(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)),
                true);
        PrintWriter err = new PrintWriter(new TerminalText(new OutputStreamWriter(stderr, StandardCharsets.UTF_8)),
                true);
        CommandLine commandLine = new CommandLine(new PooldeskCommand(stdin));
        SystemSettings.addTo(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli would read "@name" as a file of more arguments and echo its lines in errors: a file named
        // @creds.yaml, matched by a shell glob, is a file name, and a credentials file is never printed
        commandLine.setExpandAtFiles(false);
        commandLine.setExitCodeExceptionMapper(e -> UNREADABLE);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            // the exception's text may quote an argument or a file's content: its type is enough to report it
            err.println("pooldesk: internal error: " + e.getClass().getName());
            err.println("please report it with the input that caused it");
            return FAILED;
        });
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("pooldesk: " + e.getMessage());
            e.getCommandLine().usage(err);
            return UNREADABLE;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
