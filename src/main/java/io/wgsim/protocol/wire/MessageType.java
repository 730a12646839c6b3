package io.wgsim.protocol.wire;

/** The four WireGuard message types with their wire values (first byte of every datagram). */
public enum MessageType {
    INITIATION(1, Protocol.INITIATION_SIZE),
    RESPONSE(2, Protocol.RESPONSE_SIZE),
    COOKIE_REPLY(3, Protocol.COOKIE_REPLY_SIZE),
    TRANSPORT(4, Protocol.TRANSPORT_MIN_SIZE);

    private final int wireValue;
    private final int minSize;

    MessageType(int wireValue, int minSize) {
        this.wireValue = wireValue;
        this.minSize = minSize;
    }

    public int wireValue() {
        return wireValue;
    }

    /** Exact size for handshake messages and cookie replies; the minimum (a keepalive) for transport. */
    public int size() {
        return minSize;
    }

    /** The type for a wire value, or null when there is none. */
    public static MessageType fromWire(int value) {
        return switch (value) {
            case 1 -> INITIATION;
            case 2 -> RESPONSE;
            case 3 -> COOKIE_REPLY;
            case 4 -> TRANSPORT;
            default -> null;
        };
    }
}
