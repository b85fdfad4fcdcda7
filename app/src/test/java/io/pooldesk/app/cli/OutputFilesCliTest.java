package io.pooldesk.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What {@code convert --output} and {@code report} write: through links, never over a device, never two in one. */
class OutputFilesCliTest {
    @TempDir
    Path dir;

    private static final String POOLS = """
            apiVersion: loadbalancer.harvesterhci.io/v1beta1
            kind: IPPool
            metadata: {name: shared}
            spec:
              ranges: [{subnet: 10.1.0.0/24}]
              selector:
                network: "=HYPERLINK(\\"http://example.invalid\\")"
            ---
            apiVersion: network.kubesphere.io/v1alpha2
            kind: Eip
            metadata: {name: shared}
            spec: {address: 10.2.0.0/24}
            """;

    private Path pools() throws Exception {
        return Files.writeString(dir.resolve("pools.yaml"), POOLS);
    }

    @Test
    void convertWritesThroughASymbolicLinkToItsTarget() throws Exception {
        Path target = Files.writeString(dir.resolve("metallb.yaml"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("out.yaml"), target.getFileName());
        CliContractTest.Run run = CliContractTest.run("convert", "--to", "metallb", "--output", link.toString(),
                pools().toString());
        assertTrue(run.code() <= 1, run.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(target).contains("IPAddressPool"));
    }

    @Test
    void convertOntoAFifoIsRefusedInWordsWithExitTwo() throws Exception {
        Path fifo = dir.resolve("out.fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        CliContractTest.Run run = CliContractTest.run("convert", "--to", "metallb", "--output", fifo.toString(),
                pools().toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("not a regular file"), run.err());
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO is left as it was");
        assertFalse(run.err().contains("internal error"));
    }

    @Test
    void twoPoolsWhoseMapFilesWouldCollideGetTwoFiles() throws Exception {
        Path maps = dir.resolve("maps");
        CliContractTest.Run run = CliContractTest.run("report", "--png", maps.toString(), pools().toString());
        assertEquals(0, run.code(), run.err());
        try (Stream<Path> files = Files.list(maps)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("shared-2.png", "shared.png"), names);
        }
    }

    @Test
    void aCsvCellASpreadsheetWouldRunIsNeutralised() throws Exception {
        CliContractTest.Run run = CliContractTest.run("report", pools().toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains(",\"'=HYPERLINK(\"\"http://example.invalid\"\")\","), run.out());
        assertFalse(run.out().contains(",=HYPERLINK"), run.out());
    }
}
