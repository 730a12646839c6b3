package io.wgsim.crypto;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha), the AEAD of WireGuard's cookie reply: 32-byte key,
 * 24-byte nonce, 16-byte tag.
 *
 * <p>The construction is HChaCha20(key, nonce[0..16)) as the subkey, then RFC 8439 ChaCha20-Poly1305
 * under that subkey with the 12-byte nonce 0x00000000 || nonce[16..24). Bouncy Castle 1.80 offers
 * neither XChaCha20-Poly1305 nor HChaCha20 (only XSalsa20), so the subkey comes from {@link HChaCha20}.
 * The RFC 8439 step uses Bouncy Castle's lightweight {@link ChaCha20Poly1305} rather than the JDK
 * Cipher that {@link ChaChaPoly} uses: it takes the derived subkey as raw bytes with no provider
 * lookup, and it means the Wycheproof runs check two independent RFC 8439 implementations.
 */
public final class XChaChaPoly {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 24;
    public static final int TAG_LENGTH = 16;

    private static final int INNER_NONCE_LENGTH = 12;
    private static final int INNER_NONCE_ZEROS = 4;

    private XChaChaPoly() {}

    /** AEAD-seal: returns ciphertext || tag. A null aad means no associated data. */
    public static byte[] seal(byte[] key, byte[] nonce24, byte[] plaintext, byte[] aad) {
        ChaCha20Poly1305 aead = init(true, key, nonce24, aad);
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            // Only decryption verifies a tag; encryption cannot get here.
            throw new IllegalStateException("XChaCha20-Poly1305 seal failed", e);
        }
        return out;
    }

    /** AEAD-open: returns the plaintext, or throws on a bad tag or an input shorter than the tag. */
    public static byte[] open(byte[] key, byte[] nonce24, byte[] ciphertext, byte[] aad) throws AEADBadTagException {
        ChaCha20Poly1305 aead = init(false, key, nonce24, aad);
        if (ciphertext.length < TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        byte[] out = new byte[ciphertext.length - TAG_LENGTH];
        try {
            int n = aead.processBytes(ciphertext, 0, ciphertext.length, out, 0);
            aead.doFinal(out, n);
            return out;
        } catch (InvalidCipherTextException e) {
            // Bouncy Castle decrypts as it goes, so the buffer already holds unauthenticated plaintext.
            Arrays.fill(out, (byte) 0);
            AEADBadTagException bad = new AEADBadTagException("XChaCha20-Poly1305 tag mismatch");
            bad.initCause(e);
            throw bad;
        }
    }

    private static ChaCha20Poly1305 init(boolean encrypt, byte[] key, byte[] nonce24, byte[] aad) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("XChaCha20-Poly1305 key must be " + KEY_LENGTH + " bytes, got "
                    + (key == null ? "null" : key.length));
        }
        if (nonce24 == null || nonce24.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("XChaCha20-Poly1305 nonce must be " + NONCE_LENGTH + " bytes, got "
                    + (nonce24 == null ? "null" : nonce24.length));
        }
        byte[] subkey = HChaCha20.subkey(key, nonce24, 0);
        byte[] innerNonce = new byte[INNER_NONCE_LENGTH];
        System.arraycopy(nonce24, HChaCha20.NONCE_LENGTH, innerNonce, INNER_NONCE_ZEROS,
                NONCE_LENGTH - HChaCha20.NONCE_LENGTH);
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        // KeyParameter copies the key, so our copy of the subkey can be cleared at once.
        aead.init(encrypt, new AEADParameters(new KeyParameter(subkey), TAG_LENGTH * Byte.SIZE, innerNonce, aad));
        Arrays.fill(subkey, (byte) 0);
        return aead;
    }
}
