package io.wgsim.sim.link;

import static io.wgsim.sim.link.Links.MS;
import static io.wgsim.sim.link.Links.US;
import static io.wgsim.sim.link.Links.channel;
import static io.wgsim.sim.link.Links.datagram;
import static io.wgsim.sim.link.Links.delivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** netem's reorder: some packets skip the delay, after a gap of always-delayed ones. */
class ReorderTest {

    private static final byte[] PACKET = datagram(100);

    @Test
    void reorderRateWithinTolerance() {
        // 100 us apart with a 10 ms delay: about 100 packets in flight, well under the limit.
        LinkChannel link = channel("delay 10ms reorder 25%", 1);
        int reordered = 0;
        for (int i = 0; i < 100_000; i++) {
            long now = i * 100 * US;
            Delivery d = delivered(link.transmit(now, PACKET));
            // A reordered packet leaves at once; the others wait the whole delay.
            assertEquals(d.reordered() ? now : now + 10 * MS, d.atNanos());
            reordered += d.reordered() ? 1 : 0;
        }
        assertEquals(0.25, reordered / 100_000.0, 0.004);
        assertEquals(25_319, reordered);
        assertEquals(reordered, link.counters().reordered());
    }

    @Test
    void gapSendsEveryNthPacketAtOnce() {
        // tc-netem(8): "every 5th (10th, 15th, ...) packet" is sent immediately, the others delayed.
        LinkChannel link = channel("delay 10ms reorder 100% gap 5", 1);
        for (int i = 1; i <= 50; i++) {
            long now = i * MS;
            Delivery d = delivered(link.transmit(now, PACKET));
            assertEquals(i % 5 == 0, d.reordered(), "packet " + i);
            assertEquals(i % 5 == 0 ? now : now + 10 * MS, d.atNanos(), "packet " + i);
        }
    }

    @Test
    void afterAReorderTheNextGapMinusOnePacketsAreDelayed() {
        LinkChannel link = channel("delay 10ms reorder 50% gap 3", 1);
        int sinceReorder = Integer.MAX_VALUE / 2;
        int candidates = 0;
        int reordered = 0;
        for (int i = 0; i < 100_000; i++) {
            Delivery d = delivered(link.transmit(i * 100 * US, PACKET));
            boolean candidate = sinceReorder >= 2; // the first gap - 1 = 2 packets never are
            if (d.reordered()) {
                assertTrue(candidate, "packet " + i + " reordered only " + sinceReorder + " after the last");
                reordered++;
                sinceReorder = 0;
            } else {
                sinceReorder++;
            }
            candidates += candidate ? 1 : 0;
        }
        // Counting from the start (netem's counter starts at 0), only candidates may be reordered,
        // each with probability 50%.
        assertEquals(0.5, reordered / (double) candidates, 0.01);
    }

    @Test
    void aReorderedPacketOvertakesDelayedOnes() {
        LinkChannel link = channel("delay 10ms reorder 100% gap 2", 1);
        Delivery first = delivered(link.transmit(0, datagram(1)));
        Delivery second = delivered(link.transmit(MS, datagram(2)));
        assertEquals(10 * MS, first.atNanos());
        assertEquals(MS, second.atNanos());
        assertTrue(second.reordered());
    }

    @Test
    void replacingTheModelRestartsTheGap() {
        LinkChannel link = channel("delay 10ms reorder 100% gap 3", 1);
        delivered(link.transmit(0, PACKET));
        delivered(link.transmit(MS, PACKET));
        link.replaceModel(link.model());
        // Without the restart this third packet would be reordered.
        assertEquals(false, delivered(link.transmit(2 * MS, PACKET)).reordered());
        assertEquals(false, delivered(link.transmit(3 * MS, PACKET)).reordered());
        assertEquals(true, delivered(link.transmit(4 * MS, PACKET)).reordered());
    }
}
