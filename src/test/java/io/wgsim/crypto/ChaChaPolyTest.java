package io.wgsim.crypto;

import static io.wgsim.crypto.TestBytes.concat;
import static io.wgsim.crypto.TestBytes.randomBytes;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChaChaPolyTest {
    private static final String WYCHEPROOF = "wycheproof-chacha20_poly1305_test.json";

    /**
     * Every Wycheproof ChaCha20-Poly1305 case through the raw-nonce methods that the counter-based
     * API is built on: valid cases (all with 96-bit nonces) must reproduce ciphertext || tag and open
     * again; invalid ones are either a modified tag (open must throw AEADBadTagException) or a nonce
     * that is not 12 bytes (seal and open must refuse the argument).
     */
    @Test
    void wycheproofVectors() {
        List<Wycheproof.Case> cases = Wycheproof.cases(WYCHEPROOF);
        assertEquals(325, cases.size());

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
                    assertEquals(ChaChaPoly.NONCE_LENGTH, nonce.length, c::toString);
                    assertArrayEquals(sealed, ChaChaPoly.sealWithNonce(key, nonce, msg, aad), c::toString);
                    assertArrayEquals(msg, ChaChaPoly.openWithNonce(key, nonce, sealed, aad), c::toString);
                    valid.incrementAndGet();
                } else if (c.isInvalid() && c.hasFlag("ModifiedTag")) {
                    assertThrows(AEADBadTagException.class, () -> ChaChaPoly.openWithNonce(key, nonce, sealed, aad),
                            c::toString);
                    badTag.incrementAndGet();
                } else if (c.isInvalid() && c.hasFlag("InvalidNonceSize")) {
                    assertThrows(IllegalArgumentException.class,
                            () -> ChaChaPoly.openWithNonce(key, nonce, sealed, aad), c::toString);
                    assertThrows(IllegalArgumentException.class,
                            () -> ChaChaPoly.sealWithNonce(key, nonce, msg, aad), c::toString);
                    badNonce.incrementAndGet();
                } else {
                    throw new AssertionError(c + ": a kind of case this test does not know how to judge");
                }
            });
        }
        assertAll("Wycheproof ChaCha20-Poly1305", checks.stream());
        assertEquals(256, valid.get(), "valid cases");
        assertEquals(60, badTag.get(), "modified-tag cases");
        assertEquals(9, badNonce.get(), "wrong-nonce-size cases");
    }

    @Test
    void counterBecomesFourZeroBytesThenLittleEndian64() {
        assertArrayEquals(HexFormat.of().parseHex("000000000807060504030201"), ChaChaPoly.nonce(0x0102030405060708L));
        assertArrayEquals(HexFormat.of().parseHex("00000000ffffffffffffffff"), ChaChaPoly.nonce(-1L));

        SplittableRandom rng = new SplittableRandom(7);
        byte[] key = randomBytes(rng, 32);
        byte[] plaintext = randomBytes(rng, 100);
        byte[] aad = randomBytes(rng, 32);
        for (long counter : new long[] {0, 1, 255, 256, 1L << 32, Long.MAX_VALUE, -1L}) {
            byte[] sealed = ChaChaPoly.seal(key, counter, plaintext, aad);
            assertArrayEquals(ChaChaPoly.sealWithNonce(key, ChaChaPoly.nonce(counter), plaintext, aad), sealed);
            assertArrayEquals(plaintext, assertOpens(key, counter, sealed, aad));
        }
    }

    @Test
    void openRejectsTheWrongCounterKeyOrAad() {
        SplittableRandom rng = new SplittableRandom(11);
        byte[] key = randomBytes(rng, 32);
        byte[] aad = randomBytes(rng, 32);
        byte[] sealed = ChaChaPoly.seal(key, 5, randomBytes(rng, 48), aad);

        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        byte[] otherAad = aad.clone();
        otherAad[31] ^= (byte) 0x80;
        assertThrows(AEADBadTagException.class, () -> ChaChaPoly.open(key, 6, sealed, aad));
        assertThrows(AEADBadTagException.class, () -> ChaChaPoly.open(otherKey, 5, sealed, aad));
        assertThrows(AEADBadTagException.class, () -> ChaChaPoly.open(key, 5, sealed, otherAad));
        assertThrows(AEADBadTagException.class, () -> ChaChaPoly.open(key, 5, sealed, null));
    }

    @Test
    void nullAadMeansEmptyAad() throws AEADBadTagException {
        byte[] key = randomBytes(new SplittableRandom(3), 32);
        byte[] sealed = ChaChaPoly.seal(key, 9, new byte[0], null);
        assertArrayEquals(sealed, ChaChaPoly.seal(key, 9, new byte[0], new byte[0]));
        assertEquals(ChaChaPoly.TAG_LENGTH, sealed.length);
        assertArrayEquals(new byte[0], ChaChaPoly.open(key, 9, sealed, new byte[0]));
    }

    @Test
    void badArgumentsAreNotReportedAsForgeries() {
        assertThrows(IllegalArgumentException.class, () -> ChaChaPoly.seal(new byte[31], 0, new byte[1], null));
        assertThrows(IllegalArgumentException.class, () -> ChaChaPoly.open(new byte[33], 0, new byte[16], null));
        assertThrows(IllegalArgumentException.class, () -> ChaChaPoly.open(null, 0, new byte[16], null));
        // Too short to hold a tag is a forgery: a peer can send that.
        assertThrows(AEADBadTagException.class, () -> ChaChaPoly.open(new byte[32], 0, new byte[15], null));
    }

    /**
     * The one-shot methods share a Cipher per thread, which the JDK will not re-initialise with the key
     * and nonce it last used. Each call must still behave as if it had a Cipher of its own: the same
     * handshake message can be processed twice, and a forgery can come before the genuine message.
     */
    @Test
    void oneShotCallsDoNotDependOnTheCallsBefore() throws AEADBadTagException {
        SplittableRandom rng = new SplittableRandom(13);
        byte[] key = randomBytes(rng, 32);
        byte[] aad = randomBytes(rng, 32);
        byte[] plaintext = randomBytes(rng, 32);
        byte[] sealed = ChaChaPoly.seal(key, 0, plaintext, aad);
        assertArrayEquals(sealed, ChaChaPoly.seal(key, 0, plaintext, aad), "the same seal twice in a row");
        assertArrayEquals(plaintext, ChaChaPoly.open(key, 0, sealed, aad), "open right after sealing");
        assertArrayEquals(plaintext, ChaChaPoly.open(key, 0, sealed, aad), "the same open twice in a row");
        byte[] forged = sealed.clone();
        forged[0] ^= 1;
        assertThrows(AEADBadTagException.class, () -> ChaChaPoly.open(key, 0, forged, aad));
        assertArrayEquals(plaintext, ChaChaPoly.open(key, 0, sealed, aad), "the genuine message after a forgery");
        assertArrayEquals(sealed, ChaChaPoly.seal(key, 0, plaintext, aad), "sealing again after all that");
    }

    private static byte[] assertOpens(byte[] key, long counter, byte[] sealed, byte[] aad) {
        try {
            return ChaChaPoly.open(key, counter, sealed, aad);
        } catch (AEADBadTagException e) {
            throw new AssertionError("counter " + Long.toUnsignedString(counter) + " did not open", e);
        }
    }
}
