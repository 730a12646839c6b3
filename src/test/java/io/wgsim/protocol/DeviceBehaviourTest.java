package io.wgsim.protocol;

import static io.wgsim.protocol.TwoPeers.SECOND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.wire.DropReason;
import io.wgsim.protocol.wire.MessageType;
import io.wgsim.protocol.wire.Protocol;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handshake, routing, roaming, replay and accounting behaviour of two devices talking to each other. */
class DeviceBehaviourTest {

    @Test
    void handshakeThenPacketsBothWaysOverIpv4AndIpv6() {
        TwoPeers p = new TwoPeers();
        byte[] ping = p.aliceToBob(56);
        p.alice.device.sendPacket(0, ping);
        p.exchange(0);
        assertArrayEquals(ping, p.bob.takeDelivered().packet());
        byte[] v6 = TestPackets.ipv6("fd00::2", "fd00::1", 100);
        p.bob.device.sendPacket(SECOND, v6);
        p.bob.flushTo(p.alice, SECOND);
        assertArrayEquals(v6, p.alice.takeDelivered().packet());
        p.alice.assertNoDrops();
        p.bob.assertNoDrops();
        assertEquals(1, p.alice.eventsOf(DeviceEvent.SessionStarted.class).size());
        assertEquals(1, p.bob.eventsOf(DeviceEvent.SessionStarted.class).size());
    }

    @Test
    void transferCountersAgreeAcrossTheTwoSides() {
        TwoPeers p = new TwoPeers();
        p.alice.device.sendPacket(0, p.aliceToBob(56));
        p.exchange(0);
        for (int i = 1; i <= 10; i++) {
            p.bob.device.sendPacket(i * SECOND, p.bobToAlice(100 + i));
            p.exchange(i * SECOND);
        }
        PeerStatus aliceSeesBob = p.alice.device.peerStatus(p.bob.publicKey());
        PeerStatus bobSeesAlice = p.bob.device.peerStatus(p.alice.publicKey());
        assertEquals(aliceSeesBob.txBytes(), bobSeesAlice.rxBytes());
        assertEquals(aliceSeesBob.rxBytes(), bobSeesAlice.txBytes());
        // 148 (initiation) + 32 + 96 (first ping, 76 bytes padded to 80, + 32) on Alice's side.
        assertEquals(Protocol.INITIATION_SIZE + 32 + 80, aliceSeesBob.txBytes());
    }

    @Test
    void paddingRoundsUpTo16AndIsCappedAtTheMtu() {
        TwoPeers p = new TwoPeers(s -> s.withMtu(1420), s -> s, java.time.Duration.ZERO);
        p.handshake(0);
        p.alice.clearOutputs();
        p.alice.device.sendPacket(SECOND, p.aliceToBob(1)); // 21 bytes -> 32
        assertEquals(32 + 32, p.alice.takeSentBytes().length);
        p.alice.device.sendPacket(SECOND, p.aliceToBob(1415 - 20)); // 1415 -> capped at 1420
        assertEquals(1420 + 32, p.alice.takeSentBytes().length);
        p.alice.device.sendPacket(SECOND, p.aliceToBob(1420 - 20)); // exactly the MTU: no padding
        assertEquals(1420 + 32, p.alice.takeSentBytes().length);
    }

    @Test
    void packetWithNoRouteIsDropped() {
        TwoPeers p = new TwoPeers();
        p.alice.device.sendPacket(0, TestPackets.ipv4("10.0.0.1", "10.9.9.9", 10));
        p.alice.assertDropped(DropReason.NO_ROUTE);
        p.alice.assertNoMoreOutputs();
    }

