package io.wgsim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.testing.Tshark;
import io.wgsim.testing.Vectors;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What Wireshark makes of the captures written here: our pcapng, with the key log in a Decryption
 * Secrets Block, must decrypt in tshark with no options at all. tshark must be installed (see
 * {@link Tshark}).
 */
class CaptureTsharkTest {

    private static final String[] WG_FIELDS = {"wg.type", "wg.sender", "wg.receiver", "wg.counter",
        "wg.handshake_ok", "wg.keepalive", "ip.src", "ip.dst", "ip.proto", "tcp.srcport", "icmp.type"};

    @TempDir Path dir;

    /** The IP packets of an Ethernet capture: every frame must be IPv4 or IPv6 over Ethernet II. */
    private static List<CaptureRecord> withoutEthernet(Capture ethernet) {
        List<CaptureRecord> out = new ArrayList<>();
        for (CaptureRecord r : ethernet.records()) {
            assertEquals(LinkType.ETHERNET, r.linkType());
            byte[] frame = r.data();
            int etherType = (frame[12] & 0xff) << 8 | (frame[13] & 0xff);
            assertTrue(etherType == 0x0800 || etherType == 0x86dd, "EtherType " + Integer.toHexString(etherType));
            out.add(new CaptureRecord(0, LinkType.RAW, r.timestampNanos(), r.originalLength() - 14,
                    Arrays.copyOfRange(frame, 14, frame.length)));
        }
        return out;
    }

    /**
     * Rewrites packets as LINKTYPE_RAW with our writer, a key-log block before packet {@code i} for each
     * (i, lines) given.
     */
    private Path rewrite(String name, List<CaptureRecord> packets, Map<Integer, List<String>> keyLogs) throws IOException {
        Path out = dir.resolve(name);
        try (PcapngWriter w = PcapngWriter.create(out)) {
            int link = w.addInterface(LinkType.RAW, "wg-link");
            for (int i = 0; i < packets.size(); i++) {
                if (keyLogs.containsKey(i)) {
                    w.writeWireGuardKeyLog(keyLogs.get(i));
                }
                CaptureRecord r = packets.get(i);
                w.writePacket(link, r.timestampNanos(), r.data(), r.originalLength());
            }
        }
        return out;
    }

