package io.wgsim.sim.link;

import java.time.Duration;
import java.util.Objects;

/**
 * netem's {@code delay TIME [JITTER [CORRELATION]] [distribution NAME]}: every packet waits
 * {@code latency}, moved by a random amount drawn from {@code distribution} scaled by {@code jitter}.
 * {@code correlation} (a percentage) biases each draw towards the previous one, netem's way, which
 * in netem (and so here) has next to no visible effect on delays (see {@link CorrelatedRandom}). A
 * draw that would put a packet before the moment it was sent sends it at once.
 *
 * @param latency      the mean delay, not negative
 * @param jitter       the spread: half-width for UNIFORM, one standard deviation for the tables; at
 *                     most 2^31 - 1 ns, netem's limit
 * @param correlation  0..100; needs a jitter
 * @param distribution the shape of the spread; anything but UNIFORM needs a latency and a jitter, as tc insists
 */
public record Delay(Duration latency, Duration jitter, double correlation, DelayDistribution distribution) {

    /** No delay at all. */
    public static final Delay NONE = new Delay(Duration.ZERO, Duration.ZERO, 0, DelayDistribution.UNIFORM);

    /** netem caps the jitter at INT_MAX nanoseconds so that its table arithmetic stays in range. */
    static final long MAX_JITTER_NANOS = Integer.MAX_VALUE;

    public Delay {
        Nanos.of("delay.latency", latency);
        Objects.requireNonNull(jitter, "delay.jitter");
        Objects.requireNonNull(distribution, "delay.distribution");
        if (jitter.isNegative() || jitter.compareTo(Duration.ofNanos(MAX_JITTER_NANOS)) > 0) {
            throw new IllegalArgumentException("delay.jitter " + jitter + " must be 0..2147483647ns");
        }
        correlation = Percent.check("delay.correlation", correlation);
        if (correlation > 0 && jitter.isZero()) {
            throw new IllegalArgumentException("delay.correlation needs a delay.jitter");
        }
        if (distribution != DelayDistribution.UNIFORM && (latency.isZero() || jitter.isZero())) {
            throw new IllegalArgumentException(
                    "delay.distribution " + distribution.netemName() + " needs a delay.latency and a delay.jitter");
        }
    }

    /** A fixed delay. */
    public static Delay of(Duration latency) {
        return new Delay(latency, Duration.ZERO, 0, DelayDistribution.UNIFORM);
    }

    /** A delay with uniform jitter. */
    public static Delay of(Duration latency, Duration jitter) {
        return new Delay(latency, jitter, 0, DelayDistribution.UNIFORM);
    }

    /** This delay with its jitter drawn from another distribution. */
    public Delay withDistribution(DelayDistribution next) {
        return new Delay(latency, jitter, correlation, next);
    }

    /** This delay with correlated jitter. */
    public Delay withCorrelation(double percent) {
        return new Delay(latency, jitter, percent, distribution);
    }

    /** Whether this adds any delay at all. */
    public boolean isNone() {
        return latency.isZero() && jitter.isZero();
    }
}
