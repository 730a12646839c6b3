package io.wgsim.lab;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.crypto.Tai64n;
import io.wgsim.net.Cidr;
import io.wgsim.net.InnerPacket;
import io.wgsim.net.IpAddresses;
import io.wgsim.net.IpPackets;
import io.wgsim.net.UdpDatagram;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.DeviceSettings;
import io.wgsim.protocol.PeerSettings;
import io.wgsim.protocol.PeerStatus;
import io.wgsim.sim.RandomStream;
import io.wgsim.sim.Simulator;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.nat.NatBox;
import io.wgsim.sim.world.Host;
import io.wgsim.sim.world.Network;
import io.wgsim.sim.world.World;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A {@link Lab} in the simulator: every peer is wgsim's core on a simulated host, time is virtual (a
 * 180 s wait costs milliseconds), and the run is a function of the seed. Every datagram entering the
 * outer network goes to one capture with the key log inside, as seen where it entered the network
 * (after the sender's NAT).
 */
public final class SimLab implements Lab {
    /** Unix time at virtual time 0, so handshake times and capture timestamps look like real ones. */
    public static final long EPOCH_NANOS = 1_764_000_000L * 1_000_000_000L;
    /** Each access link's one-way delay unless a scenario impairs it. */
    public static final LinkModel DEFAULT_LINK = LinkModel.builder().delay(Duration.ofMillis(1)).build();
    private static final Duration POLL = Duration.ofMillis(10);

    private final long seed;
    private final Simulator sim;
    private final World world;
    private final SimRecorder recorder;
    private final Path capture;
    private final Map<String, LabPeer> peers = new LinkedHashMap<>();
    private final Map<String, Host> attackers = new LinkedHashMap<>();
    private final Map<String, NatBox> natsByNetwork = new LinkedHashMap<>();
    private int natCount;
    private int pingIdentifier;
    private boolean closed;

    /** A peer's host and what the lab keeps about it. */
    private static final class LabPeer {
        final PeerRole role;
        final List<Cidr> tunnelAddresses;
        Host host;
        PrivateKey key;
        int keyGeneration;
        long clockShiftNanos;
        boolean forwarding;
        final Map<Integer, Long> udpByPort = new TreeMap<>();

        LabPeer(PeerRole role, List<Cidr> tunnelAddresses) {
            this.role = role;
            this.tunnelAddresses = List.copyOf(tunnelAddresses);
        }
    }

    /**
     * A lab whose every random choice derives from {@code seed}, writing its capture to {@code capture}
     * (null: no capture, for seed sweeps).
     */
    public SimLab(long seed, Path capture) {
        this.seed = seed;
        this.sim = new Simulator(seed);
        this.capture = capture;
        this.recorder = new SimRecorder(capture, EPOCH_NANOS, this::nodeAt);
        this.world = new World(sim, recorder);
        recorder.addListener(this::delivered);
    }

    public long seed() {
        return seed;
    }

    @Override public String backend() {
        return "sim";
    }

    // ---- building ----

    @Override public void addNetwork(String name, Cidr subnet) {
        world.addNetwork(name, subnet, null);
    }

    @Override public void addNattedNetwork(String name, Cidr subnet, Duration mappingTimeout) {
        // NAT public addresses come from 198.19.255.0/24, inside the lab range 198.18.0.0/15.
        InetAddress publicAddress = IpAddresses.parse("198.19.255." + (++natCount));
        NatBox nat = world.addNat("nat-" + name, NatBox.Mapping.ENDPOINT_INDEPENDENT,
                NatBox.Mapping.ADDRESS_AND_PORT_DEPENDENT, publicAddress, mappingTimeout);
        world.addNetwork(name, subnet, nat);
        natsByNetwork.put(name, nat);
    }

    @Override public void addPeer(String name, PeerRole role, String network, List<Cidr> tunnelAddresses, int listenPort) {
        requireNewName(name);
        LabPeer p = new LabPeer(role, tunnelAddresses);
        p.key = keyFor(name, 0);
        DeviceSettings settings = DeviceSettings.of(p.key).withListenPort(listenPort).withEpochNanos(EPOCH_NANOS)
                .withKeyLog(true).withTimestamps(now -> Tai64n.whitened(EPOCH_NANOS + p.clockShiftNanos + now));
        p.host = world.addHost(name, network, null, DEFAULT_LINK, DEFAULT_LINK, settings, tunnelAddresses);
        peers.put(name, p);
        announceStaticKey(p.key);
    }

    @Override public void addAttacker(String name, String network) {
        requireNewName(name);
        PrivateKey unused = keyFor(name, 0);
        attackers.put(name, world.addHost(name, network, null, DEFAULT_LINK, DEFAULT_LINK,
                DeviceSettings.of(unused).withListenPort(40000).withEpochNanos(EPOCH_NANOS), List.of()));
    }

    private void requireNewName(String name) {
        if (peers.containsKey(name) || attackers.containsKey(name)) {
            throw new IllegalArgumentException("the lab already has a node named " + name);
        }
    }

    private PrivateKey keyFor(String name, int generation) {
        return PrivateKey.generate(RandomStream.derive(seed, "lab-key:" + name + "#" + generation));
    }

    private void announceStaticKey(PrivateKey key) {
        recorder.keyLog(List.of("LOCAL_STATIC_PRIVATE_KEY = " + key.toBase64()));
    }

    @Override public PrivateKey privateKey(String peer) {
        return peer(peer).key;
    }

    @Override public PeerRole role(String peer) {
        return peer(peer).role;
    }

    private LabPeer peer(String name) {
        LabPeer p = peers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no peer named " + name + " in this scenario (peers: " + peers.keySet() + ")");
        }
        return p;
    }

    private Host node(String name) {
        Host a = attackers.get(name);
        return a != null ? a : peer(name).host;
    }

    // ---- configuration ----

    @Override public void configure(String peer, PeerEntry e) {
        InetSocketAddress endpoint = e.endpoint() ? reachableAddress(e.remote()) : null;
        peer(peer).host.configurePeer(new PeerSettings(e.publicKey(), e.presharedKey(), e.allowedIps(), endpoint,
                e.persistentKeepalive()));
    }

    @Override public void removePeerEntry(String peer, PublicKey key) {
        peer(peer).host.removePeer(key);
    }

    @Override public InetSocketAddress reachableAddress(String name) {
        Host h = node(name);
        if (h.network().nat() != null) {
            throw new IllegalStateException(name + " is behind a NAT: nobody outside can name an endpoint for it");
        }
        return h.socketAddress();
    }

    @Override public InetAddress outerAddress(String name) {
        Host h = node(name);
        return h.network().nat() != null ? h.network().nat().publicAddress() : h.address();
    }

    // ---- the outer network ----

    @Override public LinkModel baseLink() {
        return DEFAULT_LINK;
    }

    @Override public void impair(String peer, LinkModel up, LinkModel down) {
        node(peer).link().change(up, down);
    }

    @Override public void move(String peer, String network) {
        world.move(node(peer), network);
    }

    @Override public void rebindNat(String network) {
        NatBox nat = natsByNetwork.get(network);
        if (nat == null) {
            throw new IllegalArgumentException("network " + network + " has no NAT (natted networks: " + natsByNetwork.keySet() + ")");
        }
        world.rebind(nat, null);
    }

    @Override public void changeListenPort(String peer, int port) {
        peer(peer).host.changeListenPort(port);
    }

    @Override public void restart(String peer) {
        peer(peer).host.restart();
    }

    @Override public PublicKey changePrivateKey(String peer) {
        LabPeer p = peer(peer);
        p.key = keyFor(peer, ++p.keyGeneration);
        announceStaticKey(p.key);
        return p.host.changeKey(p.key);
    }

    @Override public void shiftClock(String peer, Duration by) {
        peer(peer).clockShiftNanos += by.toNanos();
    }

    @Override public void setSendCounter(String peer, String remote, long counter) {
        if (!peer(peer).host.device().setSendCounter(publicKey(remote), counter)) {
            throw new IllegalStateException(peer + " has no session with " + remote + " whose counter could be set");
        }
    }

    @Override public void enableForwarding(String peer) {
        peer(peer).forwarding = true;
    }

    // ---- traffic ----

    @Override public PingRun ping(String peer, String destination, String source, int count, Duration interval, int size) {
        LabPeer p = peer(peer);
        byte[] dst = innerAddress(destination);
        byte[] src = source == null ? ownAddress(peer, dst.length == 4) : IpAddresses.parse(source).getAddress();
        SimPing ping = new SimPing(p.host, sim, src, dst, ++pingIdentifier, count, interval.toNanos(), size);
        recorder.addListener(ping);
        ping.start();
        return ping;
    }

    @Override public void sendUdp(String peer, String source, String destination, int port, int size, int ttl) {
        byte[] dst = innerAddress(destination);
        byte[] src = source == null ? ownAddress(peer, dst.length == 4) : IpAddresses.parse(source).getAddress();
        byte[] packet = IpPackets.udp(src, dst, 40000, port, new byte[size]);
        peer(peer).host.sendInner(InnerPackets.withTtl(packet, ttl));
    }

    @Override public long udpReceived(String peer, int port) {
        return peer(peer).udpByPort.getOrDefault(port, 0L);
    }

    /** A peer's name means its first tunnel address; anything else must be an IP address. */
    private byte[] innerAddress(String nameOrAddress) {
        LabPeer p = peers.get(nameOrAddress);
        if (p != null) {
            return p.tunnelAddresses.get(0).address().getAddress();
        }
        return IpAddresses.parse(nameOrAddress).getAddress();
    }

    private byte[] ownAddress(String peer, boolean ipv4) {
        for (Cidr c : peer(peer).tunnelAddresses) {
            if (c.isIpv4() == ipv4) {
                return c.address().getAddress();
            }
        }
        throw new IllegalArgumentException(peer + " has no IPv" + (ipv4 ? 4 : 6) + " tunnel address");
    }

    private void delivered(long at, Host host, PublicKey from, byte[] packet) {
        LabPeer p = peers.get(host.name());
        InnerPacket ip = InnerPacket.parse(packet);
        if (p == null || ip == null) {
            return;
        }
        boolean local = false;
        for (Cidr c : p.tunnelAddresses) {
            local |= Arrays.equals(c.address().getAddress(), ip.destination());
        }
        if (!local) {
            if (p.forwarding && ip.ttl() > 1) {
                byte[] copy = packet.clone();
                sim.schedule(0, () -> host.sendInner(InnerPackets.withTtl(copy, ip.ttl() - 1)));
            }
            return;
        }
        if (ip.protocol() == IpPackets.UDP) {
            UdpDatagram udp = IpPackets.parseUdp(packet);
            if (udp != null) {
                p.udpByPort.merge(udp.destinationPort(), 1L, Long::sum);
            }
        }
    }

    // ---- raw datagrams ----

    @Override public void inject(String from, String to, byte[] datagram) {
        node(from).sendDatagram(reachableAddress(to), datagram.clone());
    }

    @Override public void injectRepeatedly(String from, String to, byte[] datagram, int count, Duration interval) {
        Host h = node(from);
        InetSocketAddress target = reachableAddress(to);
        byte[] copy = datagram.clone();
        for (int i = 0; i < count; i++) {
            sim.schedule(i * interval.toNanos(), () -> h.sendDatagram(target, copy.clone()));
        }
    }

    /** wgsim's core is under load at 128 handshake messages a second (DEFAULT_UNDER_LOAD_THRESHOLD). */
    static final int FLOOD_PER_SECOND = 200;

    @Override public void flood(String target, Duration during) {
        if (!attackers.containsKey("flooder")) {
            addAttacker("flooder", node(target).network().name());
        }
        byte[] initiation = Forgery.strangerInitiation(seed, publicKey(target), unixNanosNow());
        int count = (int) (during.toMillis() * FLOOD_PER_SECOND / 1000);
        injectRepeatedly("flooder", target, initiation, count, Duration.ofNanos(1_000_000_000L / FLOOD_PER_SECOND));
    }

    // ---- time ----

    @Override public Duration elapsed() {
        return Duration.ofNanos(sim.now());
    }

    @Override public long unixNanosNow() {
        return EPOCH_NANOS + sim.now();
    }

    @Override public void advance(Duration d) {
        sim.runUntil(sim.now() + d.toNanos());
    }

    @Override public boolean awaitCondition(Duration limit, BooleanSupplier condition) {
        long end = sim.now() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (sim.now() >= end) {
                return false;
            }
            sim.runUntil(Math.min(end, sim.now() + POLL.toNanos()));
        }
    }

    @Override public Duration pollInterval() {
        return POLL;
    }

    // ---- observing ----

    @Override public Optional<PeerView> view(String peer, PublicKey remote) {
        for (PeerStatus s : peer(peer).host.device().status().peers()) {
            if (s.publicKey().equals(remote)) {
                return Optional.of(new PeerView(s.publicKey(), s.endpoint(), s.allowedIps(), s.latestHandshakeEpochSeconds(),
                        s.rxBytes(), s.txBytes(), s.persistentKeepaliveSeconds()));
            }
        }
        return Optional.empty();
    }

    @Override public List<WireMessage> wire() {
        return recorder.wire();
    }

    @Override public Optional<List<DeviceEvent>> events(String peer) {
        peer(peer);
        return Optional.of(recorder.events(peer));
    }

    @Override public Path capture() {
        return capture;
    }

    @Override public void close() {
        if (!closed) {
            closed = true;
            recorder.close();
        }
    }

    /** The node at an outer address: a host, or the only peer behind a NAT with that public address. */
    private String nodeAt(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        List<String> behind = new ArrayList<>();
        for (Map.Entry<String, LabPeer> e : peers.entrySet()) {
            Host h = e.getValue().host;
            if (h.address().equals(a)) {
                return e.getKey();
            }
            if (h.network().nat() != null && h.network().nat().publicAddress().equals(a)) {
                behind.add(e.getKey());
            }
        }
        for (Map.Entry<String, Host> e : attackers.entrySet()) {
            if (e.getValue().address().equals(a)) {
                return e.getKey();
            }
        }
        return behind.size() == 1 ? behind.get(0) : "?";
    }

}
