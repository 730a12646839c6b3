package io.wgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.crypto.ChaChaPoly;
import io.wgsim.crypto.X25519;
import io.wgsim.testing.Vectors;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The cacophony Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s vector run through {@link SymmetricState}: both
 * handshake messages, the handshake hash and the transport messages after Split(), from both roles.
 */
class NoiseVectorTest {
    private static final HexFormat HEX = HexFormat.of();

    private static JsonNode vector() {
        JsonNode all = Vectors.json("cacophony-IK-IKpsk2-25519-ChaChaPoly-BLAKE2s.json").get("vectors");
        for (JsonNode v : all) {
            if (v.get("protocol_name").asText().equals("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s")) {
                return v;
            }
        }
        throw new AssertionError("no Noise_IKpsk2 vector in the cacophony file");
    }

    private static byte[] h(JsonNode v, String field) {
        return HEX.parseHex(v.get(field).asText());
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    @Test
    void ikPsk2VectorIsReproduced() throws Exception {
        JsonNode v = vector();
        byte[] psk = HEX.parseHex(v.get("init_psks").get(0).asText());
        byte[] iStatic = h(v, "init_static");
        byte[] iEphemeral = h(v, "init_ephemeral");
        byte[] rStatic = h(v, "resp_static");
        byte[] rEphemeral = h(v, "resp_ephemeral");
        byte[] rStaticPub = X25519.publicKey(rStatic);
        assertArrayEquals(h(v, "init_remote_static"), rStaticPub, "initiator knows the responder's static key");
        JsonNode messages = v.get("messages");

        // Initiator writes message 1: e, es, s, ss, payload.
        SymmetricState i = SymmetricState.initialize(v.get("protocol_name").asText());
        i.mixHash(h(v, "init_prologue"));
        i.mixHash(rStaticPub);
        byte[] ePub = X25519.publicKey(iEphemeral);
        i.mixHash(ePub);
        i.mixKey(ePub);
        i.mixKey(X25519.scalarMult(iEphemeral, rStaticPub));
        byte[] encS = i.encryptAndHash(X25519.publicKey(iStatic));
        i.mixKey(X25519.scalarMult(iStatic, rStaticPub));
        byte[] encPayload = i.encryptAndHash(h(messages.get(0), "payload"));
        assertEquals(messages.get(0).get("ciphertext").asText(), HEX.formatHex(concat(ePub, encS, encPayload)), "message 1");

        // Responder reads message 1.
        SymmetricState r = SymmetricState.initialize(v.get("protocol_name").asText());
        r.mixHash(h(v, "resp_prologue"));
        r.mixHash(rStaticPub);
        r.mixHash(ePub);
        r.mixKey(ePub);
        r.mixKey(X25519.scalarMult(rStatic, ePub));
        byte[] initiatorStatic = r.decryptAndHash(encS);
        assertArrayEquals(X25519.publicKey(iStatic), initiatorStatic);
        r.mixKey(X25519.scalarMult(rStatic, initiatorStatic));
        assertArrayEquals(h(messages.get(0), "payload"), r.decryptAndHash(encPayload));

        // Responder writes message 2: e, ee, se, psk, payload.
        byte[] rePub = X25519.publicKey(rEphemeral);
        r.mixHash(rePub);
        r.mixKey(rePub);
        r.mixKey(X25519.scalarMult(rEphemeral, ePub));
        r.mixKey(X25519.scalarMult(rEphemeral, initiatorStatic));
        r.mixKeyAndHash(psk);
        byte[] enc2 = r.encryptAndHash(h(messages.get(1), "payload"));
        assertEquals(messages.get(1).get("ciphertext").asText(), HEX.formatHex(concat(rePub, enc2)), "message 2");

        // Initiator reads message 2.
        i.mixHash(rePub);
        i.mixKey(rePub);
        i.mixKey(X25519.scalarMult(iEphemeral, rePub));
        i.mixKey(X25519.scalarMult(iStatic, rePub));
        i.mixKeyAndHash(psk);
        assertArrayEquals(h(messages.get(1), "payload"), i.decryptAndHash(enc2));

        assertEquals(v.get("handshake_hash").asText(), HEX.formatHex(i.hash()));
        assertEquals(v.get("handshake_hash").asText(), HEX.formatHex(r.hash()));

        // Transport: messages alternate initiator -> responder, responder -> initiator.
        byte[][] ik = i.split();
        byte[][] rk = r.split();
        assertArrayEquals(ik[0], rk[0]);
        assertArrayEquals(ik[1], rk[1]);
        long[] nonces = {0, 0};
        for (int m = 2; m < messages.size(); m++) {
            int dir = m % 2; // 0: initiator sends, 1: responder sends
            byte[] ct = ChaChaPoly.seal(ik[dir], nonces[dir]++, h(messages.get(m), "payload"), null);
            assertEquals(messages.get(m).get("ciphertext").asText(), HEX.formatHex(ct), "transport message " + m);
        }
        assertEquals(6, messages.size());
    }
}
