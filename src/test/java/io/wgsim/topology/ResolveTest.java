package io.wgsim.topology;

import static io.wgsim.topology.Yaml.TWO_NODES;
import static io.wgsim.topology.Yaml.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.IpAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a parsed file becomes a resolved topology: defaults, allocation, reachability, events, traffic, warnings. */
class ResolveTest {
    private static String ip(InetAddress a) {
        return IpAddresses.format(a);
    }

    /** internet; home (behind router); office (behind firewall); a on internet, b at home, c at the office. */
    private static final String NATTED = """
            name: t
            duration: 5m
            networks:
              - {name: internet, subnet: 198.18.0.0/16}
              - {name: home, subnet: 192.168.1.0/24, behind-nat: router}
              - {name: office, subnet: 10.1.0.0/16, behind-nat: firewall}
            nats:
              - {name: router, network: internet, public-address: 198.18.0.1, timeout: 30s}
              - {name: firewall, network: internet, mapping: address-and-port-dependent}
            nodes:
              - name: a
                network: internet
                wireguard:
                  address: 10.8.0.1/24
                  peers: [{node: b}, {node: c}]
              - name: b
                network: home
                wireguard:
                  address: 10.8.0.2/24
                  peers: [{node: a}, {node: c}]
              - name: c
                network: office
                wireguard:
                  address: 10.8.0.3/24
                  peers: [{node: a}, {node: b}]
            """;

    @Test
    void defaults() {
        Topology t = Yaml.parse(with(TWO_NODES, "duration: 5m\n", ""));
        assertEquals(Resolver.DEFAULT_DURATION, t.duration());
        assertEquals("", t.description());
        Node a = t.node("a").orElseThrow();
        assertEquals(Link.NONE, a.link());
        assertEquals(WireGuard.DEFAULT_LISTEN_PORT, a.wireguard().listenPort());
        assertEquals(WireGuard.DEFAULT_MTU, a.wireguard().mtu());
        Peer toB = a.wireguard().peers().get(0);
        assertEquals("[10.8.0.2/32]", toB.allowedIps().toString(), "a node peer allows the node's own addresses");
        assertEquals("198.18.0.2:51820", ip(toB.endpoint().getAddress()) + ":" + toB.endpoint().getPort());
        assertEquals(Duration.ZERO, toB.persistentKeepalive());
        assertTrue(toB.presharedKey().isNone());
    }

    @Test
    void optionsOverrideSeedAndDuration() throws TopologyException {
        Topology t = TopologyParser.read(TWO_NODES, "t.yaml", ParseOptions.DEFAULT.withSeed(9).withDuration(Duration.ofHours(1)))
                .topology();
        assertEquals(9, t.seed());
        assertEquals(Duration.ofHours(1), t.duration());
    }

    @Test
    void outerAddressesSkipThoseWrittenAndTheSubnetsOwn() {
        Topology t = Yaml.parse(with(TWO_NODES, "    network: internet\n", "    network: internet\n    address: 198.18.0.1\n"));
        assertEquals("198.18.0.1", ip(t.node("a").orElseThrow().address()));
        assertEquals("198.18.0.2", ip(t.node("b").orElseThrow().address()));
    }

    @Test
    void endpointsOnlyWhereTheyCanBeReached() {
        Topology t = Yaml.parse(NATTED);
        Node a = t.node("a").orElseThrow();
        Node b = t.node("b").orElseThrow();
        assertNull(a.wireguard().peers().get(0).endpoint(), "b is behind a NAT");
        assertEquals(a.endpoint(), b.wireguard().peers().get(0).endpoint(), "a is on the internet");
        assertNull(b.wireguard().peers().get(1).endpoint(), "c is behind another NAT");
        assertEquals("192.168.1.1", ip(b.address()));
        assertEquals("198.18.0.2", ip(t.nat("firewall").orElseThrow().publicAddress()), "allocated; .1 is the router's");
        Nat router = t.nat("router").orElseThrow();
        assertEquals(NatBehaviour.ENDPOINT_INDEPENDENT, router.mapping());
        assertEquals(NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, router.filtering());
        assertEquals(Duration.ofSeconds(30), router.timeout());
        assertEquals(Duration.ofMinutes(2), t.nat("firewall").orElseThrow().timeout());
    }

    @Test
    void endpointWrittenOrNone() {
        Topology t = Yaml.parse(TWO_NODES.replace("- node: b\n", "- node: b\n          endpoint: 203.0.113.5:4500\n")
                .replace("- node: a\n", "- node: a\n          endpoint: none\n"));
        assertEquals("203.0.113.5", ip(t.node("a").orElseThrow().wireguard().peers().get(0).endpoint().getAddress()));
        assertNull(t.node("b").orElseThrow().wireguard().peers().get(0).endpoint());
    }

    @Test
    void twoNattedPeersWarnThatNoHandshakeCanStart() {
        List<String> warnings = Yaml.warnings(NATTED);
        assertEquals(List.of("t.yaml:20: warning: nodes[1].wireguard.peers[1]: neither b nor c has an endpoint for"
                + " the other, so no handshake between them can start (both behind NATs?)"), warnings);
    }

