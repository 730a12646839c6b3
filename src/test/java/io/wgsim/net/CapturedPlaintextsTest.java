package io.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decrypted transport plaintexts of Wireshark's wireguard-ping-tcp.pcap (from the shared
 * wireguard-ping-tcp+psk.derived-vectors.json): real IPv4 ICMP, UDP (DNS) and TCP packets a Linux
 * host put through WireGuard, padded as it padded them with MTU 1420.
 */
class CapturedPlaintextsTest {

    private static final int CAPTURE_MTU = 1420;
    private static List<Arguments> transports;

    record Frame(int number, String direction, byte[] plaintext) {}

    @BeforeAll
    static void load() throws IOException {
        String dir = System.getProperty("wgsim.vectors");
        assertNotNull(dir, "system property wgsim.vectors (set by the pom) names the shared vectors folder");
        Path file = Path.of(dir, "wireguard-ping-tcp+psk.derived-vectors.json");
        assertTrue(Files.isRegularFile(file), "missing " + file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        transports = new ArrayList<>();
        for (JsonNode t : root.get("transport")) {
            transports.add(Arguments.of(t.get("frame").asInt(), t.get("direction").asText(),
                    HexFormat.of().parseHex(t.get("plaintext_padded_hex").asText())));
        }
    }

    static Stream<Arguments> frames() {
        return transports.stream();
    }

    private static Frame frame(int number) {
        return transports.stream().map(a -> new Frame((int) a.get()[0], (String) a.get()[1], (byte[]) a.get()[2]))
                .filter(f -> f.number() == number).findFirst().orElseThrow();
    }

    private static final Set<String> HOSTS = Set.of("10.10.0.1", "10.10.0.2", "1.1.1.1", "178.21.112.251");

    @ParameterizedTest(name = "frame {0} ({1})")
    @MethodSource("frames")
    void parsesPaddedAsSentAndChecksumsVerify(int frame, String direction, byte[] plaintext) {
        if (plaintext.length == 0) {
            assertNull(InnerPacket.parse(plaintext), "a keepalive is not a packet");
            return;
        }
        InnerPacket p = InnerPacket.parse(plaintext);
        assertNotNull(p, "frame " + frame);
        assertEquals(4, p.version());
        assertEquals(plaintext.length, Padding.paddedLength(p.length(), CAPTURE_MTU),
                "the sender padded this packet exactly as Padding says");
        for (int i = p.length(); i < plaintext.length; i++) {
            assertEquals(0, plaintext[i], "padding is zeros");
        }
        assertTrue(HOSTS.contains(IpAddresses.format(p.sourceAddress())), p.toString());
        assertTrue(HOSTS.contains(IpAddresses.format(p.destinationAddress())), p.toString());
        assertTrue(Set.of(IpPackets.ICMP, IpPackets.UDP, IpPackets.TCP).contains(p.protocol()), p.toString());
        IpPackets.ChecksumResult expected = p.isFragment()
                ? IpPackets.ChecksumResult.TRANSPORT_NOT_CHECKED : IpPackets.ChecksumResult.VALID;
        assertEquals(expected, IpPackets.verifyChecksums(plaintext), p.toString());
    }

    @Test
    void frame22IsAFirstFragment() {
        // A 1420-byte TCP segment with More Fragments set: its TCP checksum covers bytes not present.
        InnerPacket p = InnerPacket.parse(frame(22).plaintext());
        assertEquals(1420, p.length());
        assertTrue(p.isFragment());
        assertEquals(IpPackets.ChecksumResult.TRANSPORT_NOT_CHECKED, IpPackets.verifyChecksums(p));
    }

    @Test
    void pingsAreEchoesWithTheirIdentifiersAndSequences() {
        Map<Integer, Boolean> replyByFrame = Map.of(3, false, 4, true, 5, false, 6, true, 7, false, 8, true);
        for (var e : replyByFrame.entrySet()) {
            Frame f = frame(e.getKey());
            IcmpEcho echo = IpPackets.parseEcho(f.plaintext());
            assertNotNull(echo, "frame " + f.number());
            assertEquals(e.getValue(), echo.isReply(), "frame " + f.number());
            assertEquals(0x6c00, echo.identifier());
            assertEquals((f.number() - 3) / 2, echo.sequence());
            assertEquals(56, echo.payload().length, "ping's default 56 data bytes");
            InnerPacket p = InnerPacket.parse(f.plaintext());
            String src = e.getValue() ? "10.10.0.1" : "10.10.0.2";
            assertEquals(src, IpAddresses.format(p.sourceAddress()));
        }
        assertNull(IpPackets.parseEcho(frame(10).plaintext()), "DNS is not an echo");
    }

    @Test
    void rebuildingTheRequestsGivesTheSameBytes() {
        for (int number : new int[] {3, 5, 7}) {
            InnerPacket p = InnerPacket.parse(frame(number).plaintext());
            IcmpEcho echo = IpPackets.parseEcho(p.bytes());
            byte[] rebuilt = IpPackets.echoRequest(new Ipv4Fields(identification(p), true), p.source(),
                    p.destination(), echo.identifier(), echo.sequence(), echo.payload());
            assertArrayEquals(p.bytes(), rebuilt, "frame " + number);
        }
    }

    @Test
    void answeringTheRequestsGivesTheCapturedReplies() {
        for (int number : new int[] {3, 5, 7}) {
            byte[] request = frame(number).plaintext();
            InnerPacket reply = InnerPacket.parse(frame(number + 1).plaintext());
            // Linux picked a fresh identification and cleared DF on its replies.
            byte[] ours = IpPackets.echoReplyTo(new Ipv4Fields(identification(reply), false), request);
            assertArrayEquals(reply.bytes(), ours, "frame " + (number + 1));
            // Without chosen fields only the IPv4 identification, flags and header checksum differ.
            byte[] mirrored = IpPackets.echoReplyTo(request);
            assertEquals(reply.length(), mirrored.length);
            for (int i = 0; i < mirrored.length; i++) {
                if (i != 4 && i != 5 && i != 6 && i != 10 && i != 11) {
                    assertEquals(reply.bytes()[i], mirrored[i], "byte " + i + " of frame " + (number + 1));
                }
            }
            assertEquals(IpPackets.ChecksumResult.VALID, IpPackets.verifyChecksums(mirrored));
        }
    }

    @Test
    void dnsQueriesAreUdpDatagramsAndRebuildExactly() {
        for (int number : new int[] {10, 11}) {
            InnerPacket p = InnerPacket.parse(frame(number).plaintext());
            UdpDatagram d = IpPackets.parseUdp(frame(number).plaintext());
            assertNotNull(d, "frame " + number);
            assertEquals(0xced6, d.sourcePort());
            assertEquals(53, d.destinationPort());
            assertEquals(p.length() - 28, d.payload().length);
            byte[] rebuilt = IpPackets.udp(new Ipv4Fields(identification(p), true), p.source(), p.destination(),
                    d.sourcePort(), d.destinationPort(), d.payload());
            assertArrayEquals(p.bytes(), rebuilt, "frame " + number);
        }
        // The answers came back through a router (TTL 63), so they are only read, not rebuilt.
        UdpDatagram answer = IpPackets.parseUdp(frame(12).plaintext());
        assertEquals(53, answer.sourcePort());
        assertEquals(0xced6, answer.destinationPort());
        assertFalse(IpPackets.parseUdp(frame(17).plaintext()) != null, "TCP is not UDP");
    }

    @Test
    void corruptionIsDetected() {
        byte[] ping = InnerPacket.parse(frame(3).plaintext()).bytes();
        byte[] badHeader = ping.clone();
        badHeader[8] = 63; // TTL changed without fixing the header checksum
        assertEquals(IpPackets.ChecksumResult.BAD_IPV4_HEADER, IpPackets.verifyChecksums(badHeader));
        assertNull(IpPackets.parseEcho(badHeader));
        byte[] badPayload = ping.clone();
        badPayload[40] ^= 1;
        assertEquals(IpPackets.ChecksumResult.BAD_TRANSPORT, IpPackets.verifyChecksums(badPayload));
        assertNull(IpPackets.parseEcho(badPayload));
        assertNull(IpPackets.echoReplyTo(badPayload));
        byte[] tcp = InnerPacket.parse(frame(17).plaintext()).bytes();
        tcp[tcp.length - 1] ^= (byte) 0x80;
        assertEquals(IpPackets.ChecksumResult.BAD_TRANSPORT, IpPackets.verifyChecksums(tcp));
        byte[] dns = InnerPacket.parse(frame(10).plaintext()).bytes();
        dns[30] ^= 4;
        assertNull(IpPackets.parseUdp(dns));
        assertEquals(IpPackets.ChecksumResult.NOT_IP,
                IpPackets.verifyChecksums(Arrays.copyOf(ping, ping.length - 1)));
    }

    private static int identification(InnerPacket p) {
        byte[] b = p.bytes();
        return (b[4] & 0xff) << 8 | (b[5] & 0xff);
    }
}
