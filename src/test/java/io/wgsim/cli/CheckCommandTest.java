package io.wgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wgsim.capture.Capture;
import io.wgsim.capture.CaptureReader;
import io.wgsim.capture.CaptureRecord;
import io.wgsim.capture.PcapngWriter;
import io.wgsim.check.RuleId;
import io.wgsim.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wgsim check} through the command line: its output and its exit status 0, 1 or 2. */
class CheckCommandTest {
    @TempDir
    Path dir;

    /** wireguard-ping-tcp.pcap as pcapng, with a reserved byte of frame 5 (a transport message) set. */
    private Path faulty() throws IOException {
        Capture c = CaptureReader.readAll(Vectors.file("wireguard-ping-tcp.pcap"));
        Path out = dir.resolve("faulty.pcapng");
        try (PcapngWriter w = PcapngWriter.create(out)) {
            int id = w.addInterface(c.interfaces().get(0).linkType(), "eth0");
            for (int i = 0; i < c.records().size(); i++) {
                CaptureRecord r = c.records().get(i);
                byte[] data = r.data();
                if (i == 4) {
                    assertEquals(4, data[14 + 20 + 8], "frame 5 is a transport message");
                    data[14 + 20 + 8 + 3] = 9;
                }
                w.writePacket(id, r.timestampNanos(), data);
            }
        }
        return out;
    }

    @Test
    void helpNamesEveryRuleAndOption() {
        Cli.Result r = Cli.run("", "check", "--help");
        assertEquals(0, r.exitCode());
        for (RuleId id : RuleId.values()) {
            assertTrue(r.out().contains(id.id()), () -> id.id() + " missing from:\n" + r.out());
        }
        for (String option : new String[] {"--keylog=FILE", "--config=FILE", "--slack=DURATION", "--replay-window=N",
                "--ignore=RULE", "--json"}) {
            assertTrue(r.out().contains(option), () -> option + " missing from:\n" + r.out());
        }
    }

    @Test
    void aCleanCaptureExitsZero() {
        String capture = Vectors.file("wireguard-ping-tcp.pcap").toString();
        String keys = Vectors.file("wireguard-ping-tcp.initiator.keys").toString();
        Cli.Result r = Cli.run("", "check", capture, "--keylog", keys);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains(capture + ": 22 frames, 22 WireGuard datagrams, 2 sessions (2 decrypted, 18 transport"
                + " messages decrypted)"), r.out());
        assertTrue(r.out().contains("violations: 0"), r.out());
        assertTrue(r.out().contains("source-address         not applied: no --config given"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void violationsArePrintedOneALineWithACountPerRuleAndExitOne() throws IOException {
        Cli.Result r = Cli.run("", "check", faulty().toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        String first = r.out().lines().findFirst().orElse("");
        assertTrue(first.matches("frame 5 \\(t=1\\.007113s\\) reserved-bytes: type 4 message with reserved bytes 00 00 09, not 00 00 00"),
                first);
        assertTrue(r.out().contains("violations: 1"), r.out());
        assertTrue(r.out().contains("  reserved-bytes         1"), r.out());
        assertTrue(r.out().contains("  counter-reuse          0"), r.out());
    }

    @Test
    void anIgnoredRuleIsNotApplied() throws IOException {
        Cli.Result r = Cli.run("", "check", faulty().toString(), "--ignore", "reserved-bytes");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("  reserved-bytes         ignored"), r.out());
        Cli.Result unknown = Cli.run("", "check", faulty().toString(), "--ignore", "reserved");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("--ignore: no rule 'reserved'"), unknown.err());
    }

    @Test
    void jsonHasTheViolationsAndEveryRule() throws IOException {
        Cli.Result r = Cli.run("", "check", "--json", faulty().toString());
        assertEquals(1, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(22, json.get("frames").asInt());
        assertEquals(1, json.get("violations").size());
        JsonNode v = json.get("violations").get(0);
        assertEquals(5, v.get("frame").asInt());
        assertEquals("reserved-bytes", v.get("rule").asText());
        assertEquals(RuleId.values().length, json.get("rules").size());
        assertEquals(1, json.get("rules").get("reserved-bytes").get("violations").asInt());
        assertEquals("not applied", json.get("rules").get("mac1").get("status").asText());
    }

    @Test
    void anUnreadableInputExitsTwoNamingIt() throws IOException {
        Path missing = dir.resolve("missing.pcap");
        Cli.Result r = Cli.run("", "check", missing.toString());
        assertEquals(2, r.exitCode());
        assertEquals("wgsim: " + missing + ": no such file\n", r.err());
        assertEquals("", r.out());

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a capture\n");
        r = Cli.run("", "check", text.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("wgsim: " + text + ": at offset 0: neither pcapng nor pcap"), r.err());

        byte[] pcap = Files.readAllBytes(Vectors.file("wireguard-ping-tcp.pcap"));
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(pcap, 300));
        r = Cli.run("", "check", cut.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("wgsim: " + cut + ": at offset ") && r.err().contains("truncated"), r.err());

        Path keys = Files.writeString(dir.resolve("bad.keys"), "LOCAL_STATIC_PRIVATE_KEY = AKeZaHwB\n");
        r = Cli.run("", "check", Vectors.file("wireguard-ping-tcp.pcap").toString(), "--keylog", keys.toString());
        assertEquals(2, r.exitCode());
        assertEquals("wgsim: " + keys + ":1: LOCAL_STATIC_PRIVATE_KEY: the key has 6 bytes, not 32\n", r.err());

        Path config = Files.writeString(dir.resolve("bad.conf"), "[Interface]\nPrivateKey = nope\n");
        r = Cli.run("", "check", Vectors.file("wireguard-ping-tcp.pcap").toString(), "--config", config.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("wgsim: " + config + ":2: "), r.err());
        assertTrue(!r.err().contains("nope") || r.err().contains("PrivateKey"), r.err());
    }
}
