package io.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.IpPackets.ChecksumResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IpPacketsTest {

    private static final byte[] A4 = {10, 0, 5, 1};
    private static final byte[] B4 = {10, 0, 5, 2};
    private static final byte[] A6 = IpAddresses.parse("fd00::1").getAddress();
    private static final byte[] B6 = IpAddresses.parse("fd00::2").getAddress();
    private static final byte[] PING_DATA = "wgsim ping".getBytes(StandardCharsets.US_ASCII);

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    // Expected IPv6 bytes were computed at authoring time by a separate few-line Python script
    // (struct + ipaddress, RFC 8200 pseudo-header), not by this code.
    private static final String PING6_REQUEST = "6000000000123a40fd000000000000000000000000000002fd000000000000000000000000000001"
            + "80003cb112340007776773696d2070696e67";
    private static final String PING6_REPLY = "6000000000123a40fd000000000000000000000000000001fd000000000000000000000000000002"
            + "81003bb112340007776773696d2070696e67";
    private static final String UDP6 = "60000000000d1140fd000000000000000000000000000001fd000000000000000000000000000002"
            + "14e90035000dacdf68656c6c6f";

    /**
     * Two more captured packets, from Lekensteyn/wireguard-dissector pcaps/8-trace.pcap (decrypted
     * with its keys): a Linux ping with the usual timestamp and 0x10.. pattern (padded to 96), and a
     * 5-byte UDP datagram "haxx\n" (padded to 48).
     */
    private static final String TRACE8_PING = "45000054aa454000400172610a0005020a000501080051ae2d9d0001e60db65800000000"
            + "187a050000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637"
            + "000000000000000000000000";
    private static final String TRACE8_UDP = "4500002171f740004011aad20a0005010a000502beef7a69000dbd9e686178780a"
            + "000000000000000000000000000000";

    @Test
    void ipv6EchoRequestMatchesAnIndependentComputation() {
        assertArrayEquals(hex(PING6_REQUEST), IpPackets.echoRequest(B6, A6, 0x1234, 7, PING_DATA));
    }

    @Test
    void ipv6EchoReplyMatchesAnIndependentComputation() {
        byte[] reply = IpPackets.echoReplyTo(hex(PING6_REQUEST));
        assertArrayEquals(hex(PING6_REPLY), reply);
        assertEquals(new IcmpEcho(true, 0x1234, 7, PING_DATA), IpPackets.parseEcho(reply));
    }

    @Test
    void ipv6UdpMatchesAnIndependentComputation() {
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(hex(UDP6), IpPackets.udp(A6, B6, 5353, 53, hello));
        assertEquals(new UdpDatagram(5353, 53, hello), IpPackets.parseUdp(hex(UDP6)));
    }

    @Test
    void capturedLinuxPingRebuildsAndAnswers() {
        byte[] plaintext = hex(TRACE8_PING);
        assertEquals(96, plaintext.length);
        IcmpEcho echo = IpPackets.parseEcho(plaintext);
        assertEquals(false, echo.isReply());
        assertEquals(0x2d9d, echo.identifier());
        assertEquals(1, echo.sequence());
        byte[] rebuilt = IpPackets.echoRequest(new Ipv4Fields(0xaa45, true), B4, A4, 0x2d9d, 1, echo.payload());
        assertArrayEquals(Arrays.copyOf(plaintext, 84), rebuilt);
        byte[] reply = IpPackets.echoReplyTo(plaintext);
        assertEquals(new IcmpEcho(true, 0x2d9d, 1, echo.payload()), IpPackets.parseEcho(reply));
        InnerPacket r = InnerPacket.parse(reply);
        assertArrayEquals(A4, r.source());
        assertArrayEquals(B4, r.destination());
    }

    @Test
    void capturedUdpRebuilds() {
        byte[] plaintext = hex(TRACE8_UDP);
        UdpDatagram d = IpPackets.parseUdp(plaintext);
        assertEquals(new UdpDatagram(0xbeef, 0x7a69, "haxx\n".getBytes(StandardCharsets.US_ASCII)), d);
        assertArrayEquals(Arrays.copyOf(plaintext, 33),
                IpPackets.udp(new Ipv4Fields(0x71f7, true), A4, B4, 0xbeef, 0x7a69, d.payload()));
    }

    @Test
    void roundTripsBothFamilies() {
        byte[][][] pairs = {{A4, B4}, {A6, B6}};
        for (byte[][] pair : pairs) {
            for (byte[] payload : new byte[][] {new byte[0], new byte[] {42}, new byte[1000]}) {
                byte[] request = IpPackets.echoRequest(pair[0], pair[1], 0xbeef, 0xffff, payload);
                assertEquals(ChecksumResult.VALID, IpPackets.verifyChecksums(request));
                InnerPacket p = InnerPacket.parse(request);
                assertEquals(pair[0].length == 4 ? IpPackets.ICMP : IpPackets.ICMPV6, p.protocol());
                assertEquals(IpPackets.DEFAULT_TTL, p.ttl());
                assertEquals(new IcmpEcho(false, 0xbeef, 0xffff, payload), IpPackets.parseEcho(request));

                byte[] reply = IpPackets.echoReplyTo(request);
                assertEquals(ChecksumResult.VALID, IpPackets.verifyChecksums(reply));
                InnerPacket r = InnerPacket.parse(reply);
                assertArrayEquals(pair[1], r.source());
                assertArrayEquals(pair[0], r.destination());
                assertEquals(new IcmpEcho(true, 0xbeef, 0xffff, payload), IpPackets.parseEcho(reply));
                assertNull(IpPackets.echoReplyTo(reply), "a reply is not answered");

                byte[] udp = IpPackets.udp(pair[0], pair[1], 0, 65535, payload);
                assertEquals(ChecksumResult.VALID, IpPackets.verifyChecksums(udp));
                assertEquals(new UdpDatagram(0, 65535, payload), IpPackets.parseUdp(udp));
                assertNull(IpPackets.parseEcho(udp));

                // Padding after the packet changes nothing.
                byte[] padded = Arrays.copyOf(udp, Padding.paddedLength(udp.length, 1420) + 16);
                assertEquals(new UdpDatagram(0, 65535, payload), IpPackets.parseUdp(padded));
            }
        }
    }

    @Test
    void defaultIpv4FieldsAreIdZeroAndDontFragment() {
        InnerPacket p = InnerPacket.parse(IpPackets.echoRequest(A4, B4, 1, 1, new byte[0]));
        byte[] b = p.bytes();
        assertEquals(0, b[4] | b[5]);
        assertEquals(0x40, b[6]);
        assertEquals(0, b[7]);
        assertEquals(0, b[1], "TOS");
        byte[] mayFragment = IpPackets.echoRequest(new Ipv4Fields(0x1234, false), A4, B4, 1, 1, new byte[0]);
        assertEquals(0x12, mayFragment[4]);
        assertEquals(0x34, mayFragment[5]);
        assertEquals(0, mayFragment[6]);
        assertEquals(ChecksumResult.VALID, IpPackets.verifyChecksums(mayFragment));
    }

    @Test
    void udpChecksumZeroIsSentAsAllOnes() {
        // Find payloads whose checksum computes to zero: they must carry ffff instead.
        int allOnes = 0;
        for (int v = 0; v < 0x10000; v++) {
            byte[] p = IpPackets.udp(A4, B4, 1, 2, new byte[] {(byte) (v >>> 8), (byte) v});
            int field = (p[26] & 0xff) << 8 | (p[27] & 0xff);
            assertNotEquals(0, field, "payload " + v);
            if (field == 0xffff) {
                allOnes++;
                assertEquals(ChecksumResult.VALID, IpPackets.verifyChecksums(p));
            }
        }
        assertTrue(allOnes > 0, "some payload has a computed checksum of zero");
    }

    @Test
    void zeroUdpChecksumMeansNoneOverIpv4Only() {
        byte[] v4 = IpPackets.udp(A4, B4, 1, 2, new byte[] {7});
        v4[26] = 0;
        v4[27] = 0;
        assertEquals(ChecksumResult.TRANSPORT_NOT_CHECKED, IpPackets.verifyChecksums(v4));
        assertEquals(new UdpDatagram(1, 2, new byte[] {7}), IpPackets.parseUdp(v4));
        byte[] v6 = IpPackets.udp(A6, B6, 1, 2, new byte[] {7});
        v6[46] = 0;
        v6[47] = 0;
        assertEquals(ChecksumResult.BAD_TRANSPORT, IpPackets.verifyChecksums(v6));
        assertNull(IpPackets.parseUdp(v6));
    }

    @Test
    void udpLengthFieldIsChecked() {
        byte[] u = IpPackets.udp(A4, B4, 1, 2, new byte[] {1, 2, 3, 4});
        byte[] tooLong = u.clone();
        tooLong[25] = 13; // one more than the IP payload
        assertEquals(ChecksumResult.BAD_TRANSPORT, IpPackets.verifyChecksums(tooLong));
        assertNull(IpPackets.parseUdp(tooLong));
        byte[] tooShort = u.clone();
        tooShort[25] = 7;
        assertNull(IpPackets.parseUdp(tooShort));
        byte[] headerOnly = Arrays.copyOf(IpPackets.ipv4(Ipv4Fields.DEFAULT, A4, B4, IpPackets.UDP, new byte[4]), 24);
        assertEquals(ChecksumResult.BAD_TRANSPORT, IpPackets.verifyChecksums(headerOnly));
    }

    @Test
    void unknownProtocolsAreNotChecked() {
        byte[] gre = IpPackets.ip(A4, B4, 47, new byte[] {1, 2, 3});
        assertEquals(ChecksumResult.TRANSPORT_NOT_CHECKED, IpPackets.verifyChecksums(gre));
        byte[] icmpOverV6 = IpPackets.ip(A6, B6, IpPackets.ICMP, new byte[8]);
        assertEquals(ChecksumResult.TRANSPORT_NOT_CHECKED, IpPackets.verifyChecksums(icmpOverV6));
        assertNull(IpPackets.parseEcho(icmpOverV6));
    }

    @Test
    void echoNeedsCodeZeroAndAnEchoType() {
        byte[] p = IpPackets.echoRequest(A4, B4, 1, 1, new byte[0]);
        // Make it a type 3 (unreachable) with a fixed-up checksum: not an echo.
        p[20] = 3;
        fixIcmpChecksum(p);
        assertEquals(ChecksumResult.VALID, IpPackets.verifyChecksums(p));
        assertNull(IpPackets.parseEcho(p));
        p[20] = 8;
        p[21] = 1;
        fixIcmpChecksum(p);
        assertNull(IpPackets.parseEcho(p), "code 1");
    }

    private static void fixIcmpChecksum(byte[] p) {
        p[22] = 0;
        p[23] = 0;
        int sum = InetChecksum.of(p, 20, p.length - 20);
        p[22] = (byte) (sum >>> 8);
        p[23] = (byte) sum;
    }

    @Test
    void fragmentsAreNotEchoesOrDatagrams() {
        byte[] u = IpPackets.udp(new Ipv4Fields(9, false), A4, B4, 1, 2, new byte[8]);
        u[6] = 0x20; // more fragments
        fixIpv4HeaderChecksum(u);
        assertEquals(ChecksumResult.TRANSPORT_NOT_CHECKED, IpPackets.verifyChecksums(u));
        assertNull(IpPackets.parseUdp(u));
        byte[] e = IpPackets.echoRequest(new Ipv4Fields(9, false), A4, B4, 1, 1, new byte[8]);
        e[7] = 1; // offset 8
        fixIpv4HeaderChecksum(e);
        assertNull(IpPackets.parseEcho(e));
    }

    private static void fixIpv4HeaderChecksum(byte[] p) {
        p[10] = 0;
        p[11] = 0;
        int sum = InetChecksum.of(p, 0, 20);
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
    }

    @Test
    void buildersRejectBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> IpPackets.echoRequest(A4, B6, 1, 1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> IpPackets.echoRequest(A6, B4, 1, 1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> IpPackets.echoRequest(A4, B4, 65536, 1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> IpPackets.echoRequest(A4, B4, 1, -1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> IpPackets.udp(A4, B4, 1, 70000, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> IpPackets.udp(A4, B4, 1, 2, new byte[65535 - 28 + 1]));
        assertNotNull(IpPackets.udp(A4, B4, 1, 2, new byte[65535 - 28]));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Fields(65536, true));
    }

    @Test
    void recordsCompareContents() {
        IcmpEcho e = new IcmpEcho(false, 1, 2, new byte[] {3});
        assertEquals(e, new IcmpEcho(false, 1, 2, new byte[] {3}));
        assertNotEquals(e, new IcmpEcho(false, 1, 2, new byte[] {4}));
        assertEquals(e.hashCode(), new IcmpEcho(false, 1, 2, new byte[] {3}).hashCode());
        byte[] payload = {5};
        UdpDatagram d = new UdpDatagram(1, 2, payload);
        payload[0] = 6;
        assertEquals(5, d.payload()[0], "copied on the way in");
        d.payload()[0] = 7;
        assertEquals(5, d.payload()[0], "copied on the way out");
    }
}
