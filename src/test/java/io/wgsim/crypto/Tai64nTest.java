package io.wgsim.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.testing.Vectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Tai64nTest {
    private static final String DERIVED = "wireguard-ping-tcp+psk.derived-vectors.json";
    private static final HexFormat HEX = HexFormat.of();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int WHITENED_AWAY = 1 << 24;

    /**
     * The timestamps inside the 4 captured initiations against the capture's own clock: the label is
     * 2^62 + 10 + the Unix second the packet was captured in, and the nanoseconds fall shortly before
     * the capture instant (the sender stamped, then sent). This is what pins TAI64_BASE to 2^62 + 10.
     */
    @Test
    void capturedTimestampsUseBase2To62Plus10() {
        JsonNode handshakes = Vectors.json(DERIVED).path("handshakes");
        assertEquals(4, handshakes.size(), "handshakes in " + DERIVED);
        for (JsonNode h : handshakes) {
            String label = "initiation frame " + h.path("initiation_frame").asInt() + " of " + h.path("capture").asText();
            byte[] timestamp = Vectors.hex(h, "tai64n_hex");
            long[] captured = pcapTimestamp(Vectors.bytes(h.path("capture").asText()), h.path("initiation_frame").asInt());
            int nanos = ByteBuffer.wrap(timestamp, 8, 4).getInt();

            assertArrayEquals(timestamp, Tai64n.encode(captured[0], nanos), label + ": label vs capture second");
            long lead = captured[1] - nanos;
            assertTrue(lead >= 0 && lead < 10_000_000, label + ": stamped " + lead + " ns before capture");
        }
    }

    @Test
    void describeReadsACapturedTimestamp() {
        // 1532126321 s is 2018-07-20T22:38:41Z (checked independently of Java's time library).
        assertEquals("TAI64N[400000005b52647b15405610 = 2018-07-20T22:38:41.356537872Z]",
                Tai64n.describe(HEX.parseHex("400000005b52647b15405610")));
    }

    @Test
    void layoutIsBigEndianLabelThenBigEndianNanos() {
        assertEquals(Protocol.TIMESTAMP_LENGTH, Tai64n.encode(0, 0).length);
        assertEquals("40000000" + "0000000a" + "00000000", HEX.formatHex(Tai64n.encode(0, 0)));
        assertEquals("40000000" + "0102030e" + "05060708", HEX.formatHex(Tai64n.encode(0x01020304L, 0x05060708)));
        assertEquals("3fffffff" + "ffffffff" + "3b9ac9ff", HEX.formatHex(Tai64n.encode(-11, 999_999_999)));
        assertEquals("00000000" + "00000000" + "00000000", HEX.formatHex(Tai64n.encode(-Protocol.TAI64_BASE, 0)));
    }

    @Test
    void encodeRefusesValuesWithoutATai64nForm() {
        assertThrows(IllegalArgumentException.class, () -> Tai64n.encode(0, -1));
        assertThrows(IllegalArgumentException.class, () -> Tai64n.encode(0, 1_000_000_000));
        assertThrows(IllegalArgumentException.class, () -> Tai64n.encode(-Protocol.TAI64_BASE - 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Tai64n.encode(Long.MAX_VALUE - Protocol.TAI64_BASE + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Tai64n.encode(Long.MIN_VALUE, 0));
    }

    @Test
    void whiteningClearsTheLow24BitsOfTheNanoseconds() {
        SplittableRandom rng = new SplittableRandom(61);
        for (int i = 0; i < 2000; i++) {
            // Around now, around 1970 (both signs) and a few far values.
            long epochNanos = switch (i % 3) {
                case 0 -> 1_700_000_000L * NANOS_PER_SECOND + rng.nextLong(100L * 365 * 86400 * NANOS_PER_SECOND);
                case 1 -> rng.nextLong(-5 * NANOS_PER_SECOND, 5 * NANOS_PER_SECOND);
                default -> rng.nextLong();
            };
            byte[] whitened = Tai64n.whitened(epochNanos);
            long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
            int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
            int kept = ByteBuffer.wrap(whitened, 8, 4).getInt();
            String label = "epoch nanos " + epochNanos;
            assertEquals(0, kept & (WHITENED_AWAY - 1), label);
            assertEquals(nanos - nanos % WHITENED_AWAY, kept, label);
            assertArrayEquals(Tai64n.encode(seconds, kept), whitened, label);
        }
        assertArrayEquals(Tai64n.encode(1_532_126_321, 0x15000000), Tai64n.whitened(1_532_126_321_356_537_872L));
        assertArrayEquals(Tai64n.encode(-1, 0x3b000000), Tai64n.whitened(-1));
    }

    /**
     * What whitening means for the responder's "strictly greater" rule: initiations within one 2^24 ns
     * slot carry equal timestamps (the second is refused as a replay), the next slot is greater.
     */
    @Test
    void whitenedTimestampsOrderBySlot() {
        long slotStart = 1_700_000_000L * NANOS_PER_SECOND + 5L * WHITENED_AWAY;
        assertEquals(0, Tai64n.compare(Tai64n.whitened(slotStart), Tai64n.whitened(slotStart + WHITENED_AWAY - 1)));
        assertTrue(Tai64n.compare(Tai64n.whitened(slotStart + WHITENED_AWAY), Tai64n.whitened(slotStart)) > 0);
        // Last slot of one second, then the next second's first slot.
        long lastSlot = 1_700_000_001L * NANOS_PER_SECOND - 1;
        assertTrue(Tai64n.compare(Tai64n.whitened(lastSlot + 1), Tai64n.whitened(lastSlot)) > 0);
    }

    @Test
    void compareIsUnsignedBytewise() {
        byte[] earlier = Tai64n.encode(1_000, 999_999_999);
        byte[] later = Tai64n.encode(1_001, 0);
        assertTrue(Tai64n.compare(later, earlier) > 0);
        assertTrue(Tai64n.compare(earlier, later) < 0);
        assertEquals(0, Tai64n.compare(later, later.clone()));

        // 0x9a vs 0x1a in the nanoseconds: a signed byte compare would get this backwards.
        byte[] high = Tai64n.encode(5, 0x3b9ac9ff);
        byte[] low = Tai64n.encode(5, 0x3b1ac9ff);
        assertTrue(Tai64n.compare(high, low) > 0);
        // So would a signed long compare of a label with the reserved top bit.
        byte[] reserved = HEX.parseHex("800000000000000000000000");
        assertTrue(Tai64n.compare(reserved, Tai64n.encode(Long.MAX_VALUE - Protocol.TAI64_BASE, 0)) > 0);

        // A peer can send any 12 bytes; comparing them must not throw.
        byte[] badNanos = HEX.parseHex("4000000000000000ffffffff");
        assertTrue(Tai64n.compare(badNanos, Tai64n.encode(-10, 999_999_999)) > 0);
    }

    @Test
    void compareRefusesWrongLengths() {
        assertThrows(IllegalArgumentException.class, () -> Tai64n.compare(new byte[11], new byte[12]));
        assertThrows(IllegalArgumentException.class, () -> Tai64n.compare(new byte[12], new byte[13]));
        assertThrows(IllegalArgumentException.class, () -> Tai64n.compare(null, new byte[12]));
    }

    @Test
    void describeCopesWithAnything() {
        assertEquals("TAI64N[null]", Tai64n.describe(null));
        assertTrue(Tai64n.describe(new byte[3]).contains("3 bytes"));
        assertTrue(Tai64n.describe(HEX.parseHex("800000000000000000000000")).contains("reserved"));
        assertTrue(Tai64n.describe(HEX.parseHex("40000000000000003b9aca00")).contains("out of range"));
        String far = Tai64n.describe(HEX.parseHex("7fffffffffffffff00000000"));
        assertTrue(far.contains("Unix second " + (Long.MAX_VALUE - Protocol.TAI64_BASE)), far);

        String whitened = Tai64n.describe(Tai64n.whitened(1_532_126_321_356_537_872L));
        assertTrue(whitened.endsWith("2018-07-20T22:38:41.352321536Z, whitened]"), whitened);
        assertFalse(Tai64n.describe(Tai64n.encode(0, 1)).contains("whitened"));
        assertNotEquals(Tai64n.describe(Tai64n.encode(0, 1)), Tai64n.describe(Tai64n.encode(0, 2)));
    }

    /**
     * Capture time {seconds, nanoseconds} of a 1-based frame in a classic pcap file, either byte order,
     * microsecond or nanosecond resolution.
     */
    private static long[] pcapTimestamp(byte[] pcap, int frame) {
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = Integer.reverseBytes(magic);
        }
        long fractionToNanos = switch (magic) {
            case 0xa1b2c3d4 -> 1_000;
            case 0xa1b23c4d -> 1;
            default -> throw new AssertionError("not a classic pcap file: magic " + Integer.toHexString(magic));
        };
        int at = 24;
        for (int i = 1; i < frame; i++) {
            at += 16 + b.getInt(at + 8);
        }
        return new long[] {Integer.toUnsignedLong(b.getInt(at)), Integer.toUnsignedLong(b.getInt(at + 4)) * fractionToNanos};
    }
}
