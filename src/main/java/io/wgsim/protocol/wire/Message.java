package io.wgsim.protocol.wire;

/**
 * A decoded WireGuard message. Each record holds the datagram's bytes (copied once, at decode or
 * creation) and reads its fields from them; a record can only be built from bytes of the right type,
 * size and reserved bytes, so an invalid message cannot exist.
 */
public sealed interface Message permits Initiation, Response, CookieReply, TransportData {

    MessageType type();

    /** The whole message as sent on the wire. Do not modify. */
    byte[] bytes();

    /** The length of the message in {@link #bytes()}. */
    default int length() {
        return bytes().length;
    }
}
