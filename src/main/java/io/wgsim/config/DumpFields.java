package io.wgsim.config;

import java.util.function.Function;

/** One tab-separated line of a {@code wg show dump}, with errors that name the line and the field. */
final class DumpFields {
    /** What wg(8) prints for a key or value that isn't set. */
    static final String NONE = "(none)";
    /** What wg(8) prints for a secret it won't show, and what our writer prints for every secret. */
    static final String HIDDEN = "(hidden)";
    static final String OFF = "off";

    private final String[] values;
    private final String[] names;
    private final int line;

    private DumpFields(String[] values, String[] names, int line) {
        this.values = values;
        this.names = names;
        this.line = line;
    }

    static DumpFields split(String text, int line, String... names) {
        String[] values = text.split("\t", -1);
        if (values.length != names.length) {
            throw new IllegalArgumentException("wg dump line " + line + ": expected " + names.length
                    + " tab-separated fields (" + String.join(", ", names) + "), found " + values.length);
        }
        return new DumpFields(values, names, line);
    }

    String text(int index) {
        return values[index];
    }

    <T> T get(int index, Function<String, T> parser) {
        try {
            return parser.apply(values[index]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wg dump line " + line + ", " + names[index] + ": " + e.getMessage(), e);
        }
    }

    /** A secret's field: whether it is set. The key itself, when wg(8) printed it, is checked and dropped. */
    boolean secretIsSet(int index, Function<String, ?> keyParser) {
        String value = values[index];
        if (value.equals(NONE)) {
            return false;
        }
        if (!value.equals(HIDDEN)) {
            get(index, keyParser);
        }
        return true;
    }

    static int number(String text, int max) {
        long value = ConfigValues.digits(text);
        if (value < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        if (value > max) {
            throw new IllegalArgumentException("'" + text + "' is out of range 0.." + max);
        }
        return (int) value;
    }

    /** An unsigned 64-bit counter as wg(8) prints it (the long holds its bit pattern). */
    static long unsigned(String text) {
        if (text.isEmpty() || text.length() > 20 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large for 64 bits");
        }
    }
}
