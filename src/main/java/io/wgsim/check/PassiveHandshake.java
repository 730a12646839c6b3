package io.wgsim.check;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.X25519;
import io.wgsim.crypto.ZeroSharedSecretException;
import io.wgsim.protocol.SymmetricState;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Response;
import javax.crypto.AEADBadTagException;

/**
 * Follows a captured handshake with whatever keys were given, as Wireshark's dissector does: each
 * Diffie-Hellman result of Noise IKpsk2 can be computed from either side's private key, so the
 * responder's static key or the initiator's ephemeral key opens the initiation, and either side's
 * ephemeral key (with the initiator's static key when it is the initiator's) opens the response and
 * yields the transport keys. The Noise steps are the core's {@link SymmetricState}.
 */
final class PassiveHandshake {
    private PassiveHandshake() {}

    /**
     * What an initiation revealed.
     *
     * @param initiator the initiator's static public key, or null if it could not be decrypted
     * @param state the handshake state after the timestamp, or null if not reached
     */
    record Opened(PublicKey initiator, SymmetricState state, byte[] ephemeral) {
        static final Opened NOTHING = new Opened(null, null, null);
    }

    /** A session's transport keys, by direction. */
    record TransportKeys(byte[] toResponder, byte[] toInitiator) {
        @Override public String toString() {
            return "TransportKeys[(hidden)]";
        }
    }

    /** Opens an initiation sent to {@code responder} (identified by its mac1). */
    static Opened initiation(KeyRing keys, PublicKey responder, Initiation m) {
        if (responder == null) {
            return Opened.NOTHING;
        }
        byte[] ephemeral = m.ephemeral();
        SymmetricState s = SymmetricState.startOfHandshakeTo(responder);
        s.mixHash(ephemeral);
        s.mixKey(ephemeral);
        PrivateKey responderPrivate = keys.staticPrivate(responder);
        KeyRing.Ephemeral initiatorEphemeral = keys.ephemeral(ephemeral);
        byte[] es = responderPrivate != null ? dh(responderPrivate.bytes(), ephemeral)
                : initiatorEphemeral != null ? dh(initiatorEphemeral.privateKey(), responder.bytes()) : null;
        if (es == null) {
            return Opened.NOTHING;
        }
        s.mixKey(es);
        PublicKey initiator;
        try {
            initiator = PublicKey.of(s.decryptAndHash(m.encryptedStatic()));
        } catch (AEADBadTagException e) {
            return Opened.NOTHING;
        }
        PrivateKey initiatorPrivate = keys.staticPrivate(initiator);
        byte[] ss = responderPrivate != null ? dh(responderPrivate.bytes(), initiator.bytes())
                : initiatorPrivate != null ? dh(initiatorPrivate.bytes(), responder.bytes()) : null;
        if (ss == null) {
            return new Opened(initiator, null, ephemeral);
        }
        s.mixKey(ss);
        try {
            s.decryptAndHash(m.encryptedTimestamp());
        } catch (AEADBadTagException e) {
            return new Opened(initiator, null, ephemeral);
        }
        return new Opened(initiator, s, ephemeral);
    }

    /** The transport keys of the session a response completes, or null when the keys given cannot derive them. */
    static TransportKeys response(KeyRing keys, Opened initiation, Response m) {
        if (initiation.state() == null) {
            return null;
        }
        byte[] responderEphemeral = m.ephemeral();
        KeyRing.Ephemeral re = keys.ephemeral(responderEphemeral);
        KeyRing.Ephemeral ie = keys.ephemeral(initiation.ephemeral());
        PrivateKey initiatorPrivate = keys.staticPrivate(initiation.initiator());
        byte[] ee;
        byte[] se;
        if (re != null) {
            ee = dh(re.privateKey(), initiation.ephemeral());
            se = dh(re.privateKey(), initiation.initiator().bytes());
        } else if (ie != null && initiatorPrivate != null) {
            ee = dh(ie.privateKey(), responderEphemeral);
            se = dh(initiatorPrivate.bytes(), responderEphemeral);
        } else {
            return null;
        }
        if (ee == null || se == null) {
            return null;
        }
        PresharedKey logged = re != null && re.presharedKey() != null ? re.presharedKey()
                : ie != null ? ie.presharedKey() : null;
        for (PresharedKey psk : keys.presharedKeysFor(logged)) {
            SymmetricState s = initiation.state().copy();
            s.mixHash(responderEphemeral);
            s.mixKey(responderEphemeral);
            s.mixKey(ee);
            s.mixKey(se);
            s.mixKeyAndHash(psk.bytes());
            try {
                s.decryptAndHash(m.encryptedNothing());
            } catch (AEADBadTagException wrongPsk) {
                continue;
            }
            byte[][] split = s.split();
            return new TransportKeys(split[0], split[1]);
        }
        return null;
    }

    private static byte[] dh(byte[] privateKey, byte[] publicKey) {
        try {
            return X25519.sharedSecret(privateKey, publicKey);
        } catch (ZeroSharedSecretException e) {
            return null;
        }
    }
}
