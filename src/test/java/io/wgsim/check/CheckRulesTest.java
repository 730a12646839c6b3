package io.wgsim.check;

import static io.wgsim.check.RecordedPeers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.check.RecordedPeers.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule, on captures made by two devices of the protocol core: the capture as they made it is clean,
 * and the same capture made faulty on purpose (bytes changed, frames moved in time or copied, or a
 * device told to do what a faulty implementation would) breaks exactly that rule, at the frame changed.
 */
class CheckRulesTest {
    private static final long MS = SECOND / 1000;

    @TempDir
    Path dir;

    // ---- helpers ----

    /** Handshake at 1 s, then both send a packet every second (Bob 100 ms after Alice) up to 20 s. */
    private static RecordedPeers talking() {
        RecordedPeers p = new RecordedPeers().handshake(SECOND);
        for (int s = 2; s <= 20; s++) {
            p.alice.send(s * SECOND, 100);
            p.bob.send(s * SECOND + 100 * MS, 100);
        }
        return p;
    }

    private CheckReport check(RecordedPeers p, String name, boolean keys, Path... configs) throws IOException {
        return Checker.check(p.write(dir.resolve(name + ".pcapng"), keys), List.of(), List.of(configs), CheckOptions.defaults());
    }

    /** The violations by rule, as rule -> frames. */
    private static Map<RuleId, List<Long>> byRule(CheckReport r) {
        return r.violations().stream().collect(Collectors.groupingBy(Violation::rule,
                Collectors.mapping(Violation::frame, Collectors.toList())));
    }

    private static void assertOnly(CheckReport r, RuleId rule, Long... frames) {
        assertEquals(Map.of(rule, List.of(frames)), byRule(r), () -> lines(r));
    }

    private static void assertClean(CheckReport r) {
        assertEquals(List.of(), r.violations(), () -> lines(r));
    }

    private static String lines(CheckReport r) {
        return r.violations().stream().map(Violation::line).collect(Collectors.joining("\n"));
    }

    private static long frame(int index) {
        return index + 1L;
    }

    private static void setCounter(Frame f, long counter) {
        for (int i = 0; i < 8; i++) {
            f.payload[8 + i] = (byte) (counter >>> (8 * i));
        }
    }

    // ---- the unmodified captures ----

    @Test
    void whatTheCoreSendsIsCleanAndDecrypts() throws IOException {
        CheckReport r = check(talking(), "talking", true);
        assertClean(r);
        assertEquals(1, r.sessions());
        assertEquals(1, r.decryptedSessions());
        assertEquals(1 + 19 * 2, r.decryptedMessages(), "the confirmation keepalive and 19 packets each way");
        assertEquals(0, r.undecryptable());
        for (RuleId id : RuleId.values()) {
            if (id != RuleId.SOURCE_ADDRESS) {
                assertEquals(0L, r.counts().get(id), id.id());
            }
        }
        assertEquals(Map.of(RuleId.SOURCE_ADDRESS, "no --config given"), r.notApplied());
    }

    // ---- message-size and reserved-bytes ----

    @Test
    void messageSizeFlagsATruncatedTransportMessageAndAnUnknownType() throws IOException {
        RecordedPeers p = talking();
        List<Integer> data = p.indices(p.alice, 4);
        p.frames.get(data.get(5)).payload = Arrays.copyOf(p.frames.get(data.get(5)).payload, 20);
        p.frames.get(data.get(9)).payload[0] = 7;
        CheckReport r = check(p, "size", true);
        assertOnly(r, RuleId.MESSAGE_SIZE, frame(data.get(5)), frame(data.get(9)));
        assertTrue(r.violations().get(0).message().contains("20 bytes"), lines(r));
        assertTrue(r.violations().get(1).message().contains("message type 7"), lines(r));
    }

    @Test
    void reservedBytesFlagsANonZeroReservedByte() throws IOException {
        RecordedPeers p = talking();
        int i = p.indices(p.bob, 4).get(3);
        p.frames.get(i).payload[2] = 1;
        CheckReport r = check(p, "reserved", true);
        assertOnly(r, RuleId.RESERVED_BYTES, frame(i));
        assertTrue(r.violations().get(0).message().contains("00 01 00"), lines(r));
    }

    // ---- mac1 ----

