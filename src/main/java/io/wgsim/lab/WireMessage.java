package io.wgsim.lab;

import io.wgsim.protocol.wire.MessageType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A WireGuard datagram as the lab's capture saw it enter the outer network.
 *
 * @param atNanos time since the lab started
 * @param from the sending lab node's name ("?" when the source is not a node)
 * @param to the receiving lab node's name ("?" when unknown)
 * @param type null when the datagram is not a WireGuard message
 * @param receiverIndex transport and response: the receiver index; 0 otherwise
 * @param counter transport: the counter; -1 otherwise
 * @param bytes the UDP payload
 */
public record WireMessage(long atNanos, String from, String to, InetSocketAddress source,
                          InetSocketAddress destination, MessageType type, int length, int receiverIndex,
                          long counter, byte[] bytes) {

    /**
     * A datagram's payload read as WireGuard: its type when the reserved bytes are zero and the size
     * fits the type (else null), and the receiver index and counter where the type has them.
     */
    static WireMessage of(long atNanos, String from, String to, InetSocketAddress source, InetSocketAddress destination,
                          byte[] p) {
        MessageType type = p.length >= 4 && p[1] == 0 && p[2] == 0 && p[3] == 0 ? MessageType.fromWire(p[0] & 0xff) : null;
        if (type != null && (type == MessageType.TRANSPORT ? p.length < type.size() : p.length != type.size())) {
            type = null;
        }
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        int receiver = 0;
        long counter = -1;
        if (type == MessageType.TRANSPORT) {
            receiver = b.getInt(4);
            counter = b.getLong(8);
        } else if (type == MessageType.RESPONSE) {
            receiver = b.getInt(8);
        } else if (type == MessageType.COOKIE_REPLY) {
            receiver = b.getInt(4);
        }
        return new WireMessage(atNanos, from, to, source, destination, type, p.length, receiver, counter, p);
    }

    /** A transport message with an empty payload. */
    public boolean isKeepalive() {
        return type == MessageType.TRANSPORT && length == io.wgsim.protocol.wire.Protocol.TRANSPORT_MIN_SIZE;
    }

    public boolean isData() {
        return type == MessageType.TRANSPORT && !isKeepalive();
    }

    /** "12.345 s alice -> bob initiation 148 B". */
    public String describe() {
        String what = type == null ? "non-WireGuard" : isKeepalive() ? "keepalive"
                : type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return String.format(java.util.Locale.ROOT, "%.3f s %s -> %s %s %d B", atNanos / 1e9, from, to, what, length);
    }
}
