package io.pooldesk.views.map;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Span;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapRasterTest {
    private static final MapPalette P = MapPalette.LIGHT;

    private static MapModel slash16(TreeMap<Address, String> held, TreeSet<Address> changed) throws Exception {
        Span extent = AddressParser.cidr("10.99.0.0/16").span();
        return new MapModel(extent, AddressSet.of(List.of(extent)), AddressSet.empty(), held, new TreeMap<>(), null,
                changed);
    }

    private static int pixelAt(MapRaster raster, HilbertLayout layout, HilbertViewport view, Address address) {
        long[] cell = layout.position(view.level(), address);
        int x = (int) ((cell[0] + 0.5 - view.originX()) * view.cellPx());
        int y = (int) ((cell[1] + 0.5 - view.originY()) * view.cellPx());
        return raster.pixels()[y * raster.width() + x];
    }

    @Test
    void aWholeSlash16FitsOneAddressPerCellAndShowsWhoIsWhere() throws Exception {
        TreeMap<Address, String> held = new TreeMap<>();
        Address taken = Address.parse("10.99.200.17");
        held.put(taken, "prod/web");
        MapModel model = slash16(held, new TreeSet<>());
        HilbertLayout layout = new HilbertLayout(model.extent());
        HilbertViewport view = HilbertViewport.fit(layout, 700, 700);
        assertEquals(0, view.level(), "700 pixels show every address of a /16");
        MapRaster raster = MapRaster.hilbert(model, layout, view, 700, 700, P);
        assertEquals(65536, raster.cellsDrawn());
        assertEquals(P.allocated(), pixelAt(raster, layout, view, taken));
        assertEquals(P.free(), pixelAt(raster, layout, view, Address.parse("10.99.200.18")));
    }

    @Test
    void zoomedOutABlockIsShadedByHowFullItIsAndChangedBlocksAreOutlined() throws Exception {
        TreeMap<Address, String> held = new TreeMap<>();
        TreeSet<Address> changed = new TreeSet<>();
        for (int i = 0; i < 256; i++) {
            held.put(Address.parse("10.99.7." + i), "ns/lb-" + i);
        }
        changed.add(Address.parse("10.99.7.9"));
        MapModel model = slash16(held, changed);
        HilbertLayout layout = new HilbertLayout(model.extent());
        HilbertViewport view = new HilbertViewport(8, 10, 0, 0);
        MapRaster raster = MapRaster.hilbert(model, layout, view, 160, 160, P);
        assertEquals(256, raster.cellsDrawn());
        Cell full = model.describe(AddressParser.cidr("10.99.7.0/24").span());
        assertEquals(1.0, full.fill());
        assertEquals(true, full.changed());
        assertEquals(P.allocated(), pixelAt(raster, layout, view, Address.parse("10.99.7.0")));
        assertEquals(P.free(), pixelAt(raster, layout, view, Address.parse("10.99.8.0")));
    }

    @Test
    void zoomingKeepsThePointUnderThePointerAndReachesSingleAddresses() throws Exception {
        MapModel model = slash16(new TreeMap<>(), new TreeSet<>());
        HilbertLayout layout = new HilbertLayout(model.extent());
        HilbertViewport view = HilbertViewport.fit(layout, 160, 160);
        double px = 97.3;
        double py = 41.9;
        long[] start = view.cellAt(px, py);
        Span block = layout.cell(view.level(), start[0], start[1]);
        for (int i = 0; i < 40; i++) {
            view = view.zoom(layout, 1.25, px, py);
            long[] under = view.cellAt(px, py);
            Span now = layout.cell(view.level(), under[0], under[1]);
            assertTrue(block.contains(now), "zoomed from " + block + " to " + now);
        }
        assertEquals(0, view.level(), "zooming in reaches single addresses");
    }

    @Test
    void zoomingTowardsAnAddressOfAnIpv6Slash64EndsOnIt() throws Exception {
        Span extent = AddressParser.cidr("fd00:10:20:30::/64").span();
        TreeMap<Address, String> held = new TreeMap<>();
        for (int i = 0; i < 12; i++) {
            held.put(Address.parse("fd00:10:20:30::" + Integer.toHexString(i)), "edge/svc-" + i);
        }
        MapModel model = new MapModel(extent, AddressSet.of(List.of(extent)), AddressSet.empty(), held,
                new TreeMap<>(), null);
        HilbertLayout layout = new HilbertLayout(extent);
        HilbertViewport view = HilbertViewport.fit(layout, 540, 500);
        Address target = Address.parse("fd00:10:20:30::8");
        view = view.zoomTowards(layout, target, Math.pow(2, 28), 100, 100);
        assertEquals(0, view.level());
        MapRaster raster = MapRaster.hilbert(model, layout, view, 540, 500, P);
        assertEquals(P.allocated(), pixelAt(raster, layout, view, target));
        assertEquals(12, java.util.Arrays.stream(raster.pixels()).filter(p -> p == P.allocated()).count()
                / (long) Math.pow(Math.round(view.cellPx()) - 1, 2));
    }

    /** The sweep (one pass in address order) must paint exactly what describing every cell on its own paints. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 2, 4, 6, 8})
    void theSweepPaintsWhatDescribingEachCellPaints(int zoomSteps) throws Exception {
        Span extent = new Span(Address.parse("10.20.0.7"), Address.parse("10.20.97.200"));
        java.util.Random random = new java.util.Random(42 + zoomSteps);
        TreeMap<Address, String> held = new TreeMap<>();
        TreeMap<Address, String> history = new TreeMap<>();
        TreeSet<Address> changed = new TreeSet<>();
        java.math.BigInteger first = extent.first().value();
        for (int i = 0; i < 3000; i++) {
            Address a = Address.of(extent.family(), first.add(java.math.BigInteger.valueOf(random.nextInt(24_000))));
            switch (i % 5) {
                case 0 -> history.put(a, "ns/old-" + i);
                case 1 -> held.put(a, i % 2 == 0 ? "EXCLUDED" : "RESERVED");
                case 2 -> changed.add(a);
                default -> held.put(a, "ns/lb-" + i);
            }
        }
        AddressSet usable = AddressSet.of(List.of(new Span(Address.parse("10.20.0.10"), Address.parse("10.20.40.255")),
                new Span(Address.parse("10.20.60.0"), Address.parse("10.20.97.100"))));
        AddressSet reserved = AddressSet.of(List.of(Span.single(Address.parse("10.20.50.1"))));
        MapModel model = new MapModel(extent, usable, reserved, held, history, null, changed);
        HilbertLayout layout = new HilbertLayout(extent);
        HilbertViewport view = HilbertViewport.fit(layout, 300, 200);
        for (int i = 0; i < zoomSteps; i++) {
            view = view.zoom(layout, 2, 170, 90);
        }
        MapRaster sweep = MapRaster.hilbert(model, layout, view, 300, 200, P);
        MapRaster bySpans = MapRaster.hilbertBySpans(model, layout, view, 300, 200, P);
        assertEquals(bySpans.cellsDrawn(), sweep.cellsDrawn());
        org.junit.jupiter.api.Assertions.assertArrayEquals(bySpans.pixels(), sweep.pixels(), "level " + view.level());
    }
}
