package io.wgsim.protocol;

import io.wgsim.crypto.Blake2s;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.XChaChaPoly;
import io.wgsim.protocol.wire.CookieReply;
import io.wgsim.protocol.wire.Protocol;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The receiving side of the cookie mechanism (whitepaper 5.4.4, 5.4.7): checks mac1 of every handshake
 * message against our own public key, checks mac2 against a cookie bound to the sender's address, and
 * writes cookie replies. The cookie secret is random and replaced every two minutes.
 */
final class CookieChecker {
    private final byte[] mac1Key;
    private final byte[] cookieKey;
    private final Entropy entropy;
    private final byte[] secret = new byte[Protocol.KEY_LENGTH];
    private long secretBornAt = Long.MIN_VALUE;

    CookieChecker(PublicKey local, Entropy entropy) {
        this.mac1Key = Blake2s.hash(Protocol.LABEL_MAC1.getBytes(StandardCharsets.US_ASCII), local.bytes());
        this.cookieKey = Blake2s.hash(Protocol.LABEL_COOKIE.getBytes(StandardCharsets.US_ASCII), local.bytes());
        this.entropy = entropy;
    }

    /**
     * Checks the MACs of a handshake message whose mac1 starts at {@code mac1Offset}. mac2 is only
     * looked at when {@code checkCookie} (the device is under load).
     */
    MacCheck check(byte[] message, int mac1Offset, InetSocketAddress source, long now, boolean checkCookie) {
        byte[] mac1 = Blake2s.mac(mac1Key, message, 0, mac1Offset);
        if (!MessageDigest.isEqual(mac1, java.util.Arrays.copyOfRange(message, mac1Offset, mac1Offset + Protocol.MAC_LENGTH))) {
            return MacCheck.INVALID_MAC1;
        }
        if (!checkCookie || !secretIsFresh(now)) {
            return MacCheck.VALID_MAC1_NO_COOKIE;
        }
        int mac2Offset = mac1Offset + Protocol.MAC_LENGTH;
        byte[] mac2 = Blake2s.mac(cookieFor(source), message, 0, mac2Offset);
        boolean ok = MessageDigest.isEqual(mac2, java.util.Arrays.copyOfRange(message, mac2Offset, mac2Offset + Protocol.MAC_LENGTH));
        return ok ? MacCheck.VALID_COOKIE : MacCheck.VALID_MAC1_NO_COOKIE;
    }

    /** A cookie reply to the handshake message from {@code source} whose sender index is {@code receiver}. */
    CookieReply createReply(byte[] message, int mac1Offset, int receiver, InetSocketAddress source, long now) {
        if (!secretIsFresh(now)) {
            entropy.nextBytes(secret);
            secretBornAt = now;
        }
        byte[] nonce = new byte[Protocol.COOKIE_NONCE_LENGTH];
        entropy.nextBytes(nonce);
        byte[] mac1 = java.util.Arrays.copyOfRange(message, mac1Offset, mac1Offset + Protocol.MAC_LENGTH);
        byte[] sealed = XChaChaPoly.seal(cookieKey, nonce, cookieFor(source), mac1);
        return CookieReply.assemble(receiver, nonce, sealed);
    }

    private boolean secretIsFresh(long now) {
        return secretBornAt != Long.MIN_VALUE && now - secretBornAt < Protocol.COOKIE_REFRESH_TIME.toNanos();
    }

    /** cookie = MAC(secret, source IP || source port), the port in network order as the kernel does. */
    private byte[] cookieFor(InetSocketAddress source) {
        byte[] ip = source.getAddress().getAddress();
        int port = source.getPort();
        return Blake2s.mac(secret, ip, new byte[] {(byte) (port >>> 8), (byte) port});
    }
}
