package io.wgsim.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.protocol.wire.Protocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The parameter types read what scenarios write, and refuse the rest with an example of what they take. */
class StepParametersTest {
    private final ParameterTypes types = new ParameterTypes();

    @Test
    void durationsSizesRatesAndPercentages() {
        assertEquals(Duration.ofMillis(250), Units.duration("250 ms"));
        assertEquals(Duration.ofSeconds(121), Units.duration("121 s"));
        assertEquals(Duration.ofMinutes(2), Units.duration("2 min"));
        assertEquals(Duration.ofMillis(5333), Units.duration("5.333 s"));
        assertEquals(1392, Units.bytes("1392 bytes"));
        assertEquals(65536, Units.bytes("64 KiB"));
        assertEquals(10_000_000, Units.bitsPerSecond("10 Mbit/s"));
        assertEquals(30.0, Units.percent("30%"));
    }

    @Test
    void badValuesSayWhatWouldDo() {
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> Units.duration("5 parsecs"));
        assertTrue(d.getMessage().contains("use 250 ms, 5 s, 2 min or 1 h"), d.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> Units.percent("130%"));
        assertTrue(p.getMessage().contains("between 0% and 100%"), p.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> types.netem("\"delay fast\""));
        assertTrue(n.getMessage().contains("is not netem options"), n.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> types.prefixes("10.0.0.0/33"));
        assertTrue(c.getMessage().contains("'10.0.0.0/33' is not an IP prefix"), c.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> types.reason("NOT_A_REASON"));
        assertTrue(r.getMessage().contains("REPLAYED"), r.getMessage());
    }

    @Test
    void countsAndCounters() {
        assertEquals(new Count(0, 0, "no"), Count.parse("no"));
        assertEquals(new Count(1, 1, "a"), Count.parse("a"));
        assertEquals(new Count(3, Long.MAX_VALUE, "at least 3"), Count.parse("at least 3"));
        assertEquals(new Count(0, 5, "at most 5"), Count.parse("at most 5"));
        assertEquals(Protocol.REJECT_AFTER_MESSAGES - 1, types.counter("REJECT_AFTER_MESSAGES - 1"));
        assertEquals(Protocol.REKEY_AFTER_MESSAGES + 2, types.counter("REKEY_AFTER_MESSAGES + 2"));
        assertEquals(MessageKind.COOKIE_REPLY, MessageKind.parse("cookie replies"));
        assertEquals(MessageKind.INITIATION, MessageKind.parse("handshake initiations"));
    }

    @Test
    void captureNamesAreSlugsOfTheScenarioName() {
        assertEquals("rekey-after-120-s-initiator", Hooks.slug("Rekey after 120 s (initiator)"));
        assertEquals("a-1390-byte-ping-is-sealed-into-a-1452-byte-transport-message",
                Hooks.slug("A 1390-byte ping is sealed into a 1452-byte transport message"));
        assertEquals("scenario", Hooks.slug("!!!"));
    }

    @Test
    void aBackendSelectionOtherThanSimRealOrAllIsRefused() {
        String before = System.getProperty(Backend.SELECTION_PROPERTY);
        try {
            System.setProperty(Backend.SELECTION_PROPERTY, "docker");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Backend::selected);
            assertTrue(e.getMessage().contains("use sim, real or all"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(Backend.SELECTION_PROPERTY);
            } else {
                System.setProperty(Backend.SELECTION_PROPERTY, before);
            }
        }
    }
}
