package io.wgsim.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.capture.Capture;
import io.wgsim.capture.CaptureReader;
import io.wgsim.testing.PcapUdp;
import io.wgsim.testing.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared reference captures (../shared/vectors, see SOURCES.md) are clean, and with their key files
 * (or the secrets block embedded in the pcapng) every session decrypts, in either role, with or without
 * a preshared key.
 */
class CheckVectorsTest {

    @ParameterizedTest(name = "{0} with keys {1}")
    @CsvSource({
            "wireguard-ping-tcp.pcap,                          ,                                 2, 0, 0",
            "wireguard-ping-tcp.pcap,                          wireguard-ping-tcp.initiator.keys, 2, 2, 18",
            "wireguard-ping-tcp.pcap,                          wireguard-ping-tcp.responder.keys, 2, 2, 18",
            "wireguard-ping-tcp.linktype-raw101.derived.pcap,  wireguard-ping-tcp.responder.keys, 2, 2, 18",
            "wireguard-ping-tcp-dsb.local.pcapng,              ,                                 2, 2, 18",
            "wireguard-psk.pcap,                               wireguard-psk.initiator.keys,      2, 2, 0",
            "wireguard-psk.pcap,                               wireguard-psk.responder.keys,      2, 2, 0",
            "corelight-wireguard.pcap,                         ,                                 1, 0, 0",
            "lekensteyn-8-trace.pcap,                          ,                                 5, 0, 0",
    })
    void aReferenceCaptureIsCleanAndItsSessionsDecrypt(String capture, String keys, int sessions, int decrypted,
                                                       long messages) throws IOException {
        List<Path> keyLogs = keys == null ? List.of() : List.of(Vectors.file(keys));
        CheckReport r = Checker.check(Vectors.file(capture), keyLogs, List.of(), CheckOptions.defaults());
        assertEquals(List.of(), r.violations(), () -> r.violations().stream().map(Violation::line)
                .collect(Collectors.joining("\n")));
        assertEquals(sessions, r.sessions(), "sessions");
        assertEquals(decrypted, r.decryptedSessions(), "sessions decrypted");
        assertEquals(messages, r.decryptedMessages(), "transport messages decrypted");
        assertEquals(0, r.undecryptable());
        assertEquals(decrypted > 0, !r.notApplied().containsKey(RuleId.MAC1), "mac1 is judged when keys are known");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wireguard-ping-tcp.pcap", "wireguard-psk.pcap", "corelight-wireguard.pcap",
            "lekensteyn-8-trace.pcap", "wireguard-ping-tcp.linktype-raw101.derived.pcap",
            "wireguard-ping-tcp-dsb.local.pcapng"})
    void libpcapThroughPcap4jSeesTheSameDatagramsAsTheChecker(String name) throws IOException {
        Path file = Vectors.file(name);
        List<PcapUdp.Datagram> expected = PcapUdp.read(file).datagrams();
        Capture c = CaptureReader.readAll(file);
        List<PcapUdp.Datagram> ours = new ArrayList<>();
        for (int i = 0; i < c.records().size(); i++) {
            if (UdpExtractor.extract(c.records().get(i)) instanceof UdpExtractor.Udp u) {
                ours.add(new PcapUdp.Datagram(i + 1, c.records().get(i).timestampNanos(), u.source(), u.destination(),
                        u.payload()));
            }
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected.size(), ours.size(), "datagrams");
        for (int i = 0; i < expected.size(); i++) {
            PcapUdp.Datagram e = expected.get(i);
            PcapUdp.Datagram o = ours.get(i);
            assertEquals(e.frame(), o.frame());
            assertEquals(e.epochNanos(), o.epochNanos(), "frame " + e.frame());
            assertEquals(e.source(), o.source(), "frame " + e.frame());
            assertEquals(e.destination(), o.destination(), "frame " + e.frame());
            assertArrayEquals(e.payload(), o.payload(), "frame " + e.frame());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lekensteyn-8-trace.lua-format.keys"})
    void aKeyFileInAnotherFormatIsAnInputErrorNamingItsLine(String name) {
        Path keys = Vectors.file(name);
        CheckInputException e = assertThrows(CheckInputException.class, () -> Checker.check(
                Vectors.file("lekensteyn-8-trace.pcap"), List.of(keys), List.of(), CheckOptions.defaults()));
        assertTrue(e.getMessage().startsWith(keys + ":1: "), e.getMessage());
    }
}
