package io.wgsim.protocol;

import static io.wgsim.protocol.TwoPeers.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.MessageType;
import io.wgsim.protocol.wire.Protocol;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each timer rule of wireguard-facts.md, checked with a fake clock (driver time in nanoseconds). */
class TimerRulesTest {

    private static int typeOf(byte[] datagram) {
        return datagram[0];
    }

    /** Runs alice's timers at every deadline up to {@code until}, collecting what she sends. */
    private static int runUntil(DeviceHarness h, long until, MessageType type) {
        int count = 0;
        long next;
        while ((next = h.device.nextDeadline()) <= until) {
            h.device.tick(next);
            while (h.pendingSent() > 0) {
                if (typeOf(h.takeSentBytes()) == type.wireValue()) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void unansweredInitiationIsRetransmittedEveryRekeyTimeoutThenGivenUp() {
        TwoPeers p = new TwoPeers();
        p.alice.device.sendPacket(0, p.aliceToBob(40)); // staged, triggers the first initiation
        assertEquals(MessageType.INITIATION.wireValue(), typeOf(p.alice.takeSentBytes()));

        // The first retry comes exactly REKEY_TIMEOUT later (jitter scripted to zero).
        assertEquals(Protocol.REKEY_TIMEOUT.toNanos(), p.alice.device.nextDeadline());
        int retries = runUntil(p.alice, 200 * SECOND, MessageType.INITIATION);
        // Kernel and wireguard-go: give up when attempts exceed MAX_TIMER_HANDSHAKES, i.e. after
        // MAX_TIMER_HANDSHAKES + 2 initiations in all.
        assertEquals(Protocol.MAX_TIMER_HANDSHAKES + 1, retries);
        var gaveUp = p.alice.eventsOf(DeviceEvent.HandshakeGaveUp.class);
        assertEquals(1, gaveUp.size());
        assertEquals((Protocol.MAX_TIMER_HANDSHAKES + 2) * Protocol.REKEY_TIMEOUT.toNanos(), gaveUp.get(0).at());
        assertEquals(1, p.alice.dropCount(DropReason.HANDSHAKE_GAVE_UP), "the staged packet is dropped on give-up");

        // Key material is zeroed 3 x REJECT_AFTER_TIME after giving up.
        runUntil(p.alice, 2000 * SECOND, MessageType.INITIATION);
        var zeroed = p.alice.eventsOf(DeviceEvent.KeysZeroed.class);
        assertEquals(1, zeroed.size());
        assertEquals(gaveUp.get(0).at() + Protocol.ZERO_KEYS_AFTER.toNanos(), zeroed.get(0).at());
        assertEquals(Long.MAX_VALUE, p.alice.device.nextDeadline(), "nothing left to do");
    }

    @Test
    void retransmissionAddsJitter() {
        TwoPeers p = new TwoPeers();
        ((ScriptedEntropy) p.alice.device.entropy).queueLong(250_000_000L);
        p.alice.device.initiateHandshake(0, p.bob.publicKey());
        p.alice.takeSentBytes();
        assertEquals(Protocol.REKEY_TIMEOUT.toNanos() + 250_000_000L, p.alice.device.nextDeadline());
    }

    @Test
    void initiationsGoOutAtMostOncePerRekeyTimeout() {
        TwoPeers p = new TwoPeers();
        p.alice.device.initiateHandshake(0, p.bob.publicKey());
        p.alice.device.initiateHandshake(SECOND, p.bob.publicKey());
        p.alice.device.sendPacket(2 * SECOND, p.aliceToBob(10));
        assertEquals(1, p.alice.pendingSent());
        p.alice.device.initiateHandshake(5 * SECOND, p.bob.publicKey());
        assertEquals(2, p.alice.pendingSent());
    }

    @Test
    void passiveKeepaliveFollowsReceivedDataButNotReceivedKeepalives() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        long t = SECOND;
        p.bob.device.sendPacket(t, p.bobToAlice(100));
        p.bob.flushTo(p.alice, t);
        p.alice.takeDelivered();
        assertEquals(0, p.alice.pendingSent());
        // Alice stays silent: KEEPALIVE_TIMEOUT later she sends a keepalive.
        long due = t + Protocol.KEEPALIVE_TIMEOUT.toNanos();
        p.alice.device.tick(due - 1);
        assertEquals(0, p.alice.pendingSent());
        p.alice.device.tick(due);
        byte[] keepalive = p.alice.takeSentBytes();
        assertEquals(Protocol.TRANSPORT_MIN_SIZE, keepalive.length);

        // Bob receives that keepalive: it must not make him answer with one (no ping-pong).
        p.bob.device.receiveDatagram(due, p.alice.address, keepalive);
        int bobSent = runUntil(p.bob, due + 60 * SECOND, MessageType.TRANSPORT);
        assertEquals(0, bobSent, "a received keepalive does not arm a keepalive");
    }

    @Test
    void sendingDataIsEnoughToCancelThePassiveKeepalive() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        p.bob.device.sendPacket(SECOND, p.bobToAlice(100));
        p.bob.flushTo(p.alice, SECOND);
        p.alice.device.sendPacket(2 * SECOND, p.aliceToBob(100)); // reply within the timeout
        p.alice.takeSentBytes();
        p.alice.device.tick(SECOND + Protocol.KEEPALIVE_TIMEOUT.toNanos());
        assertEquals(0, p.alice.pendingSent());
    }

    @Test
    void newHandshakeWhenDataSentAndNothingHeardFor15Seconds() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        long t = 2 * SECOND;
        p.alice.device.sendPacket(t, p.aliceToBob(100));
        p.alice.takeSentBytes(); // lost: Bob never answers
        long due = t + Protocol.NEW_HANDSHAKE_AFTER.toNanos();
        p.alice.device.tick(due - 1);
        assertEquals(0, p.alice.pendingSent());
        p.alice.device.tick(due);
        assertEquals(MessageType.INITIATION.wireValue(), typeOf(p.alice.takeSentBytes()));
    }

