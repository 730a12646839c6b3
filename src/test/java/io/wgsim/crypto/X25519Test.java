package io.wgsim.crypto;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.testing.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class X25519Test {
    private static final String RFC = "rfc7748-x25519-vectors.json";
    private static final String WYCHEPROOF = "wycheproof-x25519_test.json";

    @Test
    void rfc7748FunctionVectorsReproduce() {
        JsonNode vectors = Vectors.json(RFC).path("x25519_function");
        assertEquals(2, vectors.size(), "RFC 7748 section 5.2 has two function vectors");
        for (JsonNode v : vectors) {
            assertArrayEquals(Vectors.hex(v, "out"), X25519.scalarMult(Vectors.hex(v, "scalar"), Vectors.hex(v, "u")),
                    v.path("name").asText());
        }
    }

    /**
     * RFC 7748 section 5.2 iteration: k = u = 9, then repeatedly (k, u) = (X25519(k, u), k). The
     * 1,000,000-round value is left out: a step costs about 72 us with Bouncy Castle here, so it would
     * take over a minute.
     */
    @Test
    void rfc7748IteratedAfter1And1000Rounds() {
        JsonNode iterated = Vectors.json(RFC).path("x25519_iterated");
        JsonNode expected = iterated.path("after_iterations");
        assertEquals(Set.of("1", "1000", "1000000"), fieldNames(expected));
        byte[] k = Vectors.hex(iterated, "start_k_and_u");
        byte[] u = k.clone();
        for (int round = 1; round <= 1000; round++) {
            byte[] next = X25519.scalarMult(k, u);
            u = k;
            k = next;
            if (expected.has(Integer.toString(round))) {
                assertArrayEquals(Vectors.hex(expected, Integer.toString(round)), k, "after " + round + " rounds");
            }
        }
    }

    @Test
    void rfc7748AliceAndBobAgree() throws ZeroSharedSecretException {
        JsonNode dh = Vectors.json(RFC).path("dh_sec6.1");
        byte[] alicePrivate = Vectors.hex(dh, "alice_private");
        byte[] bobPrivate = Vectors.hex(dh, "bob_private");
        byte[] shared = Vectors.hex(dh, "shared");

        assertArrayEquals(Vectors.hex(dh, "alice_public"), X25519.publicKey(alicePrivate));
        assertArrayEquals(Vectors.hex(dh, "bob_public"), X25519.publicKey(bobPrivate));
        assertArrayEquals(shared, X25519.sharedSecret(alicePrivate, Vectors.hex(dh, "bob_public")));
        assertArrayEquals(shared, X25519.sharedSecret(bobPrivate, Vectors.hex(dh, "alice_public")));

        // The same through the key types, which clamp on the way in.
        PrivateKey alice = PrivateKey.of(alicePrivate);
        PrivateKey bob = PrivateKey.of(bobPrivate);
        assertArrayEquals(shared, X25519.sharedSecret(alice, bob.publicKey()));
        assertArrayEquals(shared, X25519.sharedSecret(bob, alice.publicKey()));
    }

    /**
     * Every Wycheproof case. This file has no "invalid" cases: the inputs some libraries refuse (low-order,
     * twist, non-canonical and small public keys) are marked "acceptable", because RFC 7748 defines an
     * output for all of them. X25519 as a function must therefore reproduce every expected output.
     * WireGuard's only refusal is an all-zero result, so exactly the ZeroSharedSecret cases must be
     * rejected by sharedSecret, and every other case must pass through it unchanged.
     */
    @Test
    void wycheproofCasesReproduceAndZeroResultsAreRejected() {
        List<Wycheproof.Case> cases = Wycheproof.cases(WYCHEPROOF);
        assertEquals(518, cases.size());
        assertEquals(264, cases.stream().filter(Wycheproof.Case::isValid).count(), "valid cases");
        assertEquals(254, cases.stream().filter(Wycheproof.Case::isAcceptable).count(), "acceptable cases");
        assertEquals(0, cases.stream().filter(Wycheproof.Case::isInvalid).count(),
                "invalid cases: none expected in this file; if some appear, decide how WireGuard must treat them");

        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger reproduced = new AtomicInteger();
        List<Executable> checks = new ArrayList<>();
        for (Wycheproof.Case c : cases) {
            checks.add(() -> {
                byte[] priv = c.hex("private");
                byte[] pub = c.hex("public");
                byte[] shared = c.hex("shared");
                assertArrayEquals(shared, X25519.scalarMult(priv, pub), c::toString);
                if (c.hasFlag("ZeroSharedSecret")) {
                    assertTrue(Key32.isZero(shared), () -> c + ": flagged ZeroSharedSecret but expects non-zero");
                    assertThrows(ZeroSharedSecretException.class, () -> X25519.sharedSecret(priv, pub), c::toString);
                    rejected.incrementAndGet();
                } else {
                    assertArrayEquals(shared, X25519.sharedSecret(priv, pub), c::toString);
                    reproduced.incrementAndGet();
                }
            });
        }
        assertAll("Wycheproof X25519", checks.stream());
        assertEquals(31, rejected.get(), "ZeroSharedSecret cases rejected");
        assertEquals(518 - 31, reproduced.get(), "cases passed through sharedSecret");
    }

    @Test
    void clampIsIdempotentAndSetsTheRfcBits() {
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        byte[] clamped = X25519.clamp(ones.clone());
        assertEquals((byte) 0xf8, clamped[0]);
        assertEquals((byte) 0x7f, clamped[31]);
        assertEquals((byte) 0x40, X25519.clamp(new byte[32])[31]);
        assertArrayEquals(clamped, X25519.clamp(clamped.clone()));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
