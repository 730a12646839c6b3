package io.wgsim.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data-plane AEAD for one transport key in one direction. It keeps its JDK Cipher between packets
 * (creating one costs far more than sealing a small packet) and seals or opens in place into a caller
 * buffer, so the data path allocates only the nonce spec.
 */
public final class DataCipher {
    /**
     * Whether this JDK's ChaCha20-Poly1305 decrypts from any offset without buffering the message
     * first. Temurin 25 does (opening at offset 16, even in place, is as fast as at offset 0:
     * docs/benchmarks.md); JDK 17 does not. Releases between them were not measured and take the
     * copy, which is correct everywhere and at worst a little slower.
     */
    private static final boolean OPENS_AT_ANY_OFFSET = Runtime.version().feature() >= 25;

    private final SecretKey key;
    private final byte[] keyBytes;
    private Cipher cipher;
    private final byte[] nonce = new byte[ChaChaPoly.NONCE_LENGTH];
    /** Where {@link #open} moves a message that does not start at offset 0 on JDK 17; grown on demand, never shrunk. */
    private byte[] openBuffer = new byte[0];

    public DataCipher(byte[] key) {
        this.keyBytes = Key32.copyChecked(key, "transport key");
        this.key = new SecretKeySpec(keyBytes, "ChaCha20");
        this.cipher = ChaChaPoly.newCipher();
    }

    /**
     * Seals {@code in[inOff..inOff+len)} with the given counter into {@code out} at {@code outOff};
     * returns the bytes written (len + 16). In and out may be the same array at the same offset.
     */
    public int seal(long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            init(Cipher.ENCRYPT_MODE, counter);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small: need " + (len + ChaChaPoly.TAG_LENGTH)
                    + " bytes at offset " + outOff + ", array has " + out.length, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 seal failed", e);
        }
    }

    /**
     * Opens {@code in[inOff..inOff+len)} (ciphertext and tag) into {@code out}; returns the plaintext
     * length. Throws on a bad tag, and then has written nothing to {@code out}: the JDK verifies the
     * tag before it decrypts (DataCipherTest checks this). Callers must check the replay window first:
     * a counter must not be opened twice successfully.
     */
    public int open(long counter, byte[] in, int inOff, int len, byte[] out, int outOff) throws AEADBadTagException {
        if (len < ChaChaPoly.TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        if (inOff != 0 && !OPENS_AT_ANY_OFFSET) {
            // JDK 17's ChaCha20-Poly1305 decrypts straight from the input only when it starts at index
            // 0; anywhere else it buffers the whole message in a ByteArrayOutputStream and copies it
            // out again into a fresh array. A transport message's ciphertext starts 16 bytes into the
            // datagram, so one copy into a reused buffer is cheaper than the JDK's two copies and an
            // allocation.
            if (openBuffer.length < len) {
                openBuffer = new byte[len];
            }
            System.arraycopy(in, inOff, openBuffer, 0, len);
            in = openBuffer;
            inOff = 0;
        }
        try {
            init(Cipher.DECRYPT_MODE, counter);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            // A failed doFinal leaves the JDK cipher needing a fresh init; the next call does that.
            throw e;
        } catch (ShortBufferException e) {
            // A caller bug, not a forged packet: it must not be counted as a bad tag.
            throw new IllegalArgumentException("output buffer too small: need " + (len - ChaChaPoly.TAG_LENGTH)
                    + " bytes at offset " + outOff + ", array has " + out.length, e);
        } catch (GeneralSecurityException e) {
            AEADBadTagException bad = new AEADBadTagException("ChaCha20-Poly1305 open failed: " + e.getMessage());
            bad.initCause(e);
            throw bad;
        }
    }

    private void init(int mode, long counter) throws GeneralSecurityException {
        nonce[4] = (byte) counter;
        nonce[5] = (byte) (counter >>> 8);
        nonce[6] = (byte) (counter >>> 16);
        nonce[7] = (byte) (counter >>> 24);
        nonce[8] = (byte) (counter >>> 32);
        nonce[9] = (byte) (counter >>> 40);
        nonce[10] = (byte) (counter >>> 48);
        nonce[11] = (byte) (counter >>> 56);
        try {
            cipher.init(mode, key, new IvParameterSpec(nonce));
        } catch (InvalidKeyException reuse) {
            // The JDK refuses to re-initialise a ChaCha20-Poly1305 Cipher with the key and nonce it
            // last used. That guard against nonce reuse also covers decryption on JDK 17 (not on 25),
            // where it fires legitimately: a forged packet failed on a counter and the genuine one
            // arrives next. Decryption therefore starts over with a fresh Cipher. Sealing under a
            // counter this key has just used is a real nonce reuse and stays an error.
            if (mode == Cipher.ENCRYPT_MODE) {
                throw new IllegalStateException("nonce reuse: counter " + Long.toUnsignedString(counter)
                        + " was just used with this key", reuse);
            }
            cipher = ChaChaPoly.newCipher();
            cipher.init(mode, key, new IvParameterSpec(nonce));
        }
    }

    /** Overwrites the key bytes this object holds (the JDK's key copy is left to the GC). */
    public void destroy() {
        Arrays.fill(keyBytes, (byte) 0);
    }
}
