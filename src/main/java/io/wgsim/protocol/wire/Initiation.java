package io.wgsim.protocol.wire;

import static io.wgsim.protocol.wire.Protocol.KEY_LENGTH;
import static io.wgsim.protocol.wire.Protocol.MAC_LENGTH;
import static io.wgsim.protocol.wire.Protocol.TAG_LENGTH;
import static io.wgsim.protocol.wire.Protocol.TIMESTAMP_LENGTH;

/** Handshake initiation, type 1, 148 bytes (whitepaper 5.4.2). */
public record Initiation(byte[] bytes) implements Message {
    static final int SENDER = 4;
    static final int EPHEMERAL = 8;
    static final int STATIC = EPHEMERAL + KEY_LENGTH;
    static final int TIMESTAMP = STATIC + KEY_LENGTH + TAG_LENGTH;
    public static final int MAC1_OFFSET = TIMESTAMP + TIMESTAMP_LENGTH + TAG_LENGTH;
    public static final int MAC2_OFFSET = MAC1_OFFSET + MAC_LENGTH;

    public Initiation {
        Fields.check(bytes, MessageType.INITIATION, Protocol.INITIATION_SIZE);
    }

    /** Assembles an initiation with zero MACs; {@link MacFields} fills them in. */
    public static Initiation assemble(int sender, byte[] ephemeral, byte[] encryptedStatic, byte[] encryptedTimestamp) {
        byte[] b = Fields.header(MessageType.INITIATION, Protocol.INITIATION_SIZE);
        Fields.writeIntLE(b, SENDER, sender);
        System.arraycopy(ephemeral, 0, b, EPHEMERAL, KEY_LENGTH);
        System.arraycopy(encryptedStatic, 0, b, STATIC, KEY_LENGTH + TAG_LENGTH);
        System.arraycopy(encryptedTimestamp, 0, b, TIMESTAMP, TIMESTAMP_LENGTH + TAG_LENGTH);
        return new Initiation(b);
    }

    @Override public MessageType type() {
        return MessageType.INITIATION;
    }

    public int sender() {
        return Fields.readIntLE(bytes, SENDER);
    }

    public byte[] ephemeral() {
        return Fields.slice(bytes, EPHEMERAL, KEY_LENGTH);
    }

    public byte[] encryptedStatic() {
        return Fields.slice(bytes, STATIC, KEY_LENGTH + TAG_LENGTH);
    }

    public byte[] encryptedTimestamp() {
        return Fields.slice(bytes, TIMESTAMP, TIMESTAMP_LENGTH + TAG_LENGTH);
    }
}
