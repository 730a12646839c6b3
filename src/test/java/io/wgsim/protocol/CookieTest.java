package io.wgsim.protocol;

import static io.wgsim.protocol.TwoPeers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.MessageType;
import io.wgsim.protocol.wire.Protocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cookie mechanism: MAC2 under load, cookie replies, their binding to the source address. */
class CookieTest {

    /** Bob is always under load (threshold 0); Alice is a normal initiator. */
    private static TwoPeers underLoad() {
        return new TwoPeers(s -> s, s -> s.withUnderLoadThreshold(0), Duration.ZERO);
    }

    @Test
    void underLoadAnInitiationWithoutCookieGetsACookieReplyThenTheRetrySucceeds() {
        TwoPeers p = underLoad();
        p.alice.device.sendPacket(0, p.aliceToBob(10));
        p.alice.flushTo(p.bob, 0);
        p.bob.assertDropped(DropReason.COOKIE_REQUIRED);
        byte[] reply = p.bob.takeSentBytes();
        assertEquals(MessageType.COOKIE_REPLY.wireValue(), reply[0]);
        assertEquals(Protocol.COOKIE_REPLY_SIZE, reply.length);
        p.bob.assertNoMoreOutputs();

        p.alice.device.receiveDatagram(0, p.bob.address, reply);
        assertEquals(1, p.alice.eventsOf(DeviceEvent.CookieReceived.class).size());
        p.alice.assertNoMoreOutputs();

        // The retransmission 5 s later carries mac2 and gets through.
        long retry = p.alice.device.nextDeadline();
        p.alice.device.tick(retry);
        byte[] second = p.alice.takeSentBytes();
        assertTrue(hasMac2(second), "retransmitted initiation carries mac2");
        p.bob.device.receiveDatagram(retry, p.alice.address, second);
        p.bob.flushTo(p.alice, retry);
        p.exchange(retry);
        assertEquals(1, p.bob.pendingDelivered(), "the staged packet arrives");
    }

    @Test
    void aCookieReplyNeverChangesTheEndpoint() {
        TwoPeers p = underLoad();
        p.alice.device.initiateHandshake(0, p.bob.publicKey());
        p.alice.flushTo(p.bob, 0);
        byte[] reply = p.bob.takeSentBytes();
        InetSocketAddress elsewhere = DeviceHarness.endpoint("198.19.9.9", 9999);
        p.alice.device.receiveDatagram(0, elsewhere, reply);
        assertEquals(p.bob.address, p.alice.device.peerStatus(p.bob.publicKey()).endpoint());
        assertTrue(p.alice.eventsOf(DeviceEvent.EndpointChanged.class).isEmpty());
    }

    @Test
    void mac2WithABitFlipIsNotAccepted() {
        TwoPeers p = underLoad();
        byte[] withCookie = initiationWithCookie(p);
        withCookie[Initiation.MAC2_OFFSET + 3] ^= 0x10;
        p.bob.device.receiveDatagram(10 * SECOND, p.alice.address, withCookie);
        assertEquals(2, p.bob.dropCount(DropReason.COOKIE_REQUIRED));
        assertEquals(MessageType.COOKIE_REPLY.wireValue(), p.bob.takeSentBytes()[0]);
    }

    @Test
    void aCookieIsBoundToTheSourceAddressAndPort() {
        TwoPeers p = underLoad();
        byte[] withCookie = initiationWithCookie(p);
        InetSocketAddress otherPort = new InetSocketAddress(p.alice.address.getAddress(), p.alice.address.getPort() + 1);
        p.bob.device.receiveDatagram(10 * SECOND, otherPort, withCookie);
        assertEquals(2, p.bob.dropCount(DropReason.COOKIE_REQUIRED));
        p.bob.clearOutputs();
        InetSocketAddress otherHost = DeviceHarness.endpoint("198.18.0.77", p.alice.address.getPort());
        p.bob.device.receiveDatagram(10 * SECOND, otherHost, withCookie);
        assertEquals(3, p.bob.dropCount(DropReason.COOKIE_REQUIRED));
        // From the right address the same message is accepted.
        p.bob.clearOutputs();
        p.bob.device.receiveDatagram(10 * SECOND, p.alice.address, withCookie);
        assertEquals(3, p.bob.dropCount(DropReason.COOKIE_REQUIRED));
        assertEquals(MessageType.RESPONSE.wireValue(), p.bob.takeSentBytes()[0]);
    }

    @Test
    void underLoadTheRateLimiterRefusesASourceBeyondItsBurst() {
        TwoPeers p = underLoad();
        byte[] withCookie = initiationWithCookie(p);
        // Replays of one valid message: each passes mac1/mac2 and is counted by the rate limiter.
        long t = 10 * SECOND;
        for (int i = 0; i < 10; i++) {
            p.bob.device.receiveDatagram(t, p.alice.address, withCookie);
        }
        assertEquals(Protocol.RATE_LIMIT_BURST, 10 - p.bob.dropCount(DropReason.RATE_LIMITED));
    }

    @Test
    void notUnderLoadMac2IsIgnored() {
        TwoPeers p = new TwoPeers();
        p.alice.device.initiateHandshake(0, p.bob.publicKey());
        byte[] init = p.alice.takeSentBytes();
        init[Initiation.MAC2_OFFSET] ^= 1; // garbage mac2
        p.bob.device.receiveDatagram(0, p.alice.address, init);
        assertEquals(MessageType.RESPONSE.wireValue(), p.bob.takeSentBytes()[0]);
    }

    @Test
    void loadThresholdIsAPropertyOfTheDevice() {
        TwoPeers p = new TwoPeers(s -> s, s -> s.withUnderLoadThreshold(3), Duration.ZERO);
        PrivateKey stranger = PrivateKey.generate(Entropy.seeded(99));
        // Handshake messages from strangers with a valid mac1 count toward load.
        DeviceHarness mallory = new DeviceHarness(DeviceSettings.of(stranger), Entropy.seeded(98), DeviceHarness.endpoint("198.18.5.5", 5));
        mallory.device.addPeer(0, io.wgsim.protocol.PeerSettings.of(p.bob.publicKey(), java.util.List.of()).withEndpoint(p.bob.address));
        for (int i = 0; i < 3; i++) {
            mallory.device.initiateHandshake(i * 6 * SECOND, p.bob.publicKey());
            p.bob.device.receiveDatagram(20 * SECOND, mallory.address, mallory.takeSentBytes());
        }
        assertEquals(2, p.bob.dropCount(DropReason.UNKNOWN_PEER));
        assertEquals(1, p.bob.dropCount(DropReason.COOKIE_REQUIRED), "the third message in a second trips the threshold");
    }

    /** Alice gets a cookie from Bob and returns her next initiation, which carries mac2. */
    private static byte[] initiationWithCookie(TwoPeers p) {
        p.alice.device.initiateHandshake(0, p.bob.publicKey());
        p.alice.flushTo(p.bob, 0);
        p.bob.flushTo(p.alice, 0);
        p.alice.device.initiateHandshake(6 * SECOND, p.bob.publicKey());
        byte[] init = p.alice.takeSentBytes();
        assertTrue(hasMac2(init));
        return init;
    }

    private static boolean hasMac2(byte[] message) {
        for (int i = Initiation.MAC2_OFFSET; i < Initiation.MAC2_OFFSET + Protocol.MAC_LENGTH; i++) {
            if (message[i] != 0) {
                return true;
            }
        }
        return false;
    }
}
