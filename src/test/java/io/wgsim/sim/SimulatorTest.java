package io.wgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event loop: ordering, the clock, cancellation, runUntil, stop, statistics and progress. */
class SimulatorTest {

    private final Simulator sim = new Simulator(1);
    private final List<String> log = new ArrayList<>();

    private Runnable note(String what) {
        return () -> log.add(what + "@" + sim.now());
    }

    // --- ordering and the clock ---

    @Test
    void eventsRunInTimeOrderWithTheClockAtTheirTime() {
        sim.schedule(30, note("c"));
        sim.schedule(10, note("a"));
        sim.scheduleAt(20, note("b"));
        sim.run();
        assertEquals(List.of("a@10", "b@20", "c@30"), log);
        assertEquals(30, sim.now(), "run leaves the clock at the last event");
    }

    @Test
    void sameTimeEventsRunInSchedulingOrder() {
        for (int i = 0; i < 50; i++) {
            sim.schedule(5, note("e" + i));
        }
        sim.run();
        for (int i = 0; i < 50; i++) {
            assertEquals("e" + i + "@5", log.get(i));
        }
    }

    @Test
    void zeroDelayFromAnEventRunsAfterEverythingAlreadyDueThen() {
        sim.schedule(5, () -> {
            log.add("first@" + sim.now());
            sim.schedule(0, note("scheduled-by-first"));
        });
        sim.schedule(5, note("second"));
        sim.run();
        assertEquals(List.of("first@5", "second@5", "scheduled-by-first@5"), log);
    }

    @Test
    void delaysCountFromTheCurrentEvent() {
        sim.schedule(100, () -> sim.schedule(Duration.ofNanos(50), note("later")));
        sim.run();
        assertEquals(List.of("later@150"), log);
    }

