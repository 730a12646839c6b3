package io.wgsim.topology;

import io.wgsim.config.KeyText;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.topology.Spec.EndpointMode;
import io.wgsim.topology.Spec.PskMode;
import io.wgsim.topology.YNode.Mapping;
import io.wgsim.topology.YNode.Sequence;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads the YAML tree into {@link Spec}s: every field converted and checked on its own, against its
 * shape, nothing yet checked against anything else. Errors are recorded and reading goes on.
 */
final class SpecReader {
    /** Generators' limits: enough for the scale topologies, small enough to fail fast on a typo. */
    static final int MAX_SERVERS = 10_000;
    static final int MAX_CLIENTS = 1_000_000;
    /** A full mesh of n nodes holds n(n-1) peer entries: a million at this size. */
    static final int MAX_MESH = 1_000;

    private final Diagnostics diagnostics;
    private final LinkCheck linkCheck;

    SpecReader(Diagnostics diagnostics, LinkCheck linkCheck) {
        this.diagnostics = diagnostics;
        this.linkCheck = linkCheck;
    }

    Spec.File file(YNode root) {
        Pos pos = Pos.root(root.line());
        Fields f = Fields.open(root, Format.TOPOLOGY, pos, diagnostics, "a topology");
        if (f == null) {
            return null;
        }
        Val<String> name = f.scalar("name", Values::name);
        Val<String> description = f.text("description");
        Val<Long> seed = f.scalar("seed", Values::seed);
        Val<Duration> duration = f.scalar("duration", Values::positive);
        List<Spec.Network> networks = list(f, "networks", this::network);
        List<Spec.Nat> nats = list(f, "nats", this::nat);
        List<Spec.Node> nodes = list(f, "nodes", this::node);
        List<Spec.Generator> generators = list(f, "generators", this::generator);
        List<Val<YNode>> eventItems = f.items("events");
        List<Spec.Event> events = new ArrayList<>();
        if (eventItems != null) {
            for (int i = 0; i < eventItems.size(); i++) {
                Spec.Event e = event(eventItems.get(i).value(), eventItems.get(i).pos(), i);
                if (e != null) {
                    events.add(e);
                }
            }
        }
        List<Spec.Flow> traffic = list(f, "traffic", this::flow);
        f.done();
        return new Spec.File(pos, name, description == null ? "" : description.value().strip(), seed, duration,
                networks, nats, nodes, generators, events, traffic);
    }

