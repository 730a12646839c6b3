package io.wgsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A run is a function of its seed: the same seed gives the same events in the same order with the same
 * random values, another seed gives another run, and a component's numbers do not depend on which
 * other components exist.
 */
class DeterminismTest {

    /**
     * A small busy workload: each of a few components reschedules itself after a random delay (often a
     * whole number of microseconds, so ties are common), and now and then re-arms another component's
     * pending event, as a timer is pushed back. Every line logs what was drawn.
     */
    private static List<String> trace(long seed, Supplier<Scheduler> scheduler, String... extraStreams) {
        Simulator sim = new Simulator(seed, scheduler.get());
        List<String> trace = new ArrayList<>();
        for (String extra : extraStreams) {
            sim.random(extra).nextLong();
        }
        String[] names = {"host:alice", "host:bob", "link:alice-bob", "nat:carol"};
        RandomStream[] streams = new RandomStream[names.length];
        EventId[] next = new EventId[names.length];
        Runnable[] steps = new Runnable[names.length];
        for (int i = 0; i < names.length; i++) {
            streams[i] = sim.random(names[i]);
        }
        for (int i = 0; i < names.length; i++) {
            int me = i;
            steps[i] = () -> {
                RandomStream r = streams[me];
                trace.add(sim.now() + " " + names[me] + " " + r.nextInt() + " " + r.nextGaussian());
                if (r.nextInt(10) == 0) {
                    int victim = r.nextInt(names.length);
                    if (next[victim].cancel()) {
                        next[victim] = sim.schedule(r.nextLong(3) * 1_000, steps[victim]);
                        trace.add(sim.now() + " " + names[me] + " re-arms " + names[victim]);
                    }
                }
                if (sim.now() < 2_000_000) {
                    long delay = r.nextInt(2) == 0 ? r.nextLong(4) * 1_000 : (long) r.nextExponential(5_000);
                    next[me] = sim.schedule(delay, steps[me]);
                }
            };
            next[i] = sim.schedule(0, steps[i]);
        }
        sim.run();
        trace.add("executed " + sim.statistics().executed() + ", cancelled " + sim.statistics().cancelled());
        return trace;
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        List<String> first = trace(42, HeapScheduler::new);
        assertTrue(first.size() > 2_000, "a run long enough to mean something: " + first.size());
        assertTrue(first.stream().anyMatch(line -> line.contains("re-arms")), "some events were re-armed");
        assertEquals(first, trace(42, HeapScheduler::new));
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        assertNotEquals(trace(42, HeapScheduler::new), trace(43, HeapScheduler::new));
    }

    @Test
    void heapAndListSchedulersGiveTheSameRun() {
        assertEquals(trace(7, ListScheduler::new), trace(7, HeapScheduler::new));
    }

    @Test
    void calendarAndListSchedulersGiveTheSameRun() {
        for (long seed : new long[] {7, 42, 43}) {
            assertEquals(trace(seed, ListScheduler::new), trace(seed, CalendarScheduler::new), "seed " + seed);
        }
    }

    @Test
    void takingAnotherStreamChangesNoOtherComponent() {
        assertEquals(trace(42, HeapScheduler::new), trace(42, HeapScheduler::new, "host:dave", "link:x"));
    }

    @Test
    void streamsDependOnTheNameAndTheSeedOnly() {
        RandomStream a = RandomStream.derive(1, "a");
        RandomStream b = RandomStream.derive(1, "b");
        RandomStream a2 = RandomStream.derive(2, "a");
        long[] va = draw(a);
        assertNotEquals(java.util.Arrays.toString(va), java.util.Arrays.toString(draw(b)));
        assertNotEquals(java.util.Arrays.toString(va), java.util.Arrays.toString(draw(a2)));
        assertEquals(java.util.Arrays.toString(va), java.util.Arrays.toString(draw(RandomStream.derive(1, "a"))));
    }

    private static long[] draw(RandomStream r) {
        long[] out = new long[8];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.nextLong();
        }
        return out;
    }
}
