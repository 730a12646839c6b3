package io.wgsim.topology;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the specs into a {@link Topology}: names made unique and references checked, generators
 * expanded, outer addresses allocated, keys chosen, then peers, events and traffic resolved (by
 * {@link PeerResolver} and {@link ScriptResolver}). Each phase reports all it finds; a phase with errors
 * stops the run before the next, whose checks would only repeat them.
 */
final class Resolver {
    static final long DEFAULT_SEED = 1;
    static final Duration DEFAULT_DURATION = Duration.ofMinutes(1);
    /** Node and peer-entry limits: what the pair check's packed keys hold (see {@link PeerResolver}). */
    static final int MAX_NODES = PeerResolver.MAX_NODES;
    static final long MAX_PEER_ENTRIES = PeerResolver.MAX_ENTRIES;

    private final Diagnostics diagnostics;
    private final ParseOptions options;

    Resolver(Diagnostics diagnostics, ParseOptions options) {
        this.diagnostics = diagnostics;
        this.options = options;
    }

    /** What the resolver knows about the outer world, shared with the peer and script resolvers. */
    static final class World {
        final long seed;
        final Duration duration;
        final Map<String, Spec.Network> networks;
        final Map<String, Spec.Nat> nats;
        final List<Spec.Node> nodes;
        final Map<String, Integer> index;
        /** Every outer address in use or reserved, and a pool per network. */
        final Set<InetAddress> outerTaken = new HashSet<>();
        final Map<String, AddressPool> pools = new HashMap<>();
        /** Per node, in node order: outer address and key. */
        InetAddress[] addresses;
        NodeKey[] keys;
        final Map<String, InetAddress> natAddresses = new HashMap<>();
        /** The node count the file wrote; the rest were generated. */
        final int written;

        World(long seed, Duration duration, Map<String, Spec.Network> networks, Map<String, Spec.Nat> nats,
              List<Spec.Node> nodes, Map<String, Integer> index, int written) {
            this.seed = seed;
            this.duration = duration;
            this.networks = networks;
            this.nats = nats;
            this.nodes = nodes;
            this.index = index;
            this.written = written;
        }

        AddressPool pool(String network) {
            return pools.computeIfAbsent(network, n -> new AddressPool(networks.get(n).subnet().value()));
        }

        String name(int node) {
            return nodes.get(node).name().value();
        }

        /** "client17: " for a generated node, whose position is its generator's; "" for a written one. */
        String who(int node) {
            return node >= written ? name(node) + ": " : "";
        }
    }

