package io.wgsim.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The content of a pcapng Decryption Secrets Block (draft-ietf-opsawg-pcapng section "Decryption
 * Secrets Block"). Holds secrets: {@link #toString()} shows only their type and size.
 *
 * @param type the Secrets Type, e.g. {@link #WIREGUARD_KEY_LOG}
 * @param data the secrets, without the block's padding
 * @param packetsBefore how many packets the file held before this block; readers such as Wireshark may
 *        only use secrets for packets that come after them
 */
public record DecryptionSecrets(int type, byte[] data, long packetsBefore) {

    /** Secrets Type "WGKL" (0x57474b4c): a WireGuard key log, one {@code KEY_TYPE = base64} per line. */
    public static final int WIREGUARD_KEY_LOG = 0x57474b4c;

    /** Secrets Type "TLSK" (0x544c534b): an NSS key log. */
    public static final int TLS_KEY_LOG = 0x544c534b;

    public DecryptionSecrets {
        data = data.clone();
    }

    @Override public byte[] data() {
        return data.clone();
    }

    public boolean isWireGuardKeyLog() {
        return type == WIREGUARD_KEY_LOG;
    }

    /**
     * The data read as UTF-8 text lines, for the key-log types: split at "\n" or "\r\n", empty lines
     * left out.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The type as its four ASCII letters when it is printable ("WGKL"), else in hex. */
    public static String typeName(int type) {
        StringBuilder s = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (type >>> shift) & 0xff;
            if (c < 0x20 || c > 0x7e) {
                return String.format("0x%08x", type);
            }
            s.append((char) c);
        }
        return s.toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof DecryptionSecrets d && type == d.type && packetsBefore == d.packetsBefore
                && Arrays.equals(data, d.data);
    }

    @Override public int hashCode() {
        return (type * 31 + Arrays.hashCode(data)) * 31 + Long.hashCode(packetsBefore);
    }

    @Override public String toString() {
        return "DecryptionSecrets[type=" + typeName(type) + ", " + data.length + " bytes (hidden), after "
                + packetsBefore + " packets]";
    }
}