    @Test
    void persistentKeepaliveFillsOutboundSilence() {
        TwoPeers p = new TwoPeers(UnaryOperator.identity(), UnaryOperator.identity(), Duration.ofSeconds(25));
        // Configuring a peer with a persistent keepalive and an endpoint starts a handshake at once.
        assertEquals(MessageType.INITIATION.wireValue(), typeOf(p.alice.takeSentBytes()));
        p.alice.device.initiateHandshake(5 * SECOND, p.bob.publicKey());
        p.exchange(5 * SECOND);
        long last = 5 * SECOND;
        int keepalives = 0;
        for (int i = 0; i < 4; i++) {
            long next = p.alice.device.nextDeadline();
            p.alice.device.tick(next);
            if (p.alice.pendingSent() > 0) {
                byte[] d = p.alice.takeSentBytes();
                if (d.length == Protocol.TRANSPORT_MIN_SIZE) {
                    assertEquals(25 * SECOND, next - last, "keepalive interval");
                    last = next;
                    keepalives++;
                }
            }
        }
        assertTrue(keepalives >= 3, "persistent keepalives sent: " + keepalives);
    }

    @Test
    void initiatorRekeysWhenSendingOnAKeypairOlderThanRekeyAfterTime() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        long before = Protocol.REKEY_AFTER_TIME.toNanos() - 1;
        p.alice.device.sendPacket(before, p.aliceToBob(10));
        assertEquals(1, p.alice.pendingSent(), "data only");
        p.alice.takeSentBytes();
        long after = Protocol.REKEY_AFTER_TIME.toNanos();
        p.alice.device.sendPacket(after, p.aliceToBob(10));
        assertEquals(MessageType.TRANSPORT.wireValue(), typeOf(p.alice.takeSentBytes()));
        assertEquals(MessageType.INITIATION.wireValue(), typeOf(p.alice.takeSentBytes()));

