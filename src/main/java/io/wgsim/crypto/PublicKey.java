package io.wgsim.crypto;

/** A Curve25519 public key: 32 bytes, compared by content, printed in base64 like wg(8). */
public final class PublicKey {
    private final byte[] bytes;

    private PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PublicKey of(byte[] bytes) {
        return new PublicKey(Key32.copyChecked(bytes, "public key"));
    }

    public static PublicKey fromBase64(String base64) {
        return new PublicKey(Key32.decode(base64, "public key"));
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The raw bytes without a copy, for the crypto code that must not allocate; never modify them. */
    byte[] raw() {
        return bytes;
    }

    public String toBase64() {
        return Key32.encode(bytes);
    }

    @Override public boolean equals(Object o) {
        return o instanceof PublicKey other && Key32.equal(bytes, other.bytes);
    }

    @Override public int hashCode() {
        return Key32.hash(bytes);
    }

    @Override public String toString() {
        return toBase64();
    }
}
