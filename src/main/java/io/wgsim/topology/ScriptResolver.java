package io.wgsim.topology;

import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the scripted part of a topology: events, sorted by time and given what they need (a new outer
 * address for a move, a new key for a rotation, a public address for a rebinding), and traffic, whose
 * targets become tunnel addresses and whose routes through the tunnels are checked.
 */
final class ScriptResolver {
    private final Diagnostics diagnostics;
    private final Resolver.World w;
    private final List<Node> nodes;

    ScriptResolver(Diagnostics diagnostics, Resolver.World world, List<Node> nodes) {
        this.diagnostics = diagnostics;
        this.w = world;
        this.nodes = nodes;
    }

    private boolean nodeExists(Val<String> name) {
        if (w.index.containsKey(name.value())) {
            return true;
        }
        diagnostics.error(name.pos(), "no node is called '" + name.value() + "'"
                + Suggest.hint(name.value(), w.index.keySet()));
        return false;
    }

    private void late(Val<Duration> at, String what) {
        if (at.value().compareTo(w.duration) >= 0) {
            diagnostics.warn(at.pos(), "late", Units.format(at.value()) + " is not before the run ends ("
                    + Units.format(w.duration) + "): " + what + " will not happen");
        }
    }

    // Events.

    List<TopologyEvent> events(List<Spec.Event> specs) {
        List<Spec.Event> ordered = new ArrayList<>(specs);
        ordered.sort(Comparator.comparing((Spec.Event e) -> e.at().value()).thenComparingInt(Spec.Event::fileIndex));
        Map<String, Integer> rotations = new HashMap<>();
        Map<String, InetAddress> natAddresses = new HashMap<>(w.natAddresses);
        List<TopologyEvent> out = new ArrayList<>();
        for (Spec.Event e : ordered) {
            late(e.at(), "the event");
            Duration at = e.at().value();
            Val<String> subject = e.subject();
            if (e.shape() == Format.REBIND) {
                Spec.Nat nat = w.nats.get(subject.value());
                if (nat == null) {
                    diagnostics.error(subject.pos(), "no NAT is called '" + subject.value() + "'"
                            + Suggest.hint(subject.value(), w.nats.keySet()));
                    continue;
                }
                // The address was reserved (and checked against the NAT's network) with the others.
                InetAddress address = e.address() != null ? e.address().value() : natAddresses.get(subject.value());
                natAddresses.put(subject.value(), address);
                out.add(new TopologyEvent.Rebind(at, subject.value(), address));
                continue;
            }
            if (!nodeExists(subject)) {
                continue;
            }
            String node = subject.value();
            if (e.shape() == Format.MOVE) {
                move(e, at, node, out);
            } else if (e.shape() == Format.LINK_CHANGE) {
                out.add(new TopologyEvent.LinkChange(at, node, e.link().value()));
            } else if (e.shape() == Format.RESTART) {
                out.add(new TopologyEvent.Restart(at, node));
            } else if (e.shape() == Format.ROTATE_KEY) {
                int generation = rotations.merge(node, 1, Integer::sum);
                NodeKey key = e.privateKey() != null ? NodeKey.of(e.privateKey().value())
                        : NodeKey.derived(w.seed, node, generation);
                out.add(new TopologyEvent.RotateKey(at, node, key));
            } else if (e.shape() == Format.PARTITION) {
                out.add(new TopologyEvent.Partition(at, node, e.duration() == null ? null : e.duration().value()));
            } else {
                throw new IllegalStateException("no resolution for " + e.shape());
            }
        }
        return out;
    }

    private void move(Spec.Event e, Duration at, String node, List<TopologyEvent> out) {
        Val<String> network = e.network();
        if (!w.networks.containsKey(network.value())) {
            diagnostics.error(network.pos(), "no network is called '" + network.value() + "'"
                    + Suggest.hint(network.value(), w.networks.keySet()));
            return;
        }
        InetAddress address;
        if (e.address() != null) {
            address = e.address().value();
        } else {
            address = w.pool(network.value()).next(w.outerTaken);
            if (address == null) {
                diagnostics.error(network.pos(), "network " + network.value() + " has no address left for " + node
                        + " to move to");
                return;
            }
        }
        out.add(new TopologyEvent.Move(at, node, network.value(), address));
    }

    // Traffic.

