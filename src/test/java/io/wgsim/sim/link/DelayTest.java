package io.wgsim.sim.link;

import static io.wgsim.sim.link.Links.MS;
import static io.wgsim.sim.link.Links.SECOND;
import static io.wgsim.sim.link.Links.channel;
import static io.wgsim.sim.link.Links.datagram;
import static io.wgsim.sim.link.Links.delivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Delay and jitter: netem's tabledist, its tables, and the statistics they give. */
class DelayTest {

    private static final byte[] PACKET = datagram(100);
    private static final int N = 100_000;

    /** The delays of N packets sent far apart (so no limit or ordering effects), in nanoseconds. */
    private static long[] delays(String netem, long seed) {
        LinkChannel link = channel(netem, seed);
        long[] delays = new long[N];
        for (int i = 0; i < N; i++) {
            long now = i * 10 * SECOND;
            delays[i] = delivered(link.transmit(now, PACKET)).atNanos() - now;
        }
        return delays;
    }

    private static double mean(long[] xs) {
        double sum = 0;
        for (long x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    private static double stddev(long[] xs) {
        double m = mean(xs);
        double squares = 0;
        for (long x : xs) {
            squares += (x - m) * (x - m);
        }
        return Math.sqrt(squares / xs.length);
    }

    private static double fractionAbove(long[] xs, long threshold) {
        return Arrays.stream(xs).filter(x -> x > threshold).count() / (double) xs.length;
    }

    @Test
    void fixedDelayIsExact() {
        LinkChannel link = channel("delay 50ms", 1);
        assertEquals(7 * SECOND + 50 * MS, delivered(link.transmit(7 * SECOND, PACKET)).atNanos());
        assertEquals(7 * SECOND + 50 * MS, delivered(link.transmit(7 * SECOND, PACKET)).atNanos());
    }

    @Test
    void idealLinkDeliversAtOnce() {
        Delivery d = delivered(channel("", 1).transmit(5 * SECOND, PACKET));
        assertEquals(5 * SECOND, d.atNanos());
        assertTrue(Arrays.equals(PACKET, d.datagram()));
    }

    @Test
    void uniformJitterStaysWithinBounds() {
        long[] d = delays("delay 100ms 10ms", 1);
        long min = Arrays.stream(d).min().getAsLong();
        long max = Arrays.stream(d).max().getAsLong();
        // netem: latency - jitter + (word mod 2 jitter), so [90ms, 110ms).
        assertTrue(min >= 90 * MS && max < 110 * MS, min + " .. " + max);
        assertTrue(min < 90 * MS + 10_000 && max > 110 * MS - 10_000, "uses the whole range: " + min + " .. " + max);
        assertEquals(100 * MS, mean(d), 0.05 * MS);
        assertEquals(20 * MS / Math.sqrt(12), stddev(d), 0.05 * MS);
    }

    @Test
    void normalHasTheMeanAndDeviationAsked() {
        long[] d = delays("delay 100ms 20ms distribution normal", 1);
        assertEquals(100 * MS, mean(d), 0.2 * MS);
        assertEquals(20 * MS, stddev(d), 0.3 * MS);
        // The table stops at -4 sigma (clamped to the 16-bit range) and +3.52 sigma.
        assertEquals(20 * MS, Arrays.stream(d).min().getAsLong(), MS);
        assertTrue(Arrays.stream(d).max().getAsLong() <= 100 * MS + 20 * MS * 28858 / 8192 + 1);
        // About 2.3% of a normal lies beyond 2 sigma.
        assertEquals(0.0228, fractionAbove(d, 140 * MS), 0.002);
        assertEquals(100_013_145L, Math.round(mean(d)));
    }

    @Test
    void paretoHasAHeavyTailAndAFloor() {
        long[] pareto = delays("delay 100ms 20ms distribution pareto", 1);
        long[] normal = delays("delay 100ms 20ms distribution normal", 1);
        // netem's table is Pareto(shape 3) shifted by its mean: never below mu - 2/3 sigma...
        assertTrue(Arrays.stream(pareto).min().getAsLong() >= 100 * MS - 20 * MS * 5461 / 8192 - 1);
        // ...and clamped at mu + 4 sigma, which it reaches.
        assertEquals(180 * MS, Arrays.stream(pareto).max().getAsLong(), 0.01 * MS);
        // More of it lies beyond 2 sigma than of a normal (3^-3 = 3.7% against 2.3%)...
        assertEquals(1 / 27.0, fractionAbove(pareto, 140 * MS), 0.003);
        assertTrue(fractionAbove(pareto, 140 * MS) > 1.5 * fractionAbove(normal, 140 * MS));
        // ...and its median is well below its mean.
        long[] sorted = pareto.clone();
        Arrays.sort(sorted);
        assertTrue(sorted[N / 2] < mean(pareto) - 4 * MS, "median " + sorted[N / 2] + ", mean " + mean(pareto));
        // The clamp trims the tail: mean 0.033 sigma low, deviation 0.82 sigma (the table's own moments).
        assertEquals(100 * MS - 0.0335 * 20 * MS, mean(pareto), 0.2 * MS);
        assertEquals(0.82 * 20 * MS, stddev(pareto), 0.3 * MS);
    }

    @Test
    void paretoNormalLiesBetween() {
        long[] d = delays("delay 100ms 20ms distribution paretonormal", 1);
        long[] sorted = d.clone();
        Arrays.sort(sorted);
        assertTrue(sorted[N / 2] < mean(d));
        assertTrue(Arrays.stream(d).min().getAsLong() >= 100 * MS - 20 * MS * 12305 / 8192 - 1);
        assertEquals(0.834 * 20 * MS, stddev(d), 0.3 * MS);
    }

    @Test
    void delaysBeforeSendingAreSentAtOnce() {
        // A jitter larger than the delay: netem would stamp such packets in the past and send them at
        // once; the link delivers them at the moment they were offered.
        long[] d = delays("delay 1ms 10ms", 1);
        assertTrue(Arrays.stream(d).min().getAsLong() == 0);
        assertTrue(Arrays.stream(d).filter(x -> x == 0).count() > N / 3);
    }

    @Test
    void jitterReordersAsNetemsTimeOrderedQueueDoes() {
        // tc-netem(8): with delay 100ms 75ms, a packet sent 1ms after another may arrive first.
        LinkChannel link = channel("delay 100ms 75ms", 1);
        int overtaken = 0;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 1000; i++) {
            long at = delivered(link.transmit(i * MS, PACKET)).atNanos();
            if (at < previous) {
                overtaken++;
            }
            previous = at;
        }
        assertTrue(overtaken > 100, "overtaken " + overtaken);
    }

    @Test
    void delayCorrelationIsAsIneffectiveAsInNetem() {
        // netem reduces the correlated word modulo 2*jitter, which keeps only its low bits, so
        // consecutive delays stay uncorrelated. Faithful, if surprising.
        long[] d = delays("delay 100ms 10ms 75%", 1);
        double m = mean(d);
        double lag1 = 0;
        for (int i = 1; i < N; i++) {
            lag1 += (d[i] - m) * (d[i - 1] - m);
        }
        lag1 /= (N - 1) * stddev(d) * stddev(d);
        assertEquals(0, lag1, 0.02);
    }
}
