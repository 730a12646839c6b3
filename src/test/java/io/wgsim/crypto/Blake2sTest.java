package io.wgsim.crypto;

import static io.wgsim.crypto.TestBytes.concat;
import static io.wgsim.crypto.TestBytes.randomBytes;
import static io.wgsim.crypto.TestBytes.slice;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class Blake2sTest {
    private static final String KAT = "blake2s-kat.json";
    private static final String DERIVED = "wireguard-ping-tcp+psk.derived-vectors.json";
    private static final int[] KEY_LENGTHS = {0, 1, 16, 32, 63, 64, 65, 128};
    private static final int[] DATA_LENGTHS = {0, 1, 63, 64, 65, 200};

    /**
     * The 512 BLAKE2s entries of the reference KAT: 256 unkeyed (through Blake2s.hash) and 256 keyed
     * with key 00..1f (through a keyed 32-byte Bouncy Castle digest, as Blake2s.mac only makes 16-byte
     * outputs), inputs 00 01 02 ... of every length 0..255.
     */
    @Test
    void referenceKnownAnswers() {
        JsonNode kat = Vectors.json(KAT);
        assertEquals(512, kat.size(), "entries in " + KAT);
        Set<Integer> unkeyedLengths = new HashSet<>();
        Set<Integer> keyedLengths = new HashSet<>();
        List<Executable> checks = new ArrayList<>();
        for (JsonNode entry : kat) {
            assertEquals("blake2s", entry.path("hash").asText());
            byte[] in = Vectors.hex(entry, "in");
            byte[] key = Vectors.hex(entry, "key");
            byte[] out = Vectors.hex(entry, "out");
            String label = (key.length == 0 ? "unkeyed" : "keyed") + ", input length " + in.length;
            if (key.length == 0) {
                unkeyedLengths.add(in.length);
                checks.add(() -> {
                    assertArrayEquals(out, Blake2s.hash(in), label);
                    // Parts are concatenated: any split gives the same hash.
                    int cut = in.length / 3;
                    assertArrayEquals(out, Blake2s.hash(slice(in, 0, cut), slice(in, cut, in.length)), label);
                });
            } else {
                assertArrayEquals(sequence(32), key, "the KAT's key");
                keyedLengths.add(in.length);
                checks.add(() -> assertArrayEquals(out, keyedDigest(key, 32, in), label));
            }
        }
        assertAll("BLAKE2s KAT", checks.stream());
        Set<Integer> allLengths = new HashSet<>();
        for (int i = 0; i < 256; i++) {
            allLengths.add(i);
        }
        assertEquals(allLengths, unkeyedLengths, "unkeyed entries cover input lengths 0..255 once each");
        assertEquals(allLengths, keyedLengths, "keyed entries cover input lengths 0..255 once each");
    }

    /** HASH(CONSTRUCTION), HASH(C0 || IDENTIFIER) and the mac1 keys as the derived vectors give them. */
    @Test
    void handshakeConstantsAndMac1Keys() {
        JsonNode derived = Vectors.json(DERIVED);
        JsonNode constants = derived.path("constants");
        byte[] c0 = Blake2s.hash(ascii(Protocol.CONSTRUCTION));
        assertArrayEquals(Vectors.hex(constants, "C0=HASH(CONSTRUCTION)"), c0);
        assertArrayEquals(Vectors.hex(constants, "H0=HASH(C0||IDENTIFIER)"), Blake2s.hash(c0, ascii(Protocol.IDENTIFIER)));
        for (String who : new String[] {"i", "r"}) {
            PublicKey pub = PublicKey.fromBase64(derived.path("public_keys_base64").path("Spub_" + who).asText());
            assertArrayEquals(Vectors.hex(constants, "mac1_key(Spub_" + who + ")=HASH('mac1----'||Spub_" + who + ")"),
                    mac1Key(pub), "mac1 key of Spub_" + who);
        }
    }

    /**
     * mac1 of the 8 handshake messages in the captures: MAC(HASH("mac1----" || receiver's static
     * public key), message up to mac1). The initiation goes to the responder, the response to the
     * initiator.
     */
    @Test
    void mac1OfCapturedHandshakeMessages() {
        JsonNode derived = Vectors.json(DERIVED);
        JsonNode handshakes = derived.path("handshakes");
        assertEquals(4, handshakes.size(), "handshakes in " + DERIVED);
        int checked = 0;
        for (JsonNode h : handshakes) {
            PublicKey initiator = staticPublic(derived, h.path("initiator_static_private").asText());
            PublicKey responder = staticPublic(derived, h.path("responder_static_private").asText());
            byte[] initiation = Vectors.hex(h, "initiation_hex");
            byte[] response = Vectors.hex(h, "response_hex");
            assertEquals(Protocol.INITIATION_SIZE, initiation.length);
            assertEquals(Protocol.RESPONSE_SIZE, response.length);
            int initiationMac1 = Protocol.INITIATION_SIZE - 2 * Protocol.MAC_LENGTH;
            int responseMac1 = Protocol.RESPONSE_SIZE - 2 * Protocol.MAC_LENGTH;
            String label = "initiation frame " + h.path("initiation_frame").asInt() + " of " + h.path("capture").asText();
            assertArrayEquals(slice(initiation, initiationMac1, initiationMac1 + Protocol.MAC_LENGTH),
                    Blake2s.mac(mac1Key(responder), initiation, 0, initiationMac1), label);
            assertArrayEquals(slice(response, responseMac1, responseMac1 + Protocol.MAC_LENGTH),
                    Blake2s.mac(mac1Key(initiator), response, 0, responseMac1), label.replace("initiation", "response"));
            checked += 2;
        }
        assertEquals(8, checked);
    }

    /** MAC is keyed BLAKE2s with the digest length set to 16, for the two key sizes WireGuard uses. */
    @Test
    void macIsKeyedBlake2sWith16ByteOutput() {
        SplittableRandom rng = new SplittableRandom(41);
        for (int keyLength : new int[] {Protocol.COOKIE_LENGTH, Protocol.KEY_LENGTH}) {
            for (int dataLength : DATA_LENGTHS) {
                byte[] key = randomBytes(rng, keyLength);
                byte[] data = randomBytes(rng, dataLength);
                byte[] expected = keyedDigest(key, Blake2s.MAC_LENGTH, data);
                String label = "key " + keyLength + " bytes, data " + dataLength + " bytes";
                assertArrayEquals(expected, Blake2s.mac(key, data), label);
                assertArrayEquals(expected, Blake2s.mac(key, slice(data, 0, dataLength / 2),
                        slice(data, dataLength / 2, dataLength)), label + ", in two parts");
                byte[] framed = concat(new byte[3], data, new byte[5]);
                assertArrayEquals(expected, Blake2s.mac(key, framed, 3, dataLength), label + ", as a slice");
                // The output length is a BLAKE2 parameter, so a 16-byte MAC is not a cut 32-byte hash.
                assertFalse(Arrays.equals(expected, slice(keyedDigest(key, 32, data), 0, 16)), label);
            }
        }
    }

    /** HMAC-BLAKE2s against Bouncy Castle's generic RFC 2104 HMAC over its BLAKE2s digest. */
    @Test
    void hmacMatchesGenericHmacOverBlake2s() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int keyLength : KEY_LENGTHS) {
            for (int dataLength : DATA_LENGTHS) {
                byte[] key = randomBytes(rng, keyLength);
                byte[] data = randomBytes(rng, dataLength);
                byte[] expected = referenceHmac(key, data);
                String label = "key " + keyLength + " bytes, data " + dataLength + " bytes";
                int cut = dataLength / 2;
                assertArrayEquals(expected, Blake2s.hmac(key, data), label);
                assertArrayEquals(expected, Blake2s.hmac(key, slice(data, 0, cut), slice(data, cut, dataLength)),
                        label + ", in two parts");
            }
        }
    }

    /**
     * KDF_n as the WireGuard paper defines it (section 5.4): t0 = HMAC(key, input), t1 = HMAC(t0, 0x1),
     * t_i = HMAC(t0, t_{i-1} || i), computed here with the reference HMAC.
     */
    /** hash and hmac reuse one digest per thread; a call that failed half-way must not leak into the next. */
    @Test
    void aCallThatFailedHalfWayDoesNotSpoilTheNext() {
        SplittableRandom rng = new SplittableRandom(44);
        byte[] a = randomBytes(rng, 100);
        byte[] key = randomBytes(rng, 32);
        byte[] expectedHash = Blake2s.hash(a);
        byte[] expectedHmac = Blake2s.hmac(key, a);
        assertThrows(NullPointerException.class, () -> Blake2s.hash(a, null));
        assertArrayEquals(expectedHash, Blake2s.hash(a));
        assertThrows(NullPointerException.class, () -> Blake2s.hmac(key, a, null));
        assertArrayEquals(expectedHmac, Blake2s.hmac(key, a));
        Blake2sDigest fresh = new Blake2sDigest(256);
        fresh.update(a, 0, a.length);
        byte[] reference = new byte[32];
        fresh.doFinal(reference, 0);
        assertArrayEquals(reference, expectedHash);
    }

    @Test
    void kdfFollowsThePaper() {
        SplittableRandom rng = new SplittableRandom(43);
        for (int inputLength : new int[] {0, 32, 100}) {
            byte[] key = randomBytes(rng, 32);
            byte[] input = randomBytes(rng, inputLength);
            byte[] t0 = referenceHmac(key, input);
            byte[] t1 = referenceHmac(t0, new byte[] {1});
            byte[] t2 = referenceHmac(t0, concat(t1, new byte[] {2}));
            byte[] t3 = referenceHmac(t0, concat(t2, new byte[] {3}));
            String label = "input " + inputLength + " bytes";
            assertArrayEquals(t1, Blake2s.kdf1(key, input), label);
            assertArrayEquals(new byte[][] {t1, t2}, Blake2s.kdf2(key, input), label);
            assertArrayEquals(new byte[][] {t1, t2, t3}, Blake2s.kdf3(key, input), label);
        }
        assertThrows(IllegalArgumentException.class, () -> Blake2s.kdf(0, new byte[32], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Blake2s.kdf(4, new byte[32], new byte[0]));
    }

    private static byte[] keyedDigest(byte[] key, int outLength, byte[] data) {
        Blake2sDigest d = new Blake2sDigest(key, outLength, null, null);
        d.update(data, 0, data.length);
        byte[] out = new byte[outLength];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] referenceHmac(byte[] key, byte[] data) {
        HMac hmac = new HMac(new Blake2sDigest(256));
        hmac.init(new KeyParameter(key));
        hmac.update(data, 0, data.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }

    private static byte[] mac1Key(PublicKey receiver) {
        return Blake2s.hash(ascii(Protocol.LABEL_MAC1), receiver.bytes());
    }

    private static PublicKey staticPublic(JsonNode derived, String privateKeyName) {
        JsonNode base64 = derived.path("keys_base64").path(privateKeyName);
        assertFalse(base64.isMissingNode(), "no key named " + privateKeyName);
        return PrivateKey.fromBase64(base64.asText()).publicKey();
    }

    private static byte[] sequence(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) i;
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
