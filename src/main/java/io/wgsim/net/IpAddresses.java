package io.wgsim.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Strict textual IP address parsing that never touches DNS: only IPv4 dotted quads and IPv6 literals
 * are accepted, so a typo in a config cannot turn into a name lookup.
 *
 * <p>The family of an address is the family it was written in. Java's own factories turn an
 * IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) into an IPv4 address; WireGuard does not (such an
 * allowed IP is an IPv6 prefix and matches IPv6 packets only), so this class builds addresses itself.
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
        return fromBytes(bytes);
    }

    /**
     * The address with these 4 or 16 bytes, keeping the family the length says (16 bytes of an
     * IPv4-mapped address stay IPv6).
     */
    public static InetAddress fromBytes(byte[] bytes) {
        try {
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes);
            }
            if (bytes.length == 16) {
                // A negative scope id means "no scope".
                return Inet6Address.getByAddress(null, bytes, -1);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }

    private static boolean isAsciiDigit(char c) {
        // Character.isDigit would also accept other scripts' digits, which Integer.parseInt then reads.
        return c >= '0' && c <= '9';
    }

    private static int hexValue(char c) {
        if (isAsciiDigit(c)) {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            // Leading zeros are refused: inet_aton would read them as octal.
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> isAsciiDigit((char) c))
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

    /** RFC 4291 section 2.2 text forms: eight groups, one "::", and an optional dotted-quad tail. */
    private static byte[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] out = new byte[16];
        if (gap < 0) {
            int n = parseGroups(s, out, 0, true);
            return n == 16 ? out : null;
        }
        byte[] tail = new byte[16];
        int head = parseGroups(s.substring(0, gap), out, 0, false);
        int rest = parseGroups(s.substring(gap + 2), tail, 0, true);
        // "::" stands for at least one group of zeros.
        if (head < 0 || rest < 0 || head + rest > 14) {
            return null;
        }
        System.arraycopy(tail, 0, out, 16 - rest, rest);
        return out;
    }

    /**
     * Parses colon-separated hex groups into out from pos; returns the number of bytes written or -1.
     * An empty text is zero groups. A dotted quad may end the text when allowed.
     */
    private static int parseGroups(String text, byte[] out, int pos, boolean ipv4TailAllowed) {
        if (text.isEmpty()) {
            return 0;
        }
        String[] groups = text.split(":", -1);
        int written = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (i == groups.length - 1 && ipv4TailAllowed && g.indexOf('.') >= 0) {
                byte[] v4 = parseV4(g);
                if (v4 == null || written + 4 > 16) {
                    return -1;
                }
                System.arraycopy(v4, 0, out, pos + written, 4);
                return written + 4;
            }
            if (g.isEmpty() || g.length() > 4 || written + 2 > 16) {
                return -1;
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                int h = hexValue(g.charAt(k));
                if (h < 0) {
                    return -1;
                }
                v = v << 4 | h;
            }
            out[pos + written] = (byte) (v >>> 8);
            out[pos + written + 1] = (byte) v;
            written += 2;
        }
        return written;
    }

    /**
     * An address and port as wg(8) prints an endpoint: {@code 198.18.0.1:51820},
     * {@code [fd00::1]:51820}; an unresolved one as it was given.
     */
    public static String format(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return address.getHostString() + ":" + address.getPort();
        }
        return format(address.getAddress(), address.getPort());
    }

    /** {@link #format(InetSocketAddress)} for an address and a port held apart. */
    public static String format(InetAddress address, int port) {
        String host = format(address);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Formats an address the way wg(8) and ip(8) print it: RFC 5952 for IPv6 (lower case, shortest
     * form, and the dotted-quad tail for IPv4-mapped addresses, section 5).
     */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return formatV4(b, 0);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        if (isIpv4Mapped(words)) {
            return "::ffff:" + formatV4(b, 12);
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

    private static boolean isIpv4Mapped(int[] words) {
        for (int i = 0; i < 5; i++) {
            if (words[i] != 0) {
                return false;
            }
        }
        return words[5] == 0xffff;
    }

    private static String formatV4(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }
}
