package io.wgsim.protocol;

import static io.wgsim.protocol.TwoPeers.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Who owns which array: the device reads a received datagram only during the call and never writes
 * to it, and takes what it needs of a packet to send before sendPacket returns, so a driver may reuse
 * both arrays at once. (The data path reads and seals in place rather than copying; these tests pin
 * down that it still behaves as if it copied.)
 */
class DeviceBuffersTest {

    @Test
    void aPacketSentOnAnOpenSessionMayBeOverwrittenOnceSendPacketReturns() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        byte[] packet = p.aliceToBob(100);
        byte[] original = packet.clone();
        p.alice.device.sendPacket(SECOND, packet);
        Arrays.fill(packet, (byte) 0x5a);
        p.alice.flushTo(p.bob, SECOND);
        assertArrayEquals(original, p.bob.takeDelivered().packet());
        p.bob.assertNoDrops();
    }

    @Test
    void aPacketStagedForAHandshakeMayBeOverwrittenOnceSendPacketReturns() {
        TwoPeers p = new TwoPeers();
        byte[] packet = p.aliceToBob(100);
        byte[] original = packet.clone();
        p.alice.device.sendPacket(0, packet); // no session yet: staged, and an initiation goes out
        Arrays.fill(packet, (byte) 0x5a);
        p.exchange(0);
        assertArrayEquals(original, p.bob.takeDelivered().packet());
        p.bob.assertNoDrops();
    }

    @Test
    void onlyTheStatedLengthOfAPacketIsSentAndTheRestOfTheArrayIsIgnored() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        byte[] packet = p.aliceToBob(100);
        byte[] longer = Arrays.copyOf(packet, packet.length + 40);
        Arrays.fill(longer, packet.length, longer.length, (byte) 0x77);
        p.alice.device.sendPacket(SECOND, longer, longer.length);
        p.alice.flushTo(p.bob, SECOND);
        assertArrayEquals(packet, p.bob.takeDelivered().packet());
    }

    @Test
    void receivedDatagramsAreNeitherWrittenNorKept() {
        TwoPeers p = new TwoPeers();
        p.alice.device.initiateHandshake(0, p.bob.publicKey());
        byte[] initiation = p.alice.takeSentBytes();
        byte[] initiationCopy = initiation.clone();
        p.bob.device.receiveDatagram(0, p.alice.address, initiation);
        assertArrayEquals(initiationCopy, initiation);
        Arrays.fill(initiation, (byte) 0); // the handshake must not depend on these bytes any more

        byte[] response = p.bob.takeSentBytes();
        byte[] responseCopy = response.clone();
        p.alice.device.receiveDatagram(0, p.bob.address, response);
        assertArrayEquals(responseCopy, response);
        Arrays.fill(response, (byte) 0);
        p.alice.flushTo(p.bob, 0); // the keepalive that confirms the session

        p.alice.device.sendPacket(SECOND, p.aliceToBob(100));
        byte[] data = p.alice.takeSentBytes();
        byte[] dataCopy = data.clone();
        p.bob.device.receiveDatagram(SECOND, p.alice.address, data);
        assertArrayEquals(dataCopy, data);
        byte[] delivered = p.bob.takeDelivered().packet();
        byte[] deliveredCopy = delivered.clone();
        Arrays.fill(data, (byte) 0);
        assertArrayEquals(deliveredCopy, delivered, "the delivered packet must not share the datagram's array");
        assertArrayEquals(p.aliceToBob(100), delivered);

        p.alice.assertNoDrops();
        p.bob.assertNoDrops();
        assertEquals(1, p.alice.eventsOf(DeviceEvent.SessionStarted.class).size());
        assertEquals(1, p.bob.eventsOf(DeviceEvent.SessionStarted.class).size());
    }

    @Test
    void aDatagramPassedWithAShorterLengthIsReadOnlyThatFar() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        p.alice.device.sendPacket(SECOND, p.aliceToBob(100));
        byte[] data = p.alice.takeSentBytes();
        byte[] buffer = Arrays.copyOf(data, data.length + 64); // a driver's receive buffer
        p.bob.device.receiveDatagram(SECOND, p.alice.address, buffer, data.length);
        assertArrayEquals(p.aliceToBob(100), p.bob.takeDelivered().packet());
        p.bob.assertNoDrops();
    }
}
