package io.wgsim.net;

/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
 * big-endian words. Sums are kept unfolded in an int so pieces (pseudo-header, header, payload) can
 * be added up before one final fold.
 */
final class InetChecksum {
    private InetChecksum() {}

    /** Adds the bytes to a running sum; an odd last byte is padded with a zero byte. */
    static int add(int sum, byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            sum += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
            // Fold early so the int never overflows, whatever the length.
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Adds a 16-bit value. */
    static int add(int sum, int word) {
        return sum + (word & 0xffff);
    }

    /** The pseudo-header sum for TCP, UDP and ICMPv6 (RFC 768, RFC 793; RFC 8200 section 8.1). */
    static int pseudoHeader(byte[] packet, int srcOff, int addrLen, int protocol, int upperLength) {
        int sum = add(0, packet, srcOff, 2 * addrLen);
        sum = add(sum, protocol);
        sum = add(sum, upperLength >>> 16);
        return add(sum, upperLength);
    }

    /** Folds the sum to 16 bits and complements it: the value to store in a checksum field. */
    static int finish(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    /** The checksum of the bytes alone. */
    static int of(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }
}
