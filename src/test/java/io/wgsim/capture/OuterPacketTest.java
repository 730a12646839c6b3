package io.wgsim.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import io.wgsim.net.IpPackets.ChecksumResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OuterPacketTest {

    static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(IpAddresses.parse(ip), port);
    }

    private static final byte[] PAYLOAD = "\u0004\u0000\u0000\u0000wgsim".getBytes(StandardCharsets.US_ASCII);

    // Computed at authoring time by a separate few-line Python script (struct + ipaddress, RFC 768 / RFC 8200
    // pseudo-headers, RFC 1071 sum), not by this code.
    private static final String V4 = "450000250000400040114e91c0000201c6336402" + "ca6cca6d001122e9" + "04000000776773696d";
    private static final String V6 = "600000000011114020010db800000000000000000000000120010db8000000000000000000000002"
            + "ca6cca6d0011b3ab" + "04000000776773696d";

    @Test
    void ipv4MatchesAnIndependentComputation() {
        byte[] p = OuterPacket.udp(at("192.0.2.1", 51820), at("198.51.100.2", 51821), PAYLOAD);
        assertEquals(V4, HexFormat.of().formatHex(p));
        assertEquals(ChecksumResult.VALID, IpPackets.verifyChecksums(p));
    }

    @Test
    void ipv6MatchesAnIndependentComputation() {
        byte[] p = OuterPacket.udp(at("2001:db8::1", 51820), at("2001:db8::2", 51821), PAYLOAD);
        assertEquals(V6, HexFormat.of().formatHex(p));
        assertEquals(ChecksumResult.VALID, IpPackets.verifyChecksums(p));
    }

    @Test
    void parseReadsBackWhatWasBuilt() {
        for (OuterPacket o : new OuterPacket[] {
                new OuterPacket(at("10.0.0.1", 1), at("10.0.0.2", 65535), new byte[0]),
                new OuterPacket(at("fd00::1", 51820), at("fd00::2", 40000), new byte[148]),
                new OuterPacket(at("::ffff:10.0.0.1", 5), at("fd00::2", 6), PAYLOAD)}) {
            byte[] p = o.bytes();
            assertEquals(ChecksumResult.VALID, IpPackets.verifyChecksums(p), o.toString());
            assertEquals(o, OuterPacket.parse(p));
        }
    }

    @Test
    void ipv4FieldsAreFixedSoRunsRepeat() {
        byte[] p = OuterPacket.udp(at("10.0.0.1", 1), at("10.0.0.2", 2), PAYLOAD);
        assertEquals(0, (p[4] << 8 | p[5]) & 0xffff, "identification");
        assertEquals(0x40, p[6] & 0xff, "don't fragment, offset 0");
        assertEquals(IpPackets.DEFAULT_TTL, p[8] & 0xff, "TTL");
        assertArrayEquals(p, OuterPacket.udp(at("10.0.0.1", 1), at("10.0.0.2", 2), PAYLOAD));
    }

    @Test
    void refusesWhatCannotBeOnePacket() {
        assertThrows(IllegalArgumentException.class,
                () -> new OuterPacket(at("10.0.0.1", 1), at("fd00::2", 2), PAYLOAD));
        assertThrows(IllegalArgumentException.class,
                () -> new OuterPacket(InetSocketAddress.createUnresolved("peer.example", 1), at("10.0.0.2", 2), PAYLOAD));
        assertThrows(IllegalArgumentException.class,
                () -> new OuterPacket(null, at("10.0.0.2", 2), PAYLOAD));
        assertThrows(IllegalArgumentException.class,
                () -> new OuterPacket(at("10.0.0.1", 1), at("10.0.0.2", 2), new byte[65535 - 28 + 1]));
        new OuterPacket(at("10.0.0.1", 1), at("10.0.0.2", 2), new byte[65535 - 28]).bytes();
        new OuterPacket(at("fd00::1", 1), at("fd00::2", 2), new byte[65535 - 8]).bytes();
    }

    @Test
    void parseRefusesBrokenPackets() {
        byte[] p = OuterPacket.udp(at("10.0.0.1", 1), at("10.0.0.2", 2), PAYLOAD);
        p[p.length - 1] ^= 1;
        assertNull(OuterPacket.parse(p));
        assertNull(OuterPacket.parse(new byte[] {0x45}));
    }
}
