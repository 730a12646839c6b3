package io.wgsim.sim.world;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.DeviceSettings;
import io.wgsim.protocol.PeerSettings;
import io.wgsim.sim.Simulator;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.link.NetemSyntax;
import io.wgsim.sim.nat.NatBox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server on the internet and a client (optionally behind a NAT) with configurable access links: the
 * smallest world for scenario tests. Device events are collected per host.
 */
final class TwoHostWorld implements Trace {
    static final long S = 1_000_000_000L;

    final Simulator sim;
    final World world;
    final Host server;
    final Host client;
    final NatBox nat;
    final List<DeviceEvent> serverEvents = new ArrayList<>();
    final List<DeviceEvent> clientEvents = new ArrayList<>();
    /** Another trace that also sees what crosses links (tests that inspect packets). */
    Trace extra = Trace.NONE;

    TwoHostWorld(long seed, String clientLink, boolean behindNat, Duration keepalive) {
        sim = new Simulator(seed);
        world = new World(sim, this);
        world.addNetwork("internet", Cidr.parse("198.18.0.0/16"), null);
        if (behindNat) {
            nat = world.addNat("cgnat", NatBox.Mapping.ENDPOINT_INDEPENDENT, IpAddresses.parse("198.18.255.1"), Duration.ofSeconds(30));
            world.addNetwork("mobile", Cidr.parse("198.19.0.0/16"), nat);
        } else {
            nat = null;
        }
        PrivateKey sk = PrivateKey.generate(sim.random("key:server"));
        PrivateKey ck = PrivateKey.generate(sim.random("key:client"));
        LinkModel ideal = NetemSyntax.parse("delay 10ms");
        LinkModel lossy = NetemSyntax.parse(clientLink);
        server = world.addHost("server", "internet", null, ideal, ideal,
                DeviceSettings.of(sk).withListenPort(51820).withEpochNanos(1_764_000_000L * S), List.of(Cidr.parse("10.8.0.1/24")));
        client = world.addHost("client", behindNat ? "mobile" : "internet", null, lossy, lossy,
                DeviceSettings.of(ck).withListenPort(51820).withEpochNanos(1_764_000_000L * S), List.of(Cidr.parse("10.8.0.2/24")));
        server.configurePeer(new PeerSettings(ck.publicKey(), null, List.of(Cidr.parse("10.8.0.2/32")), null, Duration.ZERO));
        client.configurePeer(new PeerSettings(sk.publicKey(), null, List.of(Cidr.parse("10.8.0.0/24")),
                server.socketAddress(), keepalive));
    }

    @Override public void packet(long at, Host host, boolean uplink, java.net.InetSocketAddress source,
                                 java.net.InetSocketAddress destination, byte[] payload) {
        extra.packet(at, host, uplink, source, destination, payload);
    }

    @Override public void device(Host host, DeviceEvent event) {
        (host == server ? serverEvents : clientEvents).add(event);
    }

    <E extends DeviceEvent> List<E> events(List<DeviceEvent> from, Class<E> type) {
        List<E> out = new ArrayList<>();
        for (DeviceEvent e : from) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    byte[] serverTunnelAddress() {
        return IpAddresses.parse("10.8.0.1").getAddress();
    }
}
