package io.wgsim.check;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wireshark's WireGuard key log (the {@code wg.keylog_file} preference, and the content of a pcapng
 * Decryption Secrets Block of type 0x57474b4c): one {@code KEY_TYPE = base64} per line, spaces around
 * the "=" optional. A PRESHARED_KEY line belongs to the LOCAL_EPHEMERAL_PRIVATE_KEY line before it, as
 * Wireshark reads it. Error messages name the source and line, never a key.
 */
final class KeyLog {
    private KeyLog() {}

    enum Type { LOCAL_STATIC_PRIVATE_KEY, REMOTE_STATIC_PUBLIC_KEY, LOCAL_EPHEMERAL_PRIVATE_KEY, PRESHARED_KEY }

    /** One line: a key and its type. */
    record Entry(Type type, byte[] key) {
        @Override public String toString() {
            return "KeyLog.Entry[" + type + " (hidden)]";
        }
    }

    private static final Pattern LINE = Pattern.compile("\\s*([A-Z_]+)\\s*=\\s*(\\S+)\\s*");

    /**
     * Parses key-log lines; blank lines and lines starting with '#' are skipped.
     *
     * @param source names the lines in errors, e.g. a file name or "the capture's secrets block"
     * @throws CheckInputException naming the source and line of the first line that is not a key
     */
    static List<Entry> parse(List<String> lines, String source) throws CheckInputException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new CheckInputException(where + "not a key-log line (KEY_TYPE = <base64 key>)");
            }
            Type type;
            try {
                type = Type.valueOf(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new CheckInputException(where + "unknown key type " + m.group(1) + " (expected one of "
                        + List.of(Type.values()) + ")");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new CheckInputException(where + type + ": the key is not base64");
            }
            if (key.length != 32) {
                throw new CheckInputException(where + type + ": the key has " + key.length + " bytes, not 32");
            }
            entries.add(new Entry(type, key));
        }
        return entries;
    }
}
