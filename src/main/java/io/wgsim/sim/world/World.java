package io.wgsim.sim.world;

import io.wgsim.capture.OuterPacket;
import io.wgsim.net.Cidr;
import io.wgsim.protocol.DeviceSettings;
import io.wgsim.sim.Simulator;
import io.wgsim.sim.link.Delivery;
import io.wgsim.sim.link.LinkDrop;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.link.LinkOutput;
import io.wgsim.sim.nat.NatBox;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outer network of a simulation: networks, the hosts on them with their access links, and NAT
 * boxes. A datagram leaves a host over its uplink, is routed (through the sender's NAT when its network
 * has one, through the receiver's NAT when it is addressed to a NAT's public address) and arrives over
 * the receiver's downlink. Everything happens in the simulator's virtual time.
 */
public final class World {
    private final Simulator sim;
    private final Trace trace;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    /** Lookups only (never iterated), so hash order cannot leak into a run. */
    private final Map<InetAddress, Host> hostsByAddress = new HashMap<>();
    private final Map<InetAddress, NatBox> natsByPublicAddress = new HashMap<>();
    private final Map<String, NatBox> nats = new LinkedHashMap<>();

    public World(Simulator sim, Trace trace) {
        this.sim = sim;
        this.trace = trace == null ? Trace.NONE : trace;
    }

    public Simulator simulator() {
        return sim;
    }

    public Trace trace() {
        return trace;
    }

    // ---- building ----

    public Network addNetwork(String name, Cidr subnet, NatBox nat) {
        if (networks.containsKey(name)) {
            throw new IllegalArgumentException("network " + name + " already exists");
        }
        Network n = new Network(name, subnet, nat);
        networks.put(name, n);
        return n;
    }

    /** A NAT whose public side has {@code publicAddress}; networks name it when they are created behind it. */
    public NatBox addNat(String name, NatBox.Mapping mapping, InetAddress publicAddress, java.time.Duration timeout) {
        return addNat(name, mapping, mapping, publicAddress, timeout);
    }

    public NatBox addNat(String name, NatBox.Mapping mapping, NatBox.Mapping filtering, InetAddress publicAddress,
                         java.time.Duration timeout) {
        if (nats.containsKey(name)) {
            throw new IllegalArgumentException("NAT " + name + " already exists");
        }
        NatBox nat = new NatBox(name, mapping, filtering, publicAddress, timeout, sim.random("nat:" + name));
        nats.put(name, nat);
        natsByPublicAddress.put(publicAddress, nat);
        return nat;
    }

