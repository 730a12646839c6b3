package io.wgsim.protocol.wire;

import static io.wgsim.protocol.wire.Protocol.KEY_LENGTH;
import static io.wgsim.protocol.wire.Protocol.MAC_LENGTH;
import static io.wgsim.protocol.wire.Protocol.TAG_LENGTH;

/** Handshake response, type 2, 92 bytes (whitepaper 5.4.3). */
public record Response(byte[] bytes) implements Message {
    static final int SENDER = 4;
    static final int RECEIVER = 8;
    static final int EPHEMERAL = 12;
    static final int EMPTY = EPHEMERAL + KEY_LENGTH;
    public static final int MAC1_OFFSET = EMPTY + TAG_LENGTH;
    public static final int MAC2_OFFSET = MAC1_OFFSET + MAC_LENGTH;

    public Response {
        Fields.check(bytes, MessageType.RESPONSE, Protocol.RESPONSE_SIZE);
    }

    public static Response assemble(int sender, int receiver, byte[] ephemeral, byte[] encryptedNothing) {
        byte[] b = Fields.header(MessageType.RESPONSE, Protocol.RESPONSE_SIZE);
        Fields.writeIntLE(b, SENDER, sender);
        Fields.writeIntLE(b, RECEIVER, receiver);
        System.arraycopy(ephemeral, 0, b, EPHEMERAL, KEY_LENGTH);
        System.arraycopy(encryptedNothing, 0, b, EMPTY, TAG_LENGTH);
        return new Response(b);
    }

    @Override public MessageType type() {
        return MessageType.RESPONSE;
    }

    public int sender() {
        return Fields.readIntLE(bytes, SENDER);
    }

    public int receiver() {
        return Fields.readIntLE(bytes, RECEIVER);
    }

    public byte[] ephemeral() {
        return Fields.slice(bytes, EPHEMERAL, KEY_LENGTH);
    }

    public byte[] encryptedNothing() {
        return Fields.slice(bytes, EMPTY, TAG_LENGTH);
    }
}
