package io.pooldesk.views.map;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.workspace.PoolSummary;
import io.pooldesk.model.workspace.WorkspaceAnalysis;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The map marks every address of a pool that the conflict check (the one {@code pooldesk validate} and the Conflicts
 * page use) finds in conflict, and says with what; addresses in no conflict are drawn as before.
 */
class ConflictMarksTest {
    private static final MapPalette P = MapPalette.LIGHT;

    private static PoolSummary harvesterPool(String subnet, String metallb) throws Exception {
        String yaml = """
                apiVersion: loadbalancer.harvesterhci.io/v1beta1
                kind: IPPool
                metadata: {name: vm-lbs}
                spec:
                  ranges: [{subnet: %s}]
                  selector: {scope: [{namespace: default}]}
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: services, namespace: metallb-system}
                spec: {addresses: [%s]}
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: worker-1}
                status: {addresses: [{type: InternalIP, address: 10.20.0.200}]}
                """.formatted(subnet, metallb);
        WorkspaceAnalysis analysis = WorkspaceAnalysis.of(ManifestReader.parse("pools.yaml", yaml).manifests());
        return analysis.pools().stream().filter(p -> p.kind().equals("IPPool")).findFirst().orElseThrow();
    }

    @Test
    void cellsInConflictSayWithWhatAndOthersCarryNoMark() throws Exception {
        MapModel model = MapModel.of(harvesterPool("10.20.0.0/24", "10.20.0.192/26"));
        Cell overlapping = model.describe(AddressParser.cidr("10.20.0.193/32").span());
        assertEquals("Pools overlap with IPAddressPool/services", overlapping.conflict());
        assertEquals(CellState.FREE, overlapping.state(), "the mark comes on top of what the cell holds");
        assertEquals("Pools overlap with IPAddressPool/services; Node address with Node/worker-1",
                model.describe(AddressParser.cidr("10.20.0.200/32").span()).conflict());
        assertNull(model.describe(AddressParser.cidr("10.20.0.10/32").span()).conflict());
        assertTrue(UtilisationMap.describe(overlapping).endsWith("\nConflict: Pools overlap with"
                + " IPAddressPool/services"), UtilisationMap.describe(overlapping));
        // a block of 64 with one address in conflict is marked too, so a zoomed-out map shows it
        assertEquals("Pools overlap with IPAddressPool/services; Node address with Node/worker-1",
                model.describe(AddressParser.cidr("10.20.0.192/26").span()).conflict());
        assertNull(model.describe(AddressParser.cidr("10.20.0.0/26").span()).conflict());
    }

    @Test
    void aMapInRowsMarksTheCornerOfEachCellInConflict() throws Exception {
        MapModel model = MapModel.of(harvesterPool("10.20.0.0/24", "10.20.0.192/26"));
        int columns = 16;
        int cellPx = 10;
        MapRaster raster = MapRaster.rows(model, columns, cellPx, P);
        assertEquals(P.conflict(), corner(raster, columns, cellPx, 193));
        assertEquals(P.free(), corner(raster, columns, cellPx, 10));
        long marked = java.util.stream.IntStream.range(0, 256)
                .filter(octet -> corner(raster, columns, cellPx, octet) == P.conflict()).count();
        // the overlap with MetalLB's /26 less Harvester's .255, which its range does not hand out
        assertEquals(63, marked);
    }

    @Test
    void aHilbertMapMarksTheSameCellsByItsSweepAsCellByCell() throws Exception {
        MapModel model = MapModel.of(harvesterPool("10.20.0.0/16", "10.20.7.0/24, 10.20.200.16/28"));
        HilbertLayout layout = new HilbertLayout(model.extent());
        for (HilbertViewport view : new HilbertViewport[] {HilbertViewport.fit(layout, 300, 300),
                new HilbertViewport(4, 6, 0, 0), new HilbertViewport(0, 3, 10, 10)}) {
            MapRaster swept = MapRaster.hilbert(model, layout, view, 300, 300, P);
            MapRaster described = MapRaster.hilbertBySpans(model, layout, view, 300, 300, P);
            assertArrayEquals(described.pixels(), swept.pixels(), "level " + view.level());
        }
        HilbertViewport whole = new HilbertViewport(0, 3, 0, 0);
        MapRaster raster = MapRaster.hilbert(model, layout, whole, 768, 768, P);
        Address inConflict = Address.parse("10.20.7.9");
        long[] cell = layout.position(0, inConflict);
        assertEquals(P.conflict(), raster.pixels()[(int) (cell[1] * 3) * raster.width() + (int) (cell[0] * 3)]);
    }

    private static int corner(MapRaster raster, int columns, int cellPx, int lastOctet) {
        int x = (lastOctet % columns) * cellPx;
        int y = (lastOctet / columns) * cellPx;
        return raster.pixels()[y * raster.width() + x];
    }

}
