package io.wgsim.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 (RFC 8439) with WireGuard's nonce: four zero bytes then the 64-bit counter in
 * little-endian. One-shot static methods serve the handshake; {@link DataCipher} keeps a JDK Cipher per
 * transport key for the data plane.
 */
public final class ChaChaPoly {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    static final String TRANSFORMATION = "ChaCha20-Poly1305";

    /**
     * The one-shot methods' Cipher, one per thread and initialised afresh for every call: getting a new
     * one from the JDK costs more than the AEAD of a handshake message.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(ChaChaPoly::newCipher);

    private ChaChaPoly() {}

    static byte[] nonce(long counter) {
        byte[] nonce = new byte[NONCE_LENGTH];
        ByteBuffer.wrap(nonce, 4, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(counter);
        return nonce;
    }

    static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + TRANSFORMATION + " cipher", e);
        }
    }

    /** AEAD-seal: returns ciphertext || tag. A null aad means no associated data. */
    public static byte[] seal(byte[] key, long counter, byte[] plaintext, byte[] aad) {
        return sealWithNonce(key, nonce(counter), plaintext, aad);
    }

    /** AEAD-open: returns the plaintext or throws on a bad tag or a too-short input. */
    public static byte[] open(byte[] key, long counter, byte[] ciphertext, byte[] aad) throws AEADBadTagException {
        return openWithNonce(key, nonce(counter), ciphertext, aad);
    }

    /**
     * Seal with a raw 12-byte RFC 8439 nonce. WireGuard never needs it; it exists so the generic test
     * vectors, whose nonces are not of WireGuard's shape, can exercise the same code path.
     */
    static byte[] sealWithNonce(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        checkParameters(key, nonce);
        try {
            Cipher c = initialised(Cipher.ENCRYPT_MODE, key, nonce);
            if (aad != null && aad.length > 0) {
                c.updateAAD(aad);
            }
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 seal failed", e);
        }
    }

    /** Open with a raw 12-byte RFC 8439 nonce; see {@link #sealWithNonce}. */
    static byte[] openWithNonce(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) throws AEADBadTagException {
        checkParameters(key, nonce);
        if (ciphertext.length < TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        try {
            Cipher c = initialised(Cipher.DECRYPT_MODE, key, nonce);
            if (aad != null && aad.length > 0) {
                c.updateAAD(aad);
            }
            return c.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // Key and nonce were checked above, so this is the JDK refusing the input itself.
            AEADBadTagException bad = new AEADBadTagException("ChaCha20-Poly1305 open failed: " + e.getMessage());
            bad.initCause(e);
            throw bad;
        }
    }

    /** This thread's Cipher, initialised for one message. */
    private static Cipher initialised(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher c = CIPHERS.get();
        SecretKeySpec keySpec = new SecretKeySpec(key, "ChaCha20");
        IvParameterSpec iv = new IvParameterSpec(nonce);
        try {
            c.init(mode, keySpec, iv);
        } catch (InvalidKeyException sameKeyAndNonce) {
            // The JDK will not initialise a ChaCha20-Poly1305 Cipher again with the key and nonce it
            // last used (JDK 17 refuses for either mode, JDK 25 for encryption). A one-shot call is
            // independent of the calls before it, as it was when each had its own Cipher: the same
            // handshake message may legitimately be processed twice. So start over with a new one.
            c = newCipher();
            CIPHERS.set(c);
            c.init(mode, keySpec, iv);
        }
        return c;
    }

    // Checked here rather than left to the JDK so that a caller's wrong-sized key or nonce is an
    // IllegalArgumentException on both paths, never confused with a forged packet.
    private static void checkParameters(byte[] key, byte[] nonce) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 key must be " + KEY_LENGTH + " bytes, got "
                    + (key == null ? "null" : key.length));
        }
        if (nonce == null || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 nonce must be " + NONCE_LENGTH + " bytes, got "
                    + (nonce == null ? "null" : nonce.length));
        }
    }
}