    public Host addHost(String name, String networkName, InetAddress address, LinkModel up, LinkModel down,
                        DeviceSettings settings, List<Cidr> tunnelAddresses) {
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("host " + name + " already exists");
        }
        Network network = network(networkName);
        InetAddress a = address != null ? address : network.allocate(this::addressTaken);
        if (addressTaken(a)) {
            throw new IllegalArgumentException("host " + name + ": address " + a.getHostAddress() + " is already in use");
        }
        AccessLink link = new AccessLink(up, down, sim.random("link-up:" + name), sim.random("link-down:" + name));
        Host h = new Host(this, name, network, a, link, settings, tunnelAddresses, sim.random("host:" + name));
        hosts.put(name, h);
        hostsByAddress.put(a, h);
        return h;
    }

    public Network network(String name) {
        Network n = networks.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no network named " + name);
        }
        return n;
    }

    public Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host named " + name);
        }
        return h;
    }

    public NatBox nat(String name) {
        NatBox n = nats.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no NAT named " + name);
        }
        return n;
    }

    /** Hosts in the order they were added. */
    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    public List<NatBox> nats() {
        return List.copyOf(nats.values());
    }

    private boolean addressTaken(InetAddress a) {
        return hostsByAddress.containsKey(a) || natsByPublicAddress.containsKey(a);
    }

    // ---- scripted actions ----

    /** Moves a host to another network; it gets the next free address there. */
    public void move(Host host, String networkName) {
        move(host, networkName, null);
    }

    /** Moves a host to another network, to {@code address} (or the next free one there when null). */
    public void move(Host host, String networkName, InetAddress address) {
        Network target = network(networkName);
        InetAddress old = host.address();
        hostsByAddress.remove(old);
        if (address != null && addressTaken(address)) {
            throw new IllegalArgumentException("host " + host.name() + " cannot move to " + address.getHostAddress() + ": in use");
        }
        InetAddress fresh = address != null ? address : target.allocate(this::addressTaken);
        host.moveTo(target, fresh);
        hostsByAddress.put(fresh, host);
        trace.action(sim.now(), host.name(), "moved", List.of(old.getHostAddress(), fresh.getHostAddress(), networkName));
    }

    /** Forces a NAT to rebind every mapping (new ports, and a new public address if given). */
    public void rebind(NatBox nat, InetAddress newAddress) {
        if (newAddress != null) {
            natsByPublicAddress.remove(nat.publicAddress());
            natsByPublicAddress.put(newAddress, nat);
        }
        nat.rebind(newAddress);
        trace.action(sim.now(), nat.name(), "rebound", List.of(nat.publicAddress().getHostAddress()));
    }

    // ---- datagrams ----

    /** A host's device sends a datagram: over the uplink, then routed. */
    void transmit(Host from, InetSocketAddress source, InetSocketAddress destination, byte[] datagram) {
        long now = sim.now();
        for (LinkOutput out : from.link().up().transmit(now, datagram)) {
            if (out instanceof Delivery d) {
                sim.scheduleAt(d.atNanos(), () -> arrivedAtRouter(from, source, destination, d.datagram()));
            } else {
                trace.linkDrop(now, from, true, ((LinkDrop) out).reason());
            }
        }
    }

    private void arrivedAtRouter(Host from, InetSocketAddress source, InetSocketAddress destination, byte[] datagram) {
        long now = sim.now();
        trace.packet(now, from, true, source, destination, datagram);
        Network net = from.network();
        if (!from.address().equals(source.getAddress())) {
            // The host moved while this datagram was on its old link: it leaves from nowhere.
            trace.routeDrop(now, from.name(), Trace.RouteDropReason.HOST_MOVED, source, destination);
            return;
        }
        Host target = hostsByAddress.get(destination.getAddress());
        if (target != null && target.network() == net) {
            trace.routed(now, from, source, destination, datagram);
            deliver(target, source, destination, datagram); // same network: no NAT in between
            return;
        }
        InetSocketAddress src = source;
        if (net.nat() != null) {
            src = net.nat().outbound(now, source, destination).source();
        }
        trace.routed(now, from, src, destination, datagram);
        if (target != null && target.network().nat() == null) {
            deliver(target, src, destination, datagram);
            return;
        }
        NatBox nat = natsByPublicAddress.get(destination.getAddress());
        if (nat != null) {
            NatBox.Translation in = nat.inbound(now, src, destination);
            if (in == null) {
                trace.routeDrop(now, nat.name(), Trace.RouteDropReason.NAT_NO_MAPPING, src, destination);
                return;
            }
            Host inside = hostsByAddress.get(in.destination().getAddress());
            if (inside == null) {
                trace.routeDrop(now, nat.name(), Trace.RouteDropReason.HOST_MOVED, src, in.destination());
                return;
            }
            deliver(inside, src, in.destination(), datagram);
            return;
        }
        trace.routeDrop(now, net.name(), Trace.RouteDropReason.NO_ROUTE, src, destination);
    }

    private void deliver(Host to, InetSocketAddress source, InetSocketAddress destination, byte[] datagram) {
        long now = sim.now();
        for (LinkOutput out : to.link().down().transmit(now, datagram)) {
            if (out instanceof Delivery d) {
                sim.scheduleAt(d.atNanos(), () -> arrivedAtHost(to, source, destination, d.datagram()));
            } else {
                trace.linkDrop(now, to, false, ((LinkDrop) out).reason());
            }
        }
    }

    private void arrivedAtHost(Host to, InetSocketAddress source, InetSocketAddress destination, byte[] datagram) {
        long now = sim.now();
        if (!to.address().equals(destination.getAddress())) {
            trace.routeDrop(now, to.name(), Trace.RouteDropReason.HOST_MOVED, source, destination);
            return;
        }
        trace.packet(now, to, false, source, destination, datagram);
        if (to.port() != destination.getPort()) {
            trace.routeDrop(now, to.name(), Trace.RouteDropReason.PORT_CLOSED, source, destination);
            return;
        }
        to.receive(source, datagram);
    }

    /** The outer packet as it would appear on the wire, for captures. */
    static byte[] outer(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
        return OuterPacket.udp(source, destination, payload);
    }

    /** Every host, for summaries. */
    public List<Host> allHosts() {
        return new ArrayList<>(hosts.values());
    }
}
