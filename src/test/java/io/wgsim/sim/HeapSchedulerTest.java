package io.wgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HeapSchedulerTest extends SchedulerContract {

    @Override
    Scheduler newScheduler() {
        return new HeapScheduler();
    }

    @Test
    void anEventCannotBeInTwoHeapsAtOnce() {
        EventId e = EventId.unowned(1, 0);
        new HeapScheduler().insert(e);
        HeapScheduler other = new HeapScheduler();
        other.insert(EventId.unowned(2, 1));
        assertThrows(IllegalArgumentException.class, () -> other.insert(e));
        assertFalse(other.remove(e), "e's table index means nothing in the other heap");
        assertEquals(1, other.size());
    }

    @Test
    void growsPastItsInitialCapacityAndShrinksAfterACompaction() {
        HeapScheduler s = new HeapScheduler(0);
        EventId[] events = new EventId[10_000];
        for (int i = 0; i < events.length; i++) {
            events[i] = EventId.unowned(events.length - i, i);
            s.insert(events[i]);
        }
        assertEquals(16_384, s.capacity());
        for (int i = 10; i < events.length; i++) {
            events[i].cancel();
        }
        assertEquals(events.length - 10, s.removeCancelled());
        assertEquals(64, s.capacity());
        for (int i = 9; i >= 0; i--) {
            assertEquals(events[i], s.removeNext());
        }
    }
}
