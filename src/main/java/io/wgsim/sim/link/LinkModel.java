package io.wgsim.sim.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything that one direction of a link does to the datagrams it carries: netem's impairments
 * plus wgsim's MTU and partitions. Immutable and validated here, so a model that exists can be run;
 * {@link LinkChannel} runs it. Written and read as netem options by {@link #toNetem()} and
 * {@link NetemSyntax#parse}: {@code "delay 50ms 10ms 25% distribution normal loss 5% duplicate 1%"}.
 *
 * @param delay      how long a packet takes, and how that varies
 * @param loss       which packets are lost
 * @param duplicate  how often a packet is sent twice
 * @param corrupt    how often one bit of a packet is flipped
 * @param reorder    how often a packet skips the delay; needs a delay latency
 * @param rate       the link speed, or {@link Rate#NONE}
 * @param limit      netem's {@code limit}: the most packets the link holds at once (delayed or
 *                   waiting for the link); more are dropped with {@link LinkDropReason#QUEUE_FULL}.
 *                   At least 1; netem's default is {@value #DEFAULT_LIMIT}
 * @param mtu        datagrams longer than this many bytes are dropped with {@link LinkDropReason#MTU};
 *                   0 for no limit
 * @param partitions when the link is cut, in time order and not overlapping
 */
public record LinkModel(
        Delay delay,
        Loss loss,
        Chance duplicate,
        Chance corrupt,
        Reorder reorder,
        Rate rate,
        int limit,
        int mtu,
        List<Partition> partitions) {

    /** netem's default queue limit, in packets. */
    public static final int DEFAULT_LIMIT = 1000;

    /** A link that delivers everything at once, in order, unchanged. */
    public static final LinkModel IDEAL = builder().build();

    public LinkModel {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(duplicate, "duplicate");
        Objects.requireNonNull(corrupt, "corrupt");
        Objects.requireNonNull(reorder, "reorder");
        Objects.requireNonNull(rate, "rate");
        partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions"));
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
        if (mtu < 0) {
            throw new IllegalArgumentException("mtu " + mtu + " must not be negative (0 means no limit)");
        }
        if (!reorder.isNone() && delay.latency().isZero()) {
            throw new IllegalArgumentException("reorder needs a delay.latency: a reordered packet overtakes delayed ones");
        }
        for (int i = 1; i < partitions.size(); i++) {
            Partition before = partitions.get(i - 1);
            Partition after = partitions.get(i);
            if (after.down().compareTo(before.up()) < 0) {
                throw new IllegalArgumentException("partitions must be in time order without overlap: "
                        + NetemSyntax.interval(after) + " comes before the end of " + NetemSyntax.interval(before));
            }
        }
    }

    /** A builder that starts from {@link #IDEAL}'s values. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this model, to change a part of it. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether the link is cut at {@code nowNanos}. */
    public boolean partitionedAt(long nowNanos) {
        for (Partition p : partitions) {
            if (p.contains(nowNanos)) {
                return true;
            }
        }
        return false;
    }

    /**
     * This model as netem options, in tc's order, leaving out whatever is at its default; the
     * {@link #IDEAL} link prints as the empty string. {@code NetemSyntax.parse(m.toNetem())} equals m.
     */
    public String toNetem() {
        return NetemSyntax.print(this);
    }

    @Override
    public String toString() {
        return "LinkModel[" + toNetem() + "]";
    }

    /** Assembles a {@link LinkModel}; {@link #build()} validates. */
    public static final class Builder {
        private Delay delay = Delay.NONE;
        private Loss loss = Loss.NONE;
        private Chance duplicate = Chance.NONE;
        private Chance corrupt = Chance.NONE;
        private Reorder reorder = Reorder.NONE;
        private Rate rate = Rate.NONE;
        private int limit = DEFAULT_LIMIT;
        private int mtu;
        private final List<Partition> partitions = new ArrayList<>();

        private Builder() {}

        private Builder(LinkModel m) {
            delay = m.delay;
            loss = m.loss;
            duplicate = m.duplicate;
            corrupt = m.corrupt;
            reorder = m.reorder;
            rate = m.rate;
            limit = m.limit;
            mtu = m.mtu;
            partitions.addAll(m.partitions);
        }

        public Builder delay(Delay value) {
            delay = value;
            return this;
        }

        /** A fixed delay. */
        public Builder delay(Duration latency) {
            return delay(Delay.of(latency));
        }

        /** A delay with uniform jitter. */
        public Builder delay(Duration latency, Duration jitter) {
            return delay(Delay.of(latency, jitter));
        }

        public Builder loss(Loss value) {
            loss = value;
            return this;
        }

        /** Independent random loss. */
        public Builder loss(double percent) {
            return loss(new Loss.Random(percent, 0));
        }

        public Builder duplicate(Chance value) {
            duplicate = value;
            return this;
        }

        public Builder corrupt(Chance value) {
            corrupt = value;
            return this;
        }

        public Builder reorder(Reorder value) {
            reorder = value;
            return this;
        }

        public Builder rate(Rate value) {
            rate = value;
            return this;
        }

        /** A plain rate limit. */
        public Builder rate(long bitsPerSecond) {
            return rate(Rate.bitsPerSecond(bitsPerSecond));
        }

        public Builder limit(int packets) {
            limit = packets;
            return this;
        }

        public Builder mtu(int bytes) {
            mtu = bytes;
            return this;
        }

        /** Adds a partition after the ones already added. */
        public Builder partition(Duration down, Duration up) {
            partitions.add(new Partition(down, up));
            return this;
        }

        public Builder partitions(List<Partition> value) {
            partitions.clear();
            partitions.addAll(value);
            return this;
        }

        public LinkModel build() {
            return new LinkModel(delay, loss, duplicate, corrupt, reorder, rate, limit, mtu, partitions);
        }
    }
}
