package io.wgsim.protocol;

import static io.wgsim.protocol.TwoPeers.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.wgsim.protocol.wire.DropReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Who owns which array: the device reads a datagram given to receiveDatagram only during the call
 * and never writes to it, may decrypt in a buffer given to receiveDatagramInPlace, delivers packets
 * as slices valid during the sink call, and takes what it needs of a packet to send before
 * sendPacket returns, so a driver may reuse its arrays at once. (The data path reads, seals and
 * opens in place rather than copying; these tests pin down that it still behaves as if it copied.)
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

    /** Packets that need no padding are sealed straight from the caller's array; the others through a copy. */
    @Test
    void packetsWithAndWithoutPaddingArriveIntactAndPaddedAsTheyShouldBe() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        // 1420: the MTU; 96 + 20 = 116 and 1399 + 20 = 1419: padded to 128 and capped at 1420; 108 + 20 = 128: a multiple of 16.
        int[][] sizesAndPadded = {{1400, 1420}, {96, 128}, {1399, 1420}, {108, 128}};
        for (int[] sp : sizesAndPadded) {
            byte[] packet = p.aliceToBob(sp[0]);
            byte[] original = packet.clone();
            p.alice.device.sendPacket(SECOND, packet);
            Arrays.fill(packet, (byte) 0x5a);
            byte[] datagram = p.alice.takeSentBytes();
            assertEquals(16 + sp[1] + 16, datagram.length, original.length + "-byte packet");
            p.bob.device.receiveDatagram(SECOND, p.alice.address, datagram);
            assertArrayEquals(original, p.bob.takeDelivered().packet(), original.length + "-byte packet");
        }
        p.bob.assertNoDrops();
    }

    /**
     * A sink that sends each datagram before returning (a socket) lets the device reuse one buffer per
     * message length; what goes out must be byte for byte what a fresh buffer would have held, padding
     * included, though the buffer last held a longer plaintext's ciphertext.
     */
    @Test
    void aReusedSendBufferProducesTheSameDatagramsAsFreshOnes() {
        TwoPeers fresh = new TwoPeers();
        TwoPeers reusing = new TwoPeers();
        fresh.handshake(0);
        reusing.handshake(0);
        reusing.alice.socketLike = true;
        // 108 + 20 = 128 bytes fills its 128-byte padded plaintext; 96 + 20 = 116 leaves 12 bytes of
        // padding that the previous message's ciphertext occupies in a reused buffer. 1400 + 20 is the MTU.
        int[] sizes = {108, 96, 96, 1400, 1399, 108, 0, 96};
        byte[] previousArray = null;
        int reuses = 0;
        for (int i = 0; i < sizes.length; i++) {
            byte[] packet = fresh.aliceToBob(sizes[i]);
            if (sizes[i] == 0) {
                fresh.alice.device.sendKeepalive(SECOND, fresh.bob.publicKey());
                reusing.alice.device.sendKeepalive(SECOND, reusing.bob.publicKey());
            } else {
                fresh.alice.device.sendPacket(SECOND, packet);
                reusing.alice.device.sendPacket(SECOND, packet.clone());
            }
            byte[] expected = fresh.alice.takeSentBytes();
            byte[] actual = reusing.alice.takeSentBytes();
            assertArrayEquals(expected, actual, "datagram " + i + " (" + sizes[i] + "-byte packet)");
            if (reusing.alice.lastArrayGiven == previousArray) {
                reuses++;
            }
            previousArray = reusing.alice.lastArrayGiven;
            reusing.bob.device.receiveDatagram(SECOND, reusing.alice.address, actual);
            if (sizes[i] > 0) {
                assertArrayEquals(packet, reusing.bob.takeDelivered().packet(), "packet " + i);
            }
        }
        assertEquals(3, reuses, "the buffer is reused for consecutive messages of one length (96 after 108, 96 after 96, 1399 after 1400)");
        reusing.bob.assertNoDrops();
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

    /**
     * A driver that is done with its buffer when the call returns (a socket loop) lets the device open
     * transport data where it lies: the packet is delivered as a slice of that very buffer, 16 bytes
     * in, and is what was sent, padding removed, with or without padding and in a buffer longer than
     * the datagram.
     */
    @Test
    void receivingInPlaceOpensInTheCallersBufferAndDeliversTheSentPackets() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        long rxExpected = p.bob.device.status().peers().get(0).rxBytes();
        for (int size : new int[] {1400, 96, 1399, 108}) {
            byte[] packet = p.aliceToBob(size);
            p.alice.device.sendPacket(SECOND, packet);
            byte[] datagram = p.alice.takeSentBytes();
            rxExpected += datagram.length;
            byte[] buffer = Arrays.copyOf(datagram, datagram.length + 64);
            Arrays.fill(buffer, datagram.length, buffer.length, (byte) 0x77);
            p.bob.device.receiveDatagramInPlace(SECOND, p.alice.address, buffer, datagram.length);
            assertArrayEquals(packet, p.bob.takeDelivered().packet(), size + "-byte packet");
            assertSame(buffer, p.bob.lastDeliveredBuffer, size + "-byte packet: delivered from the caller's buffer");
            assertEquals(16, p.bob.lastDeliveredOffset, size + "-byte packet: offset of the plaintext");
        }
        assertEquals(rxExpected, p.bob.device.status().peers().get(0).rxBytes(), "counted as the datagrams' lengths, not the buffer's");
        p.bob.assertNoDrops();
    }

    /** The copying path opens in a buffer of the device's, never in the caller's datagram. */
    @Test
    void receivingWithoutOwnershipDeliversFromTheDevicesOwnBuffer() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        p.alice.device.sendPacket(SECOND, p.aliceToBob(500));
        byte[] datagram = p.alice.takeSentBytes();
        byte[] copy = datagram.clone();
        p.bob.device.receiveDatagram(SECOND, p.alice.address, datagram);
        assertArrayEquals(p.aliceToBob(500), p.bob.takeDelivered().packet());
        assertNotSame(datagram, p.bob.lastDeliveredBuffer);
        assertArrayEquals(copy, datagram);
    }

    /**
     * A forged message given in place is dropped before anything is written or counted (the tag is
     * checked before decryption), and the genuine message with the same counter still arrives.
     */
    @Test
    void aForgedMessageReceivedInPlaceIsDroppedAndTheGenuineOneStillArrives() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        long rxBefore = p.bob.device.status().peers().get(0).rxBytes();
        p.alice.device.sendPacket(SECOND, p.aliceToBob(200));
        byte[] datagram = p.alice.takeSentBytes();
        byte[] forged = datagram.clone();
        forged[forged.length - 20] ^= 1;
        byte[] forgedAsSent = forged.clone();
        p.bob.device.receiveDatagramInPlace(SECOND, p.alice.address, forged, forged.length);
        p.bob.assertDropped(DropReason.BAD_TAG);
        assertArrayEquals(forgedAsSent, forged, "a refused message is left as it was");
        assertEquals(rxBefore, p.bob.device.status().peers().get(0).rxBytes());
        assertEquals(0, p.bob.pendingDelivered());

        p.bob.device.receiveDatagramInPlace(SECOND, p.alice.address, datagram, datagram.length);
        assertArrayEquals(p.aliceToBob(200), p.bob.takeDelivered().packet());
        assertEquals(rxBefore + datagram.length, p.bob.device.status().peers().get(0).rxBytes());
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
