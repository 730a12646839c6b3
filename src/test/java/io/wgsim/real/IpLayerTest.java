package io.wgsim.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.IcmpEcho;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import io.wgsim.net.UdpDatagram;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpLayerTest {
    private static final String V4_LOCAL = "198.19.0.1";
    private static final String V6_LOCAL = "fd00::1";
    private final IpLayer layer = new IpLayer(List.of(IpAddresses.parse(V4_LOCAL), IpAddresses.parse(V6_LOCAL)));

    private static byte[] addr(String text) {
        return IpAddresses.parse(text).getAddress();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"198.19.0.2, 198.19.0.1", "fd00::2, fd00::1"})
    void answersAnEchoRequestFromTheAddressItWasSentTo(String from, String to) {
        byte[] payload = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        byte[] reply = layer.answer(IpPackets.echoRequest(addr(from), addr(to), 0x1234, 7, payload));

        assertNotNull(reply);
        IcmpEcho echo = IpPackets.parseEcho(reply); // null unless every checksum is right
        assertNotNull(echo);
        assertTrue(echo.isReply());
        assertEquals(0x1234, echo.identifier());
        assertEquals(7, echo.sequence());
        assertArrayEquals(payload, echo.payload());
        InnerPacket p = InnerPacket.parse(reply);
        assertArrayEquals(addr(to), p.source());
        assertArrayEquals(addr(from), p.destination());
        assertEquals(new IpLayer.Counts(1, 0, 0), layer.counts());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"198.19.0.2, 198.19.0.1", "fd00::2, fd00::1"})
    void echoesUdpSentToPortSeven(String from, String to) {
        byte[] payload = "hello, echo".getBytes(StandardCharsets.US_ASCII);
        byte[] reply = layer.answer(IpPackets.udp(addr(from), addr(to), 40000, IpLayer.UDP_ECHO_PORT, payload));

        assertNotNull(reply);
        UdpDatagram udp = IpPackets.parseUdp(reply); // null unless the checksum is right
        assertEquals(new UdpDatagram(IpLayer.UDP_ECHO_PORT, 40000, payload), udp);
        InnerPacket p = InnerPacket.parse(reply);
        assertArrayEquals(addr(to), p.source());
        assertArrayEquals(addr(from), p.destination());
        assertEquals(new IpLayer.Counts(0, 1, 0), layer.counts());
    }

    @Test
    void ignoresAndCountsEverythingElse() {
        byte[] payload = new byte[8];
        assertNull(layer.answer(IpPackets.udp(addr("198.19.0.2"), addr(V4_LOCAL), 40000, 9, payload)), "UDP to port 9");
        assertNull(layer.answer(IpPackets.echoRequest(addr("198.19.0.2"), addr("198.19.0.3"), 1, 1, payload)),
                "echo request to an address that is not ours");
        assertNull(layer.answer(IpPackets.echoReplyTo(IpPackets.echoRequest(addr(V4_LOCAL), addr("198.19.0.2"), 1, 1, payload))),
                "an echo reply nobody asked for");
        byte[] badChecksum = IpPackets.echoRequest(addr("198.19.0.2"), addr(V4_LOCAL), 1, 1, payload);
        badChecksum[badChecksum.length - 1] ^= 1;
        assertNull(layer.answer(badChecksum), "an echo request with a bad checksum");
        assertNull(layer.answer(new byte[] {0x45, 0, 0}), "not a packet at all");
        assertNull(layer.answer(new byte[0]), "empty");

        assertEquals(new IpLayer.Counts(0, 0, 6), layer.counts());
    }
}
