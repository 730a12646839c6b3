package io.wgsim.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.wgsim.crypto.Entropy;
import java.util.List;

/** Shorthands for the link tests. */
final class Links {

    static final long US = 1_000L;
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    private Links() {}

    /** A channel running the netem options, seeded. */
    static LinkChannel channel(String netem, long seed) {
        return new LinkChannel(NetemSyntax.parse(netem), Entropy.seeded(seed));
    }

    /** The one output of a transmission that was not duplicated. */
    static LinkOutput only(List<LinkOutput> outputs) {
        assertEquals(1, outputs.size(), outputs.toString());
        return outputs.get(0);
    }

    /** The one output, which must be a delivery. */
    static Delivery delivered(List<LinkOutput> outputs) {
        return assertInstanceOf(Delivery.class, only(outputs));
    }

    /** The one output, which must be a drop, and its reason. */
    static LinkDropReason droppedFor(List<LinkOutput> outputs) {
        return assertInstanceOf(LinkDrop.class, only(outputs)).reason();
    }

    /** A datagram of {@code length} bytes with recognisable contents. */
    static byte[] datagram(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7 + 1);
        }
        return bytes;
    }

    /** Every datagram offered and every duplicate made was delivered or dropped. */
    static void assertBalanced(LinkCounters c) {
        assertEquals(c.offered() + c.duplicated(), c.delivered() + c.droppedTotal(), c.toString());
    }
}
