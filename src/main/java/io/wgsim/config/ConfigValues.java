package io.wgsim.config;

import io.wgsim.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one value's text into its type. Each method throws IllegalArgumentException with a message that
 * describes the value's problem only; the parser adds file, line, section and field.
 */
final class ConfigValues {
    private ConfigValues() {}

    /** ListenPort: 0..65535, where 0 (as in wg(8)) means "pick one", returned as null. */
    static Integer listenPort(String text) {
        int port = number(text, 65535, "a port (0..65535; 0 picks a random port)");
        return port == 0 ? null : port;
    }

    static int mtu(String text) {
        String range = InterfaceConfig.MIN_MTU + ".." + InterfaceConfig.MAX_MTU;
        int mtu = number(text, Integer.MAX_VALUE, "a number (MTU must be " + range + ")");
        if (mtu < InterfaceConfig.MIN_MTU || mtu > InterfaceConfig.MAX_MTU) {
            throw new IllegalArgumentException(mtu + " is out of range: MTU must be " + range);
        }
        return mtu;
    }

    /** PersistentKeepalive: "off" or 0..65535 seconds, as wg(8) takes it. */
    static int keepalive(String text) {
        if (text.equalsIgnoreCase("off")) {
            return 0;
        }
        return number(text, 65535, "'off' or a number of seconds 0..65535");
    }

    /** A comma-separated list of prefixes (Address, AllowedIPs); an empty value is an empty list. */
    static List<Cidr> cidrs(String text) {
        List<Cidr> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String item : text.split(",", -1)) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has an empty entry between commas");
            }
            out.add(Cidr.parse(entry));
        }
        return out;
    }

    /**
     * The value of a plain run of ASCII digits, or -1 for anything else. Stricter than Integer.parseInt,
     * which would also take "+5" or Arabic-Indic digits; 18 digits at most, so it never overflows.
     */
    static long digits(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }

    private static int number(String text, int max, String expected) {
        long value = digits(text);
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("'" + text + "' is not " + expected);
        }
        return (int) value;
    }
}
