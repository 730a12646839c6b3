package io.wgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Scheduler} must do, after ns-3's one event test case instantiated per scheduler.
 * Each implementation has a subclass that says how to make one.
 */
abstract class SchedulerContract {

    abstract Scheduler newScheduler();

    private static EventId event(long at, long seq) {
        return EventId.unowned(at, seq);
    }

    private static List<EventId> drain(Scheduler s) {
        List<EventId> out = new ArrayList<>();
        while (!s.isEmpty()) {
            EventId peeked = s.peekNext();
            assertSame(peeked, s.removeNext(), "removeNext returns what peekNext showed");
            out.add(peeked);
        }
        return out;
    }

    @Test
    void emptySchedulerHasNoNextEvent() {
        Scheduler s = newScheduler();
        assertTrue(s.isEmpty());
        assertEquals(0, s.size());
        assertThrows(NoSuchElementException.class, s::peekNext);
        assertThrows(NoSuchElementException.class, s::removeNext);
    }

    @Test
    void eventsComeOutByTimeThenSequence() {
        Scheduler s = newScheduler();
        EventId late = event(30, 0);
        EventId middle = event(20, 1);
        EventId earlyFirst = event(10, 2);
        EventId earlySecond = event(10, 3);
        EventId zero = event(0, 4);
        for (EventId e : List.of(late, earlySecond, middle, earlyFirst, zero)) {
            s.insert(e);
        }
        assertEquals(5, s.size());
        assertEquals(List.of(zero, earlyFirst, earlySecond, middle, late), drain(s));
    }

    @Test
    void sameTimeEventsComeOutFirstInFirstOut() {
        Scheduler s = newScheduler();
        List<EventId> inserted = new ArrayList<>();
        for (int seq = 0; seq < 200; seq++) {
            EventId e = event(7, seq);
            inserted.add(e);
            s.insert(e);
        }
        assertEquals(inserted, drain(s));
    }

    @Test
    void sameTimeEventsComeOutBySequenceWhateverTheInsertionOrder() {
        Scheduler s = newScheduler();
        List<EventId> bySeq = new ArrayList<>();
        for (int seq = 0; seq < 64; seq++) {
            bySeq.add(event(7, seq));
        }
        List<EventId> shuffled = new ArrayList<>(bySeq);
        java.util.Collections.shuffle(shuffled, new java.util.Random(1));
        shuffled.forEach(s::insert);
        assertEquals(bySeq, drain(s));
    }

    @Test
    void removeTakesAnEventFromTheMiddle() {
        Scheduler s = newScheduler();
        List<EventId> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            EventId e = event(100 - i * 3 % 17, i);
            events.add(e);
            s.insert(e);
        }
        EventId victim = events.get(9);
        assertTrue(s.remove(victim));
        assertFalse(s.remove(victim), "a second remove finds nothing");
        assertEquals(19, s.size());
        List<EventId> expected = new ArrayList<>(events);
        expected.remove(victim);
        expected.sort(SchedulerContract::order);
        assertEquals(expected, drain(s));
    }

    @Test
    void removeOfTheNextEventExposesTheOneAfter() {
        Scheduler s = newScheduler();
        EventId first = event(1, 0);
        EventId second = event(2, 1);
        s.insert(second);
        s.insert(first);
        assertTrue(s.remove(first));
        assertSame(second, s.peekNext());
    }

    @Test
    void removeOfAnEventNeverInsertedReturnsFalse() {
        Scheduler s = newScheduler();
        s.insert(event(1, 0));
        assertFalse(s.remove(event(1, 1)));
        assertFalse(s.remove(EventId.NONE));
        assertEquals(1, s.size());
    }

    @Test
    void removedEventCanBeInsertedAgain() {
        Scheduler s = newScheduler();
        EventId e = event(5, 0);
        s.insert(e);
        assertTrue(s.remove(e));
        s.insert(e);
        assertSame(e, s.removeNext());
        s.insert(e);
        assertSame(e, s.peekNext());
    }

    @Test
    void removeCancelledDropsOnlyCancelledEventsAndKeepsTheOrder() {
        Scheduler s = newScheduler();
        List<EventId> kept = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            EventId e = event((i * 7919L) % 101, i);
            s.insert(e);
            if (i % 3 == 0) {
                e.cancel();
            } else {
                kept.add(e);
            }
        }
        assertEquals(100, s.removeCancelled());
        assertEquals(200, s.size());
        assertEquals(0, s.removeCancelled(), "nothing left to remove");
        kept.sort(SchedulerContract::order);
        assertEquals(kept, drain(s));
    }

    @Test
    void manyEventsComeOutSorted() {
        Scheduler s = newScheduler();
        SplittableRandom random = new SplittableRandom(7);
        List<EventId> events = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            EventId e = event(random.nextLong(1000), i);
            events.add(e);
            s.insert(e);
        }
        events.sort(SchedulerContract::order);
        assertEquals(events, drain(s));
    }

    /**
     * Random interleavings of every operation, checked step by step against a {@link TreeSet} ordered
     * by (time, seq). Times come from a small range so that ties are common. The queue grows for the
     * first half (past the heap's initial capacity) and shrinks in the second.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20240611, -9})
    void matchesAReferenceOnSeededRandomOperations(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Scheduler s = newScheduler();
        TreeSet<EventId> reference = new TreeSet<>(SchedulerContract::order);
        List<EventId> queued = new ArrayList<>();
        long seq = 0;
        long floor = 0;
        int steps = 20_000;
        for (int step = 0; step < steps; step++) {
            String where = "seed " + seed + ", step " + step;
            int insertShare = step < steps / 2 ? 60 : 35;
            int op = random.nextInt(100);
            if (op < insertShare || reference.isEmpty()) {
                EventId e = event(floor + random.nextLong(50), seq++);
                s.insert(e);
                reference.add(e);
                queued.add(e);
            } else if (op < 80) {
                EventId expected = reference.pollFirst();
                assertSame(expected, s.peekNext(), where);
                assertSame(expected, s.removeNext(), where);
                queued.remove(expected);
                floor = expected.atNanos();
            } else if (op < 92) {
                EventId victim = queued.remove(random.nextInt(queued.size()));
                reference.remove(victim);
                assertTrue(s.remove(victim), where);
                assertFalse(s.remove(victim), where);
            } else if (op < 98) {
                EventId victim = queued.get(random.nextInt(queued.size()));
                victim.cancel();
            } else {
                int expectedRemoved = (int) queued.stream().filter(EventId::isCancelled).count();
                assertEquals(expectedRemoved, s.removeCancelled(), where);
                queued.removeIf(EventId::isCancelled);
                reference.removeIf(EventId::isCancelled);
            }
            assertEquals(reference.size(), s.size(), where);
            assertEquals(reference.isEmpty(), s.isEmpty(), where);
            if (!reference.isEmpty()) {
                assertSame(reference.first(), s.peekNext(), where);
            }
        }
        assertEquals(new ArrayList<>(reference), drain(s), "seed " + seed + ", final drain");
    }

    private static int order(EventId a, EventId b) {
        return Comparator.comparingLong(EventId::atNanos).thenComparingLong(EventId::seq).compare(a, b);
    }
}
