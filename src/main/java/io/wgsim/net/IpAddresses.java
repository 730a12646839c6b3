package io.wgsim.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Strict textual IP address parsing that never touches DNS: only IPv4 dotted quads and IPv6 literals
 * are accepted, so a typo in a config cannot turn into a name lookup.
 */
public final class IpAddresses {
    private IpAddresses() {}

    /** Parses an IPv4 or IPv6 literal (IPv6 without brackets); throws IllegalArgumentException otherwise. */
    public static InetAddress parse(String text) {
        String s = text.strip();
        byte[] bytes = s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
        }
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        if (s.isEmpty() || s.indexOf('%') >= 0) {
            return null;
        }
        // Characters allowed in an IPv6 literal (with optional embedded IPv4 tail); anything else
        // would let InetAddress fall back to a host name lookup.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = Character.digit(c, 16) >= 0 || c == ':' || c == '.';
            if (!ok) {
                return null;
            }
        }
        try {
            byte[] bytes = InetAddress.getByName(s).getAddress();
            return bytes.length == 16 || bytes.length == 4 ? bytes : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Formats an address the way wg(8) and ip(8) print it (RFC 5952 for IPv6: shortest form). */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero words (the first one on a tie) becomes "::".
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(words[i]));
        }
        return out.toString();
    }
}
