package io.wgsim.sim.link;

/** Why a link did not deliver a datagram, in the order the link checks. */
public enum LinkDropReason {
    /** Longer than the model's MTU. */
    MTU,
    /** Offered while the link was cut by a {@link Partition}. */
    PARTITION,
    /** Lost by the loss model (random or Gilbert-Elliott). */
    LOSS,
    /** The link already held {@code limit} packets, as netem's qdisc limit. */
    QUEUE_FULL
}
