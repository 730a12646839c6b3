package io.wgsim.sim.link;

import static io.wgsim.sim.link.Links.MS;
import static io.wgsim.sim.link.Links.SECOND;
import static io.wgsim.sim.link.Links.assertBalanced;
import static io.wgsim.sim.link.Links.channel;
import static io.wgsim.sim.link.Links.datagram;
import static io.wgsim.sim.link.Links.delivered;
import static io.wgsim.sim.link.Links.droppedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** wgsim's extensions: the MTU and partitions. */
class MtuPartitionTest {

    @Test
    void datagramsLongerThanTheMtuAreDropped() {
        LinkChannel link = channel("mtu 1280", 1);
        assertEquals(0, delivered(link.transmit(0, datagram(1280))).atNanos());
        assertEquals(LinkDropReason.MTU, droppedFor(link.transmit(0, datagram(1281))));
        assertEquals(LinkDropReason.MTU, droppedFor(link.transmit(0, datagram(65_535))));
        assertEquals(0, delivered(link.transmit(0, datagram(0))).atNanos());
        assertEquals(2, link.counters().dropped(LinkDropReason.MTU));
        assertEquals(2, link.counters().delivered());
        assertBalanced(link.counters());
    }

    @Test
    void withoutAnMtuAnySizePasses() {
        assertEquals(65_535, delivered(channel("", 1).transmit(0, datagram(65_535))).length());
    }

    @Test
    void partitionsDropExactlyInsideTheirIntervals() {
        LinkChannel link = channel("delay 1s partition 10s-20s partition 30s-31s", 1);
        long[] sent = {0, 10 * SECOND - 1, 10 * SECOND, 15 * SECOND, 20 * SECOND - 1, 20 * SECOND,
            30 * SECOND - 1, 30 * SECOND, 31 * SECOND - 1, 31 * SECOND};
        boolean[] cut = {false, false, true, true, true, false, false, true, true, false};
        for (int i = 0; i < sent.length; i++) {
            if (cut[i]) {
                assertEquals(LinkDropReason.PARTITION, droppedFor(link.transmit(sent[i], datagram(100))), "at " + sent[i]);
            } else {
                assertEquals(sent[i] + SECOND, delivered(link.transmit(sent[i], datagram(100))).atNanos(), "at " + sent[i]);
            }
        }
        assertEquals(5, link.counters().dropped(LinkDropReason.PARTITION));
    }

    @Test
    void packetsAlreadyOnTheirWayStillArrive() {
        // Sent just before the cut, arriving during it: delivered, as when netem's loss goes to 100%.
        LinkChannel link = channel("delay 50ms partition 1s-2s", 1);
        assertEquals(SECOND + 40 * MS, delivered(link.transmit(SECOND - 10 * MS, datagram(100))).atNanos());
    }

    @Test
    void theMtuIsCheckedBeforeThePartition() {
        LinkChannel link = channel("mtu 100 partition 0s-1s", 1);
        assertEquals(LinkDropReason.MTU, droppedFor(link.transmit(0, datagram(101))));
        assertEquals(LinkDropReason.PARTITION, droppedFor(link.transmit(0, datagram(100))));
    }

    @Test
    void aPartitionCanBeScriptedByReplacingTheModel() {
        LinkChannel link = channel("delay 10ms", 1);
        delivered(link.transmit(0, datagram(100)));
        link.replaceModel(NetemSyntax.parse("delay 10ms partition 1s-2s"));
        assertEquals(LinkDropReason.PARTITION, droppedFor(link.transmit(SECOND, datagram(100))));
        link.replaceModel(NetemSyntax.parse("delay 10ms"));
        assertEquals(SECOND + 10 * MS + 1, delivered(link.transmit(SECOND + 1, datagram(100))).atNanos());
    }
}
