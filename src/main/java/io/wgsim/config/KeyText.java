package io.wgsim.config;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import java.util.Base64;

/**
 * Reads keys written as wg(8) writes them: 44 characters of standard base64, ending in '='. Stricter than
 * the JDK's decoder in one way wg(8) is too: the unused low bits of the last character must be zero, so
 * each key has exactly one spelling (the JDK would take "...VFl=" for "...VFk=").
 *
 * <p>Messages never quote the text: it may be a secret, or a secret pasted into the wrong field.
 */
public final class KeyText {
    static final String WRONG_FORM = "is not a key (expected 44 characters of base64 ending in '=')";

    private KeyText() {}

    public static PrivateKey privateKey(String text) {
        return PrivateKey.fromBase64(canonical(text));
    }

    public static PublicKey publicKey(String text) {
        return PublicKey.fromBase64(canonical(text));
    }

    public static PresharedKey presharedKey(String text) {
        return PresharedKey.fromBase64(canonical(text));
    }

    private static String canonical(String text) {
        String s = text.strip();
        if (s.length() != 44 || s.charAt(43) != '=') {
            throw new IllegalArgumentException(WRONG_FORM);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            // The decoder's own message names the offending character: not repeated here.
            throw new IllegalArgumentException(WRONG_FORM);
        }
        // "==" would decode to 31 bytes; a non-canonical last character re-encodes differently.
        if (bytes.length != 32 || !Base64.getEncoder().encodeToString(bytes).equals(s)) {
            throw new IllegalArgumentException(WRONG_FORM);
        }
        return s;
    }
}
