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
    public static final int TAG_LENGTH = 16;
    static final String TRANSFORMATION = "ChaCha20-Poly1305";

    private ChaChaPoly() {}

    static byte[] nonce(long counter) {
        byte[] nonce = new byte[12];
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

    /** AEAD-seal: returns ciphertext || tag. */
    public static byte[] seal(byte[] key, long counter, byte[] plaintext, byte[] aad) {
        try {
            Cipher c = newCipher();
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce(counter)));
            if (aad != null && aad.length > 0) {
                c.updateAAD(aad);
            }
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 seal failed", e);
        }
    }

    /** AEAD-open: returns the plaintext or throws on a bad tag or a too-short input. */
    public static byte[] open(byte[] key, long counter, byte[] ciphertext, byte[] aad) throws AEADBadTagException {
        if (ciphertext.length < TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        try {
            Cipher c = newCipher();
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce(counter)));
            if (aad != null && aad.length > 0) {
                c.updateAAD(aad);
            }
            return c.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("bad ChaCha20-Poly1305 key", e);
        } catch (GeneralSecurityException e) {
            AEADBadTagException bad = new AEADBadTagException("ChaCha20-Poly1305 open failed: " + e.getMessage());
            bad.initCause(e);
            throw bad;
        }
    }
}
