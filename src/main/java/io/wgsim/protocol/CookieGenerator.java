package io.wgsim.protocol;

import io.wgsim.crypto.Blake2s;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.XChaChaPoly;
import io.wgsim.protocol.wire.CookieReply;
import io.wgsim.protocol.wire.Protocol;
import java.nio.charset.StandardCharsets;
import javax.crypto.AEADBadTagException;

/**
 * The sending side of the cookie mechanism, one per peer: stamps mac1 (and mac2 while a cookie from
 * that peer is fresh) on our handshake messages, and takes in the peer's cookie replies. A cookie
 * reply only stores a cookie; it never changes the peer's endpoint.
 */
final class CookieGenerator {
    private final byte[] mac1Key;
    private final byte[] cookieKey;
    private byte[] cookie;
    private long cookieReceivedAt = Long.MIN_VALUE;
    private byte[] lastMac1;

    CookieGenerator(PublicKey remote) {
        this.mac1Key = Blake2s.hash(Protocol.LABEL_MAC1.getBytes(StandardCharsets.US_ASCII), remote.bytes());
        this.cookieKey = Blake2s.hash(Protocol.LABEL_COOKIE.getBytes(StandardCharsets.US_ASCII), remote.bytes());
    }

    /** Writes mac1 and mac2 into {@code message} in place. */
    void stamp(byte[] message, int mac1Offset, long now) {
        byte[] mac1 = Blake2s.mac(mac1Key, message, 0, mac1Offset);
        System.arraycopy(mac1, 0, message, mac1Offset, Protocol.MAC_LENGTH);
        lastMac1 = mac1;
        int mac2Offset = mac1Offset + Protocol.MAC_LENGTH;
        if (hasFreshCookie(now)) {
            byte[] mac2 = Blake2s.mac(cookie, message, 0, mac2Offset);
            System.arraycopy(mac2, 0, message, mac2Offset, Protocol.MAC_LENGTH);
        } else {
            java.util.Arrays.fill(message, mac2Offset, mac2Offset + Protocol.MAC_LENGTH, (byte) 0);
        }
    }

    /** Decrypts a cookie reply to the last message we stamped; refuses one that does not decrypt. */
    void consume(CookieReply reply, long now) throws Refusal {
        if (lastMac1 == null) {
            throw new Refusal(io.wgsim.protocol.wire.DropReason.UNEXPECTED_HANDSHAKE);
        }
        try {
            cookie = XChaChaPoly.open(cookieKey, reply.nonce(), reply.encryptedCookie(), lastMac1);
        } catch (AEADBadTagException e) {
            throw new Refusal(io.wgsim.protocol.wire.DropReason.BAD_COOKIE_REPLY);
        }
        cookieReceivedAt = now;
        // One reply per message: a second copy of the same reply must not refresh the cookie.
        lastMac1 = null;
    }

    boolean hasFreshCookie(long now) {
        return cookie != null && now - cookieReceivedAt < Protocol.COOKIE_REFRESH_TIME.toNanos();
    }
}
