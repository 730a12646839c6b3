package io.wgsim.crypto;

/** An optional 32-byte symmetric key mixed into the handshake (IKpsk2). All zeros means "no PSK". */
public final class PresharedKey {
    public static final PresharedKey NONE = new PresharedKey(new byte[Key32.LENGTH]);

    private final byte[] bytes;

    private PresharedKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PresharedKey of(byte[] bytes) {
        return new PresharedKey(Key32.copyChecked(bytes, "preshared key"));
    }

    public static PresharedKey fromBase64(String base64) {
        return new PresharedKey(Key32.decode(base64, "preshared key"));
    }

    public boolean isNone() {
        return Key32.isZero(bytes);
    }

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
        return o instanceof PresharedKey other && Key32.equal(bytes, other.bytes);
    }

    @Override public int hashCode() {
        return Key32.hash(bytes);
    }

    @Override public String toString() {
        return isNone() ? "PresharedKey[none]" : "PresharedKey[hidden]";
    }
}