    @Test
    void linkForms() {
        Topology t = Yaml.parse(TWO_NODES.replace("    network: internet\n    wireguard:\n      address: 10.8.0.1",
                        "    network: internet\n    link: \"delay  40ms   loss 3%\"\n    wireguard:\n      address: 10.8.0.1")
                .replace("    network: internet\n    wireguard:\n      address: 10.8.0.2",
                        "    network: internet\n    link: {down: \"rate 1mbit\"}\n    wireguard:\n      address: 10.8.0.2"));
        assertEquals(Link.both("delay 40ms loss 3%"), t.node("a").orElseThrow().link(), "blanks made one");
        assertEquals(new Link("", "rate 1mbit"), t.node("b").orElseThrow().link());
    }

    @Test
    void eventsSortedAndResolved() {
        Topology t = Yaml.parse(NATTED + """
                events:
                  - {at: 90s, move: b, to: office}
                  - {at: 60s, link: c, model: "loss 30%"}
                  - {at: 60s, restart: a}
                  - {at: 2m, rebind: router}
                  - {at: 3m, rebind: router, public-address: 198.18.0.9}
                  - {at: 4m, rebind: router}
                  - {at: 30s, partition: c, for: 20s}
                  - {at: 31s, partition: b}
                  - {at: 70s, link: c, model: none}
                """);
        List<TopologyEvent> e = t.events();
        assertEquals(List.of("30s c", "31s b", "1m c", "1m a", "1m10s c", "1m30s b", "2m router", "3m router", "4m router"),
                e.stream().map(x -> Units.format(x.at()) + " " + x.subject()).toList(), "by time, ties in file order");
        assertEquals(new TopologyEvent.Partition(Duration.ofSeconds(30), "c", Duration.ofSeconds(20)), e.get(0));
        assertNull(((TopologyEvent.Partition) e.get(1)).duration(), "no 'for': down to the end");
        assertEquals(Link.both("loss 30%"), ((TopologyEvent.LinkChange) e.get(2)).link());
        assertEquals(Link.NONE, ((TopologyEvent.LinkChange) e.get(4)).link());
        TopologyEvent.Move move = (TopologyEvent.Move) e.get(5);
        assertEquals("office", move.network());
        assertEquals("10.1.0.2", ip(move.address()), "the office's next free address");
        assertEquals("198.18.0.1", ip(((TopologyEvent.Rebind) e.get(6)).publicAddress()), "same address, new ports");
        assertEquals("198.18.0.9", ip(((TopologyEvent.Rebind) e.get(7)).publicAddress()));
        assertEquals("198.18.0.9", ip(((TopologyEvent.Rebind) e.get(8)).publicAddress()), "keeps the new address");
    }

    @Test
    void lateEventsWarn() {
        List<String> warnings = Yaml.warnings(TWO_NODES + "events:\n  - {at: 5m, restart: a}\n");
        assertEquals(List.of("t.yaml:20: warning: events[0].at: 5m is not before the run ends (5m): the event will not"
                + " happen"), warnings);
    }

    @Test
    void trafficResolved() {
        Topology t = Yaml.parse(TWO_NODES + """
                traffic:
                  - ping: {from: a, to: b}
                  - ping: {from: a, to: b, interval: 200ms, size: 1400, count: 10, start: 5s, stop: 1m, name: probe}
                  - cbr: {from: b, to: 10.8.0.1, rate: 64kbit, size: 200}
                  - bulk: {from: a, to: b, bytes: 10MB, port: 9001}
                  - ping: {from: a, to: b}
                """);
        Traffic.Ping ping = (Traffic.Ping) t.traffic().get(0);
        assertEquals("ping a->b", ping.name());
        assertEquals("b", ping.to().node());
        assertEquals("10.8.0.2", ip(ping.to().address()));
        assertEquals(Traffic.Ping.DEFAULT_INTERVAL, ping.interval());
        assertEquals(56, ping.size());
        assertEquals(new Traffic.Ping("probe", "a", ping.to(), Duration.ofSeconds(5), Duration.ofMillis(200), 1400,
                Duration.ofMinutes(1), 10), t.traffic().get(1));
        Traffic.Cbr cbr = (Traffic.Cbr) t.traffic().get(2);
        assertNull(cbr.to().node());
        assertEquals(64_000, cbr.rateBitsPerSecond());
        assertEquals(Traffic.DEFAULT_PORT, cbr.port());
        assertEquals(10_000_000, ((Traffic.Bulk) t.traffic().get(3)).bytes());
        assertEquals("ping a->b #2", t.traffic().get(4).name(), "default names are made unique");
    }

