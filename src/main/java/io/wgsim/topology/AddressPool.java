package io.wgsim.topology;

import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.util.Set;

/**
 * Hands out the addresses of a prefix in ascending order, skipping those already taken, the prefix's
 * own address (the all-zeros host) and, for IPv4, its broadcast address. /31 and /32 (and IPv6 /127,
 * /128) have no such reserved addresses, as RFC 3021 has it.
 */
final class AddressPool {
    private final Cidr prefix;
    private final byte[] cursor;
    private final byte[] last;
    private boolean exhausted;

    AddressPool(Cidr prefix) {
        this.prefix = prefix.network();
        int bits = this.prefix.address().getAddress().length * 8;
        boolean tiny = bits - prefix.length() <= 1;
        this.cursor = this.prefix.address().getAddress();
        this.last = this.prefix.address().getAddress();
        for (int bit = prefix.length(); bit < bits; bit++) {
            last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        if (!tiny) {
            increment(cursor);
            if (bits == 32) {
                decrement(last);
            }
        }
    }

    Cidr prefix() {
        return prefix;
    }

    /** How many addresses the pool hands out at most (saturating at Long.MAX_VALUE). */
    long capacity() {
        int hostBits = prefix.address().getAddress().length * 8 - prefix.length();
        if (hostBits >= 63) {
            return Long.MAX_VALUE;
        }
        long all = 1L << hostBits;
        return hostBits <= 1 ? all : prefix.isIpv4() ? all - 2 : all - 1;
    }

    /** Whether the address is one the pool could hand out (inside, and not reserved). */
    boolean isUsable(InetAddress address) {
        byte[] b = address.getAddress();
        return prefix.contains(b) && compare(b, firstUsable()) >= 0 && compare(b, last) <= 0;
    }

    private byte[] firstUsable() {
        byte[] first = prefix.address().getAddress();
        int bits = first.length * 8;
        if (bits - prefix.length() > 1) {
            increment(first);
        }
        return first;
    }

    /** The next free address, which is then taken; null when the pool is used up. */
    InetAddress next(Set<InetAddress> taken) {
        while (!exhausted) {
            InetAddress candidate = IpAddresses.fromBytes(cursor.clone());
            if (compare(cursor, last) >= 0) {
                exhausted = true;
            } else {
                increment(cursor);
            }
            if (taken.add(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void increment(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (++b[i] != 0) {
                return;
            }
        }
    }

    private static void decrement(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i]-- != 0) {
                return;
            }
        }
    }

    private static int compare(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