    private <T> List<T> list(Fields f, String key, BiFunction<YNode, Pos, T> read) {
        List<Val<YNode>> items = f.items(key);
        List<T> out = new ArrayList<>();
        if (items != null) {
            for (Val<YNode> item : items) {
                T t = read.apply(item.value(), item.pos());
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static <T> T or(Val<T> v, T otherwise) {
        return v == null ? otherwise : v.value();
    }

    // Networks and NATs.

    private Spec.Network network(YNode node, Pos pos) {
        Fields f = Fields.open(node, Format.NETWORK, pos, diagnostics, "a network");
        if (f == null) {
            return null;
        }
        Spec.Network n = new Spec.Network(pos, f.scalar("name", Values::name), f.scalar("subnet", Values::subnet),
                f.scalar("behind-nat", Values::name));
        f.done();
        return n;
    }

    private Spec.Nat nat(YNode node, Pos pos) {
        Fields f = Fields.open(node, Format.NAT, pos, diagnostics, "a NAT");
        if (f == null) {
            return null;
        }
        Spec.Nat n = new Spec.Nat(pos, f.scalar("name", Values::name), f.scalar("network", Values::name),
                f.scalar("public-address", Values::address),
                or(f.scalar("mapping", NatBehaviour::fromYaml), Nat.DEFAULT_MAPPING),
                or(f.scalar("filtering", NatBehaviour::fromYaml), Nat.DEFAULT_FILTERING),
                or(f.scalar("timeout", Values::positive), Nat.DEFAULT_TIMEOUT));
        f.done();
        return n;
    }

    // Nodes.

    private Spec.Node node(YNode node, Pos pos) {
        Fields f = Fields.open(node, Format.NODE, pos, diagnostics, "a node");
        if (f == null) {
            return null;
        }
        Val<String> name = f.scalar("name", Values::name);
        Val<String> network = f.scalar("network", Values::name);
        Val<InetAddress> address = f.scalar("address", Values::address);
        Val<Link> link = link(f, "link");
        YNode wg = f.node("wireguard");
        Spec.WireGuard wireguard = wg == null ? null : wireguard(wg, f.at("wireguard"));
        f.done();
        return new Spec.Node(pos, name, network, address, link, wireguard);
    }

    /**
     * A link: one netem string for both directions, {@code none}, or a map {@code {up: ..., down: ...}}
     * (a direction left out is unimpaired).
     */
    Val<Link> link(Fields f, String key) {
        YNode node = f.node(key);
        if (node == null) {
            return null;
        }
        Pos at = f.at(key);
        if (node instanceof Mapping) {
            Fields d = Fields.open(node, Format.LINK, at, diagnostics, "a link");
            Val<String> up = netem(d, "up");
            Val<String> down = netem(d, "down");
            d.done();
            if (!d.has("up") && !d.has("down")) {
                diagnostics.error(at, "a link map needs 'up', 'down' or both");
                return null;
            }
            if ((d.has("up") && up == null) || (d.has("down") && down == null)) {
                return null;
            }
            return new Val<>(new Link(or(up, ""), or(down, "")), at);
        }
        Val<String> both = f.convert(node, at, this::netemText);
        return both == null ? null : new Val<>(Link.both(both.value()), at);
    }

    private Val<String> netem(Fields f, String key) {
        return f.scalar(key, this::netemText);
    }

    /**
     * Netem text as the link check accepts it; {@code none} is a perfect link. The check is the
     * simulator's parser: whatever it throws becomes an error at the link's line, so a parser that
     * signals with its own exception type cannot crash the reading.
     */
    private String netemText(String text) {
        String s = text.strip();
        if (s.equals("none")) {
            return "";
        }
        try {
            linkCheck.check(s);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() != null ? e.getMessage()
                    : "'" + s + "' is not a link model (" + e.getClass().getSimpleName() + ")");
        }
        return s;
    }

    private Spec.WireGuard wireguard(YNode node, Pos pos) {
        Fields f = Fields.open(node, Format.WIREGUARD, pos, diagnostics, "a wireguard section");
        if (f == null) {
            return null;
        }
        Val<PrivateKey> key = f.scalar("private-key", KeyText::privateKey);
        int port = or(f.scalar("listen-port", Values::port), WireGuard.DEFAULT_LISTEN_PORT);
        Val<List<Cidr>> addresses = f.has("address") ? f.list("address", Values::prefix) : new Val<>(List.of(), pos);
        int mtu = or(f.scalar("mtu", Values::mtu), WireGuard.DEFAULT_MTU);
        List<Spec.Peer> peers = list(f, "peers", this::peer);
        f.done();
        return new Spec.WireGuard(key, port, addresses, mtu, peers);
    }

    private record EndpointChoice(EndpointMode mode, InetSocketAddress address) {}

    private record PskChoice(PskMode mode, PresharedKey key) {}

    private static EndpointChoice endpoint(String text) {
        return switch (text.strip()) {
            case "auto" -> new EndpointChoice(EndpointMode.AUTO, null);
            case "none" -> new EndpointChoice(EndpointMode.NONE, null);
            default -> new EndpointChoice(EndpointMode.GIVEN, Values.endpoint(text));
        };
    }

    private static PskChoice psk(String text) {
        return switch (text.strip()) {
            case "auto" -> new PskChoice(PskMode.AUTO, null);
            case "none" -> new PskChoice(PskMode.NONE, null);
            default -> new PskChoice(PskMode.GIVEN, Values.presharedKey(text));
        };
    }

    private Spec.Peer peer(YNode node, Pos pos) {
        Fields f = Fields.open(node, Format.PEER, pos, diagnostics, "a peer");
        if (f == null) {
            return null;
        }
        Val<String> peerNode = f.scalar("node", Values::name);
        Val<PublicKey> publicKey = f.scalar("public-key", KeyText::publicKey);
        if (f.has("node") && f.has("public-key")) {
            diagnostics.error(pos, "a peer is either another 'node' or a 'public-key' from outside, not both");
        } else if (!f.has("node") && !f.has("public-key")) {
            diagnostics.error(pos, "a peer needs 'node' (another node here) or 'public-key' (a key from outside)");
        }
        Val<List<Cidr>> allowed = f.list("allowed-ips", Values::prefix);
        Val<EndpointChoice> endpoint = f.scalar("endpoint", SpecReader::endpoint);
        Duration keepalive = or(f.scalar("persistent-keepalive", Values::keepalive), Duration.ZERO);
        Val<PskChoice> psk = f.scalar("preshared-key", SpecReader::psk);
        f.done();
        EndpointMode mode = endpoint == null ? EndpointMode.AUTO : endpoint.value().mode();
        Val<InetSocketAddress> given = mode == EndpointMode.GIVEN
                ? new Val<>(endpoint.value().address(), endpoint.pos()) : null;
        return new Spec.Peer(pos, peerNode, publicKey, allowed, mode, given, keepalive,
                psk == null ? PskMode.NONE : psk.value().mode(), psk == null ? null : psk.value().key());
    }

    // Generators.

    /** The one key a wrapper map ({@code - hub-and-spoke: {...}}) has, or null after an error. */
    private String onlyKey(Fields f, String what) {
        List<String> present = f.present();
        if (present.size() == 1) {
            return present.get(0);
        }
        if (present.isEmpty()) {
            // Unknown keys have been reported, with suggestions; an empty map has not.
            if (f.size() == 0) {
                diagnostics.error(f.pos(), what + " is a map with one of the keys "
                        + String.join(", ", f.shape().fields()));
            }
        } else {
            diagnostics.error(f.pos(), what + " has one key, not " + String.join(" and ", present));
        }
        return null;
    }

    private Spec.Generator generator(YNode node, Pos pos) {
        Fields w = Fields.open(node, Format.GENERATOR, pos, diagnostics, "a generator");
        if (w == null) {
            return null;
        }
        String kind = onlyKey(w, "a generator");
        for (String key : w.present()) {
            w.node(key);
        }
        w.done();
        if (kind == null) {
            return null;
        }
        YNode body = w.node(kind);
        Pos at = w.at(kind);
        return kind.equals("hub-and-spoke") ? hubAndSpoke(body, at) : fullMesh(body, at);
    }

    private Spec.Generator hubAndSpoke(YNode node, Pos pos) {
        Fields f = Fields.open(node, Format.HUB_AND_SPOKE, pos, diagnostics, "a hub-and-spoke generator");
        if (f == null) {
            return null;
        }
        Val<Cidr> tunnel = f.scalar("tunnel", Values::subnet);
        Spec.Group servers = null;
        List<Val<String>> serverNames = null;
        YNode s = f.node("servers");
        if (s instanceof Mapping) {
            servers = group(Fields.open(s, Format.SERVERS, f.at("servers"), diagnostics, "the servers"), MAX_SERVERS);
        } else if (s instanceof Sequence seq) {
            serverNames = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                YNode item = seq.items().get(i);
                Val<String> name = f.convert(item, f.at("servers").item(i, item.line()), Values::name);
                if (name != null) {
                    serverNames.add(name);
                }
            }
            if (seq.items().isEmpty()) {
                diagnostics.error(f.at("servers"), "names no server");
            }
        } else if (s != null) {
            diagnostics.error(f.at("servers"), "expected a group {count: ..., name: ..., network: ...} or a list of"
                    + " node names, not " + s.describe());
        }
        List<Spec.Group> clients = new ArrayList<>();
        YNode c = f.node("clients");
        if (c instanceof Mapping) {
            clients.add(group(Fields.open(c, Format.CLIENTS, f.at("clients"), diagnostics, "the clients"),
                    MAX_CLIENTS));
        } else if (c instanceof Sequence seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                YNode item = seq.items().get(i);
                clients.add(group(Fields.open(item, Format.CLIENTS, f.at("clients").item(i, item.line()), diagnostics,
                        "a group of clients"), MAX_CLIENTS));
            }
        } else if (c != null) {
            diagnostics.error(f.at("clients"), "expected a group {count: ..., name: ..., network: ...} or a list of"
                    + " groups, not " + c.describe());
        }
        Val<String> perClient = f.scalar("servers-per-client", text -> text.strip().equals("all") ? "0"
                : Long.toString(Values.number(text, 1, MAX_SERVERS, "a number of servers or 'all'")));
        Val<String> assign = f.scalar("assign", text -> Values.word(text, "round-robin", "block"));
        Val<PskMode> psk = f.scalar("preshared-keys", SpecReader::pskMode);
        f.done();
        if (clients.contains(null) || (servers == null && serverNames == null)) {
            return null;
        }
        return new Spec.HubAndSpoke(pos, tunnel, servers, serverNames == null ? null : List.copyOf(serverNames),
                List.copyOf(clients), perClient == null ? 1 : Integer.parseInt(perClient.value()),
                assign == null || assign.value().equals("round-robin") ? Spec.Assign.ROUND_ROBIN : Spec.Assign.BLOCK,
                or(psk, PskMode.NONE));
    }

