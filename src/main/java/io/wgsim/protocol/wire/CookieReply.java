package io.wgsim.protocol.wire;

import static io.wgsim.protocol.wire.Protocol.COOKIE_LENGTH;
import static io.wgsim.protocol.wire.Protocol.COOKIE_NONCE_LENGTH;
import static io.wgsim.protocol.wire.Protocol.TAG_LENGTH;

/** Cookie reply, type 3, 64 bytes (whitepaper 5.4.7). */
public record CookieReply(byte[] bytes) implements Message {
    static final int RECEIVER = 4;
    static final int NONCE = 8;
    static final int COOKIE = NONCE + COOKIE_NONCE_LENGTH;

    public CookieReply {
        Fields.check(bytes, MessageType.COOKIE_REPLY, Protocol.COOKIE_REPLY_SIZE);
    }

    public static CookieReply assemble(int receiver, byte[] nonce, byte[] encryptedCookie) {
        byte[] b = Fields.header(MessageType.COOKIE_REPLY, Protocol.COOKIE_REPLY_SIZE);
        Fields.writeIntLE(b, RECEIVER, receiver);
        System.arraycopy(nonce, 0, b, NONCE, COOKIE_NONCE_LENGTH);
        System.arraycopy(encryptedCookie, 0, b, COOKIE, COOKIE_LENGTH + TAG_LENGTH);
        return new CookieReply(b);
    }

    @Override public MessageType type() {
        return MessageType.COOKIE_REPLY;
    }

    public int receiver() {
        return Fields.readIntLE(bytes, RECEIVER);
    }

    public byte[] nonce() {
        return Fields.slice(bytes, NONCE, COOKIE_NONCE_LENGTH);
    }

    public byte[] encryptedCookie() {
        return Fields.slice(bytes, COOKIE, COOKIE_LENGTH + TAG_LENGTH);
    }
}
