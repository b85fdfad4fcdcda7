package io.pooldesk.model.workspace;

import io.pooldesk.model.address.Address;
import io.pooldesk.model.address.AddressParser;
import io.pooldesk.model.address.AddressSet;
import io.pooldesk.model.address.Span;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FragmentationTest {

    private static Address a(String text) throws Exception {
        return Address.parse(text);
    }

    private static AddressSet usable(String... cidrs) throws Exception {
        List<Span> spans = new java.util.ArrayList<>();
        for (String c : cidrs) {
            spans.add(AddressParser.cidr(c).span());
        }
        return AddressSet.of(spans);
    }

    @Test
    void anEmptyPoolIsOneRunAndItsWholeBlock() throws Exception {
        Fragmentation f = Fragmentation.of(usable("10.0.0.0/24"), new TreeMap<>());
        assertEquals(BigInteger.valueOf(256), f.free());
        assertEquals(1, f.freeRuns());
        assertEquals("10.0.0.0/24", f.largestBlock().toString());
        assertEquals(1.0, f.contiguity());
    }

    @Test
    void heldAddressesSplitTheFreeSpaceAndShrinkTheLargestBlock() throws Exception {
        TreeMap<Address, String> held = new TreeMap<>();
        held.put(a("10.0.0.1"), "ns/a");
        held.put(a("10.0.0.128"), "ns/b");
        Fragmentation f = Fragmentation.of(usable("10.0.0.0/24"), held);
        assertEquals(BigInteger.valueOf(254), f.free());
        assertEquals(3, f.freeRuns());
        assertEquals(new Span(a("10.0.0.129"), a("10.0.0.255")), f.longestRun());
        // 10.0.0.129-255 holds a /26 (192-255); 2-127 holds a /26 too (64-127), found first
        assertEquals("10.0.0.64/26", f.largestBlock().toString());
    }

    @Test
    void aFullPoolHasNoFreeRun() throws Exception {
        TreeMap<Address, String> held = new TreeMap<>();
        held.put(a("10.0.0.0"), "ns/a");
        held.put(a("10.0.0.1"), "ns/b");
        Fragmentation f = Fragmentation.of(usable("10.0.0.0/31"), held);
        assertEquals(0, f.freeRuns());
        assertNull(f.longestRun());
        assertNull(f.largestBlock());
    }

    @Test
    void anIpv6Slash64IsCountedWithoutExpanding() throws Exception {
        TreeMap<Address, String> held = new TreeMap<>();
        held.put(a("fd00::8000:0:0:0"), "ns/a");
        Fragmentation f = Fragmentation.of(usable("fd00::/64"), held);
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), f.free());
        assertEquals(2, f.freeRuns());
        assertEquals("fd00::/65", f.largestBlock().toString());
    }

    @Test
    void separateUsableSpansAreSeparateRuns() throws Exception {
        Fragmentation f = Fragmentation.of(usable("10.0.0.0/30", "10.0.1.0/29"), new TreeMap<>());
        assertEquals(2, f.freeRuns());
        assertEquals("10.0.1.0/29", f.largestBlock().toString());
    }
}
