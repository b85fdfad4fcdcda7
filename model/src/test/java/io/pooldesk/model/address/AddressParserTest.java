package io.pooldesk.model.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "01.2.3.4", "256.1.1.1", "1.2.3.4.5", "0x7f.0.0.1", "", " ", "fe80::1%eth0",
            "1.2.3.*", "::g", "1.2.3.4/24", "10.0.0.1-10.0.0.2"})
    void refusesWhatACLusterWouldRefuse(String text) {
        assertThrows(InvalidAddressException.class, () -> AddressParser.address(text));
    }

    @Test
    void printsIpv6InCanonicalCompressedLowerCase() throws InvalidAddressException {
        assertEquals("2001:db8::1", AddressParser.address("2001:0DB8:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("fd00::", AddressParser.address("fd00:0::").toString());
        assertEquals("192.168.0.1", AddressParser.address("192.168.0.1").toString());
    }

    @Test
    void printsIpv4AsInetIpaddrsNormalizedDottedQuad() {
        java.util.Random random = new java.util.Random(5);
        List<Long> values = new java.util.ArrayList<>(List.of(0L, 1L, 255L, 256L, 0x7fffffffL, 0x80000000L,
                0xfffffffeL, 0xffffffffL, 0x0a000001L, 0xc0a80001L));
        for (int i = 0; i < 10_000; i++) {
            values.add(random.nextLong() & 0xffffffffL);
        }
        for (long v : values) {
            Address address = Address.of(Family.IPV4, java.math.BigInteger.valueOf(v));
            assertEquals(new inet.ipaddr.ipv4.IPv4Address((int) v).toNormalizedString(), address.toString());
        }
    }

    @Test
    void readsTheDottedQuadsGoReadsWithoutARegularExpression() {
        java.util.Random random = new java.util.Random(11);
        List<String> texts = new java.util.ArrayList<>(List.of("0.0.0.0", "255.255.255.255", "256.0.0.0", "1.2.3",
                "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1.2.3.4 ", " 1.2.3.4", "1..2.3", "1.2.3.", ".1.2.3", "1000.1.1.1",
                "249.250.251.252", "199.200.201.209", "10.0.0.0", "", "."));
        String alphabet = "0123456789..25";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 7 + random.nextInt(10);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        for (int i = 0; i < 20_000; i++) {
            texts.add(random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(300) + "."
                    + random.nextInt(300));
        }
        int quads = 0;
        for (String text : texts) {
            boolean matches = AddressParser.IPV4.matcher(text).matches();
            long value = AddressParser.dottedQuad(text);
            assertEquals(matches, value >= 0, text);
            if (matches) {
                quads++;
                long expected = 0;
                for (String octet : text.split("\\.")) {
                    expected = expected << 8 | Integer.parseInt(octet);
                }
                assertEquals(expected, value, text);
            }
        }
        assertTrue(quads > 10_000, "dotted quads among the texts: " + quads);
    }

    @Test
    void aCidrsNetworkLastAndMembersAreThoseOfItsMask() {
        java.util.Random random = new java.util.Random(13);
        for (int i = 0; i < 20_000; i++) {
            Family family = random.nextBoolean() ? Family.IPV4 : Family.IPV6;
            BigInteger value = new BigInteger(family.bits(), random);
            int length = random.nextInt(family.bits() + 1);
            Cidr cidr = new Cidr(Address.of(family, value), length);
            BigInteger hostMask = BigInteger.ONE.shiftLeft(family.bits() - length).subtract(BigInteger.ONE);
            BigInteger network = value.andNot(hostMask);
            assertEquals(network, cidr.network().value());
            assertEquals(network.add(hostMask), cidr.last().value());
            BigInteger probe = random.nextBoolean() ? network.add(new BigInteger(family.bits(), random).and(hostMask))
                    : new BigInteger(family.bits(), random);
            boolean inside = probe.compareTo(network) >= 0 && probe.compareTo(network.add(hostMask)) <= 0;
            assertEquals(inside, cidr.contains(Address.of(family, probe)), cidr + " " + probe);
            assertFalse(cidr.contains(Address.of(family == Family.IPV4 ? Family.IPV6 : Family.IPV4, BigInteger.ZERO)));
        }
    }

    @Test
    void cidrKeepsHostBitsButNormalisesTheNetwork() throws InvalidAddressException {
        Cidr cidr = AddressParser.cidr("192.168.100.77/24");
        assertTrue(cidr.hostBitsSet());
        assertEquals("192.168.100.0/24", cidr.toString());
        assertEquals("192.168.100.255", cidr.last().toString());
        assertEquals(BigInteger.valueOf(256), cidr.size());
    }

    @Test
    void refusesPrefixesLongerThanTheFamily() {
        assertThrows(InvalidAddressException.class, () -> AddressParser.cidr("10.0.0.0/33"));
        assertThrows(InvalidAddressException.class, () -> AddressParser.cidr("fd00::/129"));
        assertThrows(InvalidAddressException.class, () -> AddressParser.cidr("10.0.0.0"));
    }

    @Test
    void hugeIpv6PrefixesAreCountedExactly() throws InvalidAddressException {
        assertEquals(BigInteger.ONE.shiftLeft(128), AddressParser.cidr("::/0").size());
        assertEquals(BigInteger.ONE.shiftLeft(64), AddressParser.cidr("2001:db8::/64").size());
    }

    @Test
    void rangeSummarisesIntoMinimalBlocks() throws InvalidAddressException {
        Address[] ends = AddressParser.rangeEnds("192.168.1.10 - 192.168.1.20");
        List<Cidr> blocks = new Span(ends[0], ends[1]).toCidrBlocks();
        assertEquals(List.of("192.168.1.10/31", "192.168.1.12/30", "192.168.1.16/30", "192.168.1.20/32"),
                blocks.stream().map(Cidr::toString).toList());
    }

    @Test
    void rangeMayNotMixFamilies() {
        assertThrows(InvalidAddressException.class, () -> AddressParser.rangeEnds("10.0.0.1-fd00::1"));
    }

    @Test
    void spansOverlapOnlyWithinOneFamily() throws InvalidAddressException {
        Span a = new Span(Address.parse("10.0.0.0"), Address.parse("10.0.0.15"));
        Span b = new Span(Address.parse("10.0.0.15"), Address.parse("10.0.0.20"));
        Span c = new Span(Address.parse("10.0.0.16"), Address.parse("10.0.0.20"));
        assertTrue(a.overlaps(b));
        assertFalse(a.overlaps(c));
        Span v6 = new Span(Address.parse("::a00:0"), Address.parse("::a00:ff"));
        assertFalse(a.overlaps(v6));
    }
}
