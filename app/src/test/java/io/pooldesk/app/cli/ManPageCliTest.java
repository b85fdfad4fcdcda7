package io.pooldesk.app.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pooldesk man} (issue 15: "a man page generated from the commands"): troff that man reads, naming every
 * command, each of its options and parameters, and the exit codes, from the model the parser itself uses.
 */
class ManPageCliTest {
    @TempDir
    Path dir;

    /** The requests the page may use: the man macros and the two settings at its top. */
    private static final Set<String> REQUESTS = Set.of(".TH", ".SH", ".SS", ".TP", ".PP", ".B", ".I", ".BR", ".RB",
            ".IR", ".br", ".nh", ".ad", ".\\\"");

    @Test
    void thePageNamesEveryCommandOptionAndExitCodeAndReadsInMan() throws Exception {
        CliContractTest.Run run = CliContractTest.run("man");
        assertEquals(0, run.code(), run.all());
        String page = run.out();
        assertTrue(page.startsWith(".\\\" pooldesk(1)"), page.substring(0, 80));
        assertTrue(page.contains("\n.TH POOLDESK 1 "), "a title line");
        for (String line : page.split("\n")) {
            if (line.startsWith(".") || line.startsWith("'")) {
                assertTrue(REQUESTS.contains(line.split(" ", 2)[0]), "a line troff reads as an unknown request: "
                        + line);
            }
        }
        CommandLine model = Cli.commandLine(new String[0], new PooldeskCommand(System.in));
        SystemSettings.addTo(model);
        List<String> commands = List.copyOf(model.getSubcommands().keySet());
        assertTrue(commands.containsAll(List.of("validate", "simulate", "convert", "report", "diff", "apply", "pull",
                "metrics", "completion", "man")), commands.toString());
        for (String command : commands) {
            assertTrue(page.contains("\n.SS " + command + "\n"), "no section for " + command);
            for (var option : model.getSubcommands().get(command).getCommandSpec().options()) {
                if (!option.hidden()) {
                    assertTrue(page.contains(ManPage.escape(option.longestName())), command + " "
                            + option.longestName());
                }
            }
        }
        assertTrue(page.contains("harvester\\-lb, harvester\\-dhcp, openelb, novaedge, metallb"),
                "convert --to lists the kinds, as its help does");
        for (String code : new String[] {"0", "1", "2"}) {
            assertTrue(page.contains(".TP\n.B " + code + "\n"), "exit code " + code);
        }

        Path file = dir.resolve("pooldesk.1");
        Files.writeString(file, page);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is not installed");
        Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", file.toString())
                .redirectErrorStream(true).start();
        String warnings = new String(groff.getInputStream().readAllBytes());
        assertEquals(0, groff.waitFor(), warnings);
        assertEquals("", warnings, "groff warns about nothing");
        Process man = new ProcessBuilder("man", "-l", file.toString()).redirectErrorStream(true).start();
        man.getOutputStream().close();
        String shown = new String(man.getInputStream().readAllBytes());
        assertEquals(0, man.waitFor(), shown);
        assertTrue(shown.contains("pooldesk validate [OPTIONS] FILE..."), shown);
        assertTrue(shown.contains("--request-timeout DURATION"), shown);
    }
}
