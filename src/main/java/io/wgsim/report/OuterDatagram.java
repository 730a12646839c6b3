package io.wgsim.report;

import io.wgsim.capture.CaptureRecord;
import io.wgsim.capture.LinkType;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpAddresses;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A UDP datagram found in a captured frame. Unlike {@link io.wgsim.capture.OuterPacket#parse}, checksums
 * are not checked: a capture taken on a Docker bridge or a veth holds outgoing packets whose checksum the
 * kernel left to offloading, and the diagram should still show them.
 */
record OuterDatagram(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {

    private static final int ETHERNET = LinkType.ETHERNET;
    private static final int NULL_LOOPBACK = 0;
    private static final int RAW = LinkType.RAW;
    private static final int LINUX_SLL = 113;
    private static final int IPV4 = 228;
    private static final int IPV6 = 229;
    private static final int LINUX_SLL2 = 276;
    private static final int UDP = 17;

    /** The datagram in a frame, or null when it holds no whole, unfragmented UDP over IP. */
    static OuterDatagram of(CaptureRecord record) {
        byte[] frame = record.data();
        int ip = ipOffset(record.linkType(), frame);
        if (ip < 0 || ip >= frame.length) {
            return null;
        }
        InnerPacket packet = InnerPacket.parse(frame, ip, frame.length - ip);
        if (packet == null || packet.protocol() != UDP || packet.isFragment()) {
            return null;
        }
        byte[] udp = packet.payload();
        if (udp.length < 8) {
            return null;
        }
        int length = ((udp[4] & 0xff) << 8) | (udp[5] & 0xff);
        if (length < 8 || length > udp.length) {
            return null;
        }
        return new OuterDatagram(
                new InetSocketAddress(packet.sourceAddress(), ((udp[0] & 0xff) << 8) | (udp[1] & 0xff)),
                new InetSocketAddress(packet.destinationAddress(), ((udp[2] & 0xff) << 8) | (udp[3] & 0xff)),
                Arrays.copyOfRange(udp, 8, length));
    }

    /** Where the IP packet starts in a frame of this link type, or -1 when it is not IP. */
    private static int ipOffset(int linkType, byte[] frame) {
        return switch (linkType) {
            case RAW, IPV4, IPV6 -> 0;
            case NULL_LOOPBACK -> 4;
            case LINUX_SLL -> 16;
            case LINUX_SLL2 -> 20;
            case ETHERNET -> ethernetPayload(frame);
            default -> -1;
        };
    }

    private static int ethernetPayload(byte[] frame) {
        int at = 12;
        // 802.1Q and 802.1ad tags push the EtherType back by four bytes each.
        while (frame.length >= at + 2) {
            int type = ((frame[at] & 0xff) << 8) | (frame[at + 1] & 0xff);
            if (type == 0x8100 || type == 0x88a8) {
                at += 4;
                continue;
            }
            return type == 0x0800 || type == 0x86dd ? at + 2 : -1;
        }
        return -1;
    }

    /** "198.18.0.1:51820", or "[fd00::1]:51820" for IPv6 (RFC 5952, as wg(8) prints endpoints). */
    static String text(InetSocketAddress address) {
        return IpAddresses.format(address);
    }
}
