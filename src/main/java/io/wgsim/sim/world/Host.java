package io.wgsim.sim.world;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.Device;
import io.wgsim.protocol.DeviceEvent;
import io.wgsim.protocol.DeviceSettings;
import io.wgsim.protocol.DeviceSink;
import io.wgsim.protocol.PeerSettings;
import io.wgsim.sim.EventId;
import io.wgsim.sim.RandomStream;
import io.wgsim.sim.Simulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated machine: an outer address on a network, an access link, and a WireGuard device bound to
 * its listen port, driven in virtual time. Behind the tunnel it runs a small IP layer
 * ({@link InnerStack}) that answers pings and feeds the traffic applications.
 */
public final class Host implements DeviceSink {
    private final World world;
    private final Simulator sim;
    private final String name;
    private final RandomStream random;
    private final AccessLink link;
    private final List<Cidr> tunnelAddresses;
    private final InnerStack stack;

    private Network network;
    private InetAddress address;
    private DeviceSettings settings;
    private final List<PeerSettings> peers = new ArrayList<>();
    private Device device;
    private EventId timer = EventId.NONE;
    private long timerAt = Long.MAX_VALUE;
    /** Bytes counted by devices this host had before a restart or key change. */
    private long retiredTxBytes;
    private long retiredRxBytes;

    Host(World world, String name, Network network, InetAddress address, AccessLink link, DeviceSettings settings,
         List<Cidr> tunnelAddresses, RandomStream random) {
        this.world = world;
        this.sim = world.simulator();
        this.name = name;
        this.network = network;
        this.address = address;
        this.link = link;
        this.settings = settings;
        this.tunnelAddresses = List.copyOf(tunnelAddresses);
        this.random = random;
        this.stack = new InnerStack(this);
        this.device = new Device(settings, random, this);
    }

    public String name() {
        return name;
    }

    public Network network() {
        return network;
    }

    public InetAddress address() {
        return address;
    }

    public int port() {
        return settings.listenPort();
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, settings.listenPort());
    }

    public AccessLink link() {
        return link;
    }

    public Device device() {
        return device;
    }

    public PublicKey publicKey() {
        return device.publicKey();
    }

    public List<Cidr> tunnelAddresses() {
        return tunnelAddresses;
    }

    /** UDP payload bytes this host's WireGuard sent to its peers over the whole run. */
    public long txBytes() {
        long sum = retiredTxBytes;
        for (var p : device.status().peers()) {
            sum += p.txBytes();
        }
        return sum;
    }

    /** UDP payload bytes this host's WireGuard received from its peers over the whole run. */
    public long rxBytes() {
        long sum = retiredRxBytes;
        for (var p : device.status().peers()) {
            sum += p.rxBytes();
        }
        return sum;
    }

    World world() {
        return world;
    }

    public InnerStack stack() {
        return stack;
    }

    public List<PeerSettings> peers() {
        return List.copyOf(peers);
    }

    // ---- configuration and scripted actions ----

    /** Adds or replaces the peer with this key, now. */
    public void configurePeer(PeerSettings peer) {
        peers.removeIf(p -> p.publicKey().equals(peer.publicKey()));
        peers.add(peer);
        device.addPeer(sim.now(), peer);
        armTimer();
    }

    /** Starts a handshake with a peer now (as `wg` does when a peer is configured with a keepalive). */
    public void initiateHandshake(PublicKey peer) {
        device.initiateHandshake(sim.now(), peer);
        armTimer();
    }

    public void removePeer(PublicKey key) {
        peers.removeIf(p -> p.publicKey().equals(key));
        device.removePeer(key);
        armTimer();
    }

    /**
     * The device listens on another port from now on, as {@code wg set wg0 listen-port} does: sessions
     * stay up, and the peer's next authenticated packet tells the other side where it is now.
     */
    public void changeListenPort(int port) {
        settings = settings.withListenPort(port);
        world.trace().action(sim.now(), name, "listen-port", List.of(Integer.toString(port)));
    }

    /** A restart: the device loses every session, counter and timer and starts over from its configuration. */
    public void restart() {
        restartWith(settings);
    }

    /** The private key changes (the device restarts with it); returns the new public key. */
    public PublicKey changeKey(PrivateKey key) {
        restartWith(settings.withPrivateKey(key));
        return device.publicKey();
    }

    private void restartWith(DeviceSettings next) {
        for (var p : device.status().peers()) {
            retiredTxBytes += p.txBytes();
            retiredRxBytes += p.rxBytes();
        }
        timer.cancel();
        timer = EventId.NONE;
        timerAt = Long.MAX_VALUE;
        settings = next;
        device = new Device(next, random, this);
        for (PeerSettings p : peers) {
            device.addPeer(sim.now(), p);
        }
        armTimer();
    }

    /** Moves the host to another network, where it gets a new address. */
    void moveTo(Network target, InetAddress newAddress) {
        this.network = target;
        this.address = newAddress;
    }

    // ---- datagrams in and out ----

    /** A datagram arrived at this host (after its access link). */
    void receive(InetSocketAddress from, byte[] datagram) {
        device.receiveDatagram(sim.now(), from, datagram, datagram.length);
        armTimer();
    }

    /** The IP layer behind the tunnel sends an inner packet (also: a scenario sends a crafted one). */
    public void sendInner(byte[] packet) {
        device.sendPacket(sim.now(), packet, packet.length);
        armTimer();
    }

    @Override public void sendDatagram(InetSocketAddress to, byte[] datagram) {
        world.transmit(this, socketAddress(), to, datagram);
    }

    @Override public void deliverPacket(PublicKey peer, byte[] buffer, int offset, int length) {
        // The trace and the inner stack keep packets (replies, captures), so this one gets its own array.
        byte[] packet = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        world.trace().delivered(sim.now(), this, peer, packet);
        stack.receive(peer, packet);
    }

    @Override public void event(DeviceEvent event) {
        world.trace().device(this, event);
    }

    /** Keeps one simulator event at the device's next deadline; re-armed after every device call. */
    private void armTimer() {
        long next = device.nextDeadline();
        if (next == timerAt && timer.isPending()) {
            return;
        }
        timer.cancel();
        timerAt = next;
        if (next == Long.MAX_VALUE) {
            timer = EventId.NONE;
            return;
        }
        Device armedFor = device;
        timer = sim.scheduleAt(Math.max(next, sim.now()), () -> {
            if (armedFor != device) {
                return;
            }
            timerAt = Long.MAX_VALUE;
            device.tick(sim.now());
            armTimer();
        });
    }

    @Override public String toString() {
        return name + "@" + socketAddress();
    }
}
