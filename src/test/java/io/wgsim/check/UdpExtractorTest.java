package io.wgsim.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.wgsim.capture.CaptureRecord;
import io.wgsim.capture.OuterPacket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The link, IP and UDP layers the checker takes off, and what it refuses to guess at. */
class UdpExtractorTest {
    private static final InetSocketAddress A = RecordedPeers.socket("198.18.0.1", 51820);
    private static final InetSocketAddress B = RecordedPeers.socket("198.18.0.2", 51821);
    private static final byte[] PAYLOAD = {4, 0, 0, 0, 1, 2, 3, 4};
    private static final byte[] IP = OuterPacket.udp(A, B, PAYLOAD);

    private static UdpExtractor.Result extract(int linkType, byte[] frame) {
        return UdpExtractor.extract(new CaptureRecord(0, linkType, 0, frame.length, frame));
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private static void assertUdp(UdpExtractor.Result r) {
        UdpExtractor.Udp u = assertInstanceOf(UdpExtractor.Udp.class, r);
        assertEquals(A, u.source());
        assertEquals(B, u.destination());
        assertArrayEquals(PAYLOAD, u.payload());
    }

    @Test
    void everyLinkTypeItKnows() {
        byte[] mac = new byte[12];
        assertUdp(extract(101, IP));
        assertUdp(extract(12, IP));
        assertUdp(extract(1, concat(concat(mac, new byte[] {8, 0}), IP)));
        assertUdp(extract(1, concat(concat(mac, new byte[] {(byte) 0x81, 0, 0, 7, 8, 0}), IP))); // VLAN 7
        assertUdp(extract(0, concat(new byte[] {2, 0, 0, 0}, IP))); // BSD loopback, AF_INET little-endian
        byte[] sll = new byte[16];
        sll[14] = 8;
        assertUdp(extract(113, concat(sll, IP)));
        byte[] sll2 = new byte[20];
        sll2[0] = 8;
        assertUdp(extract(276, concat(sll2, IP)));
    }

    @Test
    void ipv6() {
        InetSocketAddress a = new InetSocketAddress("fd00::1", 51820);
        InetSocketAddress b = new InetSocketAddress("fd00::2", 51821);
        UdpExtractor.Udp u = assertInstanceOf(UdpExtractor.Udp.class, extract(101, OuterPacket.udp(a, b, PAYLOAD)));
        assertEquals(a, u.source());
        assertEquals(b, u.destination());
        assertArrayEquals(PAYLOAD, u.payload());
    }

    @Test
    void whatItDoesNotJudge() {
        byte[] fragment = IP.clone();
        fragment[6] |= 0x20; // more fragments
        assertEquals(UdpExtractor.Skipped.FRAGMENT, extract(101, fragment));
        byte[] tcp = IP.clone();
        tcp[9] = 6;
        assertEquals(UdpExtractor.Skipped.NOT_UDP, extract(101, tcp));
        assertEquals(UdpExtractor.Skipped.NOT_UDP, extract(1, concat(new byte[12], new byte[] {8, 6, 0, 1})));
        assertEquals(UdpExtractor.Skipped.TRUNCATED, extract(101, Arrays.copyOf(IP, IP.length - 1)));
        assertEquals(UdpExtractor.Skipped.TRUNCATED,
                UdpExtractor.extract(new CaptureRecord(0, 101, 0, IP.length + 100, IP)));
        assertEquals(UdpExtractor.Skipped.UNKNOWN_LINK_TYPE, extract(147, IP));
    }
}
