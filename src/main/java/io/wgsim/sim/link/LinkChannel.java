package io.wgsim.sim.link;

import io.wgsim.crypto.Entropy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * One direction of a link running a {@link LinkModel}: offered a datagram at a time, it says when
 * each copy arrives or why it was dropped. It keeps no clock and schedules nothing; the caller
 * passes the time and delivers the outputs, so any event loop (or a plain test) can drive it.
 *
 * <p>A datagram goes through the stages of netem's enqueue, in its order, after two wgsim checks:
 * <ol>
 *   <li>longer than the MTU: dropped ({@link LinkDropReason#MTU});
 *   <li>offered during a partition: dropped ({@link LinkDropReason#PARTITION});
 *   <li>duplicate: maybe make a second copy;
 *   <li>loss: maybe lose one copy (with a duplicate, the loss cancels the duplication, as in netem),
 *       and if none is left drop ({@link LinkDropReason#LOSS});
 *   <li>corrupt: maybe flip one random bit of the original copy, which netem clones first;
 *   <li>limit: if the link already holds {@code limit} packets, drop
 *       ({@link LinkDropReason#QUEUE_FULL}) together with any duplicate;
 *   <li>the duplicate now goes through loss, corrupt, limit and what follows on its own, ahead of
 *       the original, as netem re-enqueues it at the root;
 *   <li>reorder: after {@code gap - 1} delayed packets, maybe send this one at once;
 *   <li>otherwise delay, and with a rate, serialisation: the packet leaves at
 *       {@code max(linkFree, now + delay) + transmissionTime}, where linkFree is when the last
 *       packet the link holds leaves (netem's rate arithmetic).
 * </ol>
 *
 * <p>The link "holds" a packet from when it is accepted until its delivery time; that count, not
 * only the packets waiting for the rate, is what netem's {@code limit} bounds, so a long delay at a
 * high packet rate can fill it. Delivery times never go before the moment of sending.
 *
 * <p>Randomness comes only from the {@link Entropy} given, in a fixed order, so a seed reproduces a
 * run exactly. Time must not go backwards between calls. Not thread-safe.
 */
public final class LinkChannel {

    private final Entropy entropy;
    private LinkModel model;

    // Impairment state: rebuilt when the model changes, as netem resets it on "tc qdisc change".
    private LossGenerator loss;
    private CorrelatedChance duplicate;
    private CorrelatedChance corrupt;
    private CorrelatedChance reorder;
    private DelayGenerator delay;
    private int sinceReorder;

    // Queue state: kept when the model changes, so packets accepted earlier keep their times.
    private final PriorityQueue<Long> held = new PriorityQueue<>();
    private long lastLeaves = Long.MIN_VALUE;
    private long lastNow = Long.MIN_VALUE;

    private long offered;
    private long delivered;
    private long duplicated;
    private long corrupted;
    private long reordered;
    private final long[] dropped = new long[LinkDropReason.values().length];

    /** A link running {@code model}, drawing all its randomness from {@code entropy}. */
    public LinkChannel(LinkModel model, Entropy entropy) {
        this.entropy = Objects.requireNonNull(entropy, "entropy");
        replaceModel(model);
    }

    /** The model in force. */
    public LinkModel model() {
        return model;
    }

    /**
     * Switches to another model from now on, as {@code tc qdisc change} does. Packets already
     * accepted keep their delivery times and still count against the limit; a new rate applies from
     * the moment the link is free of them. The correlation memories start afresh, a Gilbert-Elliott
     * chain starts in the good state and the reorder gap count restarts, as in netem.
     */
    public void replaceModel(LinkModel next) {
        model = Objects.requireNonNull(next, "model");
        // A fixed order of construction, so the draws the generators make here are reproducible.
        delay = new DelayGenerator(next.delay(), entropy);
        loss = LossGenerator.of(next.loss(), entropy);
        duplicate = new CorrelatedChance(entropy, next.duplicate().percent(), next.duplicate().correlation());
        corrupt = new CorrelatedChance(entropy, next.corrupt().percent(), next.corrupt().correlation());
        reorder = new CorrelatedChance(entropy, next.reorder().percent(), next.reorder().correlation());
        sinceReorder = 0;
    }

    /**
     * Offers a datagram to the link at {@code nowNanos}. Returns one output for the datagram, or two
     * when it was duplicated (the duplicate first, as netem queues it first); each copy is a
     * {@link Delivery} or a {@link LinkDrop}. The link copies the bytes; the array given is not kept.
     */
    public List<LinkOutput> transmit(long nowNanos, byte[] datagram) {
        Objects.requireNonNull(datagram, "datagram");
        advanceTo(nowNanos);
        offered++;
        List<LinkOutput> out = new ArrayList<>(2);
        if (model.mtu() != 0 && datagram.length > model.mtu()) {
            out.add(drop(LinkDropReason.MTU, false));
        } else if (model.partitionedAt(nowNanos)) {
            out.add(drop(LinkDropReason.PARTITION, false));
        } else {
            enqueue(nowNanos, datagram.clone(), false, out);
        }
        return out;
    }

    /** netem_enqueue for one copy; {@code isDuplicate} copies are not duplicated again. */
    private void enqueue(long now, byte[] bytes, boolean isDuplicate, List<LinkOutput> out) {
        int copies = 1;
        if (!isDuplicate && duplicate.happens()) {
            copies++;
        }
        if (loss.lose()) {
            copies--;
        }
        if (copies == 0) {
            out.add(drop(LinkDropReason.LOSS, isDuplicate));
            return;
        }
        byte[] clone = copies > 1 ? bytes.clone() : null; // cloned before corruption, as netem does
        boolean flipped = corrupt.happens() && flipOneBit(bytes);
        if (held.size() >= model.limit()) {
            out.add(drop(LinkDropReason.QUEUE_FULL, isDuplicate)); // netem frees the clone too, uncounted
            return;
        }
        if (clone != null) {
            duplicated++;
            enqueue(now, clone, true, out);
        }
        boolean skipsDelay = reorder.enabled()
                && sinceReorder >= model.reorder().gap() - 1
                && reorder.happens();
        long leaves;
        if (skipsDelay) {
            leaves = now;
            sinceReorder = 0;
            reordered++;
        } else {
            leaves = delayedDeparture(now, bytes.length);
            sinceReorder++;
        }
        if (leaves > now) {
            held.add(leaves);
        }
        lastLeaves = Math.max(lastLeaves, leaves);
        delivered++;
        if (flipped) {
            corrupted++;
        }
        out.add(new Delivery(leaves, bytes, isDuplicate, flipped, skipsDelay));
    }

    /** When a packet that is not reordered leaves: the delay, then the rate (netem_enqueue's tfifo branch). */
    private long delayedDeparture(long now, int length) {
        long wait = delay.next();
        long from = now;
        Rate rate = model.rate();
        if (!rate.isNone()) {
            if (lastLeaves > now) {
                // The last packet's departure is the reference: the delay counts from now, and
                // whatever of it passes while the link is busy is not waited twice.
                wait = Math.max(0, wait - (lastLeaves - now));
                from = lastLeaves;
            }
            wait += rate.transmissionNanos(length);
        }
        return Math.max(now, from + wait);
    }

    /** netem's corruption: one random bit of one random byte. An empty datagram has no bit to flip. */
    private boolean flipOneBit(byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        int index = (int) entropy.nextLong(bytes.length);
        bytes[index] ^= (byte) (1 << entropy.nextLong(8));
        return true;
    }

    private LinkDrop drop(LinkDropReason reason, boolean isDuplicate) {
        dropped[reason.ordinal()]++;
        return new LinkDrop(reason, isDuplicate);
    }

    /**
     * How many packets the link holds at {@code nowNanos}: accepted, and not yet delivered. This is
     * what the model's limit bounds. Time must not go backwards.
     */
    public int queueLength(long nowNanos) {
        advanceTo(nowNanos);
        return held.size();
    }

    /** When the link has delivered everything it holds; at most {@code nowNanos} when it holds nothing. */
    public long idleFrom(long nowNanos) {
        advanceTo(nowNanos);
        return Math.max(nowNanos, lastLeaves);
    }

    private void advanceTo(long now) {
        if (now < lastNow) {
            throw new IllegalArgumentException("time went backwards: " + now + " ns after " + lastNow + " ns");
        }
        lastNow = now;
        while (!held.isEmpty() && held.peek() <= now) {
            held.poll();
        }
    }

    /** A snapshot of what the link has done so far. */
    public LinkCounters counters() {
        Map<LinkDropReason, Long> drops = new EnumMap<>(LinkDropReason.class);
        for (LinkDropReason reason : LinkDropReason.values()) {
            drops.put(reason, dropped[reason.ordinal()]);
        }
        return new LinkCounters(offered, delivered, duplicated, corrupted, reordered, drops);
    }
}