        // The responder of that keypair does not rekey on time (no thundering herd).
        p.bob.device.sendPacket(after + SECOND, p.bobToAlice(10));
        assertEquals(1, p.bob.pendingSent());
        assertEquals(MessageType.TRANSPORT.wireValue(), typeOf(p.bob.takeSentBytes()));
    }

    @Test
    void initiatorRekeysPastRekeyAfterMessages() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        Peer bob = p.alice.device.peers.get(p.bob.publicKey());
        bob.keypairs.current.sendCounter = Protocol.REKEY_AFTER_MESSAGES + 1;
        // Past REKEY_TIMEOUT since the first initiation, so the rekey is not rate-limited.
        p.alice.device.sendPacket(10 * SECOND, p.aliceToBob(10));
        assertEquals(MessageType.TRANSPORT.wireValue(), typeOf(p.alice.takeSentBytes()));
        assertEquals(MessageType.INITIATION.wireValue(), typeOf(p.alice.takeSentBytes()));
    }

    @Test
    void noKeypairSendsPastRejectAfterMessages() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        Peer bob = p.alice.device.peers.get(p.bob.publicKey());
        bob.keypairs.current.sendCounter = Protocol.REJECT_AFTER_MESSAGES;
        p.alice.device.sendPacket(10 * SECOND, p.aliceToBob(10));
        assertEquals(MessageType.INITIATION.wireValue(), typeOf(p.alice.takeSentBytes()));
        assertEquals(0, p.alice.pendingSent(), "the packet waits for the new session");
    }

    @Test
    void initiatorRekeysOnceWhenReceivingOnAKeypairNear180Seconds() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        long at = Protocol.REKEY_ON_RECEIVE_AFTER.toNanos();
        // Bob (responder) sends just before: Alice does not rekey yet.
        p.bob.device.sendPacket(at - 1, p.bobToAlice(10));
        p.bob.flushTo(p.alice, at - 1);
        assertEquals(0, p.alice.pendingSent());
        p.bob.device.sendPacket(at, p.bobToAlice(10));
        p.bob.flushTo(p.alice, at);
        assertEquals(MessageType.INITIATION.wireValue(), typeOf(p.alice.takeSentBytes()));
        // Only once, even past REKEY_TIMEOUT, until a handshake completes.
        p.bob.device.sendPacket(at + 6 * SECOND, p.bobToAlice(10));
        p.bob.flushTo(p.alice, at + 6 * SECOND);
        assertEquals(0, p.alice.pendingSent());
    }

    @Test
    void keypairIsNotUsedPastRejectAfterTime() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        long at = Protocol.REJECT_AFTER_TIME.toNanos();
        p.alice.device.sendPacket(at, p.aliceToBob(10));
        assertEquals(MessageType.INITIATION.wireValue(), typeOf(p.alice.takeSentBytes()));
        assertEquals(0, p.alice.pendingSent());

        // Bob's keypair is as old: a transport message sealed just before expiry is refused after it.
        p.bob.device.sendPacket(at - 1, p.bobToAlice(10));
        byte[] late = p.bob.takeSentBytes();
        p.alice.device.receiveDatagram(at, p.bob.address, late);
        p.alice.assertDropped(DropReason.KEYPAIR_EXPIRED);
        assertEquals(0, p.alice.pendingDelivered());
    }

    @Test
    void keyMaterialIsZeroed540SecondsAfterTheLastSession() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        byte[] old = null;
        p.bob.device.sendPacket(SECOND, p.bobToAlice(10));
        old = p.bob.takeSentBytes();
        long due = Protocol.ZERO_KEYS_AFTER.toNanos();
        p.alice.device.tick(due - 1);
        assertTrue(p.alice.eventsOf(DeviceEvent.KeysZeroed.class).isEmpty());
        p.alice.device.tick(due);
        assertEquals(1, p.alice.eventsOf(DeviceEvent.KeysZeroed.class).size());
        assertEquals(null, p.alice.device.peers.get(p.bob.publicKey()).keypairs.current);
        p.alice.device.receiveDatagram(due, p.bob.address, old);
        p.alice.assertDropped(DropReason.UNKNOWN_INDEX);
    }

    @Test
    void aCompletedHandshakeStopsRetransmission() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        assertFalse(p.alice.eventsOf(DeviceEvent.SessionStarted.class).isEmpty());
        int initiations = runUntil(p.alice, 60 * SECOND, MessageType.INITIATION);
        assertEquals(0, initiations);
    }
}
