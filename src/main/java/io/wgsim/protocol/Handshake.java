package io.wgsim.protocol;

import io.wgsim.crypto.Blake2s;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.Tai64n;
import io.wgsim.crypto.X25519;
import io.wgsim.crypto.ZeroSharedSecretException;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.protocol.wire.Response;
import java.nio.charset.StandardCharsets;
import javax.crypto.AEADBadTagException;

/**
 * One peer's Noise IKpsk2 handshake (whitepaper 5.4): create and consume the initiation and the
 * response, then derive the transport keypair. The pairs of methods mirror the kernel's noise.c; the
 * device does the parts that need the device's own key (finding the peer of an initiation) through
 * {@link #decryptInitiator}.
 */
final class Handshake {
    /** C0 = HASH(CONSTRUCTION). */
    static final byte[] INITIAL_CHAINING_KEY = Blake2s.hash(Protocol.CONSTRUCTION.getBytes(StandardCharsets.US_ASCII));
    /** H0 = HASH(C0 || IDENTIFIER). */
    static final byte[] INITIAL_HASH = Blake2s.hash(INITIAL_CHAINING_KEY, Protocol.IDENTIFIER.getBytes(StandardCharsets.US_ASCII));

    private final PrivateKey localStatic;
    private final PublicKey remoteStatic;
    private PresharedKey presharedKey;
    /** DH(local static, remote static); null when the remote key is a low-order point. */
    private final byte[] staticStatic;
    /** H after mixing in the remote static key: where our initiations start (the kernel precomputes it too). */
    private final byte[] hashForRemote;

    HandshakeState state = HandshakeState.ZEROED;
    private SymmetricState symmetric;
    private byte[] localEphemeral;
    private byte[] remoteEphemeral;
    int localIndex;
    int remoteIndex;
    /** The newest TAI64N accepted from this peer; initiations must carry a strictly greater one. */
    private byte[] latestTimestamp = new byte[Protocol.TIMESTAMP_LENGTH];
    /** When the last initiation from this peer was accepted, for the per-peer flood limit. */
    private long lastInitiationConsumed = Long.MIN_VALUE;

    Handshake(PrivateKey localStatic, PublicKey remoteStatic, PresharedKey presharedKey) {
        this.localStatic = localStatic;
        this.remoteStatic = remoteStatic;
        this.presharedKey = presharedKey;
        byte[] ss;
        try {
            ss = X25519.sharedSecret(localStatic, remoteStatic);
        } catch (ZeroSharedSecretException e) {
            ss = null;
        }
        this.staticStatic = ss;
        this.hashForRemote = hashForResponder(remoteStatic);
    }

    void setPresharedKey(PresharedKey psk) {
        this.presharedKey = psk;
    }

    boolean hasValidStaticStatic() {
        return staticStatic != null;
    }

    /** H after mixing in the responder's static key: the starting hash of any handshake to {@code responder}. */
    static byte[] hashForResponder(PublicKey responder) {
        return Blake2s.hash(INITIAL_HASH, responder.bytes());
    }

    // ---- initiator ----

    /** Builds an initiation (MACs still zero) and moves to CREATED_INITIATION. */
    Initiation createInitiation(byte[] ephemeralPrivate, int senderIndex, byte[] timestamp) throws Refusal {
        if (staticStatic == null) {
            throw new Refusal(DropReason.ZERO_SHARED_SECRET);
        }
        SymmetricState s = SymmetricState.resume(INITIAL_CHAINING_KEY, hashForRemote);
        byte[] ephemeralPublic = X25519.publicKey(ephemeralPrivate);
        s.mixHash(ephemeralPublic);
        s.mixKey(ephemeralPublic); // Noise "e" in PSK mode: C = KDF1(C, e)
        s.mixKey(dh(ephemeralPrivate, remoteStatic.bytes()));
        byte[] encryptedStatic = s.encryptAndHash(localStatic.publicKey().bytes());
        s.mixKey(staticStatic);
        byte[] encryptedTimestamp = s.encryptAndHash(timestamp);

        wipe();
        symmetric = s;
        localEphemeral = ephemeralPrivate.clone();
        localIndex = senderIndex;
        state = HandshakeState.CREATED_INITIATION;
        return Initiation.assemble(senderIndex, ephemeralPublic, encryptedStatic, encryptedTimestamp);
    }

    /** Consumes a response to our initiation and moves to CONSUMED_RESPONSE. */
    void consumeResponse(Response response) throws Refusal {
        if (state != HandshakeState.CREATED_INITIATION || response.receiver() != localIndex) {
            throw new Refusal(DropReason.UNEXPECTED_HANDSHAKE);
        }
        SymmetricState s = symmetric.copy();
        byte[] responderEphemeral = response.ephemeral();
        s.mixHash(responderEphemeral);
        s.mixKey(responderEphemeral);
        s.mixKey(dh(localEphemeral, responderEphemeral));
        s.mixKey(dh(localStatic.bytes(), responderEphemeral));
        s.mixKeyAndHash(presharedKey.bytes());
        try {
            s.decryptAndHash(response.encryptedNothing());
        } catch (AEADBadTagException e) {
            throw new Refusal(DropReason.HANDSHAKE_DECRYPT_FAILED);
        }
        symmetric.wipe();
        symmetric = s;
        remoteEphemeral = responderEphemeral;
        remoteIndex = response.sender();
        state = HandshakeState.CONSUMED_RESPONSE;
    }

    // ---- responder ----

