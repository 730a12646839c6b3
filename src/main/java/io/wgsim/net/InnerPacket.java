package io.wgsim.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 packet found in a decrypted transport plaintext, with the padding trimmed. Only
 * {@link #parse} makes one, so every InnerPacket has a well-formed fixed header and exactly the
 * length its header states. What lies beyond the fixed header (IPv4 options, IPv6 extension
 * headers, the transport header) is not checked here.
 *
 * <p>The checks are the kernel's (receive.c, before the allowed-IPs source check) plus the IPv4
 * header length field, which wgsim reads to find the payload.
 */
public final class InnerPacket {

    /** The outcome of {@link #validate}. */
    public enum Validity {
        VALID,
        /** Fewer bytes than the fixed header of its version (or none at all). */
        TOO_SHORT,
        /** Neither IPv4 nor IPv6. */
        UNKNOWN_VERSION,
        /** IPv4 header length field below 5 words or beyond the total length. */
        BAD_HEADER_LENGTH,
        /** IPv4 total length below the header length. */
        BAD_TOTAL_LENGTH,
        /** The length the header states is more than the plaintext holds. */
        TRUNCATED
    }

    static final int IPV4_HEADER_MIN = 20;
    static final int IPV6_HEADER = 40;

    private final byte[] bytes;

    private InnerPacket(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Checks the plaintext at buf[off, off + len). Never throws for any bytes; throws
     * IndexOutOfBoundsException only if off and len do not describe a range of buf.
     */
    public static Validity validate(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return Validity.TOO_SHORT;
        }
        int version = (buf[off] & 0xff) >>> 4;
        if (version == 4) {
            if (len < IPV4_HEADER_MIN) {
                return Validity.TOO_SHORT;
            }
            int headerLength = (buf[off] & 0x0f) * 4;
            int total = u16(buf, off + 2);
            if (headerLength < IPV4_HEADER_MIN) {
                return Validity.BAD_HEADER_LENGTH;
            }
            if (total < IPV4_HEADER_MIN) {
                return Validity.BAD_TOTAL_LENGTH;
            }
            if (headerLength > total) {
                return Validity.BAD_HEADER_LENGTH;
            }
            return total > len ? Validity.TRUNCATED : Validity.VALID;
        }
        if (version == 6) {
            if (len < IPV6_HEADER) {
                return Validity.TOO_SHORT;
            }
            return IPV6_HEADER + u16(buf, off + 4) > len ? Validity.TRUNCATED : Validity.VALID;
        }
        return Validity.UNKNOWN_VERSION;
    }

    /** The packet at buf[off, off + len), trimmed to its stated length, or null if not {@link Validity#VALID}. */
    public static InnerPacket parse(byte[] buf, int off, int len) {
        int length = packetLength(buf, off, len);
        return length < 0 ? null : new InnerPacket(Arrays.copyOfRange(buf, off, off + length));
    }

    // The tunnel's data path needs only a packet's length and one address, so it reads them in place
    // with the three methods below instead of paying for the copy parse makes.

    /**
     * The length, padding excluded, of the packet at buf[off, off + len), or -1 where {@link #parse}
     * would return null. Throws like {@link #validate}.
     */
    public static int packetLength(byte[] buf, int off, int len) {
        if (validate(buf, off, len) != Validity.VALID) {
            return -1;
        }
        return (buf[off] & 0xf0) == 0x40 ? u16(buf, off + 2) : IPV6_HEADER + u16(buf, off + 4);
    }

    /** A copy of the source address (4 or 16 bytes) of the packet at {@code buf[off..]}, which {@link #packetLength} accepted. */
    public static byte[] sourceOf(byte[] buf, int off) {
        int at = off + addressOffset(buf[off]);
        return Arrays.copyOfRange(buf, at, at + addressLength(buf[off]));
    }

    /** A copy of the destination address of the packet at {@code buf[off..]}, which {@link #packetLength} accepted. */
    public static byte[] destinationOf(byte[] buf, int off) {
        int at = off + addressOffset(buf[off]) + addressLength(buf[off]);
        return Arrays.copyOfRange(buf, at, at + addressLength(buf[off]));
    }

    /** The packet in a whole plaintext, or null. */
    public static InnerPacket parse(byte[] plaintext) {
        return parse(plaintext, 0, plaintext.length);
    }

    /** 4 or 6. */
    public int version() {
        return (bytes[0] & 0xff) >>> 4;
    }

    public boolean isIpv4() {
        return version() == 4;
    }

    /** The packet's length as its header states it, without padding. */
    public int length() {
        return bytes.length;
    }

    /** The fixed header plus IPv4 options (IPv6: the 40-byte fixed header only). */
    public int headerLength() {
        return isIpv4() ? (bytes[0] & 0x0f) * 4 : IPV6_HEADER;
    }

    /** The IPv4 protocol field, or the IPv6 fixed header's next header (extension headers are not walked). */
    public int protocol() {
        return isIpv4() ? bytes[9] & 0xff : bytes[6] & 0xff;
    }

    /** TTL (IPv4) or hop limit (IPv6). */
    public int ttl() {
        return isIpv4() ? bytes[8] & 0xff : bytes[7] & 0xff;
    }

    /** Whether this IPv4 packet is a fragment (more fragments, or a non-zero offset); false for IPv6. */
    public boolean isFragment() {
        return isIpv4() && (u16(bytes, 6) & 0x3fff) != 0;
    }

    public byte[] source() {
        return Arrays.copyOfRange(bytes, addressOffset(), addressOffset() + addressLength());
    }

    public byte[] destination() {
        int off = addressOffset() + addressLength();
        return Arrays.copyOfRange(bytes, off, off + addressLength());
    }

    public InetAddress sourceAddress() {
        return IpAddresses.fromBytes(source());
    }

    public InetAddress destinationAddress() {
        return IpAddresses.fromBytes(destination());
    }

    /** A copy of the whole packet, header included, padding excluded. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A copy of what follows the header. */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, headerLength(), bytes.length);
    }

    /** The packet's own array, for readers in this package that must not pay for a copy. */
    byte[] array() {
        return bytes;
    }

    int addressOffset() {
        return addressOffset(bytes[0]);
    }

    int addressLength() {
        return addressLength(bytes[0]);
    }

    private static int addressOffset(byte versionByte) {
        return (versionByte & 0xf0) == 0x40 ? 12 : 8;
    }

    private static int addressLength(byte versionByte) {
        return (versionByte & 0xf0) == 0x40 ? 4 : 16;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    @Override public boolean equals(Object o) {
        return o instanceof InnerPacket other && Arrays.equals(bytes, other.bytes);
    }

    @Override public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override public String toString() {
        return "IPv" + version() + " " + IpAddresses.format(sourceAddress()) + " > "
                + IpAddresses.format(destinationAddress()) + " proto " + protocol() + " len " + length();
    }
}