    private static List<String> keyLines(String keys) throws IOException {
        return Files.readAllLines(Vectors.file(keys)).stream().filter(l -> !l.isBlank()).toList();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "wireguard-ping-tcp.pcap, wireguard-ping-tcp.initiator.keys, 22, 2, 16",
        "wireguard-ping-tcp.pcap, wireguard-ping-tcp.responder.keys, 22, 2, 16",
        "wireguard-psk.pcap, wireguard-psk.initiator.keys, 4, 2, 0",
        "wireguard-psk.pcap, wireguard-psk.responder.keys, 4, 2, 0"})
    void ourRewriteDecryptsInTsharkWithNoOptions(String capture, String keys, int packets, int responses,
            int transportWithPayload) throws IOException {
        Path original = Vectors.file(capture);
        Path out = rewrite("rewrite.pcapng", withoutEthernet(CaptureReader.readAll(original)), Map.of(0, keyLines(keys)));

        List<Tshark.WgMessage> messages = Tshark.wireGuard(out, List.of());
        assertEquals(packets, messages.size(), "every packet is WireGuard");

        // Every handshake response authenticates with the embedded keys.
        List<Tshark.WgMessage> responseMessages = messages.stream().filter(m -> m.type() == 2).toList();
        assertEquals(responses, responseMessages.size());
        responseMessages.forEach(m -> assertTrue(m.handshakeOk(), m.toString()));

        // Nothing fails to decrypt, and every transport message with a payload holds an inner IP packet.
        assertEquals(List.of(), Tshark.frames(out, List.of(), "wg.decryption_error"));
        List<Tshark.WgMessage> data = messages.stream().filter(m -> m.type() == 4 && !m.keepalive()).toList();
        assertEquals(transportWithPayload, data.size());
        data.forEach(m -> assertTrue(m.decryptedToIp(), m.toString()));
        // The same, asked of tshark's display filter.
        assertEquals(List.of(), Tshark.frames(out, List.of(), "wg.type == 4 && !wg.keepalive && count(ip.version) != 2"));

        // And it all reads exactly as the original capture does with the key log given as a file.
        List<Map<String, String>> ours = Tshark.fields(out, "wg", WG_FIELDS);
        List<Map<String, String>> reference = Tshark.fields(original,
                List.of("-o", "wg.keylog_file:" + Vectors.file(keys)), "wg", WG_FIELDS);
        assertEquals(reference, ours);
    }

    @Test
    void withoutTheSecretsBlockNothingDecrypts() throws IOException {
        // The control for the test above: the decryption comes from our block, not from anywhere else.
        Path out = rewrite("no-keys.pcapng", withoutEthernet(CaptureReader.readAll(Vectors.file("wireguard-ping-tcp.pcap"))),
                Map.of());
        List<Tshark.WgMessage> messages = Tshark.wireGuard(out, List.of());
        assertEquals(22, messages.size());
        assertTrue(messages.stream().noneMatch(m -> m.handshakeOk() || m.decryptedToIp()), messages.toString());
        assertEquals("", messages.get(2).inner());
    }

    @Test
    void oneSecretsBlockPerHandshakeWrittenJustBeforeItWorks() throws IOException {
        // What a simulator does: log each handshake's keys when it is made, between the packets.
        List<String> keys = keyLines("wireguard-ping-tcp.initiator.keys");
        List<String> statics = keys.stream().filter(l -> l.contains("STATIC")).toList();
        List<String> ephemerals = keys.stream().filter(l -> l.startsWith("LOCAL_EPHEMERAL")).toList();
        assertEquals(2, statics.size());
        assertEquals(2, ephemerals.size());
        List<String> first = new ArrayList<>(statics);
        first.add(ephemerals.get(0));
        List<String> second = new ArrayList<>(statics);
        second.add(ephemerals.get(1));
        // Frames 1 and 13 are the two initiations.
        Path out = rewrite("two-blocks.pcapng", withoutEthernet(CaptureReader.readAll(Vectors.file("wireguard-ping-tcp.pcap"))),
                Map.of(0, first, 12, second));

        List<Tshark.WgMessage> messages = Tshark.wireGuard(out, List.of());
        assertEquals(List.of(2, 14), messages.stream().filter(Tshark.WgMessage::handshakeOk).map(Tshark.WgMessage::frame).toList());
        assertTrue(messages.stream().noneMatch(Tshark.WgMessage::decryptionError));
        assertEquals(16, messages.stream().filter(m -> m.type() == 4 && !m.keepalive() && m.decryptedToIp()).count());
        assertEquals(2, CaptureReader.readAll(out).secrets().size());
    }

    @Test
    void aResponderLogWorksWithItsStaticKeysFirstAndEachEphemeralBeforeItsResponse() throws IOException {
        // The responder learns of a handshake only when the initiation arrives, so its ephemeral key can be
        // logged no earlier than just before its response (frames 2 and 14). Wireshark then needs the static
        // keys from before the initiation: the capture starts with them.
        List<String> keys = keyLines("wireguard-ping-tcp.responder.keys");
        List<String> statics = keys.stream().filter(l -> l.contains("STATIC")).toList();
        List<String> ephemerals = keys.stream().filter(l -> l.startsWith("LOCAL_EPHEMERAL")).toList();
        Path out = rewrite("responder.pcapng", withoutEthernet(CaptureReader.readAll(Vectors.file("wireguard-ping-tcp.pcap"))),
                Map.of(0, statics, 1, List.of(ephemerals.get(0)), 13, List.of(ephemerals.get(1))));

        List<Tshark.WgMessage> messages = Tshark.wireGuard(out, List.of());
        assertEquals(List.of(2, 14), messages.stream().filter(Tshark.WgMessage::handshakeOk).map(Tshark.WgMessage::frame).toList());
        assertTrue(messages.stream().noneMatch(Tshark.WgMessage::decryptionError));
        assertEquals(16, messages.stream().filter(m -> m.type() == 4 && !m.keepalive() && m.decryptedToIp()).count());
    }

    @Test
    void ourReaderAgreesWithTsharkOnEveryPacket() throws IOException {
        for (String name : List.of("lekensteyn-8-trace.pcap", "wireguard-ping-tcp-dsb.local.pcapng", "corelight-wireguard.pcap")) {
            Path file = Vectors.file(name);
            List<CaptureRecord> records = CaptureReader.readAll(file).records();
            List<Map<String, String>> rows = Tshark.fields(file, "frame", "frame.time_epoch", "frame.cap_len", "frame.len");
            assertEquals(rows.size(), records.size(), name);
            for (int i = 0; i < records.size(); i++) {
                CaptureRecord r = records.get(i);
                Map<String, String> row = rows.get(i);
                long nanos = new BigDecimal(row.get("frame.time_epoch")).movePointRight(9).longValueExact();
                assertEquals(nanos, r.timestampNanos(), name + " packet " + (i + 1));
                assertEquals(Integer.parseInt(row.get("frame.cap_len")), r.capturedLength(), name + " packet " + (i + 1));
                assertEquals(Long.parseLong(row.get("frame.len")), r.originalLength(), name + " packet " + (i + 1));
            }
        }
    }

    @Test
    void ourNanosecondTimestampsAndInterfaceReachTshark() throws IOException {
        Path out = dir.resolve("times.pcapng");
        try (PcapngWriter w = PcapngWriter.create(out)) {
            int link = w.addInterface(LinkType.RAW, "sim a-b");
            w.writePacket(link, 1_700_000_000_123_456_789L, OuterPacket.udp(OuterPacketTest.at("10.0.0.1", 1),
                    OuterPacketTest.at("10.0.0.2", 2), new byte[] {1}));
            w.writePacket(link, 5, OuterPacket.udp(OuterPacketTest.at("10.0.0.1", 1),
                    OuterPacketTest.at("10.0.0.2", 2), new byte[] {2}));
        }
        List<Map<String, String>> rows = Tshark.fields(out, "frame", "frame.time_epoch", "frame.interface_name", "frame.encap_type");
        assertEquals("1700000000.123456789", rows.get(0).get("frame.time_epoch"));
        assertEquals("0.000000005", rows.get(1).get("frame.time_epoch"));
        assertEquals("sim a-b", rows.get(0).get("frame.interface_name"));
        assertEquals("7", rows.get(0).get("frame.encap_type"), "Wireshark's WTAP_ENCAP_RAW_IP");
    }
}
