package io.wgsim.protocol;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Alice (10.0.0.1, initiator by convention) and Bob (10.0.0.2) wired to each other with scripted
 * entropy, for behaviour and timer tests. Datagrams move only when the test says so.
 */
final class TwoPeers {
    static final long SECOND = 1_000_000_000L;

    final DeviceHarness alice;
    final DeviceHarness bob;

    TwoPeers() {
        this(UnaryOperator.identity(), UnaryOperator.identity(), Duration.ZERO);
    }

    TwoPeers(UnaryOperator<DeviceSettings> aliceSettings, UnaryOperator<DeviceSettings> bobSettings, Duration aliceKeepalive) {
        PrivateKey a = PrivateKey.generate(io.wgsim.crypto.Entropy.seeded(11));
        PrivateKey b = PrivateKey.generate(io.wgsim.crypto.Entropy.seeded(22));
        alice = new DeviceHarness(aliceSettings.apply(DeviceSettings.of(a).withListenPort(51820)), new ScriptedEntropy(101),
                DeviceHarness.endpoint("198.18.0.1", 51820));
        bob = new DeviceHarness(bobSettings.apply(DeviceSettings.of(b).withListenPort(51821)), new ScriptedEntropy(202),
                DeviceHarness.endpoint("198.18.0.2", 51821));
        alice.device.addPeer(0, new PeerSettings(b.publicKey(), null, List.of(Cidr.parse("10.0.0.2/32"), Cidr.parse("fd00::2/128")),
                bob.address, aliceKeepalive));
        bob.device.addPeer(0, new PeerSettings(a.publicKey(), null, List.of(Cidr.parse("10.0.0.1/32"), Cidr.parse("fd00::1/128")),
                null, Duration.ZERO));
    }

    /** Alice pings Bob at {@code now} and all datagrams are exchanged until quiet; returns Bob's deliveries. */
    void handshake(long now) {
        alice.device.initiateHandshake(now, bob.publicKey());
        exchange(now);
    }

    /** Moves datagrams back and forth until neither side has anything to send. */
    void exchange(long now) {
        while (alice.pendingSent() > 0 || bob.pendingSent() > 0) {
            alice.flushTo(bob, now);
            bob.flushTo(alice, now);
        }
    }

    byte[] aliceToBob(int size) {
        return TestPackets.ipv4("10.0.0.1", "10.0.0.2", size);
    }

    byte[] bobToAlice(int size) {
        return TestPackets.ipv4("10.0.0.2", "10.0.0.1", size);
    }
}
