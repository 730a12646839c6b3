package io.wgsim.crypto;

import static io.wgsim.crypto.TestBytes.randomBytes;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.testing.Vectors;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** PublicKey, PrivateKey and PresharedKey: wg(8) base64, length checks, clamping, no leaks. */
class KeysTest {
    private static final String DERIVED = "wireguard-ping-tcp+psk.derived-vectors.json";
    private static final List<Function<String, Object>> PARSERS =
            List.of(PublicKey::fromBase64, PrivateKey::fromBase64, PresharedKey::fromBase64);

    /** The Wireshark test keys: each private key gives the published public key; all round-trip. */
    @Test
    void captureKeysDeriveTheirPublicKeysAndRoundTrip() {
        JsonNode derived = Vectors.json(DERIVED);
        JsonNode privates = derived.path("keys_base64");
        JsonNode publics = derived.path("public_keys_base64");
        assertEquals(2, publics.size());
        for (String who : new String[] {"i", "r"}) {
            String pub = publics.path("Spub_" + who).asText();
            PrivateKey priv = PrivateKey.fromBase64(privates.path("Spriv_" + who).asText());
            assertEquals(pub, priv.publicKey().toBase64(), "public key of Spriv_" + who);
            assertEquals(PublicKey.fromBase64(pub), priv.publicKey());
            assertEquals(pub, PublicKey.fromBase64(pub).toBase64());
        }
        for (String psk : new String[] {"psk2", "psk3"}) {
            String text = privates.path(psk).asText();
            PresharedKey key = PresharedKey.fromBase64(text);
            assertEquals(text, key.toBase64());
            assertFalse(key.isNone(), psk);
        }
    }

    @Test
    void bytesAndBase64RoundTrip() {
        SplittableRandom rng = new SplittableRandom(51);
        for (int i = 0; i < 20; i++) {
            byte[] raw = randomBytes(rng, 32);
            String text = Base64.getEncoder().encodeToString(raw);
            assertEquals(text, PublicKey.of(raw).toBase64());
            assertArrayEquals(raw, PublicKey.fromBase64(text).bytes());
            assertArrayEquals(raw, PresharedKey.fromBase64(text).bytes());
            assertEquals(PresharedKey.of(raw), PresharedKey.fromBase64(text));
            byte[] clamped = X25519.clamp(raw.clone());
            assertArrayEquals(clamped, PrivateKey.fromBase64(text).bytes());
            assertEquals(PrivateKey.of(clamped), PrivateKey.fromBase64(PrivateKey.of(raw).toBase64()));
        }
    }

    @Test
    void surroundingWhitespaceIsTolerated() {
        String text = Base64.getEncoder().encodeToString(randomBytes(new SplittableRandom(52), 32));
        assertEquals(PublicKey.fromBase64(text), PublicKey.fromBase64("  " + text + "\n"));
    }

    @Test
    void malformedBase64IsRefusedByEveryKeyType() {
        String good = Base64.getEncoder().encodeToString(randomBytes(new SplittableRandom(53), 32));
        String zero = "A".repeat(43) + "=";
        List<String> bad = Arrays.asList(
                null,
                "",
                good.substring(1),                       // 43 characters
                good + "A",                              // 45 characters
                good.substring(0, 43) + "A",             // no padding
                "!" + good.substring(1),                 // not a base64 character
                good.replace('+', '-').replace('/', '_').substring(0, 43) + "-", // URL alphabet, no '='
                "A".repeat(42) + "==",                   // right shape, but only 31 bytes
                zero.substring(0, 42) + "B=");           // spare bits set: a second spelling of a key
        for (Function<String, Object> parser : PARSERS) {
            assertAll(bad.stream().map(text -> () -> assertThrows(IllegalArgumentException.class,
                    () -> parser.apply(text), "accepted " + text)));
        }
        assertTrue(PresharedKey.fromBase64(zero).isNone());
    }

    @Test
    void wrongLengthsAreRefusedByEveryKeyType() {
        for (byte[] raw : new byte[][] {null, new byte[0], new byte[31], new byte[33]}) {
            String label = raw == null ? "null" : raw.length + " bytes";
            assertThrows(IllegalArgumentException.class, () -> PublicKey.of(raw), label);
            assertThrows(IllegalArgumentException.class, () -> PrivateKey.of(raw), label);
            assertThrows(IllegalArgumentException.class, () -> PresharedKey.of(raw), label);
        }
    }