    private static PskMode pskMode(String text) {
        return Values.word(text, "none", "auto").equals("auto") ? PskMode.AUTO : PskMode.NONE;
    }

    private Spec.Generator fullMesh(YNode node, Pos pos) {
        Fields f = Fields.open(node, Format.FULL_MESH, pos, diagnostics, "a full-mesh generator");
        if (f == null) {
            return null;
        }
        Val<Cidr> tunnel = f.scalar("tunnel", Values::subnet);
        Val<PskMode> psk = f.scalar("preshared-keys", SpecReader::pskMode);
        Spec.Group nodes = group(f, MAX_MESH);
        if (nodes != null && nodes.count() < 2) {
            diagnostics.error(f.at("count"), "a full mesh needs at least 2 nodes");
        }
        return nodes == null ? null : new Spec.FullMesh(pos, tunnel, nodes, or(psk, PskMode.NONE));
    }

    /** The fields every group of generated nodes has; calls {@code f.done()}. */
    private Spec.Group group(Fields f, int maxCount) {
        if (f == null) {
            return null;
        }
        Val<Long> count = f.scalar("count", t -> Values.number(t, 1, maxCount, "a count"));
        Val<NamePattern> name = f.scalar("name", NamePattern::parse);
        Val<Long> start = f.scalar("start", t -> Values.number(t, 0, 1_000_000_000, "a first index"));
        Val<String> network = f.scalar("network", Values::name);
        int port = or(f.scalar("listen-port", Values::port), WireGuard.DEFAULT_LISTEN_PORT);
        int mtu = or(f.scalar("mtu", Values::mtu), WireGuard.DEFAULT_MTU);
        Val<Link> link = link(f, "link");
        Duration keepalive = or(f.scalar("persistent-keepalive", Values::keepalive), Duration.ZERO);
        Val<List<Cidr>> allowed = f.shape().has("allowed-ips") ? f.list("allowed-ips", Values::prefix) : null;
        f.done();
        if (count == null || name == null) {
            return null;
        }
        int first = start == null ? 1 : start.value().intValue();
        int last = first + count.value().intValue() - 1;
        NamePattern pattern = name.value();
        if (!pattern.hasIndex() && count.value() > 1) {
            diagnostics.error(name.pos(), "'" + pattern + "' names " + count.value() + " nodes: put %d where the"
                    + " index goes, such as " + pattern + "%d");
            return null;
        }
        for (int index : new int[] {first, last}) {
            try {
                Values.name(pattern.render(index));
            } catch (IllegalArgumentException e) {
                diagnostics.error(name.pos(), "'" + pattern + "' makes names such as " + e.getMessage());
                return null;
            }
        }
        return new Spec.Group(f.pos(), count.value().intValue(), pattern, first, network, port, mtu, link, keepalive,
                allowed);
    }

