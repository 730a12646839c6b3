package io.wgsim.sim.link;

import static io.wgsim.sim.link.Links.MS;
import static io.wgsim.sim.link.Links.SECOND;
import static io.wgsim.sim.link.Links.US;
import static io.wgsim.sim.link.Links.assertBalanced;
import static io.wgsim.sim.link.Links.channel;
import static io.wgsim.sim.link.Links.datagram;
import static io.wgsim.sim.link.Links.delivered;
import static io.wgsim.sim.link.Links.droppedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rate: serialisation one packet at a time, and netem's limit on the packets held. */
class RateQueueTest {

    /** An arbitrary start, far from zero, so nothing depends on time starting at 0. */
    private static final long T0 = 1234 * SECOND;
    private static final byte[] KB = datagram(1000); // 8 ms at 1 mbit/s

    @Test
    void aBurstLeavesSpacedBySizeTimesEightOverRate() {
        LinkChannel link = channel("rate 1mbit", 1);
        for (int k = 1; k <= 10; k++) {
            assertEquals(T0 + k * 8 * MS, delivered(link.transmit(T0, KB)).atNanos(), "packet " + k);
        }
        // A smaller packet takes proportionally less: 500 bytes, 4 ms.
        assertEquals(T0 + 84 * MS, delivered(link.transmit(T0, datagram(500))).atNanos());
        assertEquals(T0 + 84 * MS, link.idleFrom(T0));
    }

    @Test
    void packetsSlowerThanTheRateNeverQueue() {
        LinkChannel link = channel("rate 1mbit", 1);
        for (int k = 0; k < 10; k++) {
            long now = T0 + k * 10 * MS;
            assertEquals(now + 8 * MS, delivered(link.transmit(now, KB)).atNanos());
        }
    }

    @Test
    void aPacketArrivingMidTransmissionWaitsForTheRest() {
        LinkChannel link = channel("rate 1mbit", 1);
        assertEquals(T0 + 8 * MS, delivered(link.transmit(T0, KB)).atNanos());
        assertEquals(T0 + 16 * MS, delivered(link.transmit(T0 + 3 * MS, KB)).atNanos());
        assertEquals(T0 + 24 * MS, delivered(link.transmit(T0 + 16 * MS, KB)).atNanos()); // link busy until 16
        assertEquals(T0 + 33 * MS, delivered(link.transmit(T0 + 25 * MS, KB)).atNanos()); // idle again
    }

    @Test
    void overheadsCountAsNetemCountsThem() {
        LinkChannel overhead = channel("rate 1mbit 20", 1);
        assertEquals(T0 + 8_160 * US, delivered(overhead.transmit(T0, KB)).atNanos());
        assertEquals(T0 + 16_320 * US, delivered(overhead.transmit(T0, KB)).atNanos());
        // tc-netem(8)'s example: 1000 + 20 bytes in 100-byte cells of 105 bytes each, at 5 kbit/s.
        LinkChannel cells = channel("rate 5kbit 20 100 5", 1);
        assertEquals(T0 + 1_848 * MS, delivered(cells.transmit(T0, KB)).atNanos());
    }

    @Test
    void delayIsWaitedOnceThenPacketsQueueForTheRate() {
        // netem takes the last departure as the reference: a packet leaves at
        // max(link free, now + delay) + transmission time.
        LinkChannel link = channel("delay 50ms rate 1mbit", 1);
        assertEquals(T0 + 58 * MS, delivered(link.transmit(T0, KB)).atNanos());
        assertEquals(T0 + 66 * MS, delivered(link.transmit(T0, KB)).atNanos());
        assertEquals(T0 + 74 * MS, delivered(link.transmit(T0 + 10 * MS, KB)).atNanos());
        assertEquals(T0 + 108 * MS, delivered(link.transmit(T0 + 50 * MS, KB)).atNanos());
    }

    @Test
    void theLimitDropsTheTailOfABurst() {
        LinkChannel link = channel("rate 1mbit limit 5", 1);
        for (int k = 1; k <= 5; k++) {
            assertEquals(T0 + k * 8 * MS, delivered(link.transmit(T0, KB)).atNanos());
        }
        for (int k = 6; k <= 10; k++) {
            assertEquals(LinkDropReason.QUEUE_FULL, droppedFor(link.transmit(T0, KB)));
        }
        assertEquals(5, link.queueLength(T0));
        assertEquals(5, link.queueLength(T0 + 8 * MS - 1));
        // The first packet has left at 8 ms, which makes room for one more.
        assertEquals(4, link.queueLength(T0 + 8 * MS));
        assertEquals(T0 + 48 * MS, delivered(link.transmit(T0 + 8 * MS, KB)).atNanos());
        assertEquals(LinkDropReason.QUEUE_FULL, droppedFor(link.transmit(T0 + 8 * MS, KB)));
        assertEquals(0, link.queueLength(T0 + 48 * MS));
        assertEquals(6, link.counters().dropped(LinkDropReason.QUEUE_FULL));
        assertBalanced(link.counters());
    }

    @Test
    void theLimitCountsDelayedPacketsAsNetemsDoes() {
        // netem's limit bounds every packet the qdisc holds, so a long delay fills it without any rate.
        LinkChannel link = channel("delay 100ms limit 10", 1);
        for (int k = 0; k < 20; k++) {
            long now = T0 + k * MS;
            if (k < 10) {
                assertEquals(now + 100 * MS, delivered(link.transmit(now, KB)).atNanos());
            } else {
                assertEquals(LinkDropReason.QUEUE_FULL, droppedFor(link.transmit(now, KB)));
            }
        }
        assertEquals(T0 + 200 * MS, delivered(link.transmit(T0 + 100 * MS, KB)).atNanos());
    }

    @Test
    void aNewRateAppliesOnceTheQueuedPacketsHaveLeft() {
        LinkChannel link = channel("rate 1mbit", 1);
        for (int k = 1; k <= 3; k++) {
            assertEquals(T0 + k * 8 * MS, delivered(link.transmit(T0, KB)).atNanos());
        }
        link.replaceModel(NetemSyntax.parse("rate 2mbit"));
        assertEquals(3, link.queueLength(T0 + MS));
        assertEquals(T0 + 28 * MS, delivered(link.transmit(T0 + MS, KB)).atNanos());
        assertEquals(T0 + 32 * MS, delivered(link.transmit(T0 + MS, KB)).atNanos());
    }

    @Test
    void aLowerLimitDropsUntilTheQueueDrainsBelowIt() {
        LinkChannel link = channel("rate 1mbit", 1);
        for (int k = 1; k <= 8; k++) {
            delivered(link.transmit(T0, KB));
        }
        link.replaceModel(NetemSyntax.parse("rate 1mbit limit 3"));
        assertEquals(8, link.queueLength(T0));
        assertEquals(LinkDropReason.QUEUE_FULL, droppedFor(link.transmit(T0 + 40 * MS, KB))); // 3 still held
        assertEquals(T0 + 72 * MS, delivered(link.transmit(T0 + 48 * MS, KB)).atNanos()); // 2 held
    }

    @Test
    void removingTheRateStillLetsQueuedPacketsLeaveOnTime() {
        LinkChannel link = channel("rate 1mbit", 1);
        for (int k = 1; k <= 3; k++) {
            delivered(link.transmit(T0, KB));
        }
        link.replaceModel(LinkModel.IDEAL);
        // Without a rate a packet does not wait for the link; it leaves (and may overtake) at once.
        assertEquals(T0 + MS, delivered(link.transmit(T0 + MS, KB)).atNanos());
        assertEquals(3, link.queueLength(T0 + MS));
    }
}
