package io.pooldesk.app.cli;

import io.pooldesk.views.map.MapPalette;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pooldesk report}: the CSV, the PNG maps and the printable page an operator attaches to a change request. */
class ReportCliTest {
    private static final String DEMO = Path.of("..", "resources", "demo-workspace").toString();

    @TempDir
    Path dir;

    private static String row(String csv, String pool) {
        return Arrays.stream(csv.split("\r\n")).filter(l -> l.contains("," + pool + ",")).findFirst().orElseThrow();
    }

    @Test
    void theCsvHasOneRowPerPoolWithExactCounts() {
        CliContractTest.Run run = CliContractTest.run("report", DEMO);
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\r\n");
        assertEquals("kind,apiGroup,namespace,name,network,scope,priority,size,total,used,available,"
                + "utilisationPercent,inHistory,freeRuns,longestFreeRun,largestFreeBlock,source", lines[0]);
        assertEquals(8, lines.length, "a header and seven pools");
        assertEquals("IPPool,loadbalancer.harvesterhci.io,,prod-pool,,ns prod,0,26,26,24,2,92.31,0,1,2,10.10.0.34/31,"
                + "pools.yaml", row(run.out(), "prod-pool"));
        assertTrue(row(run.out(), "rke2-vlan100").contains(",\"ns rke2, project c-m-demo/p-apps, cluster rke2-prod\","),
                "a field with a comma is quoted");
        assertTrue(row(run.out(), "edge-v6").contains(",18446744073709551616,18446744073709551616,12,"
                + "18446744073709551604,0.00,"), "an IPv6 /64 is counted exactly");
    }

    @Test
    void aScenarioAmongTheFilesReportsTheWorkspaceAfterIt() throws Exception {
        Path scenario = dir.resolve("forty.yaml");
        Files.writeString(scenario, """
                apiVersion: pooldesk.io/v1alpha1
                kind: Scenario
                metadata: {name: forty}
                steps:
                  - repeat:
                      count: 40
                      namePrefix: web-
                      create:
                        apiVersion: loadbalancer.harvesterhci.io/v1beta1
                        kind: LoadBalancer
                        metadata: {name: x, namespace: prod, annotations: {loadbalancer.harvesterhci.io/namespace: prod}}
                        spec: {ipam: pool}
                """);
        CliContractTest.Run run = CliContractTest.run("report", DEMO, scenario.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(row(run.out(), "prod-pool").contains(",26,26,26,0,100.00,0,0,0,,"), row(run.out(), "prod-pool"));
    }

    @Test
    void pngMapsShowAllocatedAddressesAndThePageEmbedsThem() throws Exception {
        Path maps = dir.resolve("maps");
        Path page = dir.resolve("report.html");
        Path csv = dir.resolve("pools.csv");
        CliContractTest.Run run = CliContractTest.run("report", "--csv", csv.toString(), "--png", maps.toString(),
                "--html", page.toString(), DEMO);
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.out(), "with --csv FILE nothing goes to standard output");
        assertTrue(Files.readString(csv).startsWith("kind,apiGroup,"));
        try (var files = Files.list(maps)) {
            assertEquals(7, files.count());
        }
        // default-pool: 192.168.100.0/24 in rows of 16 cells of 20 px; .16 (row 1, column 0) is held by web-12
        BufferedImage image = ImageIO.read(maps.resolve("default-pool.png").toFile());
        assertEquals(320, image.getWidth());
        assertEquals(MapPalette.LIGHT.allocated(), image.getRGB(10, 30));
        assertEquals(MapPalette.LIGHT.free(), image.getRGB(10, 50));
        assertEquals(512, ImageIO.read(maps.resolve("global-pool.png").toFile()).getHeight());
        String html = Files.readString(page);
        for (String pool : List.of("default-pool", "prod-pool", "edge-v6")) {
            assertTrue(html.contains("<h2>" + (pool.equals("edge-v6") ? "metallb-system/" : "") + pool + "</h2>"), pool);
        }
        assertEquals(7, html.split("data:image/png;base64,", -1).length - 1);
    }

    @Test
    void unreadableInputIsRefusedWithoutAReport() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: [unclosed\n");
        CliContractTest.Run run = CliContractTest.run("report", bad.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("bad.yaml"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