    List<Traffic> traffic(List<Spec.Flow> specs) {
        List<Traffic> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Spec.Flow f : specs) {
            if (!nodeExists(f.from())) {
                continue;
            }
            Traffic.Target target = target(f);
            if (target == null) {
                continue;
            }
            String kind = f.shape().name();
            String name = f.name() != null ? f.name().value() : kind + " " + f.from().value() + "->" + f.to().value();
            if (!names.add(name)) {
                if (f.name() != null) {
                    diagnostics.error(f.name().pos(), "another traffic entry is called '" + name + "'");
                    continue;
                }
                int n = 2;
                while (!names.add(name + " #" + n)) {
                    n++;
                }
                name = name + " #" + n;
            }
            Duration start = f.start() == null ? Duration.ZERO : f.start().value();
            if (f.start() != null) {
                late(f.start(), "the " + kind);
            }
            Duration stop = f.stop() == null ? null : f.stop().value();
            if (stop != null && stop.compareTo(start) <= 0) {
                diagnostics.error(f.stop().pos(), "stop " + Units.format(stop) + " is not after start "
                        + Units.format(start));
                continue;
            }
            boolean replies = f.shape() != Format.CBR;
            checkRoute(f, target, replies);
            int port = f.port() == null ? Traffic.DEFAULT_PORT : f.port().value().intValue();
            if (f.shape() == Format.PING) {
                out.add(new Traffic.Ping(name, f.from().value(), target, start,
                        f.interval() == null ? Traffic.Ping.DEFAULT_INTERVAL : f.interval().value(),
                        f.size() == null ? Traffic.Ping.DEFAULT_SIZE : f.size().value().intValue(), stop,
                        f.count() == null ? 0 : f.count().value()));
            } else if (f.shape() == Format.CBR) {
                if (f.size() != null && f.size().value() == 0) {
                    diagnostics.error(f.size().pos(), "a cbr datagram needs at least 1 byte of payload");
                    continue;
                }
                out.add(new Traffic.Cbr(name, f.from().value(), target, start, stop, f.rate().value(),
                        f.size() == null ? Traffic.Cbr.DEFAULT_SIZE : f.size().value().intValue(), port));
            } else {
                out.add(new Traffic.Bulk(name, f.from().value(), target, start, f.bytes().value(), port));
            }
        }
        return out;
    }

    /** {@code to}: a node's name (its first tunnel address) or an IP address. */
    private Traffic.Target target(Spec.Flow f) {
        Val<String> to = f.to();
        String text = to.value().strip();
        Node from = nodes.get(w.index.get(f.from().value()));
        if (from.wireguard().addresses().isEmpty()) {
            diagnostics.error(f.from().pos(), f.from().value() + " has no tunnel address to send from");
            return null;
        }
        if (!text.isEmpty() && Character.isLetter(text.charAt(0))) {
            Integer t = w.index.get(text);
            if (t == null) {
                diagnostics.error(to.pos(), "no node is called '" + text + "'" + Suggest.hint(text, w.index.keySet())
                        + " (to: takes a node's name or an IP address)");
                return null;
            }
            Node target = nodes.get(t);
            if (target == from) {
                diagnostics.error(to.pos(), "a node cannot send traffic to itself");
                return null;
            }
            if (target.wireguard().addresses().isEmpty()) {
                diagnostics.error(to.pos(), text + " has no tunnel address to send to");
                return null;
            }
            return new Traffic.Target(text, target.wireguard().addresses().get(0).address());
        }
        InetAddress address;
        try {
            address = IpAddresses.parse(text);
        } catch (IllegalArgumentException e) {
            diagnostics.error(to.pos(), "'" + text + "' is neither a node's name nor an IP address");
            return null;
        }
        for (Cidr own : from.wireguard().addresses()) {
            if (own.address().equals(address)) {
                diagnostics.error(to.pos(), IpAddresses.format(address) + " is " + from.name() + "'s own address");
                return null;
            }
        }
        return new Traffic.Target(null, address);
    }

    /**
     * Warns when cryptokey routing would not carry the traffic: the sender has no peer for the target
     * address, or sends it to a peer that is not the target node; and, for traffic that needs replies,
     * the same the other way.
     */
    private void checkRoute(Spec.Flow f, Traffic.Target target, boolean replies) {
        Node from = nodes.get(w.index.get(f.from().value()));
        route(f.to().pos(), from, target.address(), target.node(), "packets");
        if (replies && target.node() != null) {
            Node to = nodes.get(w.index.get(target.node()));
            route(f.to().pos(), to, from.wireguard().addresses().get(0).address(), from.name(), "replies");
        }
    }

    /** Longest-prefix match over the sender's peers, as WireGuard's cryptokey routing does it. */
    private void route(Pos pos, Node sender, InetAddress destination, String expected, String what) {
        Peer best = null;
        int bestLength = -1;
        byte[] bytes = destination.getAddress();
        for (Peer p : sender.wireguard().peers()) {
            for (Cidr c : p.allowedIps()) {
                if (c.length() > bestLength && c.contains(bytes)) {
                    best = p;
                    bestLength = c.length();
                }
            }
        }
        String dest = IpAddresses.format(destination) + (expected == null ? "" : " (" + expected + ")");
        if (best == null) {
            diagnostics.warn(pos, "no-route", sender.name() + " has no peer whose allowed-ips include " + dest
                    + ": its " + what + " will be dropped");
        } else if (expected != null && !expected.equals(best.node())) {
            diagnostics.warn(pos, "wrong-peer", sender.name() + " sends " + what + " for " + dest + " to its peer "
                    + (best.node() == null ? best.publicKey().toString() : best.node()) + ", not to " + expected);
        }
    }
}
