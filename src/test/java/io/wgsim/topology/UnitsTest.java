package io.wgsim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "500ms, 500000000",
            "10s, 10000000000",
            "2m, 120000000000",
            "1h, 3600000000000",
            "1m30s, 90000000000",
            "1.5s, 1500000000",
            "250us, 250000",
            "250µs, 250000",
            "7ns, 7",
            "4m30s, 270000000000",
    })
    void durations(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), Units.duration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "10", "-1s", "10 s", "1.s", ".5s", "1d", "10sec", "1.5ns", "1e3s", "10s5"})
    void badDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> Units.duration(text));
    }

    @ParameterizedTest
    @CsvSource({"0s, 0s", "90s, 1m30s", "1500ms, 1s500ms", "2h, 2h", "10m, 10m", "1us, 1us"})
    void formatsAsFilesWriteThem(String text, String formatted) {
        assertEquals(formatted, Units.format(Units.duration(text)));
    }

    @ParameterizedTest
    @CsvSource({"1500, 1500", "1500B, 1500", "64KiB, 65536", "10MB, 10000000", "10mb, 10000000", "1GiB, 1073741824",
            "2.5kB, 2500", "1 MB, 1000000"})
    void sizes(String text, long bytes) {
        assertEquals(bytes, Units.size(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "1.5B", "10 bits", "-1", "1e6", "99999999999999999999"})
    void badSizes(String text) {
        assertThrows(IllegalArgumentException.class, () -> Units.size(text));
    }

    @ParameterizedTest
    @CsvSource({"500bit, 500", "64kbit, 64000", "10mbit, 10000000", "10Mbit, 10000000", "1gbit, 1000000000",
            "1kibit, 1024", "1.5mbit, 1500000"})
    void rates(String text, long bitsPerSecond) {
        assertEquals(bitsPerSecond, Units.rate(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"64", "64k", "64kbps", "8bps", "0kbit", "fast"})
    void badRates(String text) {
        assertThrows(IllegalArgumentException.class, () -> Units.rate(text));
    }
}
