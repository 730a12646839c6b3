package io.wgsim.protocol.wire;

/**
 * Transport data, type 4, 32 + n bytes (whitepaper 5.4.6). The encrypted packet starts at
 * {@link #PAYLOAD_OFFSET}; a 32-byte message is a keepalive.
 */
public record TransportData(byte[] bytes) implements Message {
    static final int RECEIVER = 4;
    static final int COUNTER = 8;
    public static final int PAYLOAD_OFFSET = Protocol.TRANSPORT_HEADER_SIZE;

    public TransportData {
        if (bytes.length < Protocol.TRANSPORT_MIN_SIZE) {
            throw new IllegalArgumentException("transport message must be at least " + Protocol.TRANSPORT_MIN_SIZE
                    + " bytes, got " + bytes.length);
        }
        Fields.check(bytes, MessageType.TRANSPORT, bytes.length);
    }

    /** A buffer with the header written and room for {@code sealedLength} bytes of ciphertext and tag. */
    public static byte[] newBuffer(int receiver, long counter, int sealedLength) {
        byte[] b = Fields.header(MessageType.TRANSPORT, PAYLOAD_OFFSET + sealedLength);
        writeHeader(b, receiver, counter);
        return b;
    }

    /** Writes receiver and counter into a transport message buffer whose type and reserved bytes are already set. */
    public static void writeHeader(byte[] message, int receiver, long counter) {
        Fields.writeIntLE(message, RECEIVER, receiver);
        Fields.writeLongLE(message, COUNTER, counter);
    }

    @Override public MessageType type() {
        return MessageType.TRANSPORT;
    }

    public int receiver() {
        return receiverOf(bytes);
    }

    /** The 64-bit counter, unsigned. */
    public long counter() {
        return counterOf(bytes);
    }

    /** The receiver index of the transport message at the start of {@code message}. */
    public static int receiverOf(byte[] message) {
        return Fields.readIntLE(message, RECEIVER);
    }

    /** The counter (unsigned) of the transport message at the start of {@code message}. */
    public static long counterOf(byte[] message) {
        return Fields.readLongLE(message, COUNTER);
    }

    /** Length of ciphertext plus tag. */
    public int sealedLength() {
        return bytes.length - PAYLOAD_OFFSET;
    }

    public boolean isKeepalive() {
        return bytes.length == Protocol.TRANSPORT_MIN_SIZE;
    }
}
