package io.wgsim.sim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.testing.Tshark;
import io.wgsim.topology.TopologyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs of the shipped quickstart topology: the same seed writes the same bytes, another seed a
 * different run, and tshark decrypts every session in the captures with no settings.
 */
class SimulationRunTest {
    /** Long enough for a rekey (120 s) and the NAT events of the first half of quickstart. */
    private static final Duration DURATION = Duration.ofSeconds(150);

    @TempDir
    static Path dir;
    private static Path run(String name, long seed) throws Exception {
        Path out = dir.resolve(name);
        if (!Files.exists(out.resolve("summary.json"))) {
            // Parsed anew for each run, as the command line does: a topology derives its keys once and
            // keeps them, and summary.json counts the X25519 work each run did itself.
            SimulationRun.run(TopologyParser.parse(Path.of("topologies/quickstart.yaml")), seed, DURATION,
                    new SimulationRun.Output(out, out, true), null);
        }
        return out;
    }

    @Test
    void theSameSeedWritesByteIdenticalCapturesEventsAndSummary() throws Exception {
        Path a = run("a", 42);
        Path b = run("b", 42);
        List<String> files = names(a);
        assertEquals(files, names(b));
        assertTrue(files.stream().filter(f -> f.endsWith(".pcapng")).count() >= 10, "captures: " + files);
        for (String f : files) {
            if (f.equals("summary.json")) {
                assertEquals(withoutWallClock(a.resolve(f)), withoutWallClock(b.resolve(f)));
            } else {
                assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs");
            }
        }
    }

    @Test
    void anotherSeedGivesAnotherRun() throws Exception {
        Path a = run("a", 42);
        Path c = run("c", 43);
        assertNotEquals(withoutWallClock(a.resolve("summary.json")), withoutWallClock(c.resolve("summary.json")));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("events.jsonl")),
                Files.readAllBytes(c.resolve("events.jsonl"))));
    }

    @Test
    void theKeyLogIsPrivateAndTheEventsHoldNoSecrets() throws Exception {
        Path a = run("a", 42);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(a.resolve("keylog.txt"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms);
        String keylog = Files.readString(a.resolve("keylog.txt"));
        assertTrue(keylog.contains("LOCAL_EPHEMERAL_PRIVATE_KEY"));
        String events = Files.readString(a.resolve("events.jsonl"));
        for (String line : keylog.split("\n")) {
            if (line.startsWith("REMOTE_STATIC_PUBLIC_KEY")) {
                continue; // public keys name peers in events; only the private ones are secret
            }
            String secret = line.substring(line.indexOf('=') + 1).strip();
            assertFalse(events.contains(secret), "a key-log secret appears in events.jsonl");
        }
    }

    @Test
    void theSummaryCountsHandshakesRekeysAndRoaming() throws Exception {
        String summary = Files.readString(run("a", 42).resolve("summary.json"));
        for (String field : List.of("\"seed\" : 42", "\"simulatedSeconds\"", "\"wallSeconds\"", "\"events\"",
                "\"eventsPerSecond\"", "\"peers\"", "\"handshakes\"", "\"rekeys\"", "\"endpointChanges\"", "\"txBytes\"",
                "\"rxBytes\"", "\"drops\"")) {
            assertTrue(summary.contains(field), "summary.json lacks " + field);
        }
        // The overhead figures are measured, not left at zero: CPU time of the run and of its crypto alone.
        for (String field : List.of("cpuSeconds", "cryptoOnlyCpuSeconds", "cpuOverheadVsCrypto", "overheadVsCrypto")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\" : ([0-9.E-]+)").matcher(summary);
            assertTrue(m.find(), "summary.json lacks " + field);
            assertTrue(Double.parseDouble(m.group(1)) > 0, field + " is not positive: " + m.group(1));
        }
        // 150 s with traffic and 25 s keepalives: every node rekeyed at least once after 120 s.
        assertTrue(summary.matches("(?s).*\"rekeys\" : [1-9].*"), summary);
    }

    /** tshark decodes the captures with no options: every session decrypts. */
    @Test
    void tsharkDecryptsEveryCaptureWithNoSettings() throws Exception {
        Tshark.require();
        Path a = run("a", 42);
        int responses = 0;
        int transports = 0;
        for (String f : names(a)) {
            if (!f.endsWith(".pcapng")) {
                continue;
            }
            for (Tshark.WgMessage m : Tshark.wireGuard(a.resolve(f), List.of())) {
                assertFalse(m.decryptionError(), f + " frame " + m.frame() + " has a decryption error");
                if (m.type() == 2) {
                    responses++;
                    assertTrue(m.handshakeOk(), f + " frame " + m.frame() + ": handshake response not verified");
                }
                if (m.type() == 4 && !m.keepalive()) {
                    transports++;
                    assertTrue(m.decryptedToIp(), f + " frame " + m.frame() + " did not decrypt to IP: " + m.inner());
                }
            }
        }
        assertTrue(responses > 10, "handshake responses seen: " + responses);
        assertTrue(transports > 100, "transport packets seen: " + transports);
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static String withoutWallClock(Path summary) throws Exception {
        return Files.readAllLines(summary).stream()
                .filter(l -> !l.contains("\"wallSeconds\"") && !l.contains("\"eventsPerSecond\"") && !l.contains("\"speedup\"")
                        && !l.contains("\"cryptoOnlySeconds\"") && !l.contains("\"overheadVsCrypto\"")
                        && !l.contains("\"cpuSeconds\"") && !l.contains("\"cryptoOnlyCpuSeconds\"")
                        && !l.contains("\"cpuOverheadVsCrypto\""))
                .collect(Collectors.joining("\n"));
    }
}
