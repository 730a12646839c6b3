package io.wgsim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.sim.run.SimulationRun;
import io.wgsim.topology.TopologyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's own captures are clean: the shipped quickstart (lossy links, a CGNAT that rebinds, a
 * roaming laptop, a partition, rekeys), and the same network with restarts, key rotations, exits that
 * send first (which make responders initiate legitimately) and phone links that lose, duplicate and
 * reorder.
 */
class SimulatorCapturesCheckTest {
    /** Long enough for a 120 s rekey and the events below. */
    private static final Duration DURATION = Duration.ofSeconds(150);

    @TempDir
    Path dir;

    @Test
    void theQuickstartCapturesAreClean() throws Exception {
        Totals t = runAndCheck(Path.of("topologies/quickstart.yaml"), 1);
        assertTrue(t.decryptedSessions >= 20, "sessions decrypted: " + t.decryptedSessions);
        assertTrue(t.decryptedMessages > 10_000, "messages decrypted: " + t.decryptedMessages);
    }

    @Test
    void restartsRotationsAndServersThatSendFirstAreClean() throws Exception {
        String quickstart = Files.readString(Path.of("topologies/quickstart.yaml"));
        String busy = quickstart
                .replace("link: \"delay 40ms 15ms distribution normal loss 3%\"",
                        "link: \"delay 40ms 30ms loss 8% duplicate 5% reorder 20% gap 3\"")
                .replace("events:\n", """
                        events:
                          - {at: 61s, restart: exit2}
                          - {at: 100s, rotate-key: exit1}
                          - {at: 120s, restart: phone5}
                          - {at: 130s, restart: laptop3}
                          - {at: 140s, rotate-key: phone6}
                          - {at: 30s, partition: phone7, for: 20s}
                        """)
                .replace("traffic:\n", """
                        traffic:
                          - ping: {from: exit1, to: phone5, interval: 2s, start: 3s}
                          - ping: {from: exit2, to: phone6, interval: 700ms}
                          - ping: {from: exit1, to: laptop3, interval: 3s, start: 40s}
                          - ping: {from: phone7, to: exit1, interval: 5s}
                          - ping: {from: exit1, to: phone3, interval: 11s}
                          - ping: {from: phone9, to: exit2, interval: 13s}
                        """);
        assertTrue(busy.contains("restart: exit2") && busy.contains("from: exit2, to: phone6")
                && busy.contains("duplicate 5%"), "the edits applied");
        Path topology = dir.resolve("busy.yaml");
        Files.writeString(topology, busy);
        Totals t = runAndCheck(topology, 2);
        assertTrue(t.decryptedSessions >= 20, "sessions decrypted: " + t.decryptedSessions);
        assertTrue(t.copies > 10, "copies made by duplicating links: " + t.copies);
    }

    private static final class Totals {
        int decryptedSessions;
        long decryptedMessages;
        long copies;
    }

    private Totals runAndCheck(Path topologyFile, long seed) throws Exception {
        Path out = dir.resolve("run-" + seed);
        SimulationRun.run(TopologyParser.parse(topologyFile), seed, DURATION, new SimulationRun.Output(out, out, true), null);
        List<Path> captures;
        try (Stream<Path> s = Files.list(out)) {
            captures = s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList();
        }
        assertTrue(captures.size() >= 10, "captures: " + captures);
        Totals t = new Totals();
        List<String> found = new ArrayList<>();
        for (Path capture : captures) {
            CheckReport r = Checker.check(capture, List.of(), List.of(), CheckOptions.defaults());
            r.violations().forEach(v -> found.add(capture.getFileName() + ": " + v.line()));
            assertEquals(0, r.undecryptable(), capture + ": messages of decrypted sessions that did not authenticate");
            t.decryptedSessions += r.decryptedSessions();
            t.decryptedMessages += r.decryptedMessages();
            t.copies += r.copies();
        }
        assertEquals(List.of(), found, () -> String.join("\n", found));
        return t;
    }
}
