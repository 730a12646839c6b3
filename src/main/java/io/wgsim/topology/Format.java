package io.wgsim.topology;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of map a topology file holds, with its fields: the format in one place. docs/topology.md
 * describes each field; topologies/schema.json has one definition per shape, under the same name.
 */
final class Format {
    private Format() {}

    static final Shape TOPOLOGY = Shape.of("topology",
            "name!", "description", "seed", "duration", "networks!", "nats", "nodes", "generators", "events",
            "traffic");

    static final Shape NETWORK = Shape.of("network", "name!", "subnet!", "behind-nat");

    static final Shape NAT = Shape.of("nat", "name!", "network!", "public-address", "mapping", "filtering", "timeout");

    static final Shape NODE = Shape.of("node", "name!", "network!", "address", "link", "wireguard!");

    /** A link written as a map: one netem string per direction. */
    static final Shape LINK = Shape.of("link", "up", "down");

    static final Shape WIREGUARD = Shape.of("wireguard", "private-key", "listen-port", "address", "mtu", "peers");

    static final Shape PEER = Shape.of("peer",
            "node", "public-key", "allowed-ips", "endpoint", "persistent-keepalive", "preshared-key");

    // Generators: each list item is a map with exactly one key naming the generator.

    static final Shape GENERATOR = Shape.of("generator", "hub-and-spoke", "full-mesh");

    static final Shape HUB_AND_SPOKE = Shape.of("hub-and-spoke",
            "tunnel!", "servers!", "clients!", "servers-per-client", "assign", "preshared-keys");

    static final Shape SERVERS = Shape.of("hub-and-spoke-servers",
            "count!", "name!", "start", "network!", "listen-port", "mtu", "link", "persistent-keepalive");

    static final Shape CLIENTS = Shape.of("hub-and-spoke-clients",
            "count!", "name!", "start", "network!", "listen-port", "mtu", "link", "persistent-keepalive",
            "allowed-ips");

    static final Shape FULL_MESH = Shape.of("full-mesh",
            "count!", "name!", "start", "network!", "tunnel!", "listen-port", "mtu", "link", "persistent-keepalive",
            "preshared-keys");

    // Events: each has "at" and one action key, which names the event's subject and decides its shape.

    static final Shape MOVE = Shape.of("event-move", "at!", "move!", "to!", "address");
    static final Shape LINK_CHANGE = Shape.of("event-link", "at!", "link!", "model!");
    static final Shape RESTART = Shape.of("event-restart", "at!", "restart!");
    static final Shape ROTATE_KEY = Shape.of("event-rotate-key", "at!", "rotate-key!", "private-key");
    static final Shape PARTITION = Shape.of("event-partition", "at!", "partition!", "for");
    static final Shape REBIND = Shape.of("event-rebind", "at!", "rebind!", "public-address");

    /** The action keys of events, each with the shape its event has. */
    static final List<Shape> EVENTS = List.of(MOVE, LINK_CHANGE, RESTART, ROTATE_KEY, PARTITION, REBIND);

    // Traffic: each list item is a map with exactly one key naming the application.

    static final Shape TRAFFIC = Shape.of("traffic", "ping", "cbr", "bulk");
    static final Shape PING = Shape.of("ping", "name", "from!", "to!", "start", "stop", "interval", "size", "count");
    static final Shape CBR = Shape.of("cbr", "name", "from!", "to!", "start", "stop", "rate!", "size", "port");
    static final Shape BULK = Shape.of("bulk", "name", "from!", "to!", "start", "bytes!", "port");

    static final List<Shape> ALL = List.of(TOPOLOGY, NETWORK, NAT, NODE, LINK, WIREGUARD, PEER,
            GENERATOR, HUB_AND_SPOKE, SERVERS, CLIENTS, FULL_MESH,
            MOVE, LINK_CHANGE, RESTART, ROTATE_KEY, PARTITION, REBIND,
            TRAFFIC, PING, CBR, BULK);

    static final Map<String, Shape> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Shape::name, Function.identity()));

    /** The action key of an event shape: "move" for event-move. */
    static String action(Shape event) {
        return event.name().substring("event-".length());
    }
}
