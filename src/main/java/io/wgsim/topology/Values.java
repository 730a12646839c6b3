package io.wgsim.topology;

import io.wgsim.config.Endpoint;
import io.wgsim.config.InterfaceConfig;
import io.wgsim.config.KeyText;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns one value's text into its type. Each method throws IllegalArgumentException with a message about
 * the value only; {@link Fields} adds the file, line and path. Messages about keys never quote the text.
 */
final class Values {
    private Values() {}

    /** Names of topologies, networks, NATs and nodes. Starting with a letter keeps them apart from addresses. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,62}");

    static String name(String text) {
        String s = text.strip();
        if (!NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a name: a name starts with a letter, holds"
                    + " letters, digits, '.', '_' and '-', and is at most 63 characters");
        }
        return s;
    }

    static InetAddress address(String text) {
        return IpAddresses.parse(text);
    }

    /** An IP prefix as written, host bits kept (an allowed IP, a tunnel address). */
    static Cidr prefix(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            String s = text.strip();
            int slash = s.indexOf('/');
            InetAddress address = slash > 0 ? addressOrNull(s.substring(0, slash)) : null;
            if (address != null) {
                throw new IllegalArgumentException("'" + text + "' is not an IP prefix (the length after '/' is 0.."
                        + address.getAddress().length * 8 + ")");
            }
            throw new IllegalArgumentException("'" + text + "' is not an IP prefix");
        }
    }

    private static InetAddress addressOrNull(String text) {
        try {
            return IpAddresses.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A prefix that names a block of addresses: host bits must be clear. */
    static Cidr subnet(String text) {
        Cidr cidr = prefix(text);
        if (!cidr.equals(cidr.network())) {
            throw new IllegalArgumentException("'" + text + "' has host bits set: the block is " + cidr.network());
        }
        return cidr;
    }

    static InetSocketAddress endpoint(String text) {
        return Endpoint.parse(text).toSocketAddress();
    }

    static int port(String text) {
        long port = Units.digits(text, 65535);
        if (port < 1) {
            throw new IllegalArgumentException("'" + text + "' is not a port (1..65535)");
        }
        return (int) port;
    }

    static int mtu(String text) {
        long mtu = Units.digits(text, InterfaceConfig.MAX_MTU);
        if (mtu < InterfaceConfig.MIN_MTU) {
            throw new IllegalArgumentException("'" + text + "' is not an MTU (" + InterfaceConfig.MIN_MTU + ".."
                    + InterfaceConfig.MAX_MTU + ")");
        }
        return (int) mtu;
    }

    static long seed(String text) {
        long seed = Units.digits(text, Long.MAX_VALUE);
        if (seed < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a seed (a whole number, 0 or more)");
        }
        return seed;
    }

    /** A whole number in {@code min..max}; {@code what} names it in the message. */
    static long number(String text, long min, long max, String what) {
        long n = Units.digits(text, max);
        if (n < min) {
            throw new IllegalArgumentException("'" + text + "' is not " + what + " (" + min + ".." + max + ")");
        }
        return n;
    }

    /** A positive duration. */
    static Duration positive(String text) {
        Duration d = Units.duration(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero: it must be longer");
        }
        return d;
    }

    /**
     * PersistentKeepalive: {@code off} (or 0), or whole seconds up to 65535 ({@code 25s}), as wg(8) keeps
     * it in seconds.
     */
    static Duration keepalive(String text) {
        if (text.strip().equals("off")) {
            return Duration.ZERO;
        }
        if (Units.digits(text, Long.MAX_VALUE) > 0) {
            throw new IllegalArgumentException("'" + text + "' has no unit: write " + text.strip() + "s (or off)");
        }
        Duration d;
        try {
            d = Units.duration(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", or off");
        }
        if (d.toNanos() % 1_000_000_000L != 0 || d.getSeconds() > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not whole seconds up to 65535s: WireGuard keeps the"
                    + " persistent keepalive in seconds");
        }
        return d;
    }

    static PresharedKey presharedKey(String text) {
        return KeyText.presharedKey(text);
    }

    /** One of the given words, for fields with a fixed set of values. */
    static String word(String text, String... words) {
        String s = text.strip();
        for (String w : words) {
            if (w.equals(s)) {
                return w;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", words)
                + Suggest.hint(s, List.of(words)));
    }
}
