package io.wgsim.lab;

import io.wgsim.protocol.wire.MessageType;
import java.net.InetSocketAddress;

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
