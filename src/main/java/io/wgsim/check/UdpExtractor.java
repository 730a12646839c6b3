package io.wgsim.check;

import io.wgsim.capture.CaptureRecord;
import io.wgsim.net.IpAddresses;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Takes the link-layer, IP and UDP headers off a captured frame. Checksums are not verified: captures
 * taken on a sending host often hold checksums the network card fills in later. Fragments are not
 * reassembled and frames cut by the snap length are not guessed at; both are reported as such, so the
 * checker counts them instead of judging half a message.
 */
final class UdpExtractor {
    private UdpExtractor() {}

    /** What a frame holds. */
    sealed interface Result permits Udp, Skipped {}

    /** A whole UDP datagram. */
    record Udp(InetSocketAddress source, InetSocketAddress destination, byte[] payload) implements Result {}

    /** Why a frame has no datagram to judge. */
    enum Skipped implements Result {
        /** Not IP, or IP carrying something other than UDP. */
        NOT_UDP,
        /** An IP fragment: the datagram is spread over several frames. */
        FRAGMENT,
        /** The frame was cut short by the capture's snap length, or its lengths do not fit. */
        TRUNCATED,
        /** A link-layer type this reader does not know. */
        UNKNOWN_LINK_TYPE
    }

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int UDP = 17;

    static Result extract(CaptureRecord record) {
        byte[] f = record.data();
        int ip = ipOffset(record.linkType(), f);
        if (ip == UNKNOWN) {
            return Skipped.UNKNOWN_LINK_TYPE;
        }
        if (ip < 0 || ip >= f.length) {
            return ip == NOT_IP ? Skipped.NOT_UDP : Skipped.TRUNCATED;
        }
        Result r = switch ((f[ip] & 0xff) >>> 4) {
            case 4 -> ipv4(f, ip);
            case 6 -> ipv6(f, ip);
            default -> Skipped.NOT_UDP;
        };
        return record.truncated() && r instanceof Udp ? Skipped.TRUNCATED : r;
    }

    private static final int UNKNOWN = -3;
    private static final int NOT_IP = -2;
    private static final int SHORT = -1;

    /** Where the IP header starts for this link type, or one of the negative markers. */
    private static int ipOffset(int linkType, byte[] f) {
        switch (linkType) {
            case 1: { // Ethernet, with up to two VLAN tags
                int off = 12;
                for (int tags = 0; tags <= 2; tags++) {
                    if (f.length < off + 2) {
                        return SHORT;
                    }
                    int type = u16(f, off);
                    if (type == 0x8100 || type == 0x88a8) {
                        off += 4;
                        continue;
                    }
                    return type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6 ? off + 2 : NOT_IP;
                }
                return NOT_IP;
            }
            case 101: case 12: case 14: case 228: case 229: // raw IP (LINKTYPE_RAW, DLT_RAW, IPv4, IPv6)
                return 0;
            case 0: case 108: // BSD loopback: a 4-byte address family; the IP version nibble tells the rest
                return 4;
            case 113: // Linux cooked capture v1
                if (f.length < 16) {
                    return SHORT;
                }
                return isIpType(u16(f, 14)) ? 16 : NOT_IP;
            case 276: // Linux cooked capture v2
                if (f.length < 20) {
                    return SHORT;
                }
                return isIpType(u16(f, 0)) ? 20 : NOT_IP;
            default:
                return UNKNOWN;
        }
    }

    private static boolean isIpType(int etherType) {
        return etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6;
    }

    private static Result ipv4(byte[] f, int off) {
        if (f.length < off + 20) {
            return Skipped.TRUNCATED;
        }
        int headerLength = (f[off] & 0x0f) * 4;
        int total = u16(f, off + 2);
        if (headerLength < 20 || total < headerLength || off + total > f.length) {
            return Skipped.TRUNCATED;
        }
        if ((f[off + 9] & 0xff) != UDP) {
            return Skipped.NOT_UDP;
        }
        if ((u16(f, off + 6) & 0x3fff) != 0) { // more-fragments flag or a fragment offset
            return Skipped.FRAGMENT;
        }
        return udp(f, off + headerLength, off + total, Arrays.copyOfRange(f, off + 12, off + 16),
                Arrays.copyOfRange(f, off + 16, off + 20));
    }

    private static Result ipv6(byte[] f, int off) {
        if (f.length < off + 40) {
            return Skipped.TRUNCATED;
        }
        int end = off + 40 + u16(f, off + 4);
        if (end > f.length) {
            return Skipped.TRUNCATED;
        }
        int next = f[off + 6] & 0xff;
        int at = off + 40;
        // Hop-by-hop, routing and destination options may stand before UDP; a fragment header may not.
        while (next == 0 || next == 43 || next == 60) {
            if (end < at + 8) {
                return Skipped.TRUNCATED;
            }
            next = f[at] & 0xff;
            at += 8 + (f[at + 1] & 0xff) * 8;
        }
        if (next == 44) {
            return Skipped.FRAGMENT;
        }
        if (next != UDP) {
            return Skipped.NOT_UDP;
        }
        return udp(f, at, end, Arrays.copyOfRange(f, off + 8, off + 24), Arrays.copyOfRange(f, off + 24, off + 40));
    }

    private static Result udp(byte[] f, int off, int ipEnd, byte[] source, byte[] destination) {
        if (ipEnd < off + 8) {
            return Skipped.TRUNCATED;
        }
        int length = u16(f, off + 4);
        if (length == 0 && ipEnd - off > 0xffff) {
            length = ipEnd - off; // an IPv6 jumbogram's UDP length is 0 (RFC 2675)
        }
        if (length < 8 || off + length > ipEnd) {
            return Skipped.TRUNCATED;
        }
        return new Udp(socket(source, u16(f, off)), socket(destination, u16(f, off + 2)),
                Arrays.copyOfRange(f, off + 8, off + length));
    }

    private static InetSocketAddress socket(byte[] address, int port) {
        // IpAddresses keeps an IPv4-mapped IPv6 address IPv6, as the report's reader does.
        return new InetSocketAddress(IpAddresses.fromBytes(address), port);
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }
}
