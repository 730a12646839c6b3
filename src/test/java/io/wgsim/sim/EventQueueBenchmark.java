package io.wgsim.sim;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hold model: with n events pending, take out the earliest and put in a new one at its time plus a
 * random increment, so the queue size stays n. One benchmark operation is one hold, i.e. one event, so
 * JMH's ops/s is events/s. Increments are exponential with a mean of 1 ms, drawn in advance from a
 * seeded {@link RandomStream} so that drawing costs nothing during measurement.
 *
 * <ul>
 *   <li>{@code heap}: {@link HeapScheduler} alone, at 1k, 100k and 1M pending;</li>
 *   <li>{@code calendar}: {@link CalendarScheduler} alone, at the same sizes;</li>
 *   <li>{@code list}: {@link ListScheduler} alone, at 1k only (it is O(n) per event);</li>
 *   <li>{@code simulator}: the whole loop, n self-rescheduling events in a {@link Simulator} on each
 *       scheduler: each event's action schedules its successor, so this adds allocation, dispatch and
 *       bookkeeping;</li>
 *   <li>{@code priorityQueue}: the same hold on {@link java.util.PriorityQueue} (a binary heap of
 *       references) with a (time, seq) comparator, to calibrate the machine, not as a candidate.</li>
 * </ul>
 *
 * <p>Run: {@code scripts/bench EventQueue -f 1 -wi 3 -i 5}. Results are in docs/benchmarks.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventQueueBenchmark {

    private static final int INCREMENTS = 1 << 16;
    private static final long MEAN_INCREMENT_NANOS = 1_000_000;

    /** Pre-drawn increments, cycled through. */
    static final class Increments {
        private final long[] values = new long[INCREMENTS];
        private int next;

        Increments() {
            RandomStream random = RandomStream.derive(1, "bench:increments");
            for (int i = 0; i < INCREMENTS; i++) {
                values[i] = (long) random.nextExponential(MEAN_INCREMENT_NANOS);
            }
        }

        long next() {
            return values[next++ & (INCREMENTS - 1)];
        }
    }

    /** A scheduler filled with {@code pending} events, and the hold operation on it. */
    static final class Hold {
        private final Scheduler scheduler;
        private final Increments increments = new Increments();
        private long seq;

        Hold(Scheduler scheduler, int pending) {
            this.scheduler = scheduler;
            for (int i = 0; i < pending; i++) {
                scheduler.insert(EventId.unowned(increments.next(), seq++));
            }
        }

        EventId hold() {
            EventId earliest = scheduler.removeNext();
            EventId successor = EventId.unowned(earliest.atNanos() + increments.next(), seq++);
            scheduler.insert(successor);
            return successor;
        }
    }

    @State(Scope.Thread)
    public static class HeapQueue {
        @Param({"1000", "100000", "1000000"})
        public int pending;

        Hold hold;

        @Setup(Level.Trial)
        public void setUp() {
            hold = new Hold(new HeapScheduler(pending), pending);
        }
    }

    @State(Scope.Thread)
    public static class CalendarQueue {
        @Param({"1000", "100000", "1000000"})
        public int pending;

        Hold hold;

        @Setup(Level.Trial)
        public void setUp() {
            hold = new Hold(new CalendarScheduler(), pending);
        }
    }

    @State(Scope.Thread)
    public static class ListQueue {
        @Param({"1000"})
        public int pending;

        Hold hold;

        @Setup(Level.Trial)
        public void setUp() {
            hold = new Hold(new ListScheduler(), pending);
        }
    }

    @State(Scope.Thread)
    public static class SimulatorHold {
        @Param({"1000", "100000", "1000000"})
        public int pending;

        @Param({"heap", "calendar"})
        public String scheduler;

        Simulator sim;

        @Setup(Level.Trial)
        public void setUp() {
            sim = new Simulator(1, scheduler.equals("heap") ? new HeapScheduler() : new CalendarScheduler());
            Increments increments = new Increments();
            Runnable[] reschedule = new Runnable[1];
            reschedule[0] = () -> sim.schedule(increments.next(), reschedule[0]);
            for (int i = 0; i < pending; i++) {
                sim.schedule(increments.next(), reschedule[0]);
            }
        }
    }

    @State(Scope.Thread)
    public static class JdkQueue {
        @Param({"1000", "100000", "1000000"})
        public int pending;

        PriorityQueue<EventId> queue;
        Increments increments;
        long seq;

        @Setup(Level.Trial)
        public void setUp() {
            queue = new PriorityQueue<>(pending,
                    Comparator.comparingLong(EventId::atNanos).thenComparingLong(EventId::seq));
            increments = new Increments();
            for (int i = 0; i < pending; i++) {
                queue.add(EventId.unowned(increments.next(), seq++));
            }
        }
    }

    @Benchmark
    public EventId heap(HeapQueue queue) {
        return queue.hold.hold();
    }

    @Benchmark
    public EventId calendar(CalendarQueue queue) {
        return queue.hold.hold();
    }

    @Benchmark
    public EventId list(ListQueue queue) {
        return queue.hold.hold();
    }

    @Benchmark
    public boolean simulator(SimulatorHold state) {
        return state.sim.runNext(Long.MAX_VALUE);
    }

    @Benchmark
    public EventId priorityQueue(JdkQueue state) {
        EventId earliest = state.queue.poll();
        EventId successor = EventId.unowned(earliest.atNanos() + state.increments.next(), state.seq++);
        state.queue.add(successor);
        return successor;
    }
}
