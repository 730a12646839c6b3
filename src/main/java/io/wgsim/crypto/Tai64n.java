package io.wgsim.crypto;

import io.wgsim.protocol.wire.Protocol;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 12-byte TAI64N timestamp of a handshake initiation: the 64-bit TAI64 label (Unix seconds +
 * {@link Protocol#TAI64_BASE}) then 32-bit nanoseconds, both big-endian. Callers pass the time in;
 * nothing here reads a clock.
 */
public final class Tai64n {
    public static final int LENGTH = Protocol.TIMESTAMP_LENGTH;

    private static final int NANOS_PER_SECOND = 1_000_000_000;
    private static final HexFormat HEX = HexFormat.of();

    private Tai64n() {}

    /** The timestamp of {@code unixSeconds} and {@code nanos} (0..999,999,999), as given. */
    public static byte[] encode(long unixSeconds, int nanos) {
        if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
            throw new IllegalArgumentException("nanoseconds must be in 0..999999999, got " + nanos);
        }
        long label;
        try {
            label = Math.addExact(Protocol.TAI64_BASE, unixSeconds);
        } catch (ArithmeticException e) {
            label = -1;
        }
        // Labels of 2^63 and above are reserved by TAI64; the signed long shows them as negative.
        if (label < 0) {
            throw new IllegalArgumentException("Unix second " + unixSeconds + " has no TAI64 label");
        }
        return ByteBuffer.allocate(LENGTH).putLong(label).putInt(nanos).array();
    }

    /**
     * The timestamp an implementation like wireguard-go sends at {@code unixEpochNanos}: the
     * nanoseconds lose their low 24 bits so that initiations do not reveal precise timing.
     */
    public static byte[] whitened(long unixEpochNanos) {
        // Floor division keeps nanos in 0..999999999 before 1970 too, as Go's Unix()/Nanosecond() do.
        long seconds = Math.floorDiv(unixEpochNanos, NANOS_PER_SECOND);
        int nanos = Math.floorMod(unixEpochNanos, NANOS_PER_SECOND);
        return encode(seconds, nanos & ~Protocol.TAI64N_WHITENER_MASK);
    }

    /**
     * Orders two timestamps as unsigned big-endian numbers, which is how every implementation compares
     * them; the responder accepts an initiation only if {@code compare(received, lastAccepted) > 0}.
     * Works on any 12 bytes a peer sent, well-formed or not.
     */
    public static int compare(byte[] a, byte[] b) {
        checkLength(a);
        checkLength(b);
        return Arrays.compareUnsigned(a, b);
    }

    /** A one-line human reading, for diagnostics; never throws, whatever the peer sent. */
    public static String describe(byte[] timestamp) {
        if (timestamp == null) {
            return "TAI64N[null]";
        }
        String hex = HEX.formatHex(timestamp);
        if (timestamp.length != LENGTH) {
            return "TAI64N[" + hex + ": " + timestamp.length + " bytes, not " + LENGTH + "]";
        }
        ByteBuffer b = ByteBuffer.wrap(timestamp);
        long label = b.getLong();
        long nanos = Integer.toUnsignedLong(b.getInt());
        if (label < 0) {
            return "TAI64N[" + hex + ": reserved label (top bit set)]";
        }
        if (nanos >= NANOS_PER_SECOND) {
            return "TAI64N[" + hex + ": nanoseconds " + nanos + " out of range]";
        }
        long unixSeconds = label - Protocol.TAI64_BASE;
        String whitened = (nanos & Protocol.TAI64N_WHITENER_MASK) == 0 ? ", whitened" : "";
        try {
            return "TAI64N[" + hex + " = " + Instant.ofEpochSecond(unixSeconds, nanos) + whitened + "]";
        } catch (DateTimeException e) {
            return "TAI64N[" + hex + " = Unix second " + unixSeconds + " + " + nanos + " ns" + whitened + "]";
        }
    }

    private static void checkLength(byte[] timestamp) {
        if (timestamp == null || timestamp.length != LENGTH) {
            throw new IllegalArgumentException("a TAI64N timestamp is " + LENGTH + " bytes, got "
                    + (timestamp == null ? "null" : timestamp.length));
        }
    }
}
