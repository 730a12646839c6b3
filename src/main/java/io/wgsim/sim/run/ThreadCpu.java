package io.wgsim.sim.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread, for the run's machine-dependent figures only (never for anything the
 * simulation computes). A wall-clock ratio between the run and its crypto-alone calibration moves with
 * whatever else the machine runs; CPU time of the one simulation thread does far less.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {}

    /** Nanoseconds of CPU this thread has used, or -1 where the JVM cannot tell. */
    static long nanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** Seconds between two readings of {@link #nanos}, or -1 when either is unknown. */
    static double secondsBetween(long start, long end) {
        return start < 0 || end < 0 ? -1 : (end - start) / 1e9;
    }
}
