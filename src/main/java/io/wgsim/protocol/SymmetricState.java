package io.wgsim.protocol;

import io.wgsim.crypto.Blake2s;
import io.wgsim.crypto.ChaChaPoly;
import io.wgsim.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * The Noise SymmetricState (Noise spec 5.2) over BLAKE2s and ChaCha20-Poly1305: a chaining key, a
 * handshake hash and the current cipher key with its nonce. WireGuard's handshake is this object driven
 * through the IKpsk2 pattern; keeping it generic lets the cacophony Noise vectors test it directly.
 *
 * <p>Public only for passive observers of captured handshakes ({@code io.wgsim.check}), which hold other
 * keys than a device does and so take other routes through the same steps: {@link #startOfHandshakeTo},
 * the mix and decrypt steps and {@link #split}. Devices use it through {@link Handshake}.
 */
public final class SymmetricState {
    private byte[] chainingKey;
    private byte[] hash;
    private byte[] key;
    private long nonce;

    private SymmetricState(byte[] chainingKey, byte[] hash) {
        this.chainingKey = chainingKey;
        this.hash = hash;
    }

    /** InitializeSymmetric(protocolName): h = name padded or hashed to 32 bytes, ck = h. */
    static SymmetricState initialize(String protocolName) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        byte[] h = name.length <= Blake2s.HASH_LENGTH ? Arrays.copyOf(name, Blake2s.HASH_LENGTH) : Blake2s.hash(name);
        return new SymmetricState(h.clone(), h);
    }

    /** A state resumed from a known chaining key and hash (WireGuard precomputes them per peer). */
    static SymmetricState resume(byte[] chainingKey, byte[] hash) {
        return new SymmetricState(chainingKey.clone(), hash.clone());
    }

    /** The state every WireGuard initiation to {@code responder} starts from: C0, and H0 mixed with its key. */
    public static SymmetricState startOfHandshakeTo(PublicKey responder) {
        return resume(Handshake.INITIAL_CHAINING_KEY, Handshake.hashForResponder(responder));
    }

    public SymmetricState copy() {
        SymmetricState s = new SymmetricState(chainingKey.clone(), hash.clone());
        s.key = key == null ? null : key.clone();
        s.nonce = nonce;
        return s;
    }

    public void mixHash(byte[] data) {
        hash = Blake2s.hash(hash, data);
    }

    /** MixKey(input): ck, k = KDF2(ck, input); the nonce restarts. */
    public void mixKey(byte[] input) {
        byte[][] out = Blake2s.kdf2(chainingKey, input);
        replaceChainingKey(out[0]);
        setKey(out[1]);
    }

    /** MixKeyAndHash(input): ck, t, k = KDF3(ck, input); MixHash(t). Used for the PSK. */
    public void mixKeyAndHash(byte[] input) {
        byte[][] out = Blake2s.kdf3(chainingKey, input);
        replaceChainingKey(out[0]);
        mixHash(out[1]);
        Arrays.fill(out[1], (byte) 0);
        setKey(out[2]);
    }

    byte[] encryptAndHash(byte[] plaintext) {
        byte[] ciphertext = key == null ? plaintext.clone() : ChaChaPoly.seal(key, nonce++, plaintext, hash);
        mixHash(ciphertext);
        return ciphertext;
    }

    public byte[] decryptAndHash(byte[] ciphertext) throws AEADBadTagException {
        byte[] plaintext = key == null ? ciphertext.clone() : ChaChaPoly.open(key, nonce, ciphertext, hash);
        nonce++;
        mixHash(ciphertext);
        return plaintext;
    }

    /** Split(): the two transport keys (initiator-to-responder first). */
    public byte[][] split() {
        return Blake2s.kdf2(chainingKey, new byte[0]);
    }

    byte[] hash() {
        return hash.clone();
    }

    byte[] chainingKey() {
        return chainingKey.clone();
    }

    /** Overwrites every secret this state holds. */
    void wipe() {
        Arrays.fill(chainingKey, (byte) 0);
        Arrays.fill(hash, (byte) 0);
        if (key != null) {
            Arrays.fill(key, (byte) 0);
        }
    }

    private void replaceChainingKey(byte[] next) {
        Arrays.fill(chainingKey, (byte) 0);
        chainingKey = next;
    }

    private void setKey(byte[] next) {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
        }
        key = next;
        nonce = 0;
    }
}
