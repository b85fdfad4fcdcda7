package io.pooldesk.views.map;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.Cidr;
import io.pooldesk.model.address.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HilbertLayoutTest {

    private static Span span(String cidr) throws Exception {
        return io.pooldesk.model.address.AddressParser.cidr(cidr).span();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/24", "10.0.0.0/23", "10.0.0.0/20", "10.0.0.0/17", "10.99.0.0/16",
            "fd00::/116", "fd00::/115"})
    void everyAlignedBlockIsOneSquareOrTwoSideBySide(String cidr) throws Exception {
        HilbertLayout layout = new HilbertLayout(span(cidr));
        int bits = layout.bits();
        long columns = layout.columns(0);
        long rows = layout.rows(0);
        long cells = 1L << bits;
        assertEquals(cells, columns * rows);
        long[][] at = new long[(int) cells][];
        for (long x = 0; x < columns; x++) {
            for (long y = 0; y < rows; y++) {
                Span cell = layout.cell(0, x, y);
                int offset = cell.first().value().subtract(layout.extent().first().value()).intValueExact();
                assertNull(at[offset], "two cells for one address");
                at[offset] = new long[] {x, y};
            }
        }
        for (int k = 0; k <= bits; k++) {
            int size = 1 << k;
            for (int start = 0; start < cells; start += size) {
                long minX = Long.MAX_VALUE, minY = Long.MAX_VALUE, maxX = -1, maxY = -1;
                for (int i = start; i < start + size; i++) {
                    minX = Math.min(minX, at[i][0]);
                    maxX = Math.max(maxX, at[i][0]);
                    minY = Math.min(minY, at[i][1]);
                    maxY = Math.max(maxY, at[i][1]);
                }
                long width = maxX - minX + 1;
                long height = maxY - minY + 1;
                assertEquals(size, width * height, "/" + (bits - k) + " block at " + start + " of " + cidr
                        + " is not compact");
                if (k % 2 == 0) {
                    assertEquals(width, height, "an even block is a square");
                } else {
                    assertTrue(width == 2 * height || height == 2 * width, "an odd block is two squares");
                }
            }
        }
    }

    @Test
    void consecutiveAddressesAreNeighbours() throws Exception {
        HilbertLayout layout = new HilbertLayout(span("10.0.0.0/16"));
        long[] previous = layout.position(0, Address.parse("10.0.0.0"));
        for (int i = 1; i < 65536; i++) {
            long[] here = layout.position(0, Address.parse("10.0." + (i >> 8) + "." + (i & 255)));
            assertEquals(1, Math.abs(here[0] - previous[0]) + Math.abs(here[1] - previous[1]), "step " + i);
            previous = here;
        }
    }

    @Test
    void zoomingSplitsEachCellIntoItsFourQuartersInPlace() throws Exception {
        HilbertLayout layout = new HilbertLayout(span("10.0.0.0/12"));
        for (int level = 2; level <= layout.coarsestLevel(); level += 2) {
            for (long x = 0; x < layout.columns(level); x += Math.max(1, layout.columns(level) / 17)) {
                for (long y = 0; y < layout.rows(level); y += Math.max(1, layout.rows(level) / 13)) {
                    Span coarse = layout.cell(level, x, y);
                    BigInteger covered = BigInteger.ZERO;
                    for (int q = 0; q < 4; q++) {
                        Span fine = layout.cell(level - 2, 2 * x + (q & 1), 2 * y + (q >> 1));
                        assertTrue(coarse.contains(fine), fine + " lies outside " + coarse);
                        covered = covered.add(fine.size());
                    }
                    assertEquals(coarse.size(), covered);
                }
            }
        }
    }

    @Test
    void anIpv6Slash64ReachesSingleAddressesAndBack() throws Exception {
        HilbertLayout layout = new HilbertLayout(span("fd00:10:20:30::/64"));
        assertEquals(0, layout.finestLevel());
        assertEquals(64, layout.coarsestLevel());
        assertEquals(1L << 32, layout.columns(0));
        for (String text : new String[] {"fd00:10:20:30::", "fd00:10:20:30::1", "fd00:10:20:30:ffff:ffff:ffff:ffff",
                "fd00:10:20:30:8000::7", "fd00:10:20:30:1234:5678:9abc:def0"}) {
            Address address = Address.parse(text);
            long[] at = layout.position(0, address);
            assertEquals(Span.single(address), layout.cell(0, at[0], at[1]), text);
        }
    }

    @Test
    void anUnalignedExtentLeavesTheRestOfItsBlockOutside() throws Exception {
        Span extent = new Span(Address.parse("10.0.0.10"), Address.parse("10.0.0.200"));
        HilbertLayout layout = new HilbertLayout(extent);
        assertEquals(8, layout.bits());
        long[] first = layout.position(0, Address.parse("10.0.0.0"));
        assertNull(layout.cell(0, first[0], first[1]));
        long[] inside = layout.position(0, Address.parse("10.0.0.10"));
        assertEquals(Span.single(Address.parse("10.0.0.10")), layout.cell(0, inside[0], inside[1]));
        assertArrayEquals(new long[] {0, 0}, layout.position(8, Address.parse("10.0.0.77")));
        assertEquals(extent, layout.cell(8, 0, 0));
    }
}