    @Test
    void routesThroughTheTunnelsAreChecked() {
        String yaml = with(TWO_NODES, "- node: a\n", "- node: a\n          allowed-ips: 10.8.0.9/32\n") + """
                traffic:
                  - ping: {from: a, to: b}
                  - cbr: {from: a, to: 10.77.0.1, rate: 1kbit}
                """;
        assertEquals(List.of(
                "t.yaml:19: warning: nodes[1].wireguard.peers[0].allowed-ips: the allowed-ips for a leave out its tunnel"
                        + " address 10.8.0.1: what it sends will be dropped",
                "t.yaml:21: warning: traffic[0].ping.to: b has no peer whose allowed-ips include 10.8.0.1 (a): its replies"
                        + " will be dropped",
                "t.yaml:22: warning: traffic[1].cbr.to: a has no peer whose allowed-ips include 10.77.0.1: its packets"
                        + " will be dropped"), Yaml.warnings(yaml));
    }

    @Test
    void trafficThroughTheWrongPeerWarns() {
        TopologyFile file = Yaml.read("""
                name: t
                networks: [{name: n, subnet: 198.18.0.0/16}]
                generators:
                  - hub-and-spoke:
                      tunnel: 10.8.0.0/24
                      servers: {count: 2, name: s%d, network: n}
                      clients: {count: 2, name: c%d, network: n}
                traffic:
                  - ping: {from: c1, to: s2}
                """);
        assertEquals(1, file.topology().traffic().size(), "a warning, not an error");
        assertEquals(List.of(
                "t.yaml:9: warning: traffic[0].ping.to: c1 sends packets for 10.8.0.2 (s2) to its peer s1, not to s2",
                "t.yaml:9: warning: traffic[0].ping.to: s2 has no peer whose allowed-ips include 10.8.0.3 (c1): its replies"
                        + " will be dropped"), file.warnings().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void oneWayPeersAndOtherLikelyMistakesWarn() {
        String yaml = with(TWO_NODES, "      peers:\n        - node: a\n", "")
                .replace("10.8.0.2/24", "10.8.0.1/24")
                .replace("- node: b\n", "- node: b\n          allowed-ips: [10.8.0.1/24]\n");
        List<String> warnings = Yaml.warnings(yaml + "nats:\n  - {name: idle, network: internet}\n");
        assertEquals(List.of(
                "t.yaml:19: warning: nats[0].name: no network is behind NAT 'idle' (a network names it with behind-nat)",
                "t.yaml:13: warning: nodes[0].wireguard.peers[0].allowed-ips[0]: '10.8.0.1/24' has host bits set;"
                        + " WireGuard uses 10.8.0.0/24",
                "t.yaml:12: warning: nodes[0].wireguard.peers[0]: b is a peer of a, but a is not a peer of b: b will"
                        + " ignore a's handshakes",
                "t.yaml:17: warning: nodes[1].wireguard.address: 10.8.0.1 is also a's tunnel address"), warnings);
    }

    @Test
    void anchorsAndMergeKeys() {
        Topology t = Yaml.parse("""
                name: t
                networks: [{name: n, subnet: 198.18.0.0/16}]
                nodes:
                  - &base
                    name: a
                    network: n
                    link: &lossy {up: "delay 40ms loss 3%", down: "delay 40ms loss 3%"}
                    wireguard: {address: 10.8.0.1/24, peers: [{node: b}]}
                  - <<: *base
                    name: b
                    wireguard: {address: 10.8.0.2/24, peers: [{node: a}]}
                  - {name: c, network: n, link: *lossy, wireguard: {address: 10.8.0.3/24}}
                """);
        assertEquals(Link.both("delay 40ms loss 3%"), t.node("b").orElseThrow().link());
        assertEquals("n", t.node("b").orElseThrow().network());
        assertEquals("a", t.node("b").orElseThrow().wireguard().peers().get(0).node());
        assertEquals(Link.both("delay 40ms loss 3%"), t.node("c").orElseThrow().link());
    }

    @Test
    void externalPeers() {
        Topology t = Yaml.parse(with(TWO_NODES, "- node: b\n", "- node: b\n"
                + "        - public-key: Yd+DK5y+QL+cYl0XELLWJRvnGwktO5boPenXUcrctsM=\n"
                + "          allowed-ips: [10.9.0.0/24, fd00::/64]\n"
                + "          endpoint: \"[2001:db8::1]:51820\"\n"
                + "          preshared-key: zCV6kCnkhj0VTueTl7kpXqd2I8ItSv+7lj9KTpayIw8=\n"));
        Peer external = t.node("a").orElseThrow().wireguard().peers().get(1);
        assertNull(external.node());
        assertTrue(external.key() instanceof PeerKey.External);
        assertEquals("Yd+DK5y+QL+cYl0XELLWJRvnGwktO5boPenXUcrctsM=", external.publicKey().toBase64());
        assertEquals("[10.9.0.0/24, fd00::/64]", external.allowedIps().toString());
        assertEquals("2001:db8::1", ip(external.endpoint().getAddress()));
        assertEquals("zCV6kCnkhj0VTueTl7kpXqd2I8ItSv+7lj9KTpayIw8=", external.presharedKey().toBase64());
    }
}