    Topology resolve(Spec.File file) throws TopologyException {
        long seed = options.seed() != null ? options.seed()
                : file.seed() != null ? file.seed().value() : DEFAULT_SEED;
        Duration duration = options.duration() != null ? options.duration()
                : file.duration() != null ? file.duration().value() : DEFAULT_DURATION;

        Map<String, Spec.Network> networks = unique(file.networks(), Spec.Network::name, "network");
        Map<String, Spec.Nat> nats = unique(file.nats(), Spec.Nat::name, "NAT");
        checkSubnets(file.networks());
        checkNats(networks, nats);

        long generated = file.generators().stream().mapToLong(Resolver::nodeCount).sum();
        int expected = (int) Math.min(MAX_NODES, file.nodes().size() + generated) + 1;
        List<Spec.Node> nodes = new ArrayList<>(expected);
        nodes.addAll(file.nodes());
        Map<String, Integer> index = new HashMap<>((int) (expected / 0.75f) + 1);
        for (int i = 0; i < nodes.size(); i++) {
            Val<String> name = nodes.get(i).name();
            Integer earlier = index.putIfAbsent(name.value(), i);
            if (earlier != null) {
                diagnostics.error(name.pos(), "there is already a node called '" + name.value() + "' (line "
                        + nodes.get(earlier).pos().line() + ")");
            }
        }
        int written = nodes.size();
        diagnostics.check();
        expand(file.generators(), nodes, index);
        diagnostics.check();
        if (nodes.isEmpty()) {
            diagnostics.error(file.pos(), "the topology has no nodes: write some under 'nodes' or 'generators'");
        }
        checkNetworks(nodes, networks);
        checkSize(file.pos(), nodes);
        diagnostics.check();

        World world = new World(seed, duration, networks, nats, nodes, index, written);
        allocate(world, file);
        diagnostics.check();
        chooseKeys(world);
        diagnostics.check();

        List<List<Peer>> peers = new PeerResolver(diagnostics, world).resolve();
        diagnostics.check();

        List<Node> resolvedNodes = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Spec.Node n = nodes.get(i);
            Spec.WireGuard wg = n.wireguard();
            resolvedNodes.add(new Node(n.name().value(), n.network().value(), world.addresses[i],
                    n.link() == null ? Link.NONE : n.link().value(),
                    new WireGuard(world.keys[i], wg.listenPort(), wg.addresses().value(), wg.mtu(), peers.get(i))));
        }
        List<Network> resolvedNetworks = file.networks().stream()
                .map(n -> new Network(n.name().value(), n.subnet().value(),
                        n.behindNat() == null ? null : n.behindNat().value()))
                .toList();
        List<Nat> resolvedNats = file.nats().stream()
                .map(n -> new Nat(n.name().value(), n.network().value(), world.natAddresses.get(n.name().value()),
                        n.mapping(), n.filtering(), n.timeout()))
                .toList();

        ScriptResolver script = new ScriptResolver(diagnostics, world, resolvedNodes);
        List<TopologyEvent> events = script.events(file.events());
        List<Traffic> traffic = script.traffic(file.traffic());
        diagnostics.check();