    @Test
    void innerSourceOutsideAllowedIpsIsDroppedAfterDecryption() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        // Bob routes to Alice but claims a source Alice does not allow for him.
        p.bob.device.sendPacket(SECOND, TestPackets.ipv4("10.0.0.99", "10.0.0.1", 10));
        p.bob.flushTo(p.alice, SECOND);
        p.alice.assertDropped(DropReason.SOURCE_NOT_ALLOWED);
        assertEquals(0, p.alice.pendingDelivered());
    }

    @Test
    void replayedTransportMessageIsDropped() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        p.bob.device.sendPacket(SECOND, p.bobToAlice(10));
        byte[] d = p.bob.takeSentBytes();
        p.alice.device.receiveDatagram(SECOND, p.bob.address, d);
        p.alice.device.receiveDatagram(SECOND, p.bob.address, d);
        assertEquals(1, p.alice.pendingDelivered());
        p.alice.assertDropped(DropReason.REPLAYED);
    }

    @Test
    void forgedTagThenGenuinePacketWithTheSameCounter() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        p.bob.device.sendPacket(SECOND, p.bobToAlice(10));
        byte[] genuine = p.bob.takeSentBytes();
        byte[] forged = genuine.clone();
        forged[forged.length - 1] ^= 1;
        p.alice.device.receiveDatagram(SECOND, p.bob.address, forged);
        p.alice.assertDropped(DropReason.BAD_TAG);
        p.alice.device.receiveDatagram(SECOND, p.bob.address, genuine);
        assertEquals(1, p.alice.pendingDelivered(), "a failed forgery must not burn the counter");
    }

    @Test
    void endpointRoamsToTheSourceOfTheLatestAuthenticatedPacket() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        InetSocketAddress moved = DeviceHarness.endpoint("198.19.7.7", 40000);
        p.alice.device.sendPacket(SECOND, p.aliceToBob(10));
        p.bob.device.receiveDatagram(SECOND, moved, p.alice.takeSentBytes());
        assertEquals(moved, p.bob.device.peerStatus(p.alice.publicKey()).endpoint());
        var changes = p.bob.eventsOf(DeviceEvent.EndpointChanged.class);
        assertEquals(moved, changes.get(changes.size() - 1).to());
        // Bob's next packet goes to the new address.
        p.bob.device.sendPacket(2 * SECOND, p.bobToAlice(10));
        assertEquals(moved, p.bob.takeSent().to());
    }

    @Test
    void unauthenticatedPacketsDoNotMoveTheEndpoint() {
        TwoPeers p = new TwoPeers();
        p.handshake(0);
        InetSocketAddress attacker = DeviceHarness.endpoint("203.0.113.9", 666);
        p.alice.device.sendPacket(SECOND, p.aliceToBob(10));
        byte[] d = p.alice.takeSentBytes();
        d[d.length - 3] ^= 0x40;
        p.bob.device.receiveDatagram(SECOND, attacker, d);
        assertEquals(p.alice.address, p.bob.device.peerStatus(p.alice.publicKey()).endpoint());
    }

    @Test
    void wrongPresharedKeyNeverCompletesAHandshake() {
        TwoPeers p = new TwoPeers();
        byte[] psk = new byte[32];
        psk[0] = 1;
        p.alice.device.addPeer(0, new PeerSettings(p.bob.publicKey(), PresharedKey.of(psk),
                List.of(Cidr.parse("10.0.0.2/32")), p.bob.address, java.time.Duration.ZERO));
        p.handshake(0);
        p.alice.assertDropped(DropReason.HANDSHAKE_DECRYPT_FAILED);
        assertTrue(p.alice.eventsOf(DeviceEvent.SessionStarted.class).isEmpty());
    }

    @Test
    void initiationForSomeoneElseFailsMac1() {
        TwoPeers p = new TwoPeers();
        p.alice.device.initiateHandshake(0, p.bob.publicKey());
        byte[] init = p.alice.takeSentBytes();
        init[Protocol.INITIATION_SIZE - 20] ^= 1; // inside mac1
        p.bob.device.receiveDatagram(0, p.alice.address, init);
        p.bob.assertDropped(DropReason.BAD_MAC1);
        p.bob.assertNoMoreOutputs();
    }

    @Test
    void initiationFromAnUnknownKeyIsRefused() {
        TwoPeers p = new TwoPeers();
        p.bob.device.removePeer(p.alice.publicKey());
        p.handshake(0);
        p.bob.assertDropped(DropReason.UNKNOWN_PEER);
    }

    @Test
    void replayedInitiationIsRefusedByItsTimestamp() {
        TwoPeers p = new TwoPeers();
        p.alice.device.initiateHandshake(0, p.bob.publicKey());
        byte[] init = p.alice.takeSentBytes();
        p.bob.device.receiveDatagram(0, p.alice.address, init);
        p.bob.takeSentBytes();
        p.bob.device.receiveDatagram(SECOND, p.alice.address, init);
        p.bob.assertDropped(DropReason.TIMESTAMP_REPLAYED);
        p.bob.assertNoMoreOutputs();
    }

    @Test
    void initiationsFasterThanThePerPeerRateAreDropped() {
        TwoPeers p = new TwoPeers(s -> s.withTimestamps(now -> io.wgsim.crypto.Tai64n.encode(1_700_000_000L + now / SECOND, (int) (now % SECOND))),
                s -> s, java.time.Duration.ZERO);
        p.alice.device.initiateHandshake(0, p.bob.publicKey());
        byte[] first = p.alice.takeSentBytes();
        p.alice.device.initiateHandshake(6 * SECOND, p.bob.publicKey());
        byte[] second = p.alice.takeSentBytes();
        long t = 100 * SECOND;
        p.bob.device.receiveDatagram(t, p.alice.address, first);
        p.bob.takeSentBytes();
        p.bob.device.receiveDatagram(t + 10_000_000L, p.alice.address, second); // 10 ms later
        p.bob.assertDropped(DropReason.INITIATION_FLOOD);
    }

    @Test
    void aPeerWithTheDevicesOwnKeyIsRefused() {
        PrivateKey k = PrivateKey.generate(Entropy.seeded(5));
        Device d = new Device(DeviceSettings.of(k), Entropy.seeded(6), new DeviceHarness(DeviceSettings.of(k), Entropy.seeded(7),
                DeviceHarness.endpoint("198.18.0.9", 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.addPeer(0, PeerSettings.of(k.publicKey(), List.of())));
        assertTrue(e.getMessage().contains("own public key"), e.getMessage());
    }

    @Test
    void simultaneousInitiationConvergesToOneWorkingSession() {
        TwoPeers p = new TwoPeers();
        p.bob.device.setEndpoint(p.alice.publicKey(), p.alice.address);
        // Both initiations cross and each side answers the other's; retransmission jitter is what
        // breaks the tie afterwards (with equal jitter both would retry in lockstep forever).
        for (int i = 0; i < 8; i++) {
            ((ScriptedEntropy) p.bob.device.entropy).queueLong(100_000_000L);
        }
        p.alice.device.sendPacket(0, p.aliceToBob(10));
        p.bob.device.sendPacket(0, p.bobToAlice(10));
        long now = 0;
        for (int round = 0; round < 10 && (p.alice.pendingDelivered() == 0 || p.bob.pendingDelivered() == 0); round++) {
            p.exchange(now);
            now = Math.min(p.alice.device.nextDeadline(), p.bob.device.nextDeadline());
            p.alice.device.tick(now);
            p.bob.device.tick(now);
        }
        assertTrue(p.alice.pendingDelivered() > 0 && p.bob.pendingDelivered() > 0, "both packets arrive");
    }

    @Test
    void malformedDatagramsAreDroppedWithTheirReason() {
        TwoPeers p = new TwoPeers();
        InetSocketAddress from = p.alice.address;
        p.bob.device.receiveDatagram(0, from, new byte[] {1, 2});
        p.bob.device.receiveDatagram(0, from, new byte[] {9, 0, 0, 0});
        byte[] shortInitiation = new byte[147];
        shortInitiation[0] = 1;
        p.bob.device.receiveDatagram(0, from, shortInitiation);
        byte[] reserved = new byte[Protocol.RESPONSE_SIZE];
        reserved[0] = 2;
        reserved[2] = 1;
        p.bob.device.receiveDatagram(0, from, reserved);
        byte[] shortTransport = new byte[31];
        shortTransport[0] = (byte) MessageType.TRANSPORT.wireValue();
        p.bob.device.receiveDatagram(0, from, shortTransport);
        assertEquals(2, p.bob.dropCount(DropReason.UNKNOWN_TYPE));
        assertEquals(2, p.bob.dropCount(DropReason.WRONG_SIZE));
        assertEquals(1, p.bob.dropCount(DropReason.RESERVED_NONZERO));
        assertEquals(5L, p.bob.device.status().drops().values().stream().mapToLong(Long::longValue).sum());
    }
}
