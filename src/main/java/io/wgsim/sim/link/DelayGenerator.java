package io.wgsim.sim.link;

import io.wgsim.crypto.Entropy;

/**
 * Draws each packet's delay as netem's tabledist does: the latency when there is no jitter (drawing
 * nothing), else a correlated 32-bit word that either spreads the delay uniformly over
 * [latency - jitter, latency + jitter) or picks a table entry t and returns latency + jitter * t / 8192,
 * rounded as the kernel rounds. The result may be negative; the channel sends such packets at once.
 */
final class DelayGenerator {

    private static final int SCALE = DistributionTables.SCALE;

    private final long latency;
    private final long jitter;
    private final short[] table;
    private final CorrelatedRandom random;

    DelayGenerator(Delay delay, Entropy entropy) {
        this.latency = delay.latency().toNanos();
        this.jitter = delay.jitter().toNanos(); // at most 2^31 - 1, checked by Delay
        this.table = delay.distribution().table();
        this.random = new CorrelatedRandom(entropy, delay.correlation());
    }

    /** The next packet's delay in nanoseconds. */
    long next() {
        if (jitter == 0) {
            return latency;
        }
        long word = random.next();
        if (table == null) {
            return word % (2 * jitter) + latency - jitter;
        }
        long t = table[(int) (word % table.length)];
        // The kernel splits jitter * t / SCALE in two so that it cannot overflow, and rounds the
        // remainder part half away from zero; Java's division truncates like C's.
        long x = (jitter % SCALE) * t;
        x += x >= 0 ? SCALE / 2 : -SCALE / 2;
        return x / SCALE + (jitter / SCALE) * t + latency;
    }
}
