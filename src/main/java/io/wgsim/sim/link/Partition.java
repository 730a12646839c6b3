package io.wgsim.sim.link;

import java.time.Duration;

/**
 * A time during which the link is cut: every datagram offered in [down, up) is dropped with
 * {@link LinkDropReason#PARTITION}. The instants are on the simulation clock, the same clock as the
 * {@code nowNanos} given to {@link LinkChannel#transmit}. Datagrams accepted before {@code down} are
 * still delivered, even if they arrive during the partition, just as when netem's loss is switched to
 * 100%.
 *
 * @param down when the link goes down, not negative
 * @param up   when it comes back, after {@code down}
 */
public record Partition(Duration down, Duration up) {

    public Partition {
        Nanos.of("partition.down", down);
        Nanos.of("partition.up", up);
        if (up.compareTo(down) <= 0) {
            throw new IllegalArgumentException("partition.up " + up + " must be after partition.down " + down);
        }
    }

    /** Whether the link is down at {@code nowNanos}. */
    public boolean contains(long nowNanos) {
        return nowNanos >= down.toNanos() && nowNanos < up.toNanos();
    }
}
