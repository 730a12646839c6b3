package io.wgsim.sim.link;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a {@link LinkChannel} has done so far, like netem's qdisc statistics. Every datagram offered
 * and every duplicate made ends up delivered or dropped:
 * {@code offered + duplicated == delivered + droppedTotal()}.
 *
 * @param offered    datagrams given to {@link LinkChannel#transmit}
 * @param delivered  copies delivered, duplicates included
 * @param duplicated extra copies made by duplication
 * @param corrupted  copies delivered with a flipped bit
 * @param reordered  copies that skipped the delay
 * @param dropped    copies dropped, by reason; every reason is present
 */
public record LinkCounters(
        long offered, long delivered, long duplicated, long corrupted, long reordered,
        Map<LinkDropReason, Long> dropped) {

    public LinkCounters {
        EnumMap<LinkDropReason, Long> all = new EnumMap<>(LinkDropReason.class);
        for (LinkDropReason reason : LinkDropReason.values()) {
            all.put(reason, dropped.getOrDefault(reason, 0L));
        }
        dropped = Collections.unmodifiableMap(all);
    }

    /** Copies dropped for {@code reason}. */
    public long dropped(LinkDropReason reason) {
        return dropped.get(reason);
    }

    /** Copies dropped for any reason. */
    public long droppedTotal() {
        long total = 0;
        for (long n : dropped.values()) {
            total += n;
        }
        return total;
    }
}
