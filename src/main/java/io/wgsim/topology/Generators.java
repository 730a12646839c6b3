package io.wgsim.topology;

import io.wgsim.net.Cidr;
import io.wgsim.topology.Spec.EndpointMode;
import io.wgsim.topology.Spec.PskMode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands generators into node specs, appended after the file's own nodes in generator order and index
 * order. Generated nodes are specs like written ones, so one resolver checks and resolves both; what
 * makes 100,000 of them cheap is sharing: every node of a group shares its network, link and position
 * values, every client of a server the server's name, and no path string is built unless a message
 * needs it.
 *
 * <p>Tunnel addresses come from the generator's {@code tunnel} prefix in ascending order, servers first,
 * skipping the addresses nodes written in the file already use and those earlier generators took.
 */
final class Generators {
    private final Diagnostics diagnostics;
    private final List<Spec.Node> nodes;
    private final Map<String, Integer> index;
    private final Set<InetAddress> tunnelTaken;

    /**
     * @param nodes the file's nodes; generated ones are appended
     * @param index node name to position in {@code nodes}; generated ones are added
     */
    Generators(Diagnostics diagnostics, List<Spec.Node> nodes, Map<String, Integer> index) {
        this.diagnostics = diagnostics;
        this.nodes = nodes;
        this.index = index;
        this.tunnelTaken = new HashSet<>();
        for (Spec.Node n : nodes) {
            if (n.wireguard() != null && n.wireguard().addresses() != null) {
                for (Cidr c : n.wireguard().addresses().value()) {
                    tunnelTaken.add(c.address());
                }
            }
        }
    }

    void expand(Spec.Generator generator) {
        if (generator instanceof Spec.HubAndSpoke h) {
            hubAndSpoke(h);
        } else if (generator instanceof Spec.FullMesh m) {
            fullMesh(m);
        }
    }

    /** A generated node with a fresh peer list; null (after an error) when its name is taken. */
    private Spec.Node node(Spec.Group group, int i, Cidr tunnelAddress, Val<String> network, Val<Link> link) {
        String name = group.name().render(group.start() + i);
        Val<String> nameVal = new Val<>(name, group.pos());
        Integer earlier = index.putIfAbsent(name, nodes.size());
        if (earlier != null) {
            Spec.Node first = nodes.get(earlier);
            diagnostics.error(group.pos(), "duplicate-name", "'" + group.name() + "' makes " + name
                    + ", a name already used on line " + first.pos().line());
            return null;
        }
        Spec.WireGuard wg = new Spec.WireGuard(null, group.listenPort(), new Val<>(List.of(tunnelAddress), group.pos()),
                group.mtu(), List.of());
        Spec.Node node = new Spec.Node(group.pos(), nameVal, network, null, link, wg);
        nodes.add(node);
        return node;
    }

    /** The next tunnel address of the pool as an interface address (the prefix's length kept). */
    private Cidr tunnelAddress(AddressPool pool, Val<Cidr> tunnel, String forNode) {
        InetAddress a = pool.next(tunnelTaken);
        if (a == null) {
            diagnostics.error(tunnel.pos(), "tunnel-full", "the tunnel prefix " + tunnel.value()
                    + " has no address left for " + forNode + " (it holds " + pool.capacity() + ")");
            return null;
        }
        return new Cidr(a, tunnel.value().length());
    }

    private static Cidr host(Cidr address) {
        return new Cidr(address.address(), address.address().getAddress().length * 8);
    }

    private static Spec.Peer peer(Pos pos, Val<String> node, Val<List<Cidr>> allowed, EndpointMode endpoint,
                                  Duration keepalive, PskMode psk) {
        return new Spec.Peer(pos, node, null, allowed, endpoint, null, keepalive, psk, null);
    }