    @Test
    void schedulingInThePastIsRefused() {
        sim.schedule(100, () -> {
            assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(99, note("x")));
            assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, note("x")));
            sim.scheduleAt(100, note("now is fine"));
        });
        sim.run();
        assertEquals(List.of("now is fine@100"), log);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(0, note("x")));
        assertTrue(e.getMessage().contains("already at 100 ns"), e.getMessage());
    }

    @Test
    void delaysPastTheEndOfVirtualTimeAreRefused() {
        sim.schedule(10, () -> assertThrows(
                IllegalArgumentException.class, () -> sim.schedule(Long.MAX_VALUE, note("x"))));
        sim.run();
        assertEquals(0, sim.pending());
    }

    @Test
    void aNullActionIsRefused() {
        assertThrows(NullPointerException.class, () -> sim.schedule(1, null));
    }

    @Test
    void runOnAnEmptySimulatorReturnsAtOnce() {
        sim.run();
        assertEquals(0, sim.now());
    }

    @Test
    void aSchedulerThatIsNotEmptyIsRefused() {
        Scheduler used = new ListScheduler();
        used.insert(EventId.unowned(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Simulator(1, used));
    }

    // --- cancellation ---

    @Test
    void aCancelledEventDoesNotRun() {
        EventId doomed = sim.schedule(10, note("doomed"));
        sim.schedule(20, note("survivor"));
        assertTrue(doomed.isPending());
        assertTrue(doomed.cancel());
        assertFalse(doomed.isPending());
        assertTrue(doomed.isCancelled());
        assertEquals(1, sim.pending());
        sim.run();
        assertEquals(List.of("survivor@20"), log);
    }

    @Test
    void cancellingTwiceOrAfterRunningDoesNothing() {
        EventId once = sim.schedule(10, note("a"));
        EventId ran = sim.schedule(5, note("b"));
        assertTrue(once.cancel());
        assertFalse(once.cancel());
        sim.run();
        assertFalse(ran.isPending());
        assertFalse(ran.cancel(), "an event that ran cannot be cancelled");
        assertFalse(ran.isCancelled());
        assertEquals(1, sim.statistics().cancelled());
    }

    @Test
    void noneIsSafeToCancelAndQuery() {
        assertFalse(EventId.NONE.cancel());
        assertFalse(EventId.NONE.isPending());
        assertFalse(EventId.NONE.isCancelled());
        assertEquals("EventId.NONE", EventId.NONE.toString());
    }

    @Test
    void anEventCanCancelAnotherDueAtTheSameTime() {
        EventId[] second = new EventId[1];
        sim.schedule(5, () -> assertTrue(second[0].cancel()));
        second[0] = sim.schedule(5, note("second"));
        sim.run();
        assertEquals(List.of(), log);
    }

    @Test
    void aRunningEventIsNoLongerPendingAndCannotCancelItself() {
        EventId[] self = new EventId[1];
        self[0] = sim.schedule(5, () -> {
            assertFalse(self[0].isPending());
            assertFalse(self[0].cancel());
        });
        sim.run();
        assertEquals(1, sim.statistics().executed());
        assertEquals(0, sim.statistics().cancelled());
    }

    @Test
    void aCancelledTimerCanBeReArmed() {
        EventId timer = sim.schedule(10, note("old"));
        timer.cancel();
        timer = sim.schedule(15, note("new"));
        sim.run();
        assertEquals(List.of("new@15"), log);
        assertFalse(timer.isPending());
    }

    // --- runUntil and stop ---

    @Test
    void runUntilRunsEventsDueAtTheEndThenSetsTheClock() {
        sim.schedule(10, note("a"));
        sim.schedule(20, note("at-end"));
        EventId after = sim.schedule(21, note("after"));
        sim.runUntil(20);
        assertEquals(List.of("a@10", "at-end@20"), log);
        assertEquals(20, sim.now());
        assertTrue(after.isPending());
        sim.runUntil(100);
        assertEquals(List.of("a@10", "at-end@20", "after@21"), log);
        assertEquals(100, sim.now(), "the clock moves to the end even with nothing left to run");
    }

    @Test
    void runUntilRunsEventsScheduledForTheEndByEventsAtTheEnd() {
        sim.schedule(20, () -> sim.schedule(0, note("chained")));
        sim.runUntil(20);
        assertEquals(List.of("chained@20"), log);
    }

    @Test
    void runUntilWithNoEventsMovesTheClock() {
        sim.runUntil(1_000);
        assertEquals(1_000, sim.now());
        sim.runUntil(1_000);
        assertEquals(1_000, sim.now());
    }

    @Test
    void runUntilAnEarlierTimeIsRefused() {
        sim.runUntil(50);
        assertThrows(IllegalArgumentException.class, () -> sim.runUntil(49));
    }

    @Test
    void stopEndsTheRunAfterTheCurrentEventAndKeepsTheRest() {
        sim.schedule(10, () -> {
            log.add("stopper@" + sim.now());
            sim.stop();
        });
        sim.schedule(10, note("same-time"));
        sim.schedule(20, note("later"));
        sim.run();
        assertEquals(List.of("stopper@10"), log);
        assertEquals(2, sim.pending());
        sim.run();
        assertEquals(List.of("stopper@10", "same-time@10", "later@20"), log);
    }

    @Test
    void stopDuringRunUntilLeavesTheClockAtTheStoppingEvent() {
        sim.schedule(10, sim::stop);
        sim.schedule(30, note("later"));
        sim.runUntil(100);
        assertEquals(10, sim.now());
        sim.runUntil(100);
        assertEquals(List.of("later@30"), log);
        assertEquals(100, sim.now());
    }

    @Test
    void stopOutsideARunIsRefused() {
        assertThrows(IllegalStateException.class, sim::stop);
    }

    @Test
    void runCannotBeNested() {
        sim.schedule(1, () -> assertThrows(IllegalStateException.class, sim::run));
        sim.schedule(2, () -> assertThrows(IllegalStateException.class, () -> sim.runUntil(5)));
        sim.run();
        assertEquals(2, sim.statistics().executed());
    }

    @Test
    void anExceptionFromAnEventPropagatesAndTheRunCanCarryOn() {
        sim.schedule(10, () -> {
            throw new IllegalStateException("boom");
        });
        sim.schedule(20, note("after"));
        IllegalStateException e = assertThrows(IllegalStateException.class, sim::run);
        assertEquals("boom", e.getMessage());
        assertEquals(10, sim.now());
        sim.run();
        assertEquals(List.of("after@20"), log);
    }

    // --- statistics and progress ---

    @Test
    void statisticsCountWhatHappened() {
        EventId a = sim.schedule(1, note("a"));
        sim.schedule(2, note("b"));
        sim.schedule(3, note("c"));
        assertEquals(3, sim.statistics().peakPending());
        a.cancel();
        sim.run();
        Simulator.Statistics stats = sim.statistics();
        assertEquals(new Simulator.Statistics(3, 3, 2, 1, 0, 3), stats);
    }

    @Test
    void progressIsReportedEveryNEvents() {
        List<Long> reports = new ArrayList<>();
        sim.progressEveryEvents(10, s -> reports.add(s.executed()));
        for (int i = 0; i < 35; i++) {
            sim.schedule(i, () -> {});
        }
        sim.run();
        assertEquals(List.of(10L, 20L, 30L), reports);
    }

    @Test
    void progressIsReportedEachTimeVirtualTimePassesAMultiple() {
        List<Long> reports = new ArrayList<>();
        sim.progressEveryVirtualNanos(1_000, s -> reports.add(s.nowNanos()));
        for (long t : new long[] {500, 999, 1_000, 1_500, 4_200, 4_300, 5_000}) {
            sim.scheduleAt(t, () -> {});
        }
        sim.run();
        assertEquals(List.of(1_000L, 4_200L, 5_000L), reports);
    }

    @Test
    void progressCanBeTurnedOff() {
        List<Long> reports = new ArrayList<>();
        sim.progressEveryEvents(1, s -> reports.add(s.executed()));
        sim.schedule(1, () -> sim.progressEveryEvents(0, null));
        sim.schedule(2, () -> {});
        sim.run();
        assertEquals(List.of(), reports, "turned off before the first report was due");
        assertThrows(IllegalArgumentException.class, () -> sim.progressEveryEvents(0, s -> {}));
        assertThrows(IllegalArgumentException.class, () -> sim.progressEveryVirtualNanos(-1, s -> {}));
    }

    // --- random streams ---

    @Test
    void aStreamNameCanBeTakenOnce() {
        RandomStream link = sim.random("link:alice-bob");
        assertEquals("link:alice-bob", link.name());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> sim.random("link:alice-bob"));
        assertTrue(e.getMessage().contains("link:alice-bob"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.random(""));
        assertThrows(NullPointerException.class, () -> sim.random(null));
    }

    @Test
    void simulatorStreamsAreTheDerivedStreams() {
        RandomStream fromSim = new Simulator(77).random("host:bob");
        RandomStream derived = RandomStream.derive(77, "host:bob");
        for (int i = 0; i < 100; i++) {
            assertEquals(derived.nextLong(), fromSim.nextLong());
        }
        assertSame(sim.random("x").getClass(), RandomStream.class);
    }
}
