package io.pooldesk.model.planning;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    private static List<Manifest> demo() {
        return new ManifestReader(System.in).read(List.of("../resources/demo-workspace")).manifests();
    }

    private static GrowthStream in(String namespace, double perWeek) {
        return new GrowthStream(new LoadBalancerRequirements(namespace, "", "", "", ""), perWeek);
    }

    @Test
    void theProdPoolWithTwoAddressesLeftRunsOutInTheSecondWeekAtOneAWeek() {
        Forecast forecast = Forecast.of(demo(), List.of(in("prod", 1)), MONDAY, 10);
        Forecast.PoolFill prod = forecast.fill().stream().filter(p -> p.pool().name().equals("prod-pool"))
                .findFirst().orElseThrow();
        assertArrayEquals(new long[] {24, 25, 26, 26, 26, 26, 26, 26, 26, 26, 26}, prod.used());
        assertEquals(2, prod.runsOutWeek());
        assertEquals(LocalDate.of(2026, 12, 7), forecast.dateOf(prod.runsOutWeek()));
        assertEquals("prod-pool", forecast.firstToRunOut().orElseThrow().pool().name());
        Forecast.StreamOutcome stream = forecast.streams().get(0);
        assertEquals(3, stream.firstPendingWeek());
        assertTrue(stream.reason().contains("prod-pool"), stream.reason());
    }

    @Test
    void fractionalRatesAccumulateAndRoomyPoolsDoNotRunOut() {
        Forecast forecast = Forecast.of(demo(), List.of(in("default", 0.5)), MONDAY, 8);
        Forecast.PoolFill pool = forecast.fill().stream().filter(p -> p.pool().name().equals("default-pool"))
                .findFirst().orElseThrow();
        assertArrayEquals(new long[] {12, 12, 13, 13, 14, 14, 15, 15, 16}, pool.used());
        assertNull(pool.runsOutWeek());
        assertTrue(forecast.firstToRunOut().isEmpty());
        assertNull(forecast.streams().get(0).firstPendingWeek());
    }

    @Test
    void anUnboundedForecastIsRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Forecast.of(demo(), List.of(in("prod", 10_000)), MONDAY, 520));
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> in("prod", -1));
    }
}
