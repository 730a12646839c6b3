package io.wgsim.bench;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.X25519;
import io.wgsim.crypto.ZeroSharedSecretException;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Exactly the X25519 calls of one full handshake, as io.wgsim.protocol.Handshake makes them: two
 * ephemeral public keys (base-point multiplications) and six DHs. The static-static DH is computed
 * once per peer when the peer is added, so it is not part of a handshake. Bouncy Castle's X25519 is
 * constant-time, so fixed keys cost the same as fresh ones.
 */
public final class X25519Work {
    private final byte[] initiatorStatic;
    private final byte[] initiatorStaticPublic;
    private final byte[] responderStatic;
    private final byte[] responderStaticPublic;
    private final byte[] initiatorEphemeral;
    private final byte[] responderEphemeral;

    public X25519Work() {
        Entropy entropy = Entropy.seeded(7);
        initiatorStatic = key(entropy);
        responderStatic = key(entropy);
        initiatorEphemeral = key(entropy);
        responderEphemeral = key(entropy);
        initiatorStaticPublic = X25519.publicKey(initiatorStatic);
        responderStaticPublic = X25519.publicKey(responderStatic);
    }

    private static byte[] key(Entropy entropy) {
        byte[] k = new byte[X25519.KEY_LENGTH];
        entropy.nextBytes(k);
        return X25519.clamp(k);
    }

    public void run(Blackhole bh) throws ZeroSharedSecretException {
        // Initiator, creating the initiation: e, es.
        byte[] ei = X25519.publicKey(initiatorEphemeral);
        bh.consume(X25519.sharedSecret(initiatorEphemeral, responderStaticPublic));
        // Responder, consuming it: es.
        bh.consume(X25519.sharedSecret(responderStatic, ei));
        // Responder, creating the response: e, ee, se.
        byte[] er = X25519.publicKey(responderEphemeral);
        bh.consume(X25519.sharedSecret(responderEphemeral, ei));
        bh.consume(X25519.sharedSecret(responderEphemeral, initiatorStaticPublic));
        // Initiator, consuming the response: ee, se.
        bh.consume(X25519.sharedSecret(initiatorEphemeral, er));
        bh.consume(X25519.sharedSecret(initiatorStatic, er));
    }
}
