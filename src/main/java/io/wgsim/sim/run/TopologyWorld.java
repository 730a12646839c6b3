package io.wgsim.sim.run;

import io.wgsim.net.Cidr;
import io.wgsim.protocol.DeviceSettings;
import io.wgsim.protocol.PeerSettings;
import io.wgsim.sim.Simulator;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.link.NetemSyntax;
import io.wgsim.sim.nat.NatBox;
import io.wgsim.sim.world.BulkApp;
import io.wgsim.sim.world.CbrApp;
import io.wgsim.sim.world.Host;
import io.wgsim.sim.world.PingApp;
import io.wgsim.sim.world.TrafficApp;
import io.wgsim.sim.world.Trace;
import io.wgsim.sim.world.World;
import io.wgsim.topology.Nat;
import io.wgsim.topology.NatBehaviour;
import io.wgsim.topology.Node;
import io.wgsim.topology.Peer;
import io.wgsim.topology.Topology;
import io.wgsim.topology.TopologyEvent;
import io.wgsim.topology.Traffic;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a resolved {@link Topology} into a running {@link World}: networks, NATs, hosts with their
 * WireGuard configuration, the scripted events and the traffic applications, all scheduled on the
 * simulator. Nodes bring their interfaces up at seeded random times within the first
 * {@link #STARTUP_WINDOW} (real networks do not start in lockstep).
 */
public final class TopologyWorld {
    /** Interfaces come up spread over this much virtual time. */
    static final Duration STARTUP_WINDOW = Duration.ofSeconds(5);

    private final Topology topology;
    private final World world;
    private final List<TrafficApp> apps = new ArrayList<>();

    private TopologyWorld(Topology topology, World world) {
        this.topology = topology;
        this.world = world;
    }

    public World world() {
        return world;
    }

    public List<TrafficApp> apps() {
        return List.copyOf(apps);
    }

    public static TopologyWorld build(Topology t, Simulator sim, Trace trace, long epochNanos, boolean keyLog,
                                      java.util.function.Consumer<Host> onHost) {
        World world = new World(sim, trace);
        TopologyWorld tw = new TopologyWorld(t, world);
        for (Nat nat : t.nats()) {
            world.addNat(nat.name(), behaviour(nat.mapping()), behaviour(nat.filtering()), nat.publicAddress(), nat.timeout());
        }
        for (io.wgsim.topology.Network n : t.networks()) {
            world.addNetwork(n.name(), n.subnet(), n.behindNat() == null ? null : world.nat(n.behindNat()));
        }
        var startup = sim.random("startup");
        for (Node node : t.nodes()) {
            var wg = node.wireguard();
            DeviceSettings settings = DeviceSettings.of(wg.privateKey()).withListenPort(wg.listenPort()).withMtu(wg.mtu())
                    .withEpochNanos(epochNanos).withKeyLog(keyLog);
            Host host = world.addHost(node.name(), node.network(), node.address(), model(node.link().up()),
                    model(node.link().down()), settings, wg.addresses());
            onHost.accept(host);
            long upAt = startup.nextLong(STARTUP_WINDOW.toNanos());
            sim.scheduleAt(upAt, () -> {
                for (Peer p : wg.peers()) {
                    host.configurePeer(settingsOf(p));
                }
            });
        }
        for (TopologyEvent e : t.events()) {
            sim.scheduleAt(e.at().toNanos(), () -> tw.apply(e));
        }
        int index = 0;
        for (Traffic traffic : t.traffic()) {
            tw.apps.add(tw.start(traffic, ++index));
        }
        return tw;
    }

    static PeerSettings settingsOf(Peer p) {
        return new PeerSettings(p.publicKey(), p.presharedKey(), p.allowedIps(), p.endpoint(), p.persistentKeepalive());
    }

    static LinkModel model(String netem) {
        return netem == null || netem.isBlank() ? LinkModel.IDEAL : NetemSyntax.parse(netem);
    }

    private static NatBox.Mapping behaviour(NatBehaviour b) {
        return switch (b) {
            case ENDPOINT_INDEPENDENT -> NatBox.Mapping.ENDPOINT_INDEPENDENT;
            case ADDRESS_DEPENDENT -> NatBox.Mapping.ADDRESS_DEPENDENT;
            case ADDRESS_AND_PORT_DEPENDENT -> NatBox.Mapping.ADDRESS_AND_PORT_DEPENDENT;
        };
    }

    // ---- scripted events ----

    private void apply(TopologyEvent e) {
        Simulator sim = world.simulator();
        long now = sim.now();
        if (e instanceof TopologyEvent.Move m) {
            world.move(world.host(m.node()), m.network(), m.address());
        } else if (e instanceof TopologyEvent.LinkChange c) {
            world.host(c.node()).link().change(model(c.link().up()), model(c.link().down()));
            world.trace().action(now, c.node(), "link_changed", List.of(c.link().up(), c.link().down()));
        } else if (e instanceof TopologyEvent.Restart r) {
            world.host(r.node()).restart();
            world.trace().action(now, r.node(), "restarted", List.of());
        } else if (e instanceof TopologyEvent.RotateKey k) {
            rotateKey(world.host(k.node()), k);
        } else if (e instanceof TopologyEvent.Partition p) {
            Host h = world.host(p.node());
            long end = p.duration() == null ? Long.MAX_VALUE / 2 : now + p.duration().toNanos();
            LinkModel up = h.link().up().model().toBuilder().partition(Duration.ofNanos(now), Duration.ofNanos(end)).build();
            LinkModel down = h.link().down().model().toBuilder().partition(Duration.ofNanos(now), Duration.ofNanos(end)).build();
            h.link().change(up, down);
            world.trace().action(now, p.node(), "partitioned", List.of(p.duration() == null ? "until the end" : p.duration().toString()));
        } else if (e instanceof TopologyEvent.Rebind r) {
            NatBox nat = world.nat(r.nat());
            world.rebind(nat, r.publicAddress().equals(nat.publicAddress()) ? null : r.publicAddress());
        }
    }

    private void rotateKey(Host host, TopologyEvent.RotateKey k) {
        var oldKey = host.publicKey();
        var newKey = host.changeKey(k.key().privateKey());
        for (Host other : world.hosts()) {
            for (PeerSettings p : other.peers()) {
                if (p.publicKey().equals(oldKey)) {
                    other.removePeer(oldKey);
                    other.configurePeer(new PeerSettings(newKey, p.presharedKey(), p.allowedIps(), p.endpoint(),
                            p.persistentKeepalive()));
                }
            }
        }
        world.trace().action(world.simulator().now(), host.name(), "key_rotated", List.of(newKey.toBase64()));
    }

    // ---- traffic ----

    private TrafficApp start(Traffic t, int index) {
        Host from = world.host(t.from());
        byte[] to = t.to().address().getAddress();
        long start = t.start().toNanos();
        if (t instanceof Traffic.Ping p) {
            long stop = p.stop() == null ? Long.MAX_VALUE : p.stop().toNanos();
            return new PingApp(from, to, start, p.interval().toNanos(), p.size(), p.count(), index, stop);
        }
        Host target = owner(t.to());
        if (t instanceof Traffic.Cbr c) {
            long stop = c.stop() == null ? Long.MAX_VALUE : c.stop().toNanos();
            return new CbrApp(from, target, to, c.port(), c.rateBitsPerSecond(), c.size(), start, stop);
        }
        Traffic.Bulk b = (Traffic.Bulk) t;
        return new BulkApp(from, target, to, b.port(), b.bytes(), start);
    }

    private Host owner(Traffic.Target target) {
        if (target.node() != null) {
            return world.host(target.node());
        }
        InetAddress a = target.address();
        for (Host h : world.hosts()) {
            for (Cidr c : h.tunnelAddresses()) {
                if (Arrays.equals(c.address().getAddress(), a.getAddress())) {
                    return h;
                }
            }
        }
        throw new IllegalArgumentException("traffic to " + a.getHostAddress() + ": no node has that tunnel address");
    }
}
