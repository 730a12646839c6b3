package io.wgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class CalendarSchedulerTest extends SchedulerContract {

    private static final Comparator<EventId> ORDER =
            Comparator.comparingLong(EventId::atNanos).thenComparingLong(EventId::seq);

    @Override
    Scheduler newScheduler() {
        return new CalendarScheduler();
    }

    @Test
    void anEventCannotBeInTwoCalendarsAtOnce() {
        EventId e = EventId.unowned(1, 0);
        new CalendarScheduler().insert(e);
        CalendarScheduler other = new CalendarScheduler();
        other.insert(EventId.unowned(2, 1));
        assertThrows(IllegalArgumentException.class, () -> other.insert(e));
        assertFalse(other.remove(e), "e's table index means nothing in the other calendar");
        assertEquals(1, other.size());
    }

    @Test
    void tenThousandEventsAtOneInstantComeOutBySequence() {
        CalendarScheduler s = new CalendarScheduler();
        List<EventId> bySeq = new ArrayList<>();
        for (int seq = 0; seq < 10_000; seq++) {
            bySeq.add(EventId.unowned(5_000, seq));
        }
        List<EventId> shuffled = new ArrayList<>(bySeq);
        Collections.shuffle(shuffled, new Random(3));
        shuffled.forEach(s::insert);
        assertEquals(1, s.bucketWidth(), "no gaps between the earliest events: the narrowest width");
        for (EventId e : bySeq) {
            assertSame(e, s.removeNext());
        }
        assertTrue(s.isEmpty());
    }

    /** The hold model of the benchmark, checked event by event, at a size that makes the calendar grow. */
    @Test
    void holdModelWithExponentialIncrementsMatchesTheReference() {
        SplittableRandom random = new SplittableRandom(11);
        checkHold(new CalendarScheduler(), 20_000, 100_000,
                at -> at + (long) (-Math.log(1 - random.nextDouble()) * 1_000_000));
    }

    /**
     * Packets microseconds apart with a few timers tens of seconds out (a keepalive) and some events
     * near the end of virtual time: the far ones share buckets with the near ones in later "years" and
     * must not come out early, and turning to them across empty years must not lose the order.
     */
    @Test
    void farFutureOutliersAmongDenseEventsComeOutInOrder() {
        SplittableRandom random = new SplittableRandom(5);
        checkHold(new CalendarScheduler(), 5_000, 60_000, at -> {
            int kind = random.nextInt(100);
            if (kind < 2) {
                return at + 25_000_000_000L + random.nextLong(1_000);
            }
            if (kind < 3) {
                return Long.MAX_VALUE / 2 + random.nextLong(1_000_000);
            }
            return at + random.nextLong(2_000);
        });
    }

    @Test
    void negativeAndHugeTimesKeepTheirOrder() {
        SplittableRandom random = new SplittableRandom(8);
        CalendarScheduler s = new CalendarScheduler();
        List<EventId> events = new ArrayList<>();
        long[] anchors = {Long.MIN_VALUE, -1_000_000, -1, 0, 1, 1L << 40, Long.MAX_VALUE - 1_000, Long.MAX_VALUE};
        for (int i = 0; i < 4_000; i++) {
            long anchor = anchors[random.nextInt(anchors.length)];
            long at = anchor == Long.MAX_VALUE ? anchor : anchor + random.nextLong(500);
            EventId e = EventId.unowned(at, i);
            events.add(e);
            s.insert(e);
        }
        events.sort(ORDER);
        for (EventId e : events) {
            assertSame(e, s.removeNext());
        }
    }

    @Test
    void aCancellationStormShrinksTheCalendarAndKeepsTheSurvivorsInOrder() {
        CalendarScheduler s = new CalendarScheduler();
        SplittableRandom random = new SplittableRandom(2);
        List<EventId> kept = new ArrayList<>();
        List<EventId> all = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            EventId e = EventId.unowned(random.nextLong(10_000_000), i);
            all.add(e);
            s.insert(e);
        }
        assertTrue(s.buckets() >= 100_000 / 2, "grew to " + s.buckets() + " buckets");
        for (int i = 0; i < all.size(); i++) {
            if (i % 100 == 7) {
                kept.add(all.get(i));
            } else {
                all.get(i).cancel();
            }
        }
        assertEquals(all.size() - kept.size(), s.removeCancelled());
        assertEquals(kept.size(), s.size());
        assertTrue(s.buckets() <= 2 * kept.size(), "shrank to " + s.buckets() + " buckets");
        assertTrue(s.capacity() <= 4 * kept.size(), "table shrank to " + s.capacity());
        kept.sort(ORDER);
        for (EventId e : kept) {
            assertSame(e, s.removeNext());
        }
        assertTrue(s.isEmpty());
    }

    @Test
    void removingEventsOneByOneShrinksTheBuckets() {
        CalendarScheduler s = new CalendarScheduler();
        List<EventId> events = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            EventId e = EventId.unowned((i * 7_919L) % 1_000_003, i);
            events.add(e);
            s.insert(e);
        }
        int grown = s.buckets();
        assertTrue(grown >= 50_000 / 2, "grew to " + grown);
        for (int i = events.size() - 1; i >= 10; i--) {
            assertTrue(s.remove(events.get(i)));
        }
        assertTrue(s.buckets() <= 32, "shrank to " + s.buckets() + " buckets from " + grown);
        List<EventId> rest = new ArrayList<>(events.subList(0, 10));
        rest.sort(ORDER);
        for (EventId e : rest) {
            assertSame(e, s.removeNext());
        }
    }

    /**
     * Events 1 ns apart set a 4 ns width; when the traffic changes to events milliseconds apart at the
     * same queue size (no resize due), the wasted turns make the calendar estimate the width again.
     */
    @Test
    void aStaleWidthIsEstimatedAgainWhenTheSpacingChanges() {
        CalendarScheduler s = new CalendarScheduler();
        long seq = 0;
        for (int i = 0; i < 1_000; i++) {
            s.insert(EventId.unowned(i, seq++));
        }
        assertTrue(s.bucketWidth() <= 4, "width " + s.bucketWidth());
        long changes = s.widthChanges();
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 20_000; i++) {
            EventId earliest = s.removeNext();
            s.insert(EventId.unowned(earliest.atNanos() + 1_000_000 + random.nextLong(1_000_000), seq++));
        }
        assertTrue(s.widthChanges() > changes, "the width was never estimated again");
        assertTrue(s.bucketWidth() >= 1_000, "width " + s.bucketWidth() + " ns for gaps of about 1.5 us");
    }

    /**
     * Keeps {@code pending} events queued: each step takes the earliest (checked against a TreeSet),
     * inserts its successor at {@code successor(at)}, and now and then removes or inserts at random, for
     * {@code steps} steps; then drains.
     */
    private static void checkHold(CalendarScheduler s, int pending, int steps, LongUnaryOperator successor) {
        TreeSet<EventId> reference = new TreeSet<>(ORDER);
        List<EventId> queued = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(pending);
        long seq = 0;
        for (int i = 0; i < pending; i++) {
            EventId e = EventId.unowned(successor.applyAsLong(0), seq++);
            s.insert(e);
            reference.add(e);
            queued.add(e);
        }
        for (int step = 0; step < steps; step++) {
            EventId expected = reference.pollFirst();
            assertSame(expected, s.removeNext(), "step " + step);
            EventId e = EventId.unowned(successor.applyAsLong(expected.atNanos()), seq++);
            s.insert(e);
            reference.add(e);
            if (random.nextInt(10) == 0) {
                int i = random.nextInt(queued.size());
                EventId victim = queued.get(i);
                queued.set(i, e);
                if (reference.remove(victim)) {
                    assertTrue(s.remove(victim), "step " + step);
                    EventId again = EventId.unowned(expected.atNanos() + random.nextLong(10_000), seq++);
                    s.insert(again);
                    reference.add(again);
                }
            }
            assertEquals(reference.size(), s.size(), "step " + step);
        }
        while (!reference.isEmpty()) {
            assertSame(reference.pollFirst(), s.removeNext());
        }
        assertTrue(s.isEmpty());
    }
}
