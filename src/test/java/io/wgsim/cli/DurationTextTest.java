package io.wgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"500ms, 500", "0ms, 0", "10s, 10000", "2m, 120000", "1h, 3600000", "' 20ms ', 20", "8760h, 31536000000"})
    void readsAWholeNumberAndAUnit(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), DurationText.parse(text));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "5     | needs a unit",
            "ms    | is not a duration",
            "''    | is not a duration",
            "-5s   | is not a duration",
            "1.5s  | unknown unit '.5s'",
            "5x    | unknown unit 'x'",
            "10 s  | unknown unit ' s'",
            "5S    | unknown unit 'S'",
            "8761h | longer than 365 days",
            "99999999999999999999ms | longer than 365 days"})
    void refusesWithAMessageSayingWhy(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "forever"})
    void picocliGetsATypeConversionError(String text) {
        assertThrows(picocli.CommandLine.TypeConversionException.class, () -> new DurationText().convert(text));
    }
}
