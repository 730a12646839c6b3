/**
 * A model of one direction of a link, after Linux netem (net/sched/sch_netem.c with iproute2's
 * tc/q_netem.c): delay with jitter, correlation and netem's distribution tables; random and
 * Gilbert-Elliott loss; duplication; one-bit corruption; reordering with a gap; a rate with packet
 * and cell overheads; netem's packet limit. wgsim adds an MTU and partitions (times when the link is
 * cut).
 *
 * <p>{@link io.wgsim.sim.link.LinkModel} is the configuration: an immutable record, validated when
 * built, written and read as netem options by {@link io.wgsim.sim.link.NetemSyntax}
 * ({@code "delay 50ms 10ms 25% distribution normal loss 5%"}). {@link io.wgsim.sim.link.LinkChannel}
 * runs a model: given the time and a datagram, it returns when each copy arrives
 * ({@link io.wgsim.sim.link.Delivery}) or why it was dropped ({@link io.wgsim.sim.link.LinkDrop} with a
 * {@link io.wgsim.sim.link.LinkDropReason}). It has no clock and no event queue of its own, so it
 * does not depend on the simulator; all its randomness comes from the
 * {@link io.wgsim.crypto.Entropy} it is given, which makes a run reproducible from its seed.
 *
 * <p>The random decisions are netem's, integer for integer: percentages become 32-bit thresholds as
 * tc computes them, correlation mixes 32-bit words as get_crandom does, and the delay tables are
 * computed by iproute2's published NIST Net generators. Only the random words themselves differ,
 * since they come from the given entropy rather than the kernel's generator.
 */
package io.wgsim.sim.link;
