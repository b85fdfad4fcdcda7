package io.pooldesk.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.pooldesk.app.cli.Cli;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version said in one voice, and the window's log file: where it goes, what reaches it, what never does. */
class DesktopConventionsTest {

    @Test
    void theVersionIsThePomsEverywhere() {
        String pom = System.getProperty("project.version");
        assertTrue(pom != null && !pom.isBlank(), "surefire passes the pom's version");
        assertEquals(pom, io.pooldesk.app.cli.Version.current());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"--version"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, exit);
        assertEquals("pooldesk " + pom, out.toString(StandardCharsets.UTF_8).trim(), "the command line says the same");
    }

    @Test
    void theLogGoesToTheFolderItIsGiven() {
        assertEquals(Path.of(System.getProperty("pooldesk.logdir")).resolve("pooldesk.log"), WindowLog.file());
    }

    @Test
    void theWindowsLogKeepsInfoAndNeverTheDebugLinesThatCarryRequests() throws Exception {
        Path folder = Files.createTempDirectory("pooldesk-log-test");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.start();
        context.putProperty("pooldesk.logdir", folder.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(WindowLog.class.getResource("logback-window.xml"));
        context.getLogger("io.fabric8.kubernetes.client.informers").info("Started watch of IPPool");
        context.getLogger("io.fabric8.kubernetes.client.http").debug("Authorization: Bearer abc.def.ghi");
        context.getLogger("javafx.scene").warn("CSS warning");
        String statuses = context.getStatusManager().getCopyOfStatusList().toString();
        context.stop();
        String log = Files.readString(folder.resolve("pooldesk.log"));
        assertTrue(log.contains("Started watch of IPPool"), log + statuses);
        assertTrue(log.contains("CSS warning"), log);
        assertFalse(log.contains("Bearer"), "a request's headers are debug lines, never written: " + log);
    }

    @Test
    void theCommandLinesLogConfigurationWritesNothing() throws Exception {
        Path folder = Files.createTempDirectory("pooldesk-cli-log-test");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.start();
        context.putProperty("pooldesk.logdir", folder.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(DesktopConventionsTest.class.getResource("/logback.xml"));
        assertFalse(context.getLogger("io.fabric8").isErrorEnabled(), "the command line's output is the operator's");
        context.stop();
    }
}
