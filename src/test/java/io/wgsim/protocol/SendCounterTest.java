package io.wgsim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Device.setSendCounter, the hook simulations use to reach the message limits without sending 2^60 packets. */
class SendCounterTest {

    @Test
    void withoutASessionThereIsNoCounterToSet() {
        TwoPeers p = new TwoPeers();
        assertFalse(p.alice.device.setSendCounter(p.bob.publicKey(), 1000));
    }

    @Test
    void theNextTransportMessageCarriesTheCounterSet() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        p.alice.clearOutputs();
        p.bob.clearOutputs();
        assertTrue(p.alice.device.setSendCounter(p.bob.publicKey(), 123_456));
        p.alice.device.sendPacket(TwoPeers.SECOND, p.aliceToBob(40));
        byte[] message = p.alice.takeSentBytes();
        assertEquals(123_456, ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getLong(8));
        p.alice.flushTo(p.bob, TwoPeers.SECOND);
        p.bob.device.receiveDatagram(TwoPeers.SECOND, p.alice.address, message);
        assertEquals(1, p.bob.pendingDelivered(), "the receiver accepts the jump (the window moves forward)");
    }
}
