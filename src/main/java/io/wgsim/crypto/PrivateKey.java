package io.wgsim.crypto;

/**
 * A Curve25519 private key, clamped on the way in (RFC 7748). Its toString never shows the key, so a
 * private key cannot leak into a log by accident; {@link #toBase64()} is the one deliberate way out.
 */
public final class PrivateKey {
    private final byte[] bytes;
    private final PublicKey publicKey;

    private PrivateKey(byte[] clamped) {
        this.bytes = clamped;
        this.publicKey = PublicKey.of(X25519.publicKey(clamped));
    }

    public static PrivateKey of(byte[] bytes) {
        return new PrivateKey(X25519.clamp(Key32.copyChecked(bytes, "private key")));
    }

    public static PrivateKey fromBase64(String base64) {
        return new PrivateKey(X25519.clamp(Key32.decode(base64, "private key")));
    }

    public static PrivateKey generate(Entropy entropy) {
        byte[] raw = new byte[Key32.LENGTH];
        entropy.nextBytes(raw);
        return new PrivateKey(X25519.clamp(raw));
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** A copy of the clamped scalar. */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    public String toBase64() {
        return Key32.encode(bytes);
    }

    @Override public boolean equals(Object o) {
        return o instanceof PrivateKey other && Key32.equal(bytes, other.bytes);
    }

    @Override public int hashCode() {
        return Key32.hash(bytes);
    }

    @Override public String toString() {
        return "PrivateKey[public=" + publicKey + "]";
    }
}
