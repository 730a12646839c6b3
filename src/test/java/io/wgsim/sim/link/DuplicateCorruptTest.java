package io.wgsim.sim.link;

import static io.wgsim.sim.link.Links.MS;
import static io.wgsim.sim.link.Links.US;
import static io.wgsim.sim.link.Links.assertBalanced;
import static io.wgsim.sim.link.Links.channel;
import static io.wgsim.sim.link.Links.datagram;
import static io.wgsim.sim.link.Links.delivered;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateCorruptTest {

    private static final byte[] PACKET = datagram(200);

    private static int bitsDiffering(byte[] a, byte[] b) {
        assertEquals(a.length, b.length);
        int bits = 0;
        for (int i = 0; i < a.length; i++) {
            bits += Integer.bitCount((a[i] ^ b[i]) & 0xff);
        }
        return bits;
    }

    @Test
    void duplicateRateWithinTolerance() {
        LinkChannel link = channel("duplicate 10%", 1);
        int twice = 0;
        for (int i = 0; i < 100_000; i++) {
            List<LinkOutput> out = link.transmit(i * US, PACKET);
            if (out.size() == 2) {
                twice++;
                // The duplicate is queued first, as netem re-enqueues it before the original.
                Delivery first = assertInstanceOf(Delivery.class, out.get(0));
                Delivery second = assertInstanceOf(Delivery.class, out.get(1));
                assertTrue(first.duplicate());
                assertFalse(second.duplicate());
                assertArrayEquals(PACKET, first.datagram());
                assertArrayEquals(PACKET, second.datagram());
            }
        }
        assertEquals(0.10, twice / 100_000.0, 0.003);
        assertEquals(10_121, twice);
        assertEquals(twice, link.counters().duplicated());
        assertEquals(110_121, link.counters().delivered());
        assertBalanced(link.counters());
    }

    @Test
    void lossCancelsTheDuplicationAsInNetem() {
        // netem counts copies: duplication adds one, loss takes one away, so with both certain each
        // datagram arrives exactly once.
        LinkChannel link = channel("loss 100% duplicate 100%", 1);
        for (int i = 0; i < 100; i++) {
            assertFalse(delivered(link.transmit(i * MS, PACKET)).duplicate());
        }
        assertEquals(0, link.counters().duplicated());
        assertEquals(0, link.counters().droppedTotal());
    }

    @Test
    void theDuplicateMeetsTheLossModelAgain() {
        // With duplication certain, the original always survives: a loss cancels the duplication.
        // Without that loss (half the time) the duplicate is made and goes through netem's enqueue a
        // second time, where it is lost half the time: a quarter of datagrams lose their duplicate.
        LinkChannel link = channel("loss 50% duplicate 100%", 1);
        int lostDuplicates = 0;
        for (int i = 0; i < 100_000; i++) {
            List<LinkOutput> out = link.transmit(i * US, PACKET);
            LinkOutput original = out.get(out.size() - 1);
            assertInstanceOf(Delivery.class, original);
            assertFalse(original.duplicate());
            if (out.size() == 2 && out.get(0) instanceof LinkDrop) {
                assertTrue(out.get(0).duplicate());
                assertEquals(LinkDropReason.LOSS, ((LinkDrop) out.get(0)).reason());
                lostDuplicates++;
            }
        }
        assertEquals(0.25, lostDuplicates / 100_000.0, 0.004);
        assertEquals(lostDuplicates, link.counters().dropped(LinkDropReason.LOSS));
        assertBalanced(link.counters());
    }

    @Test
    void corruptionFlipsExactlyOneBit() {
        LinkChannel link = channel("corrupt 100%", 1);
        int[] flippedAt = new int[PACKET.length * 8];
        for (int i = 0; i < 20_000; i++) {
            Delivery d = delivered(link.transmit(i * US, PACKET));
            assertTrue(d.corrupted());
            byte[] got = d.datagram();
            assertEquals(1, bitsDiffering(PACKET, got));
            for (int bit = 0; bit < flippedAt.length; bit++) {
                if (((got[bit / 8] ^ PACKET[bit / 8]) >> (bit % 8) & 1) != 0) {
                    flippedAt[bit]++;
                }
            }
        }
        // Any bit of any byte may be the one.
        for (int bit = 0; bit < flippedAt.length; bit++) {
            assertTrue(flippedAt[bit] > 0, "bit " + bit + " never flipped");
        }
    }

    @Test
    void corruptionRateWithinTolerance() {
        LinkChannel link = channel("corrupt 10%", 1);
        int corrupted = 0;
        for (int i = 0; i < 100_000; i++) {
            Delivery d = delivered(link.transmit(i * US, PACKET));
            int bits = bitsDiffering(PACKET, d.datagram());
            assertEquals(d.corrupted() ? 1 : 0, bits);
            corrupted += bits;
        }
        assertEquals(0.10, corrupted / 100_000.0, 0.003);
        assertEquals(10_076, corrupted);
        assertEquals(corrupted, link.counters().corrupted());
    }

    @Test
    void theDuplicateIsClonedBeforeCorruptionAndCorruptedOnItsOwn() {
        LinkChannel link = channel("duplicate 100% corrupt 100%", 1);
        for (int i = 0; i < 1000; i++) {
            List<LinkOutput> out = link.transmit(i * US, PACKET);
            assertEquals(2, out.size());
            byte[] duplicate = ((Delivery) out.get(0)).datagram();
            byte[] original = ((Delivery) out.get(1)).datagram();
            // Each copy carries its own single flipped bit, never the other's.
            assertEquals(1, bitsDiffering(PACKET, duplicate));
            assertEquals(1, bitsDiffering(PACKET, original));
        }
    }

    @Test
    void anEmptyDatagramHasNoBitToFlip() {
        Delivery d = delivered(channel("corrupt 100%", 1).transmit(0, new byte[0]));
        assertFalse(d.corrupted());
        assertEquals(0, d.length());
    }

    @Test
    void theCallersArrayIsNeitherKeptNorChanged() {
        LinkChannel link = channel("corrupt 100% delay 10ms", 1);
        byte[] mine = PACKET.clone();
        Delivery d = delivered(link.transmit(0, mine));
        assertArrayEquals(PACKET, mine);
        byte[] before = d.datagram();
        mine[0] ^= 1;
        assertArrayEquals(before, d.datagram());
    }
}
