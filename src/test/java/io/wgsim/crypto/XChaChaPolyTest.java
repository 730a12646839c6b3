package io.wgsim.crypto;

import static io.wgsim.crypto.TestBytes.concat;
import static io.wgsim.crypto.TestBytes.randomBytes;
import static io.wgsim.crypto.TestBytes.slice;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class XChaChaPolyTest {
    private static final String WYCHEPROOF = "wycheproof-xchacha20_poly1305_test.json";
    private static final String HCHACHA = "hchacha20-xchacha-draft-vector.json";

    /**
     * Every Wycheproof XChaCha20-Poly1305 case: valid ones (all with 192-bit nonces) reproduce
     * ciphertext || tag and open again; a modified tag must fail to open; a nonce that is not 24 bytes
     * must be refused as an argument by both seal and open.
     */
    @Test
    void wycheproofVectors() {
        List<Wycheproof.Case> cases = Wycheproof.cases(WYCHEPROOF);
        assertEquals(315, cases.size());

        AtomicInteger valid = new AtomicInteger();
        AtomicInteger badTag = new AtomicInteger();
        AtomicInteger badNonce = new AtomicInteger();
        List<Executable> checks = new ArrayList<>();
        for (Wycheproof.Case c : cases) {
            checks.add(() -> {
                byte[] key = c.hex("key");
                byte[] nonce = c.hex("iv");
                byte[] aad = c.hex("aad");
                byte[] msg = c.hex("msg");
                byte[] sealed = concat(c.hex("ct"), c.hex("tag"));
                if (c.isValid()) {
                    assertEquals(XChaChaPoly.NONCE_LENGTH, nonce.length, c::toString);
                    assertArrayEquals(sealed, XChaChaPoly.seal(key, nonce, msg, aad), c::toString);
                    assertArrayEquals(msg, XChaChaPoly.open(key, nonce, sealed, aad), c::toString);
                    valid.incrementAndGet();
                } else if (c.isInvalid() && c.hasFlag("ModifiedTag")) {
                    assertThrows(AEADBadTagException.class, () -> XChaChaPoly.open(key, nonce, sealed, aad),
                            c::toString);
                    badTag.incrementAndGet();
                } else if (c.isInvalid() && c.hasFlag("InvalidNonceSize")) {
                    assertThrows(IllegalArgumentException.class, () -> XChaChaPoly.open(key, nonce, sealed, aad),
                            c::toString);
                    assertThrows(IllegalArgumentException.class, () -> XChaChaPoly.seal(key, nonce, msg, aad),
                            c::toString);
                    badNonce.incrementAndGet();
                } else {
                    throw new AssertionError(c + ": a kind of case this test does not know how to judge");
                }
            });
        }
        assertAll("Wycheproof XChaCha20-Poly1305", checks.stream());
        assertEquals(246, valid.get(), "valid cases");
        assertEquals(60, badTag.get(), "modified-tag cases");
        assertEquals(9, badNonce.get(), "wrong-nonce-size cases");
    }

    @Test
    void hchacha20DraftVector() {
        JsonNode v = Vectors.json(HCHACHA).path("hchacha20");
        byte[] nonce = Vectors.hex(v, "nonce16");
        assertEquals(HChaCha20.NONCE_LENGTH, nonce.length);
        assertArrayEquals(Vectors.hex(v, "subkey"), HChaCha20.subkey(Vectors.hex(v, "key"), nonce, 0));

        // The nonce may sit anywhere in a larger array, as it does inside the 24-byte XChaCha nonce.
        byte[] padded = concat(new byte[5], nonce, new byte[3]);
        assertArrayEquals(Vectors.hex(v, "subkey"), HChaCha20.subkey(Vectors.hex(v, "key"), padded, 5));
    }

    /**
     * The construction, checked against the other RFC 8439 implementation in this package (the JDK's,
     * behind ChaChaPoly): subkey from the first 16 nonce bytes, then ChaCha20-Poly1305 with the nonce
     * 0x00000000 || last 8 nonce bytes.
     */
    @Test
    void isHChaChaSubkeyThenChaChaPolyWithTheNonceTail() throws AEADBadTagException {
        SplittableRandom rng = new SplittableRandom(31);
        for (int len : new int[] {0, 16, 33, 64}) {
            byte[] key = randomBytes(rng, 32);
            byte[] nonce = randomBytes(rng, 24);
            byte[] plaintext = randomBytes(rng, len);
            byte[] aad = randomBytes(rng, 32);
            byte[] subkey = HChaCha20.subkey(key, nonce, 0);
            byte[] innerNonce = concat(new byte[4], slice(nonce, 16, 24));

            byte[] sealed = XChaChaPoly.seal(key, nonce, plaintext, aad);
            assertArrayEquals(ChaChaPoly.sealWithNonce(subkey, innerNonce, plaintext, aad), sealed, "length " + len);
            assertArrayEquals(plaintext, ChaChaPoly.openWithNonce(subkey, innerNonce, sealed, aad));
        }
    }

    /** The cookie reply's shape: a 16-byte cookie sealed with mac1 as associated data gives 32 bytes. */
    @Test
    void cookieSizedRoundTripAndTampering() throws AEADBadTagException {
        SplittableRandom rng = new SplittableRandom(32);
        byte[] key = randomBytes(rng, 32);
        byte[] nonce = randomBytes(rng, 24);
        byte[] cookie = randomBytes(rng, 16);
        byte[] mac1 = randomBytes(rng, 16);
        byte[] sealed = XChaChaPoly.seal(key, nonce, cookie, mac1);
        assertEquals(32, sealed.length);
        assertArrayEquals(cookie, XChaChaPoly.open(key, nonce, sealed, mac1));

        for (int i = 0; i < 24; i++) {
            byte[] otherNonce = nonce.clone();
            otherNonce[i] ^= 1;
            assertThrows(AEADBadTagException.class, () -> XChaChaPoly.open(key, otherNonce, sealed, mac1),
                    "nonce byte " + i + " changed");
        }
        byte[] otherMac1 = mac1.clone();
        otherMac1[0] ^= 1;
        assertThrows(AEADBadTagException.class, () -> XChaChaPoly.open(key, nonce, sealed, otherMac1));
        assertThrows(AEADBadTagException.class, () -> XChaChaPoly.open(key, nonce, sealed, null));
    }

    @Test
    void argumentChecks() {
        assertThrows(IllegalArgumentException.class, () -> XChaChaPoly.seal(new byte[16], new byte[24], new byte[1], null));
        assertThrows(IllegalArgumentException.class, () -> XChaChaPoly.open(new byte[32], new byte[12], new byte[16], null));
        assertThrows(IllegalArgumentException.class, () -> HChaCha20.subkey(new byte[32], new byte[24], 9));
        assertThrows(AEADBadTagException.class, () -> XChaChaPoly.open(new byte[32], new byte[24], new byte[15], null));
    }
}
