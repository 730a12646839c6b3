package io.wgsim.protocol.wire;

import java.util.Arrays;

/**
 * Strict decoding of datagrams into messages: exact sizes, zero reserved bytes, a known type. It never
 * throws on input; a refusal comes back as {@link Malformed} with its reason.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /** What decoding gives: a message, or the reason it is not one. */
    public sealed interface Decoded permits Decoded.Ok, Malformed {
        record Ok(Message message) implements Decoded {}
    }

    public record Malformed(DropReason reason) implements Decoded {}

    private static final Malformed UNKNOWN_TYPE = new Malformed(DropReason.UNKNOWN_TYPE);
    private static final Malformed WRONG_SIZE = new Malformed(DropReason.WRONG_SIZE);
    private static final Malformed RESERVED_NONZERO = new Malformed(DropReason.RESERVED_NONZERO);

    /** Decodes {@code datagram[0..length)}; the bytes are copied. */
    public static Decoded decode(byte[] datagram, int length) {
        return decode(datagram, length, true);
    }

    /**
     * Decodes like {@link #decode(byte[], int)}, except that a message filling the whole array keeps
     * that array rather than a copy. Only for a caller that is done with the message before the array
     * changes: the Device reads a received datagram during the call and keeps nothing of it, and
     * copying a full-size transport message was a measurable part of the receive path.
     */
    public static Decoded decodeInPlace(byte[] datagram, int length) {
        return decode(datagram, length, false);
    }

    /**
     * Why {@code datagram[0..length)} is not a well-formed message (unknown type, wrong size, reserved
     * bytes set), or null when it is one. Reads only the first four bytes and the length, so the
     * device can take transport data where it lies without building a message around it.
     */
    public static DropReason refusal(byte[] datagram, int length) {
        Malformed m = check(datagram, length);
        return m == null ? null : m.reason();
    }

    private static Malformed check(byte[] datagram, int length) {
        if (datagram == null || length < 4 || length > datagram.length) {
            return UNKNOWN_TYPE;
        }
        MessageType type = MessageType.fromWire(datagram[0] & 0xff);
        if (type == null) {
            return UNKNOWN_TYPE;
        }
        boolean sizeOk = type == MessageType.TRANSPORT ? length >= type.size() : length == type.size();
        if (!sizeOk) {
            return WRONG_SIZE;
        }
        if (datagram[1] != 0 || datagram[2] != 0 || datagram[3] != 0) {
            return RESERVED_NONZERO;
        }
        return null;
    }

    private static Decoded decode(byte[] datagram, int length, boolean copy) {
        Malformed bad = check(datagram, length);
        if (bad != null) {
            return bad;
        }
        MessageType type = MessageType.fromWire(datagram[0] & 0xff);
        byte[] b = copy || length != datagram.length ? Arrays.copyOf(datagram, length) : datagram;
        Message m = switch (type) {
            case INITIATION -> new Initiation(b);
            case RESPONSE -> new Response(b);
            case COOKIE_REPLY -> new CookieReply(b);
            case TRANSPORT -> new TransportData(b);
        };
        return new Decoded.Ok(m);
    }

    public static Decoded decode(byte[] datagram) {
        return decode(datagram, datagram == null ? 0 : datagram.length);
    }
}
