package io.wgsim.capture;

import static io.wgsim.capture.OuterPacketTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.IpAddresses;
import io.wgsim.testing.Tshark;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outer packets as a simulator writes them, checked by tshark with checksum validation on: IPv4 and
 * IPv6, every WireGuard message size, and the UDP checksum that computes to zero (sent as 0xffff).
 */
class OuterPacketTsharkTest {

    private static final List<String> CHECK_CHECKSUMS = List.of(
            "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE");
    private static final String GOOD = "1"; // Wireshark's PROTO_CHECKSUM_E_GOOD
    private static final String BAD = "0";
    /** Expert-info numbers (epan/proto.h): the checksum group, and the warning severity. */
    private static final long PI_CHECKSUM = 0x01000000L;
    private static final long PI_WARN = 0x00600000L;
    /** Expert info that would mean something is wrong: any warning or error, or anything about checksums. */
    private static final String EXPERT_PROBLEM = "_ws.expert.severity >= " + PI_WARN + " || _ws.expert.group == " + PI_CHECKSUM;

    private static final InetSocketAddress A4 = at("192.0.2.1", 51820);
    private static final InetSocketAddress B4 = at("198.51.100.2", 40001);
    private static final InetSocketAddress A6 = at("2001:db8::a", 51820);
    private static final InetSocketAddress B6 = at("2001:db8:1::b", 40001);

    @TempDir Path dir;

    /** A WireGuard-shaped message: type, three zero bytes, then filler, at the message's real size. */
    private static byte[] message(int type, int size) {
        byte[] m = new byte[size];
        m[0] = (byte) type;
        for (int i = 4; i < size; i++) {
            m[i] = (byte) (i * 7 + type);
        }
        return m;
    }

    /** A payload whose UDP checksum computes to zero, so it must be sent as 0xffff. */
    private static byte[] zeroChecksumPayload(InetSocketAddress from, InetSocketAddress to) {
        byte[] payload = message(4, 48);
        for (int v = 0; v <= 0xffff; v++) {
            payload[46] = (byte) (v >>> 8);
            payload[47] = (byte) v;
            byte[] p = OuterPacket.udp(from, to, payload);
            int at = p.length - payload.length - 2;
            if (((p[at] & 0xff) << 8 | (p[at + 1] & 0xff)) == 0xffff) {
                return payload;
            }
        }
        throw new AssertionError("no payload sums to zero");
    }

    private record Sent(OuterPacket packet, int type) {}

    private static List<Sent> traffic() {
        List<Sent> sent = new ArrayList<>();
        for (InetSocketAddress[] pair : new InetSocketAddress[][] {{A4, B4}, {A6, B6}}) {
            InetSocketAddress a = pair[0];
            InetSocketAddress b = pair[1];
            sent.add(new Sent(new OuterPacket(b, a, message(1, 148)), 1));
            sent.add(new Sent(new OuterPacket(a, b, message(2, 92)), 2));
            sent.add(new Sent(new OuterPacket(b, a, message(3, 64)), 3));
            sent.add(new Sent(new OuterPacket(b, a, message(4, 32)), 4));
            sent.add(new Sent(new OuterPacket(a, b, message(4, 32 + 1280)), 4));
            sent.add(new Sent(new OuterPacket(a, b, zeroChecksumPayload(a, b)), 4));
        }
        return sent;
    }

    private static List<String> split(String aggregated) {
        return aggregated.isEmpty() ? List.of() : List.of(aggregated.split(","));
    }

    private Path write(String name, List<byte[]> packets) throws IOException {
        Path out = dir.resolve(name);
        try (PcapngWriter w = PcapngWriter.create(out)) {
            int link = w.addInterface(LinkType.RAW, "a-b");
            long t = 1_000_000_000L;
            for (byte[] p : packets) {
                w.writePacket(link, t += 1_000_000, p);
            }
        }
        return out;
    }

    @Test
    void tsharkFindsEveryChecksumGoodAndEveryMessageWireGuard() throws IOException {
        List<Sent> sent = traffic();
        Path out = write("outer.pcapng", sent.stream().map(s -> s.packet().bytes()).toList());

        List<Map<String, String>> rows = Tshark.fields(out, CHECK_CHECKSUMS, "frame", "frame.number",
                "ip.version", "ip.checksum.status", "udp.checksum.status", "udp.checksum", "ip.src", "ipv6.src",
                "udp.srcport", "udp.dstport", "udp.length", "wg.type", "_ws.expert.severity", "_ws.expert.group");
        assertEquals(sent.size(), rows.size());
        for (int i = 0; i < sent.size(); i++) {
            OuterPacket p = sent.get(i).packet();
            Map<String, String> row = rows.get(i);
            boolean v4 = p.source().getAddress().getAddress().length == 4;
            assertEquals(GOOD, row.get("udp.checksum.status"), row.toString());
            assertEquals(v4 ? GOOD : "", row.get("ip.checksum.status"), row.toString());
            assertEquals(IpAddresses.format(p.source().getAddress()), row.get(v4 ? "ip.src" : "ipv6.src"), row.toString());
            assertEquals(String.valueOf(p.source().getPort()), row.get("udp.srcport"));
            assertEquals(String.valueOf(p.destination().getPort()), row.get("udp.dstport"));
            assertEquals(String.valueOf(8 + p.payload().length), row.get("udp.length"));
            assertEquals(String.valueOf(sent.get(i).type()), row.get("wg.type"), "tshark sees WireGuard: " + row);
            for (String severity : split(row.get("_ws.expert.severity"))) {
                assertTrue(Long.parseLong(severity) < PI_WARN, "no expert warning or error: " + row);
            }
            for (String group : split(row.get("_ws.expert.group"))) {
                assertTrue(Long.parseLong(group) != PI_CHECKSUM, "no checksum expert info: " + row);
            }
        }
        // The zero-sum packets went out with 0xffff, and tshark accepted that.
        assertEquals("0xffff", rows.get(5).get("udp.checksum"));
        assertEquals("0xffff", rows.get(11).get("udp.checksum"));
        assertEquals(List.of(), Tshark.frames(out, CHECK_CHECKSUMS,
                "ip.checksum.status != 1 || udp.checksum.status != 1 || " + EXPERT_PROBLEM));
    }

    @Test
    void tsharkWouldNoticeABadChecksum() throws IOException {
        // The control for the test above: with validation on, a broken checksum does show.
        byte[] v4 = new OuterPacket(A4, B4, message(4, 32)).bytes();
        v4[10] ^= 0x01; // IPv4 header checksum
        byte[] v6 = new OuterPacket(A6, B6, message(4, 32)).bytes();
        v6[40 + 6] ^= 0x01; // UDP checksum
        Path out = write("bad.pcapng", List.of(v4, v6));
        List<Map<String, String>> rows = Tshark.fields(out, CHECK_CHECKSUMS, "frame",
                "ip.checksum.status", "udp.checksum.status");
        assertEquals(BAD, rows.get(0).get("ip.checksum.status"), rows.toString());
        assertEquals(BAD, rows.get(1).get("udp.checksum.status"), rows.toString());
        assertEquals(List.of(1, 2), Tshark.frames(out, CHECK_CHECKSUMS, EXPERT_PROBLEM));
    }
}
