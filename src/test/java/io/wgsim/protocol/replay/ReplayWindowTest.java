package io.wgsim.protocol.replay;

import static io.wgsim.protocol.replay.ReplayWindow.Verdict.ACCEPTABLE;
import static io.wgsim.protocol.replay.ReplayWindow.Verdict.LIMIT_REACHED;
import static io.wgsim.protocol.replay.ReplayWindow.Verdict.REPLAYED;
import static io.wgsim.protocol.replay.ReplayWindow.Verdict.TOO_OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.protocol.replay.ReplayWindow.Verdict;
import io.wgsim.protocol.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel's nonce counter selftest (wireguard-linux-compat src/selftest/counter.c): 34 numbered
 * cases run in order on one window, then six loops along the window's edges. The kernel writes them
 * for its 8128-counter window; they are stated in terms of the window size, so they also run here on
 * smaller windows.
 */
class ReplayWindowTest {

    private static final long REJECT = Protocol.REJECT_AFTER_MESSAGES;

    /** One scripted step: the kernel's case number, the counter, whether it is accepted, and why. */
    record Case(int number, long counter, boolean accepted, Verdict verdict) {}

    /** counter.c's 34 cases, where tLim is the kernel's T_LIM (window size + 1). */
    static List<Case> kernelScript(long tLim) {
        return List.of(
                new Case(1, 0, true, ACCEPTABLE),
                new Case(2, 1, true, ACCEPTABLE),
                new Case(3, 1, false, REPLAYED),
                new Case(4, 9, true, ACCEPTABLE),
                new Case(5, 8, true, ACCEPTABLE),
                new Case(6, 7, true, ACCEPTABLE),
                new Case(7, 7, false, REPLAYED),
                new Case(8, tLim, true, ACCEPTABLE),
                new Case(9, tLim - 1, true, ACCEPTABLE),
                new Case(10, tLim - 1, false, REPLAYED),
                new Case(11, tLim - 2, true, ACCEPTABLE),
                new Case(12, 2, true, ACCEPTABLE),
                new Case(13, 2, false, REPLAYED),
                new Case(14, tLim + 16, true, ACCEPTABLE),
                new Case(15, 3, false, TOO_OLD),
                new Case(16, tLim + 16, false, REPLAYED),
                new Case(17, tLim * 4, true, ACCEPTABLE),
                new Case(18, tLim * 4 - (tLim - 1), true, ACCEPTABLE),
                new Case(19, 10, false, TOO_OLD),
                new Case(20, tLim * 4 - tLim, false, TOO_OLD),
                new Case(21, tLim * 4 - (tLim + 1), false, TOO_OLD),
                new Case(22, tLim * 4 - (tLim - 2), true, ACCEPTABLE),
                new Case(23, tLim * 4 + 1 - tLim, false, REPLAYED),
                new Case(24, 0, false, TOO_OLD),
                new Case(25, REJECT, false, LIMIT_REACHED),
                new Case(26, REJECT - 1, true, ACCEPTABLE),
                new Case(27, REJECT, false, LIMIT_REACHED),
                new Case(28, REJECT - 1, false, REPLAYED),
                new Case(29, REJECT - 2, true, ACCEPTABLE),
                new Case(30, REJECT + 1, false, LIMIT_REACHED),
                new Case(31, REJECT + 2, false, LIMIT_REACHED),
                new Case(32, REJECT - 2, false, REPLAYED),
                new Case(33, REJECT - 3, true, ACCEPTABLE),
                new Case(34, 0, false, TOO_OLD));
    }

    static Stream<Arguments> kernelCases() {
        return kernelScript(Protocol.DEFAULT_REPLAY_WINDOW + 1L).stream()
                .map(c -> Arguments.of(c.number(), Long.toUnsignedString(c.counter()), c.accepted(), c.verdict()));
    }

