package io.wgsim.net;

import java.util.Arrays;

/**
 * Builds and reads the inner packets wgsim sends through tunnels: IPv4 and IPv6 headers, UDP, and
 * ICMP / ICMPv6 echo. Builders set TTL / hop limit 64 and compute every checksum. Readers take a
 * whole plaintext (padding is trimmed), return null for anything that is not an intact packet of
 * the kind asked for, and never throw on arbitrary bytes.
 */
public final class IpPackets {
    private IpPackets() {}

    /** IP protocol numbers (IANA). */
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    /** TTL / hop limit of everything built here (Linux's default). */
    public static final int DEFAULT_TTL = 64;

    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMPV6_ECHO_REQUEST = 128;
    private static final int ICMPV6_ECHO_REPLY = 129;
    private static final int ICMP_HEADER = 8;
    private static final int UDP_HEADER = 8;
    private static final int TCP_HEADER_MIN = 20;
    private static final int MAX_IP_LENGTH = 0xffff;

    /** The outcome of {@link #verifyChecksums}. */
    public enum ChecksumResult {
        /** The IPv4 header checksum (if any) and the transport checksum are right. */
        VALID,
        /**
         * The IPv4 header checksum (if any) is right, and the transport checksum cannot be checked:
         * a fragment, an IPv4 UDP datagram sent without a checksum, or a protocol not known here.
         */
        TRANSPORT_NOT_CHECKED,
        BAD_IPV4_HEADER,
        /** The transport checksum is wrong, or its header is cut short. */
        BAD_TRANSPORT,
        /** Not a well-formed IP packet at all (see {@link InnerPacket#validate}). */
        NOT_IP
    }

    // ---- IP ----