    private void hubAndSpoke(Spec.HubAndSpoke g) {
        AddressPool pool = new AddressPool(g.tunnel().value());
        List<Spec.Node> servers = new ArrayList<>();
        List<Cidr> serverAddresses = new ArrayList<>();
        Duration serverKeepalive = Duration.ZERO;
        if (g.servers() != null) {
            Spec.Group group = g.servers();
            serverKeepalive = group.keepalive();
            for (int i = 0; i < group.count(); i++) {
                Cidr address = tunnelAddress(pool, g.tunnel(), group.name().render(group.start() + i));
                if (address == null) {
                    return;
                }
                Spec.Node server = node(group, i, address, group.network(), group.link());
                if (server == null) {
                    return;
                }
                servers.add(server);
                serverAddresses.add(address);
            }
        } else {
            for (Val<String> name : g.serverNames()) {
                Integer i = index.get(name.value());
                if (i == null) {
                    diagnostics.error(name.pos(), "no node is called '" + name.value() + "'"
                            + Suggest.hint(name.value(), index.keySet()));
                    continue;
                }
                Spec.Node server = nodes.get(i);
                List<Cidr> addresses = server.wireguard() == null || server.wireguard().addresses() == null
                        ? List.of() : server.wireguard().addresses().value();
                if (addresses.isEmpty()) {
                    diagnostics.error(name.pos(), name.value() + " has no tunnel address to serve clients from");
                    continue;
                }
                if (servers.contains(server)) {
                    diagnostics.error(name.pos(), name.value() + " is named twice");
                    continue;
                }
                servers.add(server);
                serverAddresses.add(addresses.get(0));
            }
            if (servers.size() != g.serverNames().size()) {
                return;
            }
        }
        int serverCount = servers.size();
        int perClient = g.serversPerClient() == 0 ? serverCount : g.serversPerClient();
        if (perClient > serverCount) {
            diagnostics.error(g.pos(), "servers-per-client is " + perClient + " but there are only " + serverCount
                    + " servers");
            return;
        }
        // What a client routes to each of its servers, unless its group says: the whole tunnel when it has
        // one server, and each server's own address when it has several (one prefix cannot go to two peers).
        List<Val<List<Cidr>>> defaultAllowed = new ArrayList<>();
        for (Cidr a : serverAddresses) {
            defaultAllowed.add(new Val<>(List.of(perClient == 1 ? g.tunnel().value() : host(a)), g.pos()));
        }
        List<Val<String>> serverNames = servers.stream().map(Spec.Node::name).toList();

        long total = g.clients().stream().mapToLong(Spec.Group::count).sum();
        long j = 0;
        for (Spec.Group group : g.clients()) {
            for (int i = 0; i < group.count(); i++, j++) {
                Cidr address = tunnelAddress(pool, g.tunnel(), group.name().render(group.start() + i));
                if (address == null) {
                    return;
                }
                Spec.Node client = node(group, i, address, group.network(), group.link());
                if (client == null) {
                    return;
                }
                Val<List<Cidr>> own = new Val<>(List.of(host(address)), group.pos());
                int first = perClient == serverCount ? 0
                        : g.assign() == Spec.Assign.ROUND_ROBIN ? (int) (j % serverCount)
                        : (int) (j * serverCount / total);
                for (int t = 0; t < perClient; t++) {
                    int s = (first + t) % serverCount;
                    Val<List<Cidr>> allowed = group.allowedIps() != null ? group.allowedIps() : defaultAllowed.get(s);
                    client.wireguard().peers().add(peer(group.pos(), serverNames.get(s), allowed, EndpointMode.AUTO,
                            group.keepalive(), g.psk()));
                    // Servers learn their clients' endpoints from the clients' handshakes, as real ones do.
                    servers.get(s).wireguard().peers().add(peer(g.servers() != null ? g.servers().pos() : g.pos(),
                            client.name(), own, EndpointMode.NONE, serverKeepalive, g.psk()));
                }
            }
        }
    }

    private void fullMesh(Spec.FullMesh m) {
        AddressPool pool = new AddressPool(m.tunnel().value());
        Spec.Group group = m.nodes();
        List<Spec.Node> members = new ArrayList<>();
        List<Val<List<Cidr>>> own = new ArrayList<>();
        for (int i = 0; i < group.count(); i++) {
            Cidr address = tunnelAddress(pool, m.tunnel(), group.name().render(group.start() + i));
            if (address == null) {
                return;
            }
            Spec.Node node = node(group, i, address, group.network(), group.link());
            if (node == null) {
                return;
            }
            members.add(node);
            own.add(new Val<>(List.of(host(address)), group.pos()));
        }
        for (int i = 0; i < members.size(); i++) {
            List<Spec.Peer> peers = members.get(i).wireguard().peers();
            for (int k = 0; k < members.size(); k++) {
                if (k != i) {
                    peers.add(peer(group.pos(), members.get(k).name(), own.get(k), EndpointMode.AUTO, group.keepalive(),
                            m.psk()));
                }
            }
        }
    }
}
