package io.wgsim.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reads the shared reference captures (see ../shared/vectors/SOURCES.md). */
class VectorCapturesTest {

    private static Capture read(String name) throws IOException {
        return CaptureReader.readAll(Vectors.file(name));
    }

    private static void assertClassic(Capture c, int packets, int linkType) {
        assertEquals(CaptureFormat.PCAP, c.format());
        assertEquals(packets, c.records().size());
        assertEquals(1, c.interfaces().size());
        assertEquals(linkType, c.interfaces().get(0).linkType());
        assertTrue(c.records().stream().allMatch(r -> r.linkType() == linkType && r.hasTimestamp() && !r.truncated()));
        assertTrue(c.secrets().isEmpty());
    }

    @Test
    void wireguardPingTcp() throws IOException {
        Capture c = read("wireguard-ping-tcp.pcap");
        assertClassic(c, 22, LinkType.ETHERNET);
        // The first frame: Ethernet, IPv4, UDP 10.9.0.1:43718 -> 10.9.0.2:51820, a 148-byte initiation.
        byte[] first = c.records().get(0).data();
        assertEquals(14 + 20 + 8 + 148, first.length);
        assertEquals(1, first[14 + 28]);
        assertEquals(1_532_126_321_356_858_000L, c.records().get(0).timestampNanos());
    }

    @Test
    void wireguardPsk() throws IOException {
        assertClassic(read("wireguard-psk.pcap"), 4, LinkType.ETHERNET);
    }

    @Test
    void corelight() throws IOException {
        assertClassic(read("corelight-wireguard.pcap"), 180, LinkType.ETHERNET);
    }

    @Test
    void lekensteynTrace() throws IOException {
        assertClassic(read("lekensteyn-8-trace.pcap"), 1222, LinkType.ETHERNET);
    }

    @Test
    void linktypeRawDerivedIsThePingCaptureWithoutEthernet() throws IOException {
        Capture raw = read("wireguard-ping-tcp.linktype-raw101.derived.pcap");
        Capture eth = read("wireguard-ping-tcp.pcap");
        assertClassic(raw, 22, LinkType.RAW);
        for (int i = 0; i < 22; i++) {
            byte[] frame = eth.records().get(i).data();
            assertArrayEquals(Arrays.copyOfRange(frame, 14, frame.length), raw.records().get(i).data(), "packet " + (i + 1));
            assertEquals(eth.records().get(i).timestampNanos(), raw.records().get(i).timestampNanos());
        }
    }

    /** Key-log lines without their optional spaces, for comparing logs written with and without them. */
    static Set<String> normalized(List<String> lines) {
        return lines.stream().map(l -> l.replace(" ", "")).filter(l -> !l.isEmpty()).collect(Collectors.toSet());
    }

    @Test
    void editcapDsbCaptureHoldsTheInitiatorKeyLogAndThePingPackets() throws IOException {
        Capture dsb = read("wireguard-ping-tcp-dsb.local.pcapng");
        assertEquals(CaptureFormat.PCAPNG, dsb.format());
        assertEquals(22, dsb.records().size());
        assertEquals(1, dsb.interfaces().size());
        assertEquals(LinkType.ETHERNET, dsb.interfaces().get(0).linkType());

        assertEquals(1, dsb.secrets().size());
        DecryptionSecrets secrets = dsb.secrets().get(0);
        assertEquals(0x57474b4c, secrets.type());
        assertEquals("WGKL", DecryptionSecrets.typeName(secrets.type()));
        assertEquals(0, secrets.packetsBefore(), "editcap puts the secrets before every packet");
        List<String> keys = Files.readAllLines(Vectors.file("wireguard-ping-tcp.initiator.keys"));
        assertEquals(4, secrets.lines().size());
        assertEquals(normalized(keys), normalized(secrets.lines()));
        assertEquals(secrets.lines(), dsb.wireGuardKeyLog());

        // editcap copied the packets: same bytes and (microsecond) timestamps as the classic capture.
        Capture pcap = read("wireguard-ping-tcp.pcap");
        assertEquals(pcap.records(), dsb.records());
    }

    @Test
    void readsThroughThePathOpeners() throws IOException {
        Path pcapng = Vectors.file("wireguard-ping-tcp-dsb.local.pcapng");
        try (PcapngReader r = PcapngReader.open(pcapng)) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertEquals(22, n);
        }
        try (PcapReader r = PcapReader.open(Vectors.file("wireguard-psk.pcap"))) {
            assertEquals(LinkType.ETHERNET, r.next().linkType());
        }
    }
}