    /** What the device learns from the first half of consuming an initiation: who sent it. */
    record DecryptedInitiator(PublicKey initiatorStatic, SymmetricState state, byte[] initiatorEphemeral) {}

    /**
     * The part of consuming an initiation that needs only the device's own key: decrypts the
     * initiator's static public key so the device can find the peer.
     */
    static DecryptedInitiator decryptInitiator(PrivateKey local, byte[] hashForLocal, Initiation initiation) throws Refusal {
        SymmetricState s = SymmetricState.resume(INITIAL_CHAINING_KEY, hashForLocal);
        byte[] initiatorEphemeral = initiation.ephemeral();
        s.mixHash(initiatorEphemeral);
        s.mixKey(initiatorEphemeral);
        s.mixKey(dh(local.bytes(), initiatorEphemeral));
        byte[] initiatorStatic;
        try {
            initiatorStatic = s.decryptAndHash(initiation.encryptedStatic());
        } catch (AEADBadTagException e) {
            throw new Refusal(DropReason.HANDSHAKE_DECRYPT_FAILED);
        }
        return new DecryptedInitiator(PublicKey.of(initiatorStatic), s, initiatorEphemeral);
    }

    /**
     * The peer-specific rest of consuming an initiation: the timestamp must decrypt and be newer than
     * the last one, and initiations must not come faster than the per-peer rate. Moves to
     * CONSUMED_INITIATION.
     */
    void consumeInitiation(DecryptedInitiator first, Initiation initiation, long now) throws Refusal {
        if (staticStatic == null) {
            throw new Refusal(DropReason.ZERO_SHARED_SECRET);
        }
        SymmetricState s = first.state();
        s.mixKey(staticStatic);
        byte[] timestamp;
        try {
            timestamp = s.decryptAndHash(initiation.encryptedTimestamp());
        } catch (AEADBadTagException e) {
            throw new Refusal(DropReason.HANDSHAKE_DECRYPT_FAILED);
        }
        if (Tai64n.compare(timestamp, latestTimestamp) <= 0) {
            throw new Refusal(DropReason.TIMESTAMP_REPLAYED);
        }
        if (lastInitiationConsumed != Long.MIN_VALUE
                && now - lastInitiationConsumed <= Protocol.INITIATIONS_PER_PEER_INTERVAL.toNanos()) {
            throw new Refusal(DropReason.INITIATION_FLOOD);
        }
        wipe();
        symmetric = s;
        remoteEphemeral = first.initiatorEphemeral();
        remoteIndex = initiation.sender();
        latestTimestamp = timestamp;
        lastInitiationConsumed = now;
        state = HandshakeState.CONSUMED_INITIATION;
    }

    /** Builds the response (MACs still zero) and moves to CREATED_RESPONSE. */
    Response createResponse(byte[] ephemeralPrivate, int senderIndex) throws Refusal {
        if (state != HandshakeState.CONSUMED_INITIATION) {
            throw new Refusal(DropReason.UNEXPECTED_HANDSHAKE);
        }
        SymmetricState s = symmetric;
        byte[] ephemeralPublic = X25519.publicKey(ephemeralPrivate);
        s.mixHash(ephemeralPublic);
        s.mixKey(ephemeralPublic);
        s.mixKey(dh(ephemeralPrivate, remoteEphemeral));
        s.mixKey(dh(ephemeralPrivate, remoteStatic.bytes()));
        s.mixKeyAndHash(presharedKey.bytes());
        byte[] encryptedNothing = s.encryptAndHash(new byte[0]);
        localEphemeral = ephemeralPrivate.clone();
        localIndex = senderIndex;
        state = HandshakeState.CREATED_RESPONSE;
        return Response.assemble(senderIndex, remoteIndex, ephemeralPublic, encryptedNothing);
    }

    // ---- both ----

    /** Derives the transport keys after CONSUMED_RESPONSE or CREATED_RESPONSE and zeroes the handshake. */
    SessionKeys beginSession() {
        boolean initiator = state == HandshakeState.CONSUMED_RESPONSE;
        if (!initiator && state != HandshakeState.CREATED_RESPONSE) {
            throw new IllegalStateException("no session to begin in state " + state);
        }
        byte[][] keys = symmetric.split();
        SessionKeys session = initiator
                ? new SessionKeys(keys[0], keys[1], localIndex, remoteIndex, true)
                : new SessionKeys(keys[1], keys[0], localIndex, remoteIndex, false);
        wipe();
        return session;
    }

    /** Transport keys fresh from a handshake, before they become a {@link Keypair}. */
    record SessionKeys(byte[] sendKey, byte[] receiveKey, int localIndex, int remoteIndex, boolean initiator) {}

    /** The local ephemeral private key of the handshake in flight (for key logs only). */
    byte[] localEphemeral() {
        return localEphemeral == null ? null : localEphemeral.clone();
    }

    /** Forgets the handshake in flight (the timestamp and flood records stay: they guard against replay). */
    void wipe() {
        if (symmetric != null) {
            symmetric.wipe();
            symmetric = null;
        }
        if (localEphemeral != null) {
            java.util.Arrays.fill(localEphemeral, (byte) 0);
            localEphemeral = null;
        }
        remoteEphemeral = null;
        state = HandshakeState.ZEROED;
    }

    private static byte[] dh(byte[] privateKey, byte[] publicKey) throws Refusal {
        try {
            return X25519.sharedSecret(privateKey, publicKey);
        } catch (ZeroSharedSecretException e) {
            throw new Refusal(DropReason.ZERO_SHARED_SECRET);
        }
    }
}
