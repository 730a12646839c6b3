package io.wgsim.report;

import static io.wgsim.report.SyntheticCapture.ALICE;
import static io.wgsim.report.SyntheticCapture.BOB;
import static io.wgsim.report.SyntheticCapture.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.capture.CaptureReader;
import io.wgsim.capture.CaptureRecord;
import io.wgsim.capture.LinkType;
import io.wgsim.capture.OuterPacket;
import io.wgsim.capture.PcapngWriter;
import io.wgsim.sim.run.SimulationRun;
import io.wgsim.topology.TopologyParser;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceReaderTest {
    @TempDir
    static Path dir;

    /** phone1's access link in 40 s of the quickstart topology: a handshake, then a ping a second to exit1. */
    private static Path phone1;

    @BeforeAll
    static void simulate() throws Exception {
        Path out = dir.resolve("run");
        SimulationRun.run(TopologyParser.parse(Path.of("topologies/quickstart.yaml")), 1, Duration.ofSeconds(40),
                new SimulationRun.Output(out, out, true), null);
        phone1 = out.resolve("phone1.pcapng");
    }

    @Test
    void aSimulatedHandshakeAndPingsReadAsInitiationResponseAndCollapsedData() throws Exception {
        MessageSequence seq = SequenceReader.read(phone1, Map.of());
        List<Exchange> ex = seq.exchanges();

        assertEquals(2, seq.lifelines().size(), seq.lifelines().toString());
        assertEquals("198.18.0.1:51820", seq.lifelines().get(1), "exit1, as phone1's peer");
        assertTrue(seq.lifelines().get(0).startsWith("100.64."), "phone1 on the mobile network: " + seq.lifelines());
        // phone1's link loses 3%: with seed 1 the first initiation is lost and retried 5 s later.
        int r = 0;
        while (ex.get(r).kind() == MessageKind.INITIATION) {
            assertEquals(0, ex.get(r).from(), "phone1 initiates");
            r++;
        }
        assertTrue(r >= 1, ex.toString());
        Exchange init = ex.get(r - 1);
        Exchange resp = ex.get(r);
        assertEquals(MessageKind.RESPONSE, resp.kind(), ex.toString());
        assertEquals(1, resp.from());
        assertEquals(field(init.label(), "s"), field(resp.label(), "r"), "the response answers the last initiation");
        assertTrue(resp.sentNanos() > init.sentNanos(), "a round trip over a 40 ms link");
        assertTrue(r > 1, "with seed 1 the first initiation is lost and retried: " + ex);
        assertTrue(ex.get(1).sentNanos() - ex.get(0).sentNanos() >= 5_000_000_000L, "REKEY_TIMEOUT between retries");

        List<Exchange> runs = ex.stream().filter(Exchange::collapsed).toList();
        assertEquals(2, runs.size(), "the pings, one arrow each way: " + ex);
        for (Exchange run : runs) {
            assertEquals(MessageKind.DATA, run.kind());
            assertTrue(run.count() >= 30, run.toString());
            assertTrue(run.label().matches("data \u00d7 " + run.count() + " over [0-9.]+ s \\(n=[0-9]+\u2013[0-9]+\\)"), run.label());
            assertTrue(run.lastNanos() - run.sentNanos() > 25_000_000_000L, "the run spans the pings: " + run);
        }
        assertEquals(seq.messages(), ex.stream().mapToInt(Exchange::count).sum(), "every datagram is in an arrow");
        assertEquals(countRecords(phone1), seq.messages(), "every record of the capture is a datagram");
        for (int i = 1; i < ex.size(); i++) {
            assertTrue(ex.get(i).sentNanos() >= ex.get(i - 1).sentNanos(), "time runs down");
        }
    }

    @Test
    void aDatagramSeenOnTwoInterfacesIsOneArrowThatArrivesLater() throws Exception {
        Path file = dir.resolve("two-links.pcapng");
        try (SyntheticCapture c = new SyntheticCapture(file)) {
            int a = c.addInterface("alice-link");
            int b = c.addInterface("bob-link");
            c.udp(a, 0, ALICE, BOB, SyntheticCapture.initiation(0x11));
            c.udp(b, 5 * MS, ALICE, BOB, SyntheticCapture.initiation(0x11));
            c.udp(b, 6 * MS, BOB, ALICE, SyntheticCapture.response(0x22, 0x11));
            c.udp(a, 11 * MS, BOB, ALICE, SyntheticCapture.response(0x22, 0x11));
        }

        MessageSequence seq = SequenceReader.read(file, Map.of("198.18.0.1:51820", "alice"));

        assertEquals(List.of(
                new Exchange(0, 1, MessageKind.INITIATION, "initiation s:00000011", 0, 5 * MS, 0, 1),
                new Exchange(1, 0, MessageKind.RESPONSE, "response s:00000022 r:00000011", 6 * MS, 11 * MS, 6 * MS, 1)),
                seq.exchanges());
        assertEquals(Arrays.asList("alice", null), seq.names());
        assertEquals(2, seq.messages());
    }

    @Test
    void everyKindOfMessageIsNamed() throws Exception {
        Path file = dir.resolve("kinds.pcapng");
        try (SyntheticCapture c = new SyntheticCapture(file)) {
            int i = c.addInterface("link");
            c.udp(i, 0, ALICE, BOB, SyntheticCapture.initiation(1));
            c.udp(i, MS, BOB, ALICE, SyntheticCapture.cookieReply(1));
            c.udp(i, 2 * MS, ALICE, BOB, SyntheticCapture.initiationWithMac2(2));
            c.udp(i, 3 * MS, BOB, ALICE, SyntheticCapture.response(3, 2));
            c.udp(i, 4 * MS, ALICE, BOB, SyntheticCapture.transport(3, 0, 0));
            c.udp(i, 5 * MS, ALICE, BOB, SyntheticCapture.transport(3, 1, 96));
            c.udp(i, 6 * MS, ALICE, BOB, new byte[] {4, 0, 0, 0, 1, 2, 3});
            c.udp(i, 7 * MS, ALICE, BOB, new byte[] {1, 0, 0, 9});
        }

        List<String> labels = SequenceReader.read(file, Map.of()).exchanges().stream().map(Exchange::label).toList();

        assertEquals(List.of("initiation s:00000001", "cookie reply r:00000001", "initiation s:00000002 +mac2",
                "response s:00000003 r:00000002", "keepalive n=0", "data 96 B n=1",
                "not WireGuard: 7 B, wrong size", "not WireGuard: 4 B, wrong size"), labels);
    }

    @Test
    void ethernetFramesWithUncheckedChecksumsAreRead() throws Exception {
        byte[] ip = OuterPacket.udp(ALICE, BOB, SyntheticCapture.transport(7, 5, 0));
        ip[ip.length - SyntheticCapture.transport(7, 5, 0).length - 2] ^= 0x55; // break the UDP checksum, as offloading leaves it
        byte[] frame = new byte[14 + ip.length];
        frame[12] = 0x08; // EtherType IPv4
        System.arraycopy(ip, 0, frame, 14, ip.length);
        byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        Path file = dir.resolve("ethernet.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file)) {
            int i = w.addInterface(LinkType.ETHERNET, "docker0");
            w.writePacket(i, SyntheticCapture.EPOCH, frame);
            w.writePacket(i, SyntheticCapture.EPOCH + MS, arp);
        }

        MessageSequence seq = SequenceReader.read(file, Map.of());

        assertEquals(List.of("keepalive n=5"), seq.exchanges().stream().map(Exchange::label).toList());
        assertEquals(1, seq.ignoredFrames(), "the ARP frame");
    }

    @Test
    void ipv6EndpointsAreBracketed() throws Exception {
        InetSocketAddress a6 = new InetSocketAddress("fd00::1", 51820);
        InetSocketAddress b6 = new InetSocketAddress("fd00::2", 443);
        Path file = dir.resolve("ipv6.pcapng");
        try (SyntheticCapture c = new SyntheticCapture(file)) {
            int i = c.addInterface("link");
            c.udp(i, 0, a6, b6, SyntheticCapture.initiation(5));
        }

        MessageSequence seq = SequenceReader.read(file, Map.of("[fd00::2]:443", "bob"));

        assertEquals(List.of("[fd00::1]:51820", "[fd00::2]:443"), seq.lifelines());
        assertEquals(Arrays.asList(null, "bob"), seq.names());
    }

    @Test
    void runsShorterThanTheThresholdStayAsTheyAre() throws Exception {
        Path file = dir.resolve("short-run.pcapng");
        try (SyntheticCapture c = new SyntheticCapture(file)) {
            int i = c.addInterface("link");
            for (int n = 0; n < SequenceReader.COLLAPSE_AT - 1; n++) {
                c.udp(i, n * MS, ALICE, BOB, SyntheticCapture.transport(3, n, 64));
            }
            c.udp(i, 10 * MS, ALICE, BOB, SyntheticCapture.initiation(9));
            for (int n = 0; n < SequenceReader.COLLAPSE_AT; n++) {
                c.udp(i, (20 + n) * MS, n % 2 == 0 ? ALICE : BOB, n % 2 == 0 ? BOB : ALICE,
                        SyntheticCapture.transport(3, 10 + n, 64));
            }
        }

        List<Exchange> ex = SequenceReader.read(file, Map.of()).exchanges();

        assertEquals(List.of(1, 1, 1, 1, 2, 2), ex.stream().map(Exchange::count).toList(), ex.toString());
        assertEquals("data \u00d7 2 over 0.002 s (n=10\u201312)", ex.get(4).label());
        assertEquals("data \u00d7 2 over 0.002 s (n=11\u201313)", ex.get(5).label());
        assertEquals(0, ex.get(5).from() - 1, "the answering direction is drawn second, from bob");
    }

    @Test
    void trafficBetweenOtherEndpointsDoesNotEndARunButAKeepaliveBetweenTheSameTwoDoes() throws Exception {
        InetSocketAddress carol = new InetSocketAddress("198.18.0.3", 51822);
        Path file = dir.resolve("hub.pcapng");
        try (SyntheticCapture c = new SyntheticCapture(file)) {
            int i = c.addInterface("hub-link");
            for (int n = 0; n < 6; n++) {
                c.udp(i, (2 * n) * MS, ALICE, BOB, SyntheticCapture.transport(3, n, 64));
                c.udp(i, (2 * n + 1) * MS, carol, BOB, SyntheticCapture.transport(4, n, 64));
            }
            c.udp(i, 20 * MS, ALICE, BOB, SyntheticCapture.transport(3, 6, 0));
            for (int n = 7; n < 11; n++) {
                c.udp(i, (20 + n) * MS, ALICE, BOB, SyntheticCapture.transport(3, n, 64));
            }
        }

        List<Exchange> ex = SequenceReader.read(file, Map.of()).exchanges();

        assertEquals(List.of("data \u00d7 6 over 0.010 s (n=0\u20135)", "data \u00d7 6 over 0.010 s (n=0\u20135)",
                "keepalive n=6", "data \u00d7 4 over 0.003 s (n=7\u201310)"), ex.stream().map(Exchange::label).toList());
        assertEquals(List.of(0, 2, 0, 0), ex.stream().map(Exchange::from).toList(), "alice, carol, alice, alice");
    }

    private static String field(String label, String name) {
        Matcher m = Pattern.compile("\\b" + name + ":([0-9a-f]{8})").matcher(label);
        assertTrue(m.find(), label);
        return m.group(1);
    }

    private static int countRecords(Path file) throws Exception {
        int n = 0;
        try (CaptureReader r = CaptureReader.open(file)) {
            for (CaptureRecord rec = r.next(); rec != null; rec = r.next()) {
                n++;
            }
        }
        assertTrue(Files.size(file) > 0);
        return n;
    }
}