    @Test
    void mac1FlagsACorruptMacWhenTheRecipientsKeyIsKnown() throws IOException {
        RecordedPeers p = talking();
        p.alice.initiate(25 * SECOND); // a second handshake, so Bob's address is known to hold Bob's key
        List<Integer> initiations = p.indices(p.alice, 1);
        List<Integer> responses = p.indices(p.bob, 2);
        assertEquals(2, initiations.size());
        p.frames.get(initiations.get(1)).payload[120] ^= 1; // inside mac1 (bytes 116..131)
        p.frames.get(responses.get(0)).payload[62] ^= 1; // inside the response's mac1 (60..75)
        assertOnly(check(p, "mac1", true), RuleId.MAC1, frame(responses.get(0)), frame(initiations.get(1)));
        CheckReport withoutKeys = check(p, "mac1-nokeys", false);
        assertClean(withoutKeys);
        assertTrue(withoutKeys.notApplied().containsKey(RuleId.MAC1));
    }

    // ---- counters ----

    @Test
    void counterReuseFlagsOneCounterTwiceButNotACopy() throws IOException {
        RecordedPeers p = talking();
        List<Integer> data = p.indices(p.alice, 4);
        Frame first = p.frames.get(data.get(4));
        Frame second = p.frames.get(data.get(5));
        setCounter(second, new io.wgsim.protocol.wire.TransportData(first.payload).counter());
        int copied = data.get(8);
        p.frames.add(copied + 1, p.frames.get(copied).copy()); // the network duplicated this one
        CheckReport r = check(p, "reuse", true);
        assertOnly(r, RuleId.COUNTER_REUSE, frame(data.get(5)));
        assertEquals(1, r.copies());
    }

    @Test
    void counterWindowFlagsACounterFarBelowTheHighestAndOnePastTheLimit() throws IOException {
        RecordedPeers p = talking();
        List<Integer> data = p.indices(p.alice, 4);
        int last = data.get(data.size() - 1);
        setCounter(p.frames.get(data.get(data.size() - 2)), 100_000); // a jump forward is no violation
        setCounter(p.frames.get(data.get(3)), -1L); // 2^64 - 1
        // Reordering within the window is normal: swap two of Bob's messages.
        List<Integer> bob = p.indices(p.bob, 4);
        Frame a = p.frames.get(bob.get(6));
        p.frames.set(bob.get(6), p.frames.get(bob.get(7)));
        p.frames.set(bob.get(7), a);
        assertOnly(check(p, "window", true), RuleId.COUNTER_WINDOW, frame(data.get(3)), frame(last));
    }

    /** Counters are unsigned: a session near REJECT_AFTER_MESSAGES (past 2^63) is as clean as one near 0. */
    @Test
    void countersNearTheMessageLimitAreJudgedAsUnsigned() throws IOException {
        RecordedPeers p = new RecordedPeers().handshake(SECOND);
        assertTrue(p.alice.device.setSendCounter(p.bob.key.publicKey(), io.wgsim.protocol.wire.Protocol.REJECT_AFTER_MESSAGES - 40));
        for (int s = 2; s <= 12; s++) {
            p.alice.send(s * SECOND, 100);
            p.bob.send(s * SECOND + 100 * MS, 100);
        }
        assertClean(check(p, "near-limit", true));
    }

    @Test
    void theReplayWindowIsTheReceiversAndCanBeNarrowed() throws IOException {
        RecordedPeers p = talking();
        List<Integer> data = p.indices(p.alice, 4);
        setCounter(p.frames.get(data.get(data.size() - 2)), 2_000);
        Path file = p.write(dir.resolve("narrow.pcapng"), true);
        assertClean(Checker.check(file, List.of(), List.of(), CheckOptions.defaults()));
        CheckReport boringtun = Checker.check(file, List.of(), List.of(),
                new CheckOptions(CheckOptions.DEFAULT_SLACK, 1024, java.util.Set.of()));
        assertOnly(boringtun, RuleId.COUNTER_WINDOW, frame(data.get(data.size() - 1)));
    }

    // ---- keypair-age ----

    @Test
    void keypairAgeFlagsDataMoreThan180SecondsAfterTheHandshake() throws IOException {
        long response = 1 * SECOND; // the handshake's time in talking()
        for (long extra : new long[] {300 * MS, 1500 * MS}) {
            RecordedPeers p = talking();
            int i = p.indices(p.bob, 4).get(10);
            Frame late = p.frames.remove(i);
            late.time = response + 180 * SECOND + extra;
            p.frames.add(late);
            CheckReport r = check(p, "age" + extra, true);
            if (extra < CheckOptions.DEFAULT_SLACK.toNanos()) {
                assertClean(r); // expired in flight, within the slack
            } else {
                assertOnly(r, RuleId.KEYPAIR_AGE, frame(p.frames.size() - 1));
            }
        }
    }

    // ---- rekey-timeout ----

