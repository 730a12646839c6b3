package io.wgsim.crypto;

import static io.wgsim.crypto.TestBytes.randomBytes;
import static io.wgsim.crypto.TestBytes.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.wgsim.testing.Vectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class DataCipherTest {
    private static final String DERIVED = "wireguard-ping-tcp+psk.derived-vectors.json";
    /** Type, reserved, receiver index, counter: the plaintext header of a transport message. */
    private static final int HEADER = 16;
    private static final int TAG = ChaChaPoly.TAG_LENGTH;

    /**
     * The 18 transport messages of the two Wireshark captures, with their real transport keys: each
     * opens in place to the padded plaintext, and sealing that plaintext gives the captured bytes back.
     * This is the one check here of WireGuard's own nonce layout against packets a real peer sent.
     */
    @Test
    void capturedTransportMessagesOpenAndReseal() throws AEADBadTagException {
        JsonNode transport = Vectors.json(DERIVED).path("transport");
        assertEquals(18, transport.size(), "transport messages in " + DERIVED);
        Map<String, DataCipher> openers = new HashMap<>();
        Map<String, DataCipher> sealers = new HashMap<>();
        for (JsonNode t : transport) {
            String label = "frame " + t.path("frame").asInt() + " of " + t.path("capture").asText();
            byte[] message = Vectors.hex(t, "message_hex");
            byte[] plaintext = Vectors.hex(t, "plaintext_padded_hex");
            byte[] key = Vectors.hex(t, "key_hex");
            long counter = t.path("counter").asLong();
            assertEquals(counter, ByteBuffer.wrap(message, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(),
                    label + ": counter field");
            int sealedLength = message.length - HEADER;

            byte[] buffer = message.clone();
            DataCipher opener = openers.computeIfAbsent(t.path("key_hex").asText(), k -> new DataCipher(key));
            int n = opener.open(counter, buffer, HEADER, sealedLength, buffer, HEADER);
            assertEquals(plaintext.length, n, label);
            assertArrayEquals(plaintext, slice(buffer, HEADER, HEADER + n), label);

            byte[] sealed = new byte[message.length];
            System.arraycopy(message, 0, sealed, 0, HEADER);
            System.arraycopy(plaintext, 0, sealed, HEADER, plaintext.length);
            DataCipher sealer = sealers.computeIfAbsent(t.path("key_hex").asText(), k -> new DataCipher(key));
            assertEquals(sealedLength, sealer.seal(counter, sealed, HEADER, plaintext.length, sealed, HEADER), label);
            assertArrayEquals(message, sealed, label);

            // The one-shot API must agree with the cached one.
            byte[] ciphertext = slice(message, HEADER, message.length);
            assertArrayEquals(plaintext, ChaChaPoly.open(key, counter, ciphertext, null), label);
            assertArrayEquals(ciphertext, ChaChaPoly.seal(key, counter, plaintext, null), label);
        }
        assertEquals(4, openers.size(), "distinct transport keys (2 handshakes x 2 directions)");
    }

    @Test
    void roundTripBetweenSeparateBuffersAtOffsets() throws AEADBadTagException {
        SplittableRandom rng = new SplittableRandom(21);
        byte[] key = randomBytes(rng, 32);
        DataCipher sender = new DataCipher(key);
        DataCipher receiver = new DataCipher(key);
        for (int len : new int[] {0, 1, 15, 16, 17, 1420}) {
            long counter = len;
            byte[] plaintext = randomBytes(rng, len);
            byte[] in = new byte[3 + len];
            System.arraycopy(plaintext, 0, in, 3, len);
            byte[] wire = new byte[5 + len + TAG];
            assertEquals(len + TAG, sender.seal(counter, in, 3, len, wire, 5));
            assertArrayEquals(ChaChaPoly.seal(key, counter, plaintext, null), slice(wire, 5, wire.length));

            byte[] out = new byte[7 + len];
            assertEquals(len, receiver.open(counter, wire, 5, len + TAG, out, 7));
            assertArrayEquals(plaintext, slice(out, 7, out.length));
        }
    }

    @Test
    void sealAndOpenInPlace() throws AEADBadTagException {
        SplittableRandom rng = new SplittableRandom(22);
        byte[] key = randomBytes(rng, 32);
        byte[] plaintext = randomBytes(rng, 64);
        byte[] packet = new byte[HEADER + plaintext.length + TAG];
        System.arraycopy(plaintext, 0, packet, HEADER, plaintext.length);

        new DataCipher(key).seal(42, packet, HEADER, plaintext.length, packet, HEADER);
        assertArrayEquals(ChaChaPoly.seal(key, 42, plaintext, null), slice(packet, HEADER, packet.length));

        int n = new DataCipher(key).open(42, packet, HEADER, plaintext.length + TAG, packet, HEADER);
        assertArrayEquals(plaintext, slice(packet, HEADER, HEADER + n));
    }

    @Test
    void badTagIsRejectedAndWritesNothing() throws AEADBadTagException {
        SplittableRandom rng = new SplittableRandom(23);
        byte[] key = randomBytes(rng, 32);
        byte[] sealed = ChaChaPoly.seal(key, 3, randomBytes(rng, 80), null);
        DataCipher receiver = new DataCipher(key);
        for (int flip : new int[] {0, sealed.length - TAG - 1, sealed.length - TAG, sealed.length - 1}) {
            byte[] forged = sealed.clone();
            forged[flip] ^= 0x01;
            byte[] out = new byte[forged.length - TAG];
            Arrays.fill(out, (byte) 0x5a);
            assertThrows(AEADBadTagException.class, () -> receiver.open(3, forged, 0, forged.length, out, 0),
                    "bit flipped at byte " + flip);
            // Unauthenticated plaintext must never reach the caller's buffer.
            byte[] untouched = new byte[out.length];
            Arrays.fill(untouched, (byte) 0x5a);
            assertArrayEquals(untouched, out, "output after a failed open, byte " + flip + " flipped");
        }
        assertThrows(AEADBadTagException.class, () -> receiver.open(4, sealed, 0, sealed.length, new byte[80], 0),
                "genuine bytes under another counter");
        assertEquals(80, receiver.open(3, sealed, 0, sealed.length, new byte[80], 0), "genuine bytes after forgeries");
    }

    /**
     * A message that does not start at index 0 (a transport message's ciphertext starts 16 bytes into
     * the datagram) is opened from a buffer the DataCipher reuses. Sizes going down after going up,
     * and a forgery in between, must neither leave stale bytes in the output nor write to it.
     */
    @Test
    void messagesAtAnOffsetOpenThroughAReusedBufferOfAnySize() throws AEADBadTagException {
        SplittableRandom rng = new SplittableRandom(27);
        byte[] key = randomBytes(rng, 32);
        DataCipher sender = new DataCipher(key);
        DataCipher receiver = new DataCipher(key);
        long counter = 0;
        for (int len : new int[] {1420, 64, 0, 512, 1, 1420}) {
            byte[] plaintext = randomBytes(rng, len);
            byte[] datagram = new byte[HEADER + len + TAG];
            System.arraycopy(plaintext, 0, datagram, HEADER, len);
            sender.seal(counter, datagram, HEADER, len, datagram, HEADER);
            byte[] wire = datagram.clone();

            byte[] forged = datagram.clone();
            forged[forged.length - 1] ^= 0x01;
            byte[] out = new byte[len];
            Arrays.fill(out, (byte) 0x5a);
            long c = counter;
            assertThrows(AEADBadTagException.class, () -> receiver.open(c, forged, HEADER, len + TAG, out, 0));
            byte[] untouched = new byte[len];
            Arrays.fill(untouched, (byte) 0x5a);
            assertArrayEquals(untouched, out, "output after a failed open of " + len + " bytes");

            assertEquals(len, receiver.open(counter, datagram, HEADER, len + TAG, out, 0));
            assertArrayEquals(plaintext, out, len + " bytes");
            assertArrayEquals(wire, datagram, "the input must not be written to");
            counter++;
        }
    }

    /**
     * On JDK 17 a ChaCha20-Poly1305 Cipher refuses to be initialised again with the key and nonce it
     * last used, for decryption too. A forged packet on counter N followed by the genuine packet on N
     * is ordinary traffic for a receiver (the replay window is only updated after a tag verifies), so
     * the genuine packet must still open on the same DataCipher.
     */
    @Test
    void genuinePacketOpensAfterAForgeryOnTheSameCounter() throws AEADBadTagException {
        SplittableRandom rng = new SplittableRandom(24);
        byte[] key = randomBytes(rng, 32);
        byte[] plaintext = randomBytes(rng, 32);
        byte[] genuine = ChaChaPoly.seal(key, 7, plaintext, null);
        byte[] forged = genuine.clone();
        forged[forged.length - 1] ^= (byte) 0x80;

        DataCipher receiver = new DataCipher(key);
        byte[] out = new byte[plaintext.length];
        assertThrows(AEADBadTagException.class, () -> receiver.open(7, forged, 0, forged.length, out, 0));
        assertEquals(plaintext.length, receiver.open(7, genuine, 0, genuine.length, out, 0));
        assertArrayEquals(plaintext, out);
        // DataCipher keeps no replay state (that is the replay window's job): the same counter opens again.
        assertEquals(plaintext.length, receiver.open(7, genuine, 0, genuine.length, out, 0));
    }

    @Test
    void sealingTheCounterJustUsedIsRefusedAsNonceReuse() {
        DataCipher sender = new DataCipher(new byte[32]);
        byte[] buffer = new byte[64];
        sender.seal(9, buffer, 0, 16, buffer, 0);
        assertThrows(IllegalStateException.class, () -> sender.seal(9, buffer, 0, 16, buffer, 0));
        // The refusal leaves the cipher usable for the next counter.
        assertEquals(16 + TAG, sender.seal(10, buffer, 0, 16, buffer, 0));
    }

    @Test
    void callerMistakesAreIllegalArgumentsNotBadTags() throws AEADBadTagException {
        assertThrows(IllegalArgumentException.class, () -> new DataCipher(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new DataCipher(null));

        byte[] key = randomBytes(new SplittableRandom(25), 32);
        byte[] sealed = ChaChaPoly.seal(key, 1, new byte[40], null);
        DataCipher cipher = new DataCipher(key);
        assertThrows(IllegalArgumentException.class, () -> cipher.open(1, sealed, 0, sealed.length, new byte[39], 0));
        assertThrows(IllegalArgumentException.class, () -> cipher.seal(2, new byte[40], 0, 40, new byte[55], 0));
        // Neither mistake spoils the cipher for the next genuine packet.
        assertEquals(40, cipher.open(1, sealed, 0, sealed.length, new byte[40], 0));
    }

    @Test
    void inputShorterThanATagIsABadTag() {
        DataCipher cipher = new DataCipher(new byte[32]);
        assertThrows(AEADBadTagException.class, () -> cipher.open(0, new byte[15], 0, 15, new byte[15], 0));
    }

    @Test
    void extremeCountersUseTheFullLittleEndianField() throws AEADBadTagException {
        byte[] key = randomBytes(new SplittableRandom(26), 32);
        DataCipher sender = new DataCipher(key);
        for (long counter : new long[] {0, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -1L}) {
            byte[] packet = new byte[16 + TAG];
            sender.seal(counter, packet, 0, 16, packet, 0);
            assertArrayEquals(ChaChaPoly.sealWithNonce(key, ChaChaPoly.nonce(counter), new byte[16], null), packet,
                    "counter " + Long.toUnsignedString(counter));
        }
    }
}