    @Test
    void privateKeysAreClampedWithoutTouchingTheCallersArray() {
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        PrivateKey key = PrivateKey.of(ones);
        byte[] clamped = key.bytes();
        assertEquals((byte) 0xf8, clamped[0]);
        assertEquals((byte) 0x7f, clamped[31]);
        for (int i = 1; i < 31; i++) {
            assertEquals((byte) 0xff, clamped[i], "byte " + i);
        }
        assertEquals((byte) 0x40, PrivateKey.of(new byte[32]).bytes()[31]);
        byte[] allOnes = new byte[32];
        Arrays.fill(allOnes, (byte) 0xff);
        assertArrayEquals(allOnes, ones, "caller's array");
        assertArrayEquals(X25519.publicKey(clamped), key.publicKey().bytes());
        assertEquals(PrivateKey.of(clamped), key);
    }

    @Test
    void bytesAreCopiesInBothDirections() {
        byte[] raw = randomBytes(new SplittableRandom(54), 32);
        PublicKey pub = PublicKey.of(raw);
        raw[0] ^= 1;
        assertNotEquals(raw[0], pub.bytes()[0]);
        pub.bytes()[1] ^= 1;
        assertEquals(PublicKey.of(pub.bytes()), pub);
        PresharedKey psk = PresharedKey.of(raw);
        psk.bytes()[0] ^= 1;
        assertArrayEquals(raw, psk.bytes());
    }

    @Test
    void toStringNeverShowsSecretKeyMaterial() {
        SplittableRandom rng = new SplittableRandom(55);
        for (int i = 0; i < 20; i++) {
            PrivateKey key = PrivateKey.of(randomBytes(rng, 32));
            String shown = key.toString();
            assertFalse(shown.contains(key.toBase64()), shown);
            assertFalse(shown.contains(key.toBase64().substring(0, 20)), shown);
            assertFalse(shown.toLowerCase().contains(HexFormat.of().formatHex(key.bytes()).substring(0, 16)), shown);
            assertTrue(shown.contains(key.publicKey().toBase64()), "names its public key: " + shown);

            PresharedKey psk = PresharedKey.of(randomBytes(rng, 32));
            assertFalse(psk.toString().contains(psk.toBase64().substring(0, 20)), psk.toString());
        }
        assertEquals("PresharedKey[none]", PresharedKey.NONE.toString());
    }

    @Test
    void equalityIsByContent() {
        SplittableRandom rng = new SplittableRandom(56);
        byte[] a = randomBytes(rng, 32);
        byte[] b = a.clone();
        b[31] ^= 1;
        assertEquals(PublicKey.of(a), PublicKey.of(a.clone()));
        assertEquals(PublicKey.of(a).hashCode(), PublicKey.of(a.clone()).hashCode());
        assertNotEquals(PublicKey.of(a), PublicKey.of(b));
        assertNotEquals(PresharedKey.of(a), PresharedKey.of(b));
        b[31] = a[31];
        b[15] ^= 1;
        assertNotEquals(PrivateKey.of(a), PrivateKey.of(b));
        assertNotEquals(PublicKey.of(a), (Object) PresharedKey.of(a));
    }

    @Test
    void generatedKeysFollowTheSeedAndAreClamped() {
        PrivateKey first = PrivateKey.generate(Entropy.seeded(57));
        assertEquals(first, PrivateKey.generate(Entropy.seeded(57)));
        assertNotEquals(first, PrivateKey.generate(Entropy.seeded(58)));
        assertArrayEquals(X25519.clamp(first.bytes()), first.bytes());
    }

    @Test
    void presharedKeyNoneIsAllZeros() {
        assertTrue(PresharedKey.NONE.isNone());
        assertArrayEquals(new byte[32], PresharedKey.NONE.bytes());
        assertEquals(PresharedKey.NONE, PresharedKey.of(new byte[32]));
        byte[] almost = new byte[32];
        almost[17] = 1;
        assertFalse(PresharedKey.of(almost).isNone());
    }
}
