package io.wgsim.crypto;

import org.bouncycastle.crypto.digests.Blake2sDigest;

/**
 * The BLAKE2s functions of the WireGuard paper (section 5.4): HASH (32 bytes), MAC (keyed, 16 bytes),
 * HMAC over BLAKE2s and the HKDF-style KDF1..3 built on it.
 */
public final class Blake2s {
    public static final int HASH_LENGTH = 32;
    public static final int MAC_LENGTH = 16;
    private static final int BLOCK = 64;

    /**
     * An unkeyed BLAKE2s-256 digest per thread, reset before each use: a handshake computes about a
     * hundred hashes (every HMAC is two), and making a new Bouncy Castle digest each time was a
     * measurable part of it. Uses never nest; doFinal leaves the digest reset.
     */
    private static final ThreadLocal<Blake2sDigest> DIGESTS = ThreadLocal.withInitial(() -> new Blake2sDigest(256));

    private Blake2s() {}

    private static Blake2sDigest digest() {
        Blake2sDigest d = DIGESTS.get();
        d.reset(); // in case an earlier use ended in an exception
        return d;
    }

    /** HASH(parts[0] || parts[1] || ...). */
    public static byte[] hash(byte[]... parts) {
        Blake2sDigest d = digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[HASH_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** MAC(key, data[off..off+len)): keyed BLAKE2s with a 16-byte output. */
    public static byte[] mac(byte[] key, byte[] data, int off, int len) {
        Blake2sDigest d = new Blake2sDigest(key, MAC_LENGTH, null, null);
        d.update(data, off, len);
        byte[] out = new byte[MAC_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** MAC(key, parts concatenated). */
    public static byte[] mac(byte[] key, byte[]... parts) {
        Blake2sDigest d = new Blake2sDigest(key, MAC_LENGTH, null, null);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[MAC_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** HMAC-BLAKE2s(key, parts concatenated), RFC 2104 with a 64-byte block. */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        byte[] k = new byte[BLOCK];
        if (key.length > BLOCK) {
            System.arraycopy(hash(key), 0, k, 0, HASH_LENGTH);
        } else {
            System.arraycopy(key, 0, k, 0, key.length);
        }
        byte[] pad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            pad[i] = (byte) (k[i] ^ 0x36);
        }
        Blake2sDigest inner = digest();
        inner.update(pad, 0, BLOCK);
        for (byte[] p : parts) {
            inner.update(p, 0, p.length);
        }
        byte[] innerOut = new byte[HASH_LENGTH];
        inner.doFinal(innerOut, 0);
        for (int i = 0; i < BLOCK; i++) {
            pad[i] = (byte) (k[i] ^ 0x5c);
        }
        Blake2sDigest outer = digest();
        outer.update(pad, 0, BLOCK);
        outer.update(innerOut, 0, HASH_LENGTH);
        byte[] out = new byte[HASH_LENGTH];
        outer.doFinal(out, 0);
        java.util.Arrays.fill(k, (byte) 0);
        java.util.Arrays.fill(pad, (byte) 0);
        return out;
    }

    /** KDF_n(key, input) for n = 1..3: the HKDF expansion the paper defines over HMAC-BLAKE2s. */
    public static byte[][] kdf(int n, byte[] key, byte[] input) {
        if (n < 1 || n > 3) {
            throw new IllegalArgumentException("KDF output count must be 1..3, got " + n);
        }
        byte[] prk = hmac(key, input);
        byte[][] out = new byte[n][];
        byte[] previous = new byte[0];
        for (int i = 0; i < n; i++) {
            previous = hmac(prk, previous, new byte[] {(byte) (i + 1)});
            out[i] = previous;
        }
        java.util.Arrays.fill(prk, (byte) 0);
        return out;
    }

    public static byte[] kdf1(byte[] key, byte[] input) {
        return kdf(1, key, input)[0];
    }

    public static byte[][] kdf2(byte[] key, byte[] input) {
        return kdf(2, key, input);
    }

    public static byte[][] kdf3(byte[] key, byte[] input) {
        return kdf(3, key, input);
    }
}
