package io.wgsim.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** Checks shared by the 32-byte key types: length and base64 form as wg(8) writes them. */
final class Key32 {
    static final int LENGTH = 32;

    private Key32() {}

    static byte[] copyChecked(byte[] bytes, String what) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException(what + " must be " + LENGTH + " bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        return bytes.clone();
    }

    static byte[] decode(String base64, String what) {
        if (base64 == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String text = base64.strip();
        // wg(8) keys are exactly 44 characters of standard base64 ending in one '='.
        if (text.length() != 44 || text.charAt(43) != '=') {
            throw new IllegalArgumentException(what + " is not a 32-byte base64 key (expected 44 characters ending in '=')");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64: " + e.getMessage());
        }
        // "...==" passes the shape check but holds 31 bytes. And like wg(8), refuse a last character
        // whose two spare bits are set: it decodes to the same key as the canonical text, so two
        // spellings of one key would otherwise both be accepted.
        if (bytes.length != LENGTH || !encode(bytes).equals(text)) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException(what + " is not a canonical base64 encoding of " + LENGTH + " bytes");
        }
        return bytes;
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static boolean isZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }

    /** Content equality in time independent of where the arrays differ. */
    static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    static int hash(byte[] bytes) {
        return Arrays.hashCode(bytes);
    }
}