    @Test
    void rekeyTimeoutFlagsInitiationsCloserThanFiveSecondsButNotRetriesOrCopies() throws IOException {
        RecordedPeers p = new RecordedPeers();
        p.lost = f -> f.source.equals(p.bob.address); // Bob's responses never arrive: Alice retries
        p.handshake(SECOND).runUntil(17 * SECOND);
        List<Integer> initiations = p.indices(p.alice, 1);
        assertEquals(4, initiations.size(), "the first initiation and three retries, 5 s apart");
        int first = initiations.get(0);
        Frame copy = p.frames.get(first).copy();
        copy.time += 1 * SECOND;
        p.frames.add(first + 2, copy); // after Bob's response: a copy made by the network
        assertClean(check(p, "retries", true));
        assertClean(check(p, "retries-nokeys", false));

        int second = p.indices(p.alice, 1).get(2);
        p.frames.get(second).time = p.frames.get(first).time + 2 * SECOND;
        assertOnly(check(p, "too-soon", true), RuleId.REKEY_TIMEOUT, frame(second));
    }

    // ---- keepalive-echo ----

    /** Handshake at 1 s, silence to 30 s, Alice sends data at 30 s: Bob's passive keepalive follows at 40 s. */
    private static RecordedPeers passiveKeepalive(boolean aliceEchoes) {
        RecordedPeers p = new RecordedPeers().handshake(SECOND).runUntil(30 * SECOND);
        p.alice.send(30 * SECOND, 100);
        p.runUntil(45 * SECOND);
        if (aliceEchoes) {
            p.alice.keepalive(50 * SECOND); // what an implementation that answers keepalives does
        }
        return p.runUntil(70 * SECOND);
    }

    @Test
    void keepaliveEchoFlagsAKeepaliveAnsweringAKeepalive() throws IOException {
        RecordedPeers clean = passiveKeepalive(false);
        List<Integer> bobKeepalives = clean.indices(clean.bob, 4);
        assertEquals(1, bobKeepalives.size(), "Bob's passive keepalive");
        assertEquals(40 * SECOND, clean.frames.get(bobKeepalives.get(0)).time);
        assertClean(check(clean, "passive", true));
        assertClean(check(clean, "passive-nokeys", false));

        RecordedPeers p = passiveKeepalive(true);
        List<Integer> alice = p.indices(p.alice, 4);
        int echo = alice.get(alice.size() - 1);
        assertTrue(p.frames.get(echo).keepalive());
        CheckReport r = check(p, "echo", true);
        assertOnly(r, RuleId.KEEPALIVE_ECHO, frame(echo));
        assertTrue(r.violations().get(0).message().contains("silent for"), lines(r));
        assertOnly(check(p, "echo-nokeys", false), RuleId.KEEPALIVE_ECHO, frame(echo));
    }

    @Test
    void keepaliveEchoExemptsAPersistentKeepaliveTheConfigurationNames() throws IOException {
        RecordedPeers p = passiveKeepalive(true);
        int echo = p.indices(p.alice, 4).get(p.indices(p.alice, 4).size() - 1);
        Path every10 = p.config(dir.resolve("alice-10.conf"), p.alice, Duration.ofSeconds(10));
        assertClean(check(p, "persistent-10", true, every10));
        Path every25 = p.config(dir.resolve("alice-25.conf"), p.alice, Duration.ofSeconds(25));
        CheckReport r = check(p, "persistent-25", true, every25);
        assertOnly(r, RuleId.KEEPALIVE_ECHO, frame(echo));
        assertTrue(r.violations().get(0).message().contains("persistent keepalive is 25 s"), lines(r));
    }

    @Test
    void persistentKeepalivesOfTheCoreAreNotEchoes() throws IOException {
        // Both sides keep the tunnel alive every 10 s and nothing else is sent: each keepalive follows the
        // other side's by 10 s or less, which only the configurations can tell from the echo bug.
        RecordedPeers p = new RecordedPeers(Duration.ofSeconds(10), Duration.ofSeconds(10)).handshake(SECOND)
                .runUntil(120 * SECOND);
        assertTrue(p.indices(p.bob, 4).size() >= 5, "Bob's persistent keepalives");
        Path alice = p.config(dir.resolve("alice.conf"), p.alice, Duration.ofSeconds(10));
        Path bob = p.config(dir.resolve("bob.conf"), p.bob, Duration.ofSeconds(10));
        assertClean(check(p, "persistent", true, alice, bob));
        assertClean(check(p, "persistent-noconfig", true));
    }

    // ---- responder-initiation ----

