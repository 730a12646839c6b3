package io.wgsim.real;

import io.wgsim.sim.RandomStream;
import io.wgsim.sim.link.LinkChannel;
import io.wgsim.sim.link.LinkCounters;
import io.wgsim.sim.link.LinkDropReason;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.link.LinkOutput;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One direction of an {@link ImpairmentRelay}: its {@link LinkChannel}, seeded from the relay's seed and
 * the stream name {@code relay:<name>:<direction>}, and what it has done. The relay's loop offers it
 * datagrams; any thread may replace its model or read its counters, so every use of the channel holds
 * this object's lock (uncontended but for those rare calls).
 */
final class RelayDirection {
    private final ImpairmentRelay.Direction direction;
    private final LinkChannel channel;
    private long partitionDrops;
    private long refused;
    private long sent;
    private long sendFailures;

    RelayDirection(ImpairmentRelay.Direction direction, String relayName, long seed, LinkModel model) {
        this.direction = direction;
        this.channel = new LinkChannel(model, RandomStream.derive(seed, streamName(relayName, direction)));
    }

    /** The random stream a direction draws from: {@code relay:<name>:forward} or {@code :backward}. */
    static String streamName(String relayName, ImpairmentRelay.Direction direction) {
        return "relay:" + relayName + ":" + direction.name().toLowerCase(Locale.ROOT);
    }

    /** Offers a datagram to the link at {@code nowNanos}, relay time; see {@link LinkChannel#transmit}. */
    synchronized List<LinkOutput> offer(long nowNanos, byte[] datagram) {
        return channel.transmit(nowNanos, datagram);
    }

    /**
     * Drops a datagram offered while the relay's partition switch is on. It never reaches the channel,
     * so it draws nothing from the random stream, like a datagram in a model's own partition.
     */
    synchronized void dropForPartition() {
        partitionDrops++;
    }

    /** Counts a datagram that had no business here (a stranger, or no one to send it to yet). */
    synchronized void refuse() {
        refused++;
    }

    synchronized void sent(boolean ok) {
        if (ok) {
            sent++;
        } else {
            sendFailures++;
        }
    }

    synchronized void replaceModel(LinkModel model) {
        channel.replaceModel(model);
    }

    synchronized LinkModel model() {
        return channel.model();
    }

    synchronized ImpairmentRelay.Counters counters() {
        LinkCounters link = channel.counters();
        Map<LinkDropReason, Long> dropped = new EnumMap<>(link.dropped());
        dropped.merge(LinkDropReason.PARTITION, partitionDrops, Long::sum);
        LinkCounters merged = new LinkCounters(link.offered() + partitionDrops, link.delivered(), link.duplicated(),
                link.corrupted(), link.reordered(), dropped);
        return new ImpairmentRelay.Counters(direction, merged, sent, sendFailures, refused);
    }
}
