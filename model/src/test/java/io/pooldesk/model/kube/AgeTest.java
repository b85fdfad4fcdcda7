package io.pooldesk.model.kube;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** kubectl's AGE column: apimachinery pkg/util/duration/duration.go HumanDuration, its thresholds row by row. */
class AgeTest {

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({
            "-5, <invalid>",
            "0, 0s",
            "45, 45s",
            "119, 119s",
            "120, 2m",
            "330, 5m30s",
            "1200, 20m",
            "10799, 179m",
            "10800, 3h",
            "11700, 3h15m",
            "28800, 8h",
            "172799, 47h",
            "172800, 2d",
            "190800, 2d5h",
            "432000, 5d",
            "691200, 8d",
            "63072000, 2y",
            "63936000, 2y10d",
            "252460800, 8y",
    })
    void printsAsKubectl(long seconds, String expected) {
        assertEquals(expected, Age.of(Duration.ofSeconds(seconds)));
    }
}