    @ParameterizedTest(name = "case {0}: counter {1} -> {2} ({3})")
    @MethodSource("kernelCases")
    void kernelCase(int number, String counter, boolean accepted, Verdict verdict) {
        ReplayWindow w = new ReplayWindow();
        List<Case> script = kernelScript(w.size() + 1L);
        // The cases share one window: replay the earlier ones first.
        for (Case earlier : script.subList(0, number - 1)) {
            assertEquals(earlier.accepted(), w.markSeen(earlier.counter()), "earlier case " + earlier.number());
        }
        long c = Long.parseUnsignedLong(counter);
        assertEquals(verdict, w.check(c));
        assertEquals(accepted, w.markSeen(c));
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {64, 128, 1024, 8128})
    void kernelScriptOnOtherWindowSizes(int size) {
        ReplayWindow w = new ReplayWindow(size);
        for (Case c : kernelScript(size + 1L)) {
            assertEquals(c.verdict(), w.check(c.counter()), "case " + c.number());
            assertEquals(c.accepted(), w.markSeen(c.counter()), "case " + c.number());
        }
    }

    // ---- counter.c's six loops along the window edges, on several window sizes ----

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {64, 1024, 8128})
    void fillUpwardFromOneThenZeroIsJustInside(int size) {
        ReplayWindow w = new ReplayWindow(size);
        for (long i = 1; i <= size; i++) {
            assertTrue(w.markSeen(i), "counter " + i);
        }
        assertTrue(w.markSeen(0), "0 is exactly window size behind");
        assertFalse(w.markSeen(0));
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {64, 1024, 8128})
    void fillUpwardFromTwoThenZeroIsJustOutside(int size) {
        ReplayWindow w = new ReplayWindow(size);
        for (long i = 2; i <= size + 1; i++) {
            assertTrue(w.markSeen(i), "counter " + i);
        }
        assertTrue(w.markSeen(1));
        assertEquals(TOO_OLD, w.check(0));
        assertFalse(w.markSeen(0));
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {64, 1024, 8128})
    void fillDownwardToZero(int size) {
        ReplayWindow w = new ReplayWindow(size);
        for (long i = size; i >= 0; i--) {
            assertTrue(w.markSeen(i), "counter " + i);
        }
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {64, 1024, 8128})
    void fillDownwardToOneFromOneHigherThenZeroIsOutside(int size) {
        ReplayWindow w = new ReplayWindow(size);
        for (long i = size + 1; i >= 1; i--) {
            assertTrue(w.markSeen(i), "counter " + i);
        }
        assertFalse(w.markSeen(0));
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {64, 1024, 8128})
    void fillDownwardToOneThenOneHigherThenZero(int size) {
        ReplayWindow w = new ReplayWindow(size);
        for (long i = size; i >= 1; i--) {
            assertTrue(w.markSeen(i), "counter " + i);
        }
        assertTrue(w.markSeen(size + 1L));
        assertFalse(w.markSeen(0));
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {64, 1024, 8128})
    void fillDownwardToOneThenZeroThenOneHigher(int size) {
        ReplayWindow w = new ReplayWindow(size);
        for (long i = size; i >= 1; i--) {
            assertTrue(w.markSeen(i), "counter " + i);
        }
        assertTrue(w.markSeen(0));
        assertTrue(w.markSeen(size + 1L));
    }

    // ---- our own ----

    @Test
    void boundaryAtExactlyTheWindowSize() {
        ReplayWindow w = new ReplayWindow(1024);
        assertEquals(1024, w.size());
        assertTrue(w.markSeen(5000));
        assertEquals(ACCEPTABLE, w.check(5000 - 1024), "exactly size behind is still inside");
        assertEquals(TOO_OLD, w.check(5000 - 1025));
        assertTrue(w.markSeen(5000 - 1024));
        assertEquals(REPLAYED, w.check(5000 - 1024));
        // One step forward pushes that counter out.
        assertTrue(w.markSeen(5001));
        assertEquals(TOO_OLD, w.check(5000 - 1024));
        assertEquals(ACCEPTABLE, w.check(5001 - 1024));
    }

    @Test
    void jumpFarAheadForgetsEveryOldWord() {
        int size = 1024;
        ReplayWindow w = new ReplayWindow(size);
        for (long i = 0; i <= size; i++) {
            assertTrue(w.markSeen(i));
        }
        long top = 3L * size + 5;
        assertTrue(w.markSeen(top));
        assertEquals(top, w.highest());
        // Every counter in the new window except top itself is fresh, whatever ring slot it shares
        // with a counter marked before the jump.
        for (long c = top - size; c < top; c++) {
            assertEquals(ACCEPTABLE, w.check(c), "counter " + c);
        }
        assertEquals(REPLAYED, w.check(top));
        assertEquals(TOO_OLD, w.check(top - size - 1));
    }

    @Test
    void slidingOneWordAtATimeClearsOnlyTheNewWords() {
        ReplayWindow w = new ReplayWindow(128);
        for (long i = 0; i < 1000; i += 2) {
            assertTrue(w.markSeen(i));
        }
        // Evens in the window are replays, odds are fresh.
        for (long c = 998 - 128; c <= 998; c++) {
            assertEquals(c % 2 == 0 ? REPLAYED : ACCEPTABLE, w.check(c), "counter " + c);
        }
    }

    @Test
    void countersAreUnsigned() {
        ReplayWindow w = new ReplayWindow(64);
        long big = 1L << 63; // negative as a signed long
        assertTrue(w.markSeen(big));
        assertEquals(big, w.highest());
        assertEquals(TOO_OLD, w.check(0));
        assertEquals(TOO_OLD, w.check(Long.MAX_VALUE - 64), "2^63 - 65 is 65 behind");
        assertEquals(ACCEPTABLE, w.check(Long.MAX_VALUE - 63), "2^63 - 64 is exactly 64 behind");
        assertEquals(ACCEPTABLE, w.check(big + 1));
        assertEquals(LIMIT_REACHED, w.check(-1L), "2^64 - 1");
        assertEquals(LIMIT_REACHED, w.check(Protocol.REJECT_AFTER_MESSAGES));
    }

    @Test
    void startsEmpty() {
        ReplayWindow w = new ReplayWindow();
        assertTrue(w.isEmpty());
        assertEquals(0, w.highest());
        assertEquals(Protocol.DEFAULT_REPLAY_WINDOW, w.size());
        assertTrue(w.markSeen(0));
        assertFalse(w.isEmpty());
        assertEquals(0, w.highest());
        assertFalse(w.markSeen(0));
    }

    @Test
    void refusedMarkChangesNothing() {
        ReplayWindow w = new ReplayWindow(64);
        assertTrue(w.markSeen(100));
        assertFalse(w.markSeen(Protocol.REJECT_AFTER_MESSAGES));
        assertEquals(100, w.highest(), "a counter over the limit must not move the window");
        assertEquals(ACCEPTABLE, w.check(40));
    }

    @Test
    void duplicateBetweenCheckAndMarkIsRefused() {
        ReplayWindow w = new ReplayWindow();
        // Two copies of counter 7 both pass check() before either is decrypted...
        assertEquals(ACCEPTABLE, w.check(7));
        assertEquals(ACCEPTABLE, w.check(7));
        // ...but only the first to finish decryption gets through.
        assertTrue(w.markSeen(7));
        assertFalse(w.markSeen(7));
    }

    @Test
    void checkNeverMutates() {
        long seed = 0x5eed_0001L;
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> marks = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            marks.add((long) random.nextInt(20_000));
        }
        ReplayWindow plain = new ReplayWindow(1024);
        ReplayWindow probed = new ReplayWindow(1024);
        SplittableRandom probes = new SplittableRandom(seed + 1);
        for (long counter : marks) {
            // Probe the second window with checks of all kinds (ahead, behind, over the limit).
            for (int k = 0; k < 3; k++) {
                long probe = switch (k) {
                    case 0 -> probes.nextLong();
                    case 1 -> probed.highest() + probes.nextInt(5000);
                    default -> counter;
                };
                Verdict first = probed.check(probe);
                assertEquals(first, probed.check(probe), "check must be repeatable, seed " + seed);
            }
            assertEquals(plain.check(counter), probed.check(counter), "seed " + seed);
            assertEquals(plain.markSeen(counter), probed.markSeen(counter), "seed " + seed + " counter " + counter);
            assertEquals(plain.highest(), probed.highest(), "seed " + seed);
        }
    }

    @Test
    void sizeMustBeAPositiveMultipleOf64() {
        for (int bad : new int[] {0, -64, 1, 63, 65, 100, 8129}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(bad));
            assertTrue(e.getMessage().contains(Integer.toString(bad)), e.getMessage());
        }
        assertEquals(64, new ReplayWindow(64).size());
    }
}
