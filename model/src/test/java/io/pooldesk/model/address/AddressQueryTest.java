package io.pooldesk.model.address;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the pool list's search box reads as addresses (issue 15): never expanded, counted exactly. */
class AddressQueryTest {

    @ParameterizedTest
    @CsvSource({
            "10.99,        10.99.0.0,  10.99.255.255, 65536",
            "10.99.,       10.99.0.0,  10.99.255.255, 65536",
            "10.0.1,       10.0.1.0,   10.0.1.255,    256",
            "10.0.0.5,     10.0.0.5,   10.0.0.5,      1",
            "10.0.0.0/24,  10.0.0.0,   10.0.0.255,    256",
            "10.0.0.7/24,  10.0.0.0,   10.0.0.255,    256",
            "10.0.0.5-10.0.0.9, 10.0.0.5, 10.0.0.9,   5",
            "2001:db8::/32, 2001:db8::, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, 79228162514264337593543950336",
    })
    void namesOneSpanOfAddresses(String typed, String first, String last, String size) throws Exception {
        Span span = AddressQuery.of(typed).orElseThrow().span();
        assertEquals(new Span(Address.parse(first), Address.parse(last)), span);
        assertEquals(new BigInteger(size), span.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pool-4321", "10", "edge", "10.300", "10.0.0.9-10.0.0.5", "10.0.0.5-2001:db8::1", "a.b"})
    void wordsAreNoAddresses(String typed) {
        assertTrue(AddressQuery.of(typed).isEmpty(), typed);
    }

    @org.junit.jupiter.api.Test
    void onlyAWholeAddressNamesOneAddressToAskWhoHoldsIt() throws Exception {
        assertEquals(Address.parse("10.0.0.5"), AddressQuery.of("10.0.0.5").orElseThrow().address());
        assertNull(AddressQuery.of("10.0.0").orElseThrow().address());
        assertNull(AddressQuery.of("10.0.0.5/32").orElseThrow().address());
    }

    @org.junit.jupiter.api.Test
    void meetsASetWhenAnyOfItsAddressesIsNamed() throws Exception {
        AddressSet pool = AddressSet.of(List.of(new Span(Address.parse("10.0.1.10"), Address.parse("10.0.1.50"))));
        assertTrue(AddressQuery.of("10.0.1.50").orElseThrow().meets(pool));
        assertTrue(AddressQuery.of("10.0.0.0/23").orElseThrow().meets(pool));
        assertTrue(AddressQuery.of("10.0").orElseThrow().meets(pool));
        assertFalse(AddressQuery.of("10.0.1.51").orElseThrow().meets(pool));
        assertFalse(AddressQuery.of("10.0.1.0/29").orElseThrow().meets(pool));
        assertFalse(AddressQuery.of("2001:db8::/32").orElseThrow().meets(pool));
    }
}