        return new Topology(file.name().value(), file.description(), seed, duration, resolvedNetworks, resolvedNats,
                IndexedList.withIndex(resolvedNodes, index), events, traffic);
    }

    private static long nodeCount(Spec.Generator g) {
        if (g instanceof Spec.FullMesh m) {
            return m.nodes().count();
        }
        Spec.HubAndSpoke h = (Spec.HubAndSpoke) g;
        long servers = h.servers() == null ? 0 : h.servers().count();
        return servers + h.clients().stream().mapToLong(Spec.Group::count).sum();
    }

    /** The items by name, in file order; a name used twice is reported at its second use. */
    private <T> Map<String, T> unique(List<T> items, Function<T, Val<String>> name, String what) {
        Map<String, T> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (T item : items) {
            Val<String> n = name.apply(item);
            if (out.putIfAbsent(n.value(), item) != null) {
                diagnostics.error(n.pos(), "there is already a " + what + " called '" + n.value() + "' (line "
                        + lines.get(n.value()) + ")");
            } else {
                lines.put(n.value(), n.pos().line());
            }
        }
        return out;
    }

    /**
     * Subnets may not overlap, even behind different NATs: the simulator has one address space, so an
     * outer address names one host. (Two homes on 192.168.1.0/24 are modelled as two different /24s.)
     */
    private void checkSubnets(List<Spec.Network> networks) {
        for (int i = 0; i < networks.size(); i++) {
            Cidr a = networks.get(i).subnet().value();
            for (int k = 0; k < i; k++) {
                Cidr b = networks.get(k).subnet().value();
                boolean overlap = a.isIpv4() == b.isIpv4()
                        && (a.contains(b.address().getAddress()) || b.contains(a.address().getAddress()));
                if (overlap) {
                    diagnostics.error(networks.get(i).subnet().pos(), a + " overlaps network "
                            + networks.get(k).name().value() + " (" + b + "): every outer address must name one host,"
                            + " NATs or not");
                }
            }
        }
    }

    private void checkNats(Map<String, Spec.Network> networks, Map<String, Spec.Nat> nats) {
        for (Spec.Network n : networks.values()) {
            if (n.behindNat() != null && !nats.containsKey(n.behindNat().value())) {
                diagnostics.error(n.behindNat().pos(), "no NAT is called '" + n.behindNat().value() + "'"
                        + Suggest.hint(n.behindNat().value(), nats.keySet()));
            }
        }
        Set<String> inside = new HashSet<>();
        networks.values().stream().filter(n -> n.behindNat() != null).forEach(n -> inside.add(n.behindNat().value()));
        for (Spec.Nat nat : nats.values()) {
            Spec.Network outside = networks.get(nat.network().value());
            if (outside == null) {
                diagnostics.error(nat.network().pos(), "no network is called '" + nat.network().value() + "'"
                        + Suggest.hint(nat.network().value(), networks.keySet()));
                continue;
            }
            if (!inside.contains(nat.name().value())) {
                diagnostics.warn(nat.name().pos(), "idle-nat", "no network is behind NAT '" + nat.name().value()
                        + "' (a network names it with behind-nat)");
            }
            // Follow the public side outwards; coming back to this NAT means a loop with no outside.
            Set<String> seen = new HashSet<>();
            String current = nat.name().value();
            while (current != null && seen.add(current)) {
                Spec.Nat c = nats.get(current);
                Spec.Network net = c == null ? null : networks.get(c.network().value());
                current = net == null || net.behindNat() == null ? null : net.behindNat().value();
                if (nat.name().value().equals(current)) {
                    diagnostics.error(nat.network().pos(), "NAT '" + nat.name().value() + "' has its public side on '"
                            + nat.network().value() + "', which is (through NATs) behind it: no way out");
                    break;
                }
            }
        }
    }

    /** Expands the generators in file order, stopping at the first that fails (its errors are recorded). */
    private void expand(List<Spec.Generator> generators, List<Spec.Node> nodes, Map<String, Integer> index) {
        Generators expander = new Generators(diagnostics, nodes, index);
        for (Spec.Generator g : generators) {
            expander.expand(g);
            if (diagnostics.hasErrors()) {
                return;
            }
        }
    }

    /** Every node's network exists; generated nodes share one value per group, checked once. */
    private void checkNetworks(List<Spec.Node> nodes, Map<String, Spec.Network> networks) {
        Map<Val<String>, Boolean> checked = new IdentityHashMap<>();
        for (Spec.Node n : nodes) {
            if (checked.put(n.network(), Boolean.TRUE) == null && !networks.containsKey(n.network().value())) {
                diagnostics.error(n.network().pos(), "no network is called '" + n.network().value() + "'"
                        + Suggest.hint(n.network().value(), networks.keySet()));
            }
        }
    }

    private void checkSize(Pos pos, List<Spec.Node> nodes) {
        long entries = nodes.stream().mapToLong(n -> n.wireguard().peers().size()).sum();
        if (nodes.size() > MAX_NODES) {
            diagnostics.error(pos, "the topology has " + nodes.size() + " nodes; wgsim takes up to " + MAX_NODES);
        }
        if (entries > MAX_PEER_ENTRIES) {
            diagnostics.error(pos, "the topology has " + entries + " peer entries in all; wgsim takes up to "
                    + MAX_PEER_ENTRIES);
        }
    }

    // Outer addresses.

    /**
     * Addresses written in the file are reserved first (NATs', nodes', and those events move to), so
     * allocation skips them; then NATs without one get theirs, in file order, then nodes, in node order.
     * Events that need one get it later, in time order ({@link ScriptResolver}).
     */
    private void allocate(World w, Spec.File file) {
        Map<InetAddress, String> owners = new HashMap<>();
        for (Spec.Nat nat : file.nats()) {
            if (nat.publicAddress() != null) {
                reserve(w, owners, nat.publicAddress(), nat.network().value(), "NAT " + nat.name().value());
                w.natAddresses.put(nat.name().value(), nat.publicAddress().value());
            }
        }
        for (Spec.Node n : file.nodes()) {
            if (n.address() != null) {
                reserve(w, owners, n.address(), n.network().value(), n.name().value());
            }
        }
        for (Spec.Event e : file.events()) {
            if (e.address() == null) {
                continue;
            }
            String network = null;
            if (e.shape() == Format.MOVE && w.networks.containsKey(e.network().value())) {
                network = e.network().value();
            } else if (e.shape() == Format.REBIND && w.nats.containsKey(e.subject().value())) {
                network = w.nats.get(e.subject().value()).network().value();
            }
            if (network != null) {
                reserve(w, owners, e.address(), network, "the " + Format.action(e.shape()) + " event at "
                        + Units.format(e.at().value()));
            }
        }
        for (Spec.Nat nat : file.nats()) {
            if (nat.publicAddress() == null) {
                InetAddress a = w.pool(nat.network().value()).next(w.outerTaken);
                if (a == null) {
                    full(w, nat.network().value(), "NAT " + nat.name().value(), nat.pos());
                } else {
                    w.natAddresses.put(nat.name().value(), a);
                }
            }
        }
        w.addresses = new InetAddress[w.nodes.size()];
        for (int i = 0; i < w.nodes.size(); i++) {
            Spec.Node n = w.nodes.get(i);
            if (n.address() != null) {
                w.addresses[i] = n.address().value();
                continue;
            }
            InetAddress a = w.pool(n.network().value()).next(w.outerTaken);
            if (a == null) {
                full(w, n.network().value(), w.name(i), n.pos());
                return;
            }
            w.addresses[i] = a;
        }
    }

    private void reserve(World w, Map<InetAddress, String> owners, Val<InetAddress> address, String network,
                         String owner) {
        Spec.Network net = w.networks.get(network);
        if (net == null) {
            return;
        }
        AddressPool pool = w.pool(network);
        InetAddress a = address.value();
        String text = IpAddresses.format(a);
        if (!pool.prefix().contains(a.getAddress())) {
            diagnostics.error(address.pos(), text + " is not in network " + network + " (" + pool.prefix() + ")");
        } else if (!pool.isUsable(a)) {
            diagnostics.error(address.pos(), text + " is the " + (a.equals(pool.prefix().address()) ? "subnet's own"
                    : "broadcast") + " address of network " + network + " (" + pool.prefix() + ")");
        } else if (owners.containsKey(a)) {
            diagnostics.error(address.pos(), text + " is already the address of " + owners.get(a));
        } else {
            owners.put(a, owner + " (line " + address.pos().line() + ")");
            w.outerTaken.add(a);
        }
    }

    private void full(World w, String network, String forWhat, Pos pos) {
        AddressPool pool = w.pool(network);
        Spec.Network net = w.networks.get(network);
        diagnostics.error(net.subnet().pos(), "network-full", "network " + network + " (" + pool.prefix()
                + ") has no address left for " + forWhat + ": it holds " + pool.capacity());
    }

    // Keys.

    /** Keys written in the file, or derived from the seed and the node's name; two nodes never share one. */
    private void chooseKeys(World w) {
        w.keys = new NodeKey[w.nodes.size()];
        Map<PrivateKey, Integer> given = new HashMap<>();
        for (int i = 0; i < w.nodes.size(); i++) {
            Val<PrivateKey> key = w.nodes.get(i).wireguard().privateKey();
            if (key == null) {
                w.keys[i] = NodeKey.derived(w.seed, w.name(i));
                continue;
            }
            Integer earlier = given.putIfAbsent(key.value(), i);
            if (earlier != null) {
                diagnostics.error(key.pos(), "is the same private key as " + w.name(earlier) + "'s: two nodes with"
                        + " one key are one peer to WireGuard");
            }
            w.keys[i] = NodeKey.of(key.value());
        }
    }

    /** The address's host prefix: 10.8.0.2/32, fd00::2/128. */
    static Cidr host(InetAddress address) {
        return new Cidr(address, address.getAddress().length * 8);
    }
}
