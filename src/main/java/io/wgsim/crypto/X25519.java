package io.wgsim.crypto;

/**
 * Curve25519 Diffie-Hellman on raw 32-byte keys (RFC 7748), via Bouncy Castle's constant-time
 * implementation. An all-zero result (the peer sent a low-order point) is refused, as WireGuard must.
 */
public final class X25519 {
    public static final int KEY_LENGTH = 32;

    // Builds Bouncy Castle's base-point tables when this class loads rather than inside the first
    // handshake, keeping that one-off cost out of benchmarks and timing-sensitive runs.
    static {
        org.bouncycastle.math.ec.rfc7748.X25519.precompute();
    }

    /**
     * Operations done by each thread: {fixed-base, variable-base}. A simulation reads its own thread's
     * figures before and after a run to know exactly how much Curve25519 work the run did (handshakes,
     * but also the static-static precomputation per peer and key derivation), for its overhead figure.
     */
    private static final ThreadLocal<long[]> OPERATIONS = ThreadLocal.withInitial(() -> new long[2]);

    private X25519() {}

    /** {fixed-base (public key) operations, variable-base (DH) operations} done on this thread so far. */
    public static long[] operationsOnThisThread() {
        return OPERATIONS.get().clone();
    }

    /** RFC 7748 clamping, in place; returns its argument. */
    public static byte[] clamp(byte[] scalar) {
        scalar[0] &= (byte) 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        return scalar;
    }

    public static byte[] publicKey(byte[] privateKey) {
        byte[] out = new byte[KEY_LENGTH];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(privateKey, 0, out, 0);
        OPERATIONS.get()[0]++;
        return out;
    }

    /** The raw X25519 function (no zero check), for test vectors that probe it directly. */
    public static byte[] scalarMult(byte[] scalar, byte[] point) {
        byte[] out = new byte[KEY_LENGTH];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(scalar, 0, point, 0, out, 0);
        OPERATIONS.get()[1]++;
        return out;
    }

    /** DH(private, public); throws when the result is all zeros. */
    public static byte[] sharedSecret(byte[] privateKey, byte[] publicKey) throws ZeroSharedSecretException {
        byte[] out = scalarMult(privateKey, publicKey);
        if (Key32.isZero(out)) {
            throw new ZeroSharedSecretException();
        }
        return out;
    }

    public static byte[] sharedSecret(PrivateKey privateKey, PublicKey publicKey) throws ZeroSharedSecretException {
        return sharedSecret(privateKey.raw(), publicKey.raw());
    }
}
