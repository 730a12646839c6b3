package io.wgsim.sim.link;

import static io.wgsim.sim.link.Links.MS;
import static io.wgsim.sim.link.Links.SECOND;
import static io.wgsim.sim.link.Links.US;
import static io.wgsim.sim.link.Links.assertBalanced;
import static io.wgsim.sim.link.Links.channel;
import static io.wgsim.sim.link.Links.datagram;
import static io.wgsim.sim.link.Links.delivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.crypto.Entropy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkChannelTest {

    /** Every impairment at once. */
    private static final String EVERYTHING = "limit 20 delay 20ms 5ms 30% distribution normal "
            + "loss gemodel 2% 20% 90% 1% duplicate 5% reorder 10% gap 3 corrupt 5% rate 10mbit 14 mtu 1400 "
            + "partition 1s-1.5s";

    /**
     * Offers 20000 datagrams of 1 to 1500 bytes, 0 to 2 ms apart (about 6 mbit/s), and returns
     * everything the link says about them.
     */
    private static List<LinkOutput> run(LinkChannel link, long seed) {
        Entropy traffic = Entropy.seeded(-seed); // the offered load has its own stream
        List<LinkOutput> all = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            now += traffic.nextLong(2 * MS);
            all.addAll(link.transmit(now, datagram(1 + (int) traffic.nextLong(1500))));
        }
        assertBalanced(link.counters());
        return all;
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        List<LinkOutput> first = run(channel(EVERYTHING, 42), 42);
        assertEquals(first, run(channel(EVERYTHING, 42), 42));
        assertNotEquals(first, run(channel(EVERYTHING, 43), 42));
    }

    @Test
    void aRunWithEverythingIsPinned() {
        // Exact results for seed 42: a change here means the model draws its randomness differently.
        LinkChannel link = channel(EVERYTHING, 42);
        long sumOfTimes = 0;
        long sumOfBytes = 0;
        for (LinkOutput out : run(link, 42)) {
            if (out instanceof Delivery) {
                sumOfTimes += ((Delivery) out).atNanos();
                for (byte b : ((Delivery) out).datagram()) {
                    sumOfBytes += b & 0xff;
                }
            }
        }
        assertEquals("LinkCounters[offered=20000, delivered=13831, duplicated=668, corrupted=694, reordered=1160, "
                + "dropped={MTU=1377, PARTITION=474, LOSS=1567, QUEUE_FULL=3419}]", link.counters().toString());
        assertEquals(141188330453180L, sumOfTimes);
        assertEquals(1225868051L, sumOfBytes);
    }

    @Test
    void timeMustNotGoBackwards() {
        LinkChannel link = channel("delay 10ms", 1);
        link.transmit(5 * MS, datagram(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> link.transmit(5 * MS - 1, datagram(10)));
        assertEquals("time went backwards: 4999999 ns after 5000000 ns", e.getMessage());
        link.transmit(5 * MS, datagram(10)); // the same instant again is fine
    }

    @Test
    void aNewDelayAppliesToLaterPacketsOnly() {
        LinkChannel link = channel("delay 100ms", 1);
        Delivery early = delivered(link.transmit(0, datagram(10)));
        link.replaceModel(NetemSyntax.parse("delay 10ms"));
        Delivery late = delivered(link.transmit(MS, datagram(10)));
        assertEquals(100 * MS, early.atNanos());
        assertEquals(11 * MS, late.atNanos()); // overtakes, as in netem's time-ordered queue
        assertEquals("delay 10ms", link.model().toNetem());
        assertEquals(2, link.queueLength(MS));
    }

    @Test
    void replacingTheModelRestartsTheGilbertElliottChain() {
        // p = 100%: the first packet is met in the good state (no loss) and moves the chain to bad,
        // where 1-h = 100% loses everything. A replacement starts good again.
        LinkChannel link = channel("loss gemodel 100% 0%", 1);
        assertTrue(link.transmit(0, datagram(10)).get(0) instanceof Delivery);
        assertTrue(link.transmit(0, datagram(10)).get(0) instanceof LinkDrop);
        link.replaceModel(link.model());
        assertTrue(link.transmit(0, datagram(10)).get(0) instanceof Delivery);
        assertTrue(link.transmit(0, datagram(10)).get(0) instanceof LinkDrop);
    }

    @Test
    void countersAddUp() {
        LinkChannel link = channel(EVERYTHING, 7);
        for (int i = 0; i < 10_000; i++) {
            link.transmit(i * 200 * US, datagram(1 + i % 1500));
        }
        LinkCounters c = link.counters();
        assertEquals(10_000, c.offered());
        assertTrue(c.dropped(LinkDropReason.MTU) > 0);
        assertTrue(c.dropped(LinkDropReason.PARTITION) > 0);
        assertTrue(c.dropped(LinkDropReason.LOSS) > 0);
        assertTrue(c.duplicated() > 0 && c.corrupted() > 0 && c.reordered() > 0);
        assertBalanced(c);
        assertEquals(0, link.queueLength(10 * SECOND));
    }
}