    // Events.

    private static final Set<String> EVENT_FIELDS = eventFields();

    private static Set<String> eventFields() {
        Set<String> all = new LinkedHashSet<>();
        Format.EVENTS.forEach(s -> all.addAll(s.fields()));
        return all;
    }

    private static List<String> actions() {
        return Format.EVENTS.stream().map(Format::action).toList();
    }

    private Spec.Event event(YNode node, Pos pos, int index) {
        if (!(node instanceof Mapping map)) {
            diagnostics.error(pos, "an event is a map such as {at: 90s, restart: client1}; this is " + node.describe());
            return null;
        }
        List<Shape> matching = Format.EVENTS.stream().filter(s -> map.has(Format.action(s))).toList();
        if (matching.size() != 1) {
            if (matching.isEmpty()) {
                for (Mapping.Entry e : map.entries()) {
                    if (!EVENT_FIELDS.contains(e.key())) {
                        String hint = Hints.forAction(e.key());
                        diagnostics.error(pos.atLine(e.keyLine()), "unknown field '" + e.key() + "'"
                                + (hint != null ? hint : Suggest.hint(e.key(), EVENT_FIELDS)));
                    }
                }
                diagnostics.error(pos, "an event needs one of " + String.join(", ", actions()));
            } else {
                diagnostics.error(pos, "an event does one thing; this one has "
                        + String.join(" and ", matching.stream().map(Format::action).toList()));
            }
            return null;
        }
        Shape shape = matching.get(0);
        String action = Format.action(shape);
        Fields f = Fields.open(node, shape, pos, diagnostics, "a " + action + " event");
        Val<Duration> at = f.scalar("at", Units::duration);
        Val<String> subject = f.scalar(action, Values::name);
        Val<String> network = shape.has("to") ? f.scalar("to", Values::name) : null;
        String addressKey = shape.has("address") ? "address" : shape.has("public-address") ? "public-address" : null;
        Val<InetAddress> address = addressKey == null ? null : f.scalar(addressKey, Values::address);
        Val<Link> link = shape.has("model") ? link(f, "model") : null;
        Val<PrivateKey> key = shape.has("private-key") ? f.scalar("private-key", KeyText::privateKey) : null;
        Val<Duration> duration = shape.has("for") ? f.scalar("for", Values::positive) : null;
        f.done();
        return new Spec.Event(pos, index, shape, at, subject, network, address, link, key, duration);
    }

