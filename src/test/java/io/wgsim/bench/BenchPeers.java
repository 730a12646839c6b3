package io.wgsim.bench;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import io.wgsim.protocol.Device;
import io.wgsim.protocol.DeviceSettings;
import io.wgsim.protocol.PeerSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Two devices wired to each other in memory, as the benchmarks use them: alice (10.0.0.1, the
 * initiator) knows bob's endpoint; bob learns alice's from her first initiation. Default settings
 * (MTU 1420, wireguard-go's replay window and under-load threshold), seeded entropy.
 */
final class BenchPeers {
    static final long SECOND = 1_000_000_000L;

    final PrivateKey aliceKey = PrivateKey.generate(Entropy.seeded(11));
    final PrivateKey bobKey = PrivateKey.generate(Entropy.seeded(22));
    final InetSocketAddress aliceAddress = new InetSocketAddress(IpAddresses.parse("198.18.0.1"), 51820);
    final InetSocketAddress bobAddress = new InetSocketAddress(IpAddresses.parse("198.18.0.2"), 51821);
    final BenchSink aliceSink = new BenchSink();
    final BenchSink bobSink = new BenchSink();
    final Device alice = new Device(DeviceSettings.of(aliceKey).withListenPort(51820), Entropy.seeded(101), aliceSink);
    final Device bob = new Device(DeviceSettings.of(bobKey).withListenPort(51821), Entropy.seeded(202), bobSink);

    BenchPeers() {
        alice.addPeer(0, new PeerSettings(bobKey.publicKey(), null, List.of(Cidr.parse("10.0.0.2/32")), bobAddress,
                Duration.ZERO));
        bob.addPeer(0, new PeerSettings(aliceKey.publicKey(), null, List.of(Cidr.parse("10.0.0.1/32")), null,
                Duration.ZERO));
    }

    /**
     * One full handshake at {@code now}: alice's initiation, bob's response, and alice's keepalive that
     * confirms the session to bob. Afterwards both sides send on the new keypair. {@code now} must be
     * at least REKEY_TIMEOUT after the previous call, or alice will not initiate.
     */
    void handshake(long now) {
        alice.initiateHandshake(now, bobKey.publicKey());
        bob.receiveDatagram(now, aliceAddress, aliceSink.take());
        alice.receiveDatagram(now, bobAddress, bobSink.take());
        bob.receiveDatagram(now, aliceAddress, aliceSink.take());
    }

    /** An IPv4 UDP packet from alice to bob of exactly {@code totalLength} bytes. */
    static byte[] aliceToBob(int totalLength) {
        byte[] payload = new byte[totalLength - 28];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        byte[] p = IpPackets.udp(IpAddresses.parse("10.0.0.1").getAddress(), IpAddresses.parse("10.0.0.2").getAddress(),
                40000, 9, payload);
        if (p.length != totalLength) {
            throw new IllegalStateException("built a " + p.length + "-byte packet, wanted " + totalLength);
        }
        return p;
    }
}
