package io.wgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * WireGuard re-arms a timer on every packet. Cancelled events stay queued until the simulator compacts
 * them, so these tests check, on the simulator's own counts and never on timing, that the queue stays
 * within twice the pending events plus the compaction floor however often timers are re-armed.
 */
class RearmMemoryTest {

    private static final int CYCLES = 1_000_000;

    private static void assertBounded(Simulator sim) {
        int bound = 2 * sim.pending() + Simulator.COMPACTION_FLOOR + 1;
        assertTrue(sim.queued() <= bound,
                "queued " + sim.queued() + " events for " + sim.pending() + " pending; bound " + bound);
    }

    @Test
    void aMillionReArmsFromOutsideTheLoopKeepOneEventPending() {
        Simulator sim = new Simulator(1);
        EventId timer = EventId.NONE;
        for (int i = 0; i < CYCLES; i++) {
            timer.cancel();
            timer = sim.schedule(10_000_000_000L, () -> {});
            assertBounded(sim);
        }
        assertEquals(1, sim.pending());
        assertEquals(CYCLES - 1, sim.statistics().cancelled());
        assertEquals(1, sim.statistics().peakPending());
        assertTrue(sim.compactions() > 0);
        sim.run();
        assertEquals(1, sim.statistics().executed());
        assertEquals(0, sim.queued());
    }

    /** A packet every microsecond, each pushing a 10-second keepalive timer back, as timers.c does. */
    @Test
    void aMillionPacketsEachReArmingATimerKeepTheQueueSmall() {
        Simulator sim = new Simulator(1);
        int[] packets = {0};
        int[] maxQueued = {0};
        int[] keepalives = {0};
        EventId[] keepalive = {EventId.NONE};
        Runnable[] packet = new Runnable[1];
        packet[0] = () -> {
            keepalive[0].cancel();
            keepalive[0] = sim.schedule(10_000_000_000L, () -> keepalives[0]++);
            maxQueued[0] = Math.max(maxQueued[0], sim.queued());
            assertBounded(sim);
            if (++packets[0] < CYCLES) {
                sim.schedule(1_000, packet[0]);
            }
        };
        sim.schedule(0, packet[0]);
        sim.run();
        assertEquals(CYCLES, packets[0]);
        assertEquals(1, keepalives[0], "only the last keepalive survives");
        assertEquals(CYCLES - 1, sim.statistics().cancelled());
        assertEquals(2, sim.statistics().peakPending(), "the next packet and the timer");
        assertTrue(maxQueued[0] <= 2 * 2 + Simulator.COMPACTION_FLOOR + 1, "max queued " + maxQueued[0]);
        assertEquals(0, sim.queued());
    }

    /** A thousand peers with live timers, re-armed in random order: the bound scales with the live set. */
    @Test
    void manyLiveTimersReArmedAtRandomStayWithinTwiceThePending() {
        Simulator sim = new Simulator(1);
        RandomStream random = sim.random("test:rearm");
        EventId[] timers = new EventId[1_000];
        java.util.Arrays.fill(timers, EventId.NONE);
        for (int i = 0; i < CYCLES; i++) {
            int peer = random.nextInt(timers.length);
            timers[peer].cancel();
            timers[peer] = sim.schedule(1 + random.nextLong(1_000_000_000L), () -> {});
            assertBounded(sim);
        }
        assertEquals(timers.length, sim.pending());
        assertTrue(sim.queued() <= 2 * timers.length + Simulator.COMPACTION_FLOOR + 1);
        sim.run();
        assertEquals(timers.length, sim.statistics().executed());
    }

    @Test
    void cancelledEventsLeftInTheQueueAreSkippedAndUncounted() {
        Simulator sim = new Simulator(1);
        for (int i = 0; i < 10; i++) {
            sim.schedule(i, () -> {}).cancel();
        }
        assertEquals(0, sim.pending());
        assertEquals(10, sim.queued(), "below the floor nothing is compacted");
        sim.run();
        assertEquals(0, sim.queued());
        assertEquals(0, sim.statistics().executed());
        assertEquals(0, sim.now(), "skipped events do not move the clock");
    }
}
