package io.wgsim.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IP prefix such as {@code 10.0.0.0/24} or {@code fd00::/64}. Host bits are kept as written (an
 * interface Address like 10.0.0.1/24 is a Cidr too); {@link #network()} clears them.
 */
public record Cidr(InetAddress address, int length) {

    public Cidr {
        Objects.requireNonNull(address, "address");
        int max = address.getAddress().length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range 0.." + max
                    + " for " + address.getHostAddress());
        }
    }

    /** Parses "addr/len"; a bare address means a host prefix (/32 or /128). */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        InetAddress address = IpAddresses.parse(slash < 0 ? s : s.substring(0, slash));
        int max = address.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(address, max);
        }
        String len = s.substring(slash + 1);
        // ASCII digits only: Character.isDigit would admit other scripts' digits.
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
        }
        return new Cidr(address, Integer.parseInt(len));
    }

    public boolean isIpv4() {
        return address.getAddress().length == 4;
    }

    /** The same prefix with its host bits cleared. */
    public Cidr network() {
        byte[] bytes = address.getAddress();
        for (int bit = length; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        // Not InetAddress.getByAddress: it would turn a mapped IPv6 prefix into IPv4.
        return new Cidr(IpAddresses.fromBytes(bytes), length);
    }

    /** Whether the address (4 or 16 bytes) lies inside this prefix. */
    public boolean contains(byte[] other) {
        byte[] mine = address.getAddress();
        if (other.length != mine.length) {
            return false;
        }
        int full = length / 8;
        if (!Arrays.equals(mine, 0, full, other, 0, full)) {
            return false;
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (mine[full] & mask) == (other[full] & mask);
    }

    @Override public String toString() {
        return IpAddresses.format(address) + "/" + length;
    }
}