    // Traffic.

    private Spec.Flow flow(YNode node, Pos pos) {
        Fields w = Fields.open(node, Format.TRAFFIC, pos, diagnostics, "a traffic entry");
        if (w == null) {
            return null;
        }
        String kind = onlyKey(w, "a traffic entry");
        for (String key : w.present()) {
            w.node(key);
        }
        w.done();
        if (kind == null) {
            return null;
        }
        Shape shape = Format.BY_NAME.get(kind);
        Fields f = Fields.open(w.node(kind), shape, w.at(kind), diagnostics, "a " + kind + " application");
        if (f == null) {
            return null;
        }
        Val<String> name = f.scalar("name", Values::name);
        Val<String> from = f.scalar("from", Values::name);
        Val<String> to = f.text("to");
        Val<Duration> start = f.scalar("start", Units::duration);
        Val<Duration> stop = optional(f, "stop", Values::positive);
        Val<Duration> interval = optional(f, "interval", Values::positive);
        Val<Long> size = optional(f, "size", t -> within(Units.size(t), 0, 65507, t, "a datagram's payload"));
        Val<Long> count = optional(f, "count", t -> Values.number(t, 1, Long.MAX_VALUE, "a count"));
        Val<Long> rate = optional(f, "rate", Units::rate);
        Val<Long> bytes = optional(f, "bytes", t -> within(Units.size(t), 1, Long.MAX_VALUE, t, "a transfer"));
        Val<Long> port = optional(f, "port", t -> (long) Values.port(t));
        f.done();
        return new Spec.Flow(f.pos(), shape, name, from, to, start, stop, interval, size, count, rate, bytes, port);
    }

    private static <T> Val<T> optional(Fields f, String key, Function<String, T> parse) {
        return f.shape().has(key) ? f.scalar(key, parse) : null;
    }

    private static long within(long value, long min, long max, String text, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("'" + text + "' is out of range for " + what + " (" + min + ".." + max
                    + " bytes)");
        }
        return value;
    }
}
