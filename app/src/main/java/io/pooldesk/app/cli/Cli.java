package io.pooldesk.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs one command line and returns its exit code: 0 success, 1 invalid or unserved, 2 unreadable input or bad usage. */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int UNREADABLE = 2;

    private Cli() {
    }

    /** The commands that describe every command: the completion script and the manual page. */
    private static final java.util.Set<String> WHOLE_MODEL = java.util.Set.of("completion", "man");

    /**
     * The command model for these arguments. Picocli builds a command's model by reflecting over its annotations, which
     * took two thirds of a small {@code validate}'s time for all ten commands; when the first argument names a command,
     * only that one is built (its help, errors and parsing are the same), else every one, in the order of their names,
     * for the top-level help, an unknown command's message, the completion script and the manual page.
     */
    static CommandLine commandLine(String[] args, PooldeskCommand command) {
        CommandLine root = new CommandLine(command);
        String named = args.length > 0 ? args[0] : null;
        List<Method> methods = new ArrayList<>();
        for (Method method : PooldeskCommand.class.getDeclaredMethods()) {
            Command annotation = method.getAnnotation(Command.class);
            if (annotation != null && named != null && !WHOLE_MODEL.contains(named) && annotation.name().equals(named)) {
                root.addSubcommand(named, new CommandLine(method));
                return root;
            }
            if (annotation != null) {
                methods.add(method);
            }
        }
        methods.sort(Comparator.comparing(m -> m.getAnnotation(Command.class).name()));
        for (Method method : methods) {
            root.addSubcommand(method.getAnnotation(Command.class).name(), new CommandLine(method));
        }
        return root;
    }

    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        PrintWriter out = new PrintWriter(new TerminalText(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)),
                true);
        PrintWriter err = new PrintWriter(new TerminalText(new OutputStreamWriter(stderr, StandardCharsets.UTF_8)),
                true);
        CommandLine commandLine = commandLine(args, new PooldeskCommand(stdin));
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
