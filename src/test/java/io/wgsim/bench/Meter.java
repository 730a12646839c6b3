package io.wgsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that benchmark code measures itself, by channel, for {@link MeterProfiler}. JMH scores a
 * benchmark by the wall clock, which on a shared machine also counts the time other processes had the
 * core. A benchmark brackets its measured work with {@link #cpu()} and {@link #wall()} readings and
 * {@link Channel#add} (around a batch of operations when one operation is short, so the clock reads
 * cost little), and the profiler reports, per operation, the thread's CPU time (which leaves out time
 * spent waiting for a core) and the wall time. Setup work is outside the brackets and not counted;
 * neither is work done for the benchmark on other threads (garbage collection, JIT compilation).
 *
 * <p>Two channels named {@link #SUBJECT} and {@link #BASELINE} measured in alternation by one
 * benchmark make a paired comparison: both see the same machine at nearly the same moments, so their
 * ratio survives noise that would swamp two separately run benchmarks.
 */
public final class Meter {
    /** The channel of a benchmark that measures one thing. */
    public static final String OPERATION = "op";
    public static final String SUBJECT = "subject";
    public static final String BASELINE = "baseline";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Map<String, Channel> CHANNELS = new TreeMap<>();

    private Meter() {}

    /** A named accumulator of measured time and operations. */
    public static final class Channel {
        final String name;
        final AtomicLong cpuNanos = new AtomicLong();
        final AtomicLong wallNanos = new AtomicLong();
        final AtomicLong operations = new AtomicLong();

        private Channel(String name) {
            this.name = name;
        }

        /** Adds the time since the two readings, spent on {@code ops} operations. */
        public void add(long cpuStart, long wallStart, long ops) {
            long cpuEnd = cpu();
            long wallEnd = wall();
            cpuNanos.addAndGet(cpuEnd - cpuStart);
            wallNanos.addAndGet(wallEnd - wallStart);
            operations.addAndGet(ops);
        }
    }

    public static synchronized Channel channel(String name) {
        return CHANNELS.computeIfAbsent(name, Channel::new);
    }

    /** The current thread's CPU time, in nanoseconds. */
    public static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    public static long wall() {
        return System.nanoTime();
    }

    static synchronized Map<String, Channel> channels() {
        return Map.copyOf(CHANNELS);
    }

    static synchronized void reset() {
        for (Channel c : CHANNELS.values()) {
            c.cpuNanos.set(0);
            c.wallNanos.set(0);
            c.operations.set(0);
        }
    }
}
