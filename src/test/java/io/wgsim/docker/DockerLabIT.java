package io.wgsim.docker;

import static io.wgsim.docker.LabConfigs.config;
import static io.wgsim.docker.LabConfigs.iface;
import static io.wgsim.docker.LabConfigs.newKey;
import static io.wgsim.docker.LabConfigs.peer;
import static io.wgsim.docker.LabConfigs.v4;
import static io.wgsim.docker.LabConfigs.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.config.DumpPeer;
import io.wgsim.config.Endpoint;
import io.wgsim.config.WgDump;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.protocol.DeviceStatus;
import io.wgsim.protocol.PeerStatus;
import io.wgsim.real.ImpairmentRelay;
import io.wgsim.real.PeerOptions;
import io.wgsim.sim.link.Delivery;
import io.wgsim.sim.link.LinkChannel;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.link.NetemSyntax;
import io.wgsim.sim.RandomStream;
import io.wgsim.testing.Tshark;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real-peer lab against wireguard-go in Docker containers: containers with each other, the wgsim
 * peer (a {@link io.wgsim.real.RealPeer} in this JVM, bound on the bridge's gateway address) with a
 * container, both initiating, over IPv4 and IPv6 tunnel addresses, roaming both ways, through the
 * impairment relay, and a live capture that tshark decrypts. {@link LabExtension} removes every
 * container and network afterwards and fails the class if anything labelled remains.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerLabIT {
    private static final int WG_PORT = 51820;
    private static final Duration POLL = Duration.ofMillis(50);

    private DockerEngine engine;
    private SystemUnderTest sut;
    private LabNetwork lan;

    @BeforeAll
    void setUp(DockerEngine engine) {
        this.engine = engine;
        this.sut = SystemUnderTest.fromSystemProperties();
        this.lan = LabNetwork.create(engine, "lan");
    }

    private InetSocketAddress onGateway(LabNetwork network, int port) {
        return new InetSocketAddress(network.gateway(), port);
    }

    @Test
    void twoWireGuardGoContainersPingEachOtherThroughTheirTunnel() {
        int t = 1;
        PrivateKey k1 = newKey();
        PrivateKey k2 = newKey();
        WireGuardContainer c1 = WireGuardContainer.start(engine, sut, "pair1", lan);
        WireGuardContainer c2 = WireGuardContainer.start(engine, sut, "pair2", lan);
        c1.configure("wg0", config(iface(k1, WG_PORT, t, 1),
                peer(k2.publicKey(), new InetSocketAddress(c2.outerAddress(), WG_PORT), 0, t, 2)));
        c2.configure("wg0", config(iface(k2, WG_PORT, t, 2),
                peer(k1.publicKey(), new InetSocketAddress(c1.outerAddress(), WG_PORT), 0, t, 1)));

        PingResult v4 = c1.ping(v4(t, 2), 5, Duration.ofMillis(100), Duration.ofSeconds(5));
        PingResult v6 = c2.ping(v6(t, 1), 5, Duration.ofMillis(100), Duration.ofSeconds(5));
        assertTrue(v4.lossless(), "IPv4 through the tunnel: " + v4.exec());
        assertTrue(v6.lossless(), "IPv6 through the tunnel: " + v6.exec());

        DumpPeer seenBy1 = c1.dump().peer(k2.publicKey()).orElseThrow();
        assertTrue(seenBy1.hasHandshake(), "c1's dump shows a handshake: " + seenBy1);
        assertEquals(new Endpoint(c2.outerAddress(), WG_PORT), seenBy1.endpoint());
        assertTrue(seenBy1.rxBytes() > 0 && seenBy1.txBytes() > 0, seenBy1.toString());
    }
}
