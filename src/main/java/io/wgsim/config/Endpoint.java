package io.wgsim.config;

import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A peer's UDP endpoint: a literal IP address and a port, written {@code 192.0.2.1:51820} or
 * {@code [2001:db8::1]:51820} as wg(8) writes them. Host names are refused rather than resolved: a lookup
 * would make a simulation depend on the machine's DNS, and a conformance run on the moment it ran.
 */
public record Endpoint(InetAddress address, int port) {

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1..65535");
        }
    }

    /** The endpoint of a resolved socket address (as a datagram's source is). */
    public static Endpoint of(InetSocketAddress socketAddress) {
        if (socketAddress.isUnresolved()) {
            throw new IllegalArgumentException(socketAddress + " is not resolved to an IP address");
        }
        return new Endpoint(socketAddress.getAddress(), socketAddress.getPort());
    }

    /** Parses {@code 1.2.3.4:port} or {@code [v6]:port}; messages quote the text. */
    public static Endpoint parse(String text) {
        String s = text.strip();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw notIpPort(text);
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw notIpPort(text);
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("'" + text + "' is not IP:port (write an IPv6 endpoint as [address]:port)");
            }
        }
        InetAddress address;
        try {
            address = IpAddresses.parse(host);
        } catch (IllegalArgumentException e) {
            throw looksLikeHostName(host)
                    ? new IllegalArgumentException("'" + text + "' names a host; wgsim takes literal IP addresses only (no DNS)")
                    : notIpPort(text);
        }
        return new Endpoint(address, parsePort(port, text));
    }

    private static int parsePort(String port, String text) {
        long value = ConfigValues.digits(port);
        if (value < 0) {
            throw notIpPort(text);
        }
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("'" + text + "' has port " + value + ", outside 1..65535");
        }
        return (int) value;
    }

    private static boolean looksLikeHostName(String host) {
        return !host.isEmpty() && host.chars().anyMatch(Character::isLetter)
                && host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-');
    }

    private static IllegalArgumentException notIpPort(String text) {
        return new IllegalArgumentException("'" + text + "' is not IP:port");
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override public String toString() {
        return IpAddresses.format(address, port);
    }
}