    /** An IPv4 packet (no options) around the payload, with its header checksum. */
    public static byte[] ipv4(Ipv4Fields fields, byte[] source, byte[] destination, int protocol, byte[] payload) {
        requireLength(source, 4, "source");
        requireLength(destination, 4, "destination");
        int total = InnerPacket.IPV4_HEADER_MIN + payload.length;
        if (total > MAX_IP_LENGTH) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes does not fit in IPv4");
        }
        byte[] p = new byte[total];
        p[0] = 0x45;
        putU16(p, 2, total);
        putU16(p, 4, fields.identification());
        putU16(p, 6, fields.dontFragment() ? 0x4000 : 0);
        p[8] = (byte) DEFAULT_TTL;
        p[9] = (byte) protocol;
        System.arraycopy(source, 0, p, 12, 4);
        System.arraycopy(destination, 0, p, 16, 4);
        putU16(p, 10, InetChecksum.of(p, 0, InnerPacket.IPV4_HEADER_MIN));
        System.arraycopy(payload, 0, p, InnerPacket.IPV4_HEADER_MIN, payload.length);
        return p;
    }

    /** An IPv6 packet (no extension headers, traffic class and flow label 0) around the payload. */
    public static byte[] ipv6(byte[] source, byte[] destination, int nextHeader, byte[] payload) {
        requireLength(source, 16, "source");
        requireLength(destination, 16, "destination");
        if (payload.length > MAX_IP_LENGTH) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes needs a jumbogram");
        }
        byte[] p = new byte[InnerPacket.IPV6_HEADER + payload.length];
        p[0] = 0x60;
        putU16(p, 4, payload.length);
        p[6] = (byte) nextHeader;
        p[7] = (byte) DEFAULT_TTL;
        System.arraycopy(source, 0, p, 8, 16);
        System.arraycopy(destination, 0, p, 24, 16);
        System.arraycopy(payload, 0, p, InnerPacket.IPV6_HEADER, payload.length);
        return p;
    }

    /** An IPv4 or IPv6 packet, by the addresses' length; IPv4 with {@link Ipv4Fields#DEFAULT}. */
    public static byte[] ip(byte[] source, byte[] destination, int protocol, byte[] payload) {
        return ip(Ipv4Fields.DEFAULT, source, destination, protocol, payload);
    }

    private static byte[] ip(Ipv4Fields fields, byte[] source, byte[] destination, int protocol, byte[] payload) {
        return source.length == 4
                ? ipv4(fields, source, destination, protocol, payload)
                : ipv6(source, destination, protocol, payload);
    }

    // ---- UDP ----

    /** A UDP datagram in an IPv4 or IPv6 packet, with its checksum. */
    public static byte[] udp(byte[] source, byte[] destination, int sourcePort, int destinationPort, byte[] payload) {
        return udp(Ipv4Fields.DEFAULT, source, destination, sourcePort, destinationPort, payload);
    }

    /** As {@link #udp(byte[], byte[], int, int, byte[])} with chosen IPv4 fields. */
    public static byte[] udp(Ipv4Fields fields, byte[] source, byte[] destination, int sourcePort,
            int destinationPort, byte[] payload) {
        requirePort(sourcePort, "source port");
        requirePort(destinationPort, "destination port");
        byte[] u = new byte[UDP_HEADER + payload.length];
        putU16(u, 0, sourcePort);
        putU16(u, 2, destinationPort);
        putU16(u, 4, u.length);
        System.arraycopy(payload, 0, u, UDP_HEADER, payload.length);
        byte[] p = ip(fields, source, destination, UDP, u);
        writeTransportChecksum(p);
        return p;
    }

    /** The datagram in an intact UDP packet (checksum right, or absent over IPv4), or null. */
    public static UdpDatagram parseUdp(byte[] packet) {
        InnerPacket p = InnerPacket.parse(packet);
        if (p == null || p.protocol() != UDP || p.isFragment()) {
            return null;
        }
        ChecksumResult sum = transportChecksum(p);
        if (sum != ChecksumResult.VALID && sum != ChecksumResult.TRANSPORT_NOT_CHECKED) {
            return null;
        }
        byte[] b = p.array();
        int h = p.headerLength();
        int udpLength = InnerPacket.u16(b, h + 4);
        return new UdpDatagram(InnerPacket.u16(b, h), InnerPacket.u16(b, h + 2),
                Arrays.copyOfRange(b, h + UDP_HEADER, h + udpLength));
    }

    // ---- ICMP echo ----

    /** An ICMP (IPv4) or ICMPv6 echo request, by the addresses' length. */
    public static byte[] echoRequest(byte[] source, byte[] destination, int identifier, int sequence, byte[] payload) {
        return echoRequest(Ipv4Fields.DEFAULT, source, destination, identifier, sequence, payload);
    }

    /** As {@link #echoRequest(byte[], byte[], int, int, byte[])} with chosen IPv4 fields. */
    public static byte[] echoRequest(Ipv4Fields fields, byte[] source, byte[] destination, int identifier,
            int sequence, byte[] payload) {
        return echo(fields, false, source, destination, identifier, sequence, payload);
    }

    /**
     * The reply to an intact echo request: addresses swapped, type changed, checksums recomputed,
     * identifier, sequence and payload kept. An IPv4 reply keeps the request's identification and
     * don't-fragment flag. Null if the packet is not an intact echo request.
     */
    public static byte[] echoReplyTo(byte[] request) {
        InnerPacket p = InnerPacket.parse(request);
        if (p == null || !p.isIpv4()) {
            return echoReplyTo(Ipv4Fields.DEFAULT, request);
        }
        byte[] b = p.array();
        return echoReplyTo(new Ipv4Fields(InnerPacket.u16(b, 4), (b[6] & 0x40) != 0), request);
    }

    /** As {@link #echoReplyTo(byte[])} with chosen IPv4 fields for the reply. */
    public static byte[] echoReplyTo(Ipv4Fields fields, byte[] request) {
        IcmpEcho e = parseEcho(request);
        if (e == null || e.isReply()) {
            return null;
        }
        InnerPacket p = InnerPacket.parse(request);
        return echo(fields, true, p.destination(), p.source(), e.identifier(), e.sequence(), e.payload());
    }

    /** The echo request or reply in an intact ICMP / ICMPv6 packet (checksums right), or null. */
    public static IcmpEcho parseEcho(byte[] packet) {
        InnerPacket p = InnerPacket.parse(packet);
        if (p == null || p.protocol() != (p.isIpv4() ? ICMP : ICMPV6) || p.isFragment()) {
            return null;
        }
        if (verifyChecksums(p) != ChecksumResult.VALID) {
            return null;
        }
        byte[] b = p.array();
        int h = p.headerLength();
        int type = b[h] & 0xff;
        int code = b[h + 1] & 0xff;
        boolean request = type == (p.isIpv4() ? ICMP_ECHO_REQUEST : ICMPV6_ECHO_REQUEST);
        boolean reply = type == (p.isIpv4() ? ICMP_ECHO_REPLY : ICMPV6_ECHO_REPLY);
        if (code != 0 || !(request || reply)) {
            return null;
        }
        return new IcmpEcho(reply, InnerPacket.u16(b, h + 4), InnerPacket.u16(b, h + 6),
                Arrays.copyOfRange(b, h + ICMP_HEADER, b.length));
    }

    private static byte[] echo(Ipv4Fields fields, boolean reply, byte[] source, byte[] destination, int identifier,
            int sequence, byte[] payload) {
        requirePort(identifier, "identifier");
        requirePort(sequence, "sequence");
        boolean v4 = source.length == 4;
        byte[] icmp = new byte[ICMP_HEADER + payload.length];
        icmp[0] = (byte) (v4 ? (reply ? ICMP_ECHO_REPLY : ICMP_ECHO_REQUEST)
                : (reply ? ICMPV6_ECHO_REPLY : ICMPV6_ECHO_REQUEST));
        putU16(icmp, 4, identifier);
        putU16(icmp, 6, sequence);
        System.arraycopy(payload, 0, icmp, ICMP_HEADER, payload.length);
        byte[] p = ip(fields, source, destination, v4 ? ICMP : ICMPV6, icmp);
        writeTransportChecksum(p);
        return p;
    }

    // ---- checksums ----

    /** Checks the IPv4 header checksum and, where it can, the transport checksum. */
    public static ChecksumResult verifyChecksums(byte[] packet) {
        InnerPacket p = InnerPacket.parse(packet);
        return p == null ? ChecksumResult.NOT_IP : verifyChecksums(p);
    }

    /** As {@link #verifyChecksums(byte[])} for a parsed packet. */
    public static ChecksumResult verifyChecksums(InnerPacket p) {
        if (p.isIpv4() && InetChecksum.of(p.array(), 0, p.headerLength()) != 0) {
            return ChecksumResult.BAD_IPV4_HEADER;
        }
        if (p.isFragment()) {
            // The transport checksum covers the whole datagram, which one fragment does not hold.
            return ChecksumResult.TRANSPORT_NOT_CHECKED;
        }
        return transportChecksum(p);
    }

    /** Where the transport checksum field sits, or -1 if this protocol is not checked here. */
    private static int checksumOffset(InnerPacket p) {
        int proto = p.protocol();
        if (proto == UDP) {
            return 6;
        }
        if (proto == TCP) {
            return 16;
        }
        if (proto == (p.isIpv4() ? ICMP : ICMPV6)) {
            return 2;
        }
        return -1;
    }

    private static int minimumHeader(int protocol) {
        return protocol == TCP ? TCP_HEADER_MIN : protocol == UDP ? UDP_HEADER : ICMP_HEADER;
    }

    private static ChecksumResult transportChecksum(InnerPacket p) {
        int field = checksumOffset(p);
        if (field < 0) {
            return ChecksumResult.TRANSPORT_NOT_CHECKED;
        }
        byte[] b = p.array();
        int h = p.headerLength();
        int length = b.length - h;
        if (length < minimumHeader(p.protocol())) {
            return ChecksumResult.BAD_TRANSPORT;
        }
        if (p.protocol() == UDP) {
            // UDP states its own length; the checksum covers that much.
            int udpLength = InnerPacket.u16(b, h + 4);
            if (udpLength < UDP_HEADER || udpLength > length) {
                return ChecksumResult.BAD_TRANSPORT;
            }
            length = udpLength;
            if (InnerPacket.u16(b, h + field) == 0) {
                // Zero means "no checksum" over IPv4; IPv6 requires one (RFC 8200 section 8.1).
                return p.isIpv4() ? ChecksumResult.TRANSPORT_NOT_CHECKED : ChecksumResult.BAD_TRANSPORT;
            }
        }
        int sum = InetChecksum.add(pseudoHeaderSum(p, length), b, h, length);
        return InetChecksum.finish(sum) == 0 ? ChecksumResult.VALID : ChecksumResult.BAD_TRANSPORT;
    }

    /** ICMP over IPv4 has no pseudo-header; UDP, TCP and ICMPv6 do. */
    private static int pseudoHeaderSum(InnerPacket p, int upperLength) {
        if (p.isIpv4() && p.protocol() == ICMP) {
            return 0;
        }
        return InetChecksum.pseudoHeader(p.array(), p.addressOffset(), p.addressLength(), p.protocol(), upperLength);
    }

    /** Fills in the transport checksum of a packet built here (its field is still zero). */
    private static void writeTransportChecksum(byte[] packet) {
        InnerPacket p = InnerPacket.parse(packet);
        int h = p.headerLength();
        int length = packet.length - h;
        int sum = InetChecksum.finish(InetChecksum.add(pseudoHeaderSum(p, length), packet, h, length));
        if (p.protocol() == UDP && sum == 0) {
            sum = 0xffff; // a computed zero is sent as all ones: zero means "no checksum"
        }
        putU16(packet, h + checksumOffset(p), sum);
    }

    private static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void requireLength(byte[] address, int length, String what) {
        if (address.length != length) {
            throw new IllegalArgumentException(what + " address has " + address.length + " bytes, not " + length);
        }
    }

    private static void requirePort(int value, String what) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " " + value + " is out of range 0..65535");
        }
    }
}
