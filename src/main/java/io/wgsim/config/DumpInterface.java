package io.wgsim.config;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;

/**
 * The first line of {@code wg show <if> dump}. The private key is reduced to whether one is set, so this
 * record can be logged, stored and compared without holding a secret.
 *
 * @param publicKey null exactly when no private key is set (wg(8) prints "(none)" for both)
 * @param listenPort 0..65535; 0 when the interface is not listening
 * @param fwmark an unsigned 32-bit mark; 0 = off
 */
public record DumpInterface(boolean hasPrivateKey, PublicKey publicKey, int listenPort, int fwmark) {
    private static final String[] FIELDS = {"private-key", "public-key", "listen-port", "fwmark"};

    public DumpInterface {
        if (hasPrivateKey != (publicKey != null)) {
            throw new IllegalArgumentException("a public key is shown exactly when a private key is set");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort " + listenPort + " is out of range 0..65535");
        }
    }

    /** The line for an interface with this key, listening on {@code listenPort}, with no fwmark. */
    public static DumpInterface of(PrivateKey privateKey, int listenPort) {
        return new DumpInterface(true, privateKey.publicKey(), listenPort, 0);
    }

    static DumpInterface parse(String text, int line) {
        DumpFields f = DumpFields.split(text, line, FIELDS);
        boolean hasPrivateKey = f.secretIsSet(0, KeyText::privateKey);
        PublicKey publicKey = f.text(1).equals(DumpFields.NONE) ? null : f.get(1, KeyText::publicKey);
        int listenPort = f.get(2, s -> DumpFields.number(s, 65535));
        int fwmark = f.get(3, DumpInterface::fwmark);
        try {
            return new DumpInterface(hasPrivateKey, publicKey, listenPort, fwmark);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wg dump line " + line + ": " + e.getMessage(), e);
        }
    }

    /** "off", or the mark as wg(8) prints it ("0x1a"); plain decimal is taken too, as wg(8) reads it. */
    private static int fwmark(String text) {
        if (text.equals(DumpFields.OFF)) {
            return 0;
        }
        boolean hex = text.startsWith("0x");
        String digits = hex ? text.substring(2) : text;
        try {
            long value = Long.parseLong(digits, hex ? 16 : 10);
            if (value >= 0 && value <= 0xffff_ffffL && !digits.startsWith("+") && !digits.startsWith("-")) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is neither 'off' nor a 32-bit mark");
    }

    String format() {
        return String.join("\t",
                hasPrivateKey ? DumpFields.HIDDEN : DumpFields.NONE,
                publicKey == null ? DumpFields.NONE : publicKey.toBase64(),
                Integer.toString(listenPort),
                fwmark == 0 ? DumpFields.OFF : "0x" + Integer.toHexString(fwmark));
    }
}