    @Test
    void responderInitiationFlagsTheResponderOfAFreshSessionItKeepsUsing() throws IOException {
        for (boolean keepsUsing : new boolean[] {false, true}) {
            RecordedPeers p = talking().runUntil(40 * SECOND);
            p.lost = f -> f.type() == 1 && f.source.equals(p.bob.address); // no new session comes of it
            p.bob.initiate(40 * SECOND);
            if (keepsUsing) {
                p.bob.send(41 * SECOND, 100);
            }
            p.runUntil(42 * SECOND);
            int initiation = p.indices(p.bob, 1).get(0);
            CheckReport r = check(p, "responder-" + keepsUsing, true);
            if (keepsUsing) {
                assertOnly(r, RuleId.RESPONDER_INITIATION, frame(initiation));
            } else {
                assertClean(r); // as a restarted Bob, which lost the session, might
            }
        }
    }

    @Test
    void responderInitiationExemptsDataUnansweredForFifteenSeconds() throws IOException {
        RecordedPeers p = talking();
        p.lost = f -> f.source.equals(p.alice.address) && f.time > 20500 * MS; // Alice is heard no more
        p.bob.send(21 * SECOND, 100);
        p.runUntil(37 * SECOND);
        p.bob.send(37 * SECOND, 100);
        p.runUntil(38 * SECOND);
        List<Integer> initiations = p.indices(p.bob, 1);
        assertTrue(!initiations.isEmpty(), "Bob's new-handshake timer made him initiate");
        long at = p.frames.get(initiations.get(0)).time;
        assertTrue(at >= 35 * SECOND && at < 36 * SECOND, "15 s after his data at 20.1 s: " + at);
        assertClean(check(p, "unanswered", true));
    }

    /**
     * Alice goes quiet from 20.5 s to 38 s (a partition): Bob's timer starts a handshake at about 35 s,
     * which never reaches her, and he retries it 5 s later, after Alice is heard from again, while still
     * sending on the session he responded to. Taken at Bob, the capture lacks what Bob never received;
     * taken at Alice, it has her messages that were lost on the way.
     */
    private static RecordedPeers partitioned(boolean atBob) {
        RecordedPeers p = talking();
        p.lost = f -> f.source.equals(p.bob.address) && f.type() == 1
                || f.source.equals(p.alice.address) && f.time > 20500 * MS && f.time < 38 * SECOND;
        p.bob.send(21 * SECOND, 100);
        p.runUntil(38 * SECOND);
        p.alice.send(38 * SECOND, 100);
        p.runUntil(41 * SECOND);
        p.bob.send(41 * SECOND, 100);
        p.runUntil(42 * SECOND);
        if (atBob) {
            p.frames.removeIf(f -> f.source.equals(p.alice.address) && p.lost.test(f));
        }
        List<Integer> initiations = p.indices(p.bob, 1);
        assertEquals(2, initiations.size(), "Bob's initiation and its retry");
        assertTrue(p.frames.get(initiations.get(1)).time > 40 * SECOND);
        return p;
    }

    @Test
    void responderInitiationExemptsRetriesOfAHandshakeTheTimerStarted() throws IOException {
        assertClean(check(partitioned(true), "retry-at-bob", true));
        // At Alice, her keepalive at 30.1 s is in the capture though Bob never had it: only the first
        // initiation, 15 s after Bob's data, shows the timer; the retry is judged as part of its attempt.
        RecordedPeers atAlice = partitioned(false);
        assertTrue(atAlice.frames.stream().anyMatch(f -> f.source.equals(atAlice.alice.address) && f.keepalive()
                && f.time > 30 * SECOND && f.time < 31 * SECOND), "Alice's lost keepalive is captured");
        assertClean(check(atAlice, "retry-at-alice", true));
    }

    @Test
    void responderInitiationExemptsARetryWhoseFirstInitiationTheCaptureMissed() throws IOException {
        RecordedPeers p = partitioned(true);
        p.frames.remove((int) p.indices(p.bob, 1).get(0)); // lost before the capture point
        assertClean(check(p, "retry-only", true));
    }

    // ---- source-address ----

    @Test
    void sourceAddressFlagsAnInnerSourceOutsideTheSendersAllowedIps() throws IOException {
        RecordedPeers p = talking();
        p.alice.sendFrom(21 * SECOND, "10.0.0.99", 100); // Alice's core does not check what it is given
        Path bob = p.config(dir.resolve("bob.conf"), p.bob, Duration.ZERO);
        Path alice = p.config(dir.resolve("alice.conf"), p.alice, Duration.ZERO);
        int spoofed = p.indices(p.alice, 4).get(p.indices(p.alice, 4).size() - 1);
        CheckReport r = check(p, "spoof", true, alice, bob);
        assertOnly(r, RuleId.SOURCE_ADDRESS, frame(spoofed));
        assertTrue(r.violations().get(0).message().contains("10.0.0.99"), lines(r));
        CheckReport noConfig = check(p, "spoof-noconfig", true);
        assertClean(noConfig);
        assertTrue(noConfig.notApplied().containsKey(RuleId.SOURCE_ADDRESS));
    }
}
