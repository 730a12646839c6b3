package io.wgsim.topology;

import static io.wgsim.topology.Yaml.TWO_NODES;
import static io.wgsim.topology.Yaml.error;
import static io.wgsim.topology.Yaml.errors;
import static io.wgsim.topology.Yaml.line;
import static io.wgsim.topology.Yaml.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per kind of mistake. Each file is a good one with something changed; the message must be
 * exactly {@code t.yaml:<line>: <path>: <problem>}, with the line found by a marker in the text, so a
 * case says which line it blames.
 */
class TopologyErrorsTest {
    private static final String KEY = "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk=";
    private static final String KEY_PUBLIC = "Igge9KzRytKNwrgkzDE/8hrLu6Ly0OqVdvOPWhA5KR4=";
    private static final String PEER = "Yd+DK5y+QL+cYl0XELLWJRvnGwktO5boPenXUcrctsM=";

    /** The expected message for an error on the line containing {@code marker}. */
    private static String at(String yaml, String marker, String path, String problem) {
        return "t.yaml:" + line(yaml, marker) + ": " + (path.isEmpty() ? "" : path + ": ") + problem;
    }

    private static Arguments bad(String name, String yaml, String marker, String path, String problem) {
        return Arguments.of(name, yaml, at(yaml, marker, path, problem));
    }

    /** A case whose error is on the line of the second occurrence of {@code marker}. */
    private static Arguments bad2(String name, String yaml, String marker, String path, String problem) {
        return Arguments.of(name, yaml, "t.yaml:" + line(yaml, marker, 2) + ": " + path + ": " + problem);
    }

    private static final String BEHIND_NAT = """
            name: t
            networks:
              - name: internet
                subnet: 198.18.0.0/16
              - name: home
                subnet: 192.168.1.0/24
                behind-nat: router
            nats:
              - name: router
                network: internet
            nodes:
              - name: a
                network: internet
                wireguard:
                  address: 10.8.0.1/24
                  peers:
                    - node: b
              - name: b
                network: home
                wireguard:
                  address: 10.8.0.2/24
                  peers:
                    - node: a
            """;

    private static final String HUB = """
            name: t
            networks:
              - name: internet
                subnet: 198.18.0.0/16
            generators:
              - hub-and-spoke:
                  tunnel: 10.8.0.0/24
                  servers: {count: 2, name: exit%d, network: internet}
                  clients: {count: 10, name: client%d, network: internet}
            """;

    static Stream<Arguments> cases() {
        String allowed = with(TWO_NODES, "    - node: b\n", "    - node: b\n          allowed-ips: [10.8.0.2/32, 10.8.0.300/32]\n");
        String twoPeers = with(TWO_NODES, "    - node: b\n", "    - node: b\n"
                + "          allowed-ips: [10.9.0.0/24]\n"
                + "        - public-key: Yd+DK5y+QL+cYl0XELLWJRvnGwktO5boPenXUcrctsM=\n"
                + "          allowed-ips: [10.9.0.0/24]\n");
        return Stream.of(
                bad("the brief's example: a bad prefix in a list", allowed, "10.8.0.300",
                        "nodes[0].wireguard.peers[0].allowed-ips[1]", "'10.8.0.300/32' is not an IP prefix"),
                bad("prefix length out of range", with(TWO_NODES, "10.8.0.1/24", "10.8.0.1/33"), "10.8.0.1/33",
                        "nodes[0].wireguard.address", "'10.8.0.1/33' is not an IP prefix (the length after '/' is 0..32)"),
                bad("unknown field, close to a known one", with(TWO_NODES, "  - name: a\n", "  - name: a\n    adress: 198.18.0.9\n"),
                        "adress", "nodes[0]", "unknown field 'adress' (did you mean 'address'?)"),
                bad("a wg-quick spelling", with(TWO_NODES, "- node: b\n", "- node: b\n          AllowedIPs: 10.8.0.2/32\n"),
                        "AllowedIPs", "nodes[0].wireguard.peers[0]", "unknown field 'AllowedIPs' (did you mean 'allowed-ips'?)"),
                bad("a field in the wrong map", with(TWO_NODES, "    network: internet\n", "    network: internet\n    listen-port: 1\n"),
                        "listen-port", "nodes[0]", "unknown field 'listen-port' ('listen-port' belongs under 'wireguard')"),
                bad("unknown top-level field", "name: t\nnetwork: []\n", "network:", "",
                        "unknown field 'network' (did you mean 'networks'?)"),
                bad("missing required field", with(TWO_NODES, "    network: internet\n    wireguard:\n      address: 10.8.0.2",
                        "    wireguard:\n      address: 10.8.0.2"), "- name: b", "nodes[1]", "a node needs 'network'"),
                bad("peer names an unknown node", with(TWO_NODES, "- node: b", "- node: bb"), "node: bb",
                        "nodes[0].wireguard.peers[0].node", "no node is called 'bb'"),
                bad("peer names itself", with(TWO_NODES, "- node: b", "- node: a"), "- node: a",
                        "nodes[0].wireguard.peers[0].node", "a node cannot be its own peer"),
                bad("peer with node and key", with(TWO_NODES, "- node: b\n", "- node: b\n          public-key: " + KEY + "\n"),
                        "- node: b", "nodes[0].wireguard.peers[0]", "a peer is either another 'node' or a 'public-key' from outside, not both"),
                bad("duplicate node name", with(TWO_NODES, "- name: b", "- name: a"), "- name: a\n    network: internet\n    wireguard:\n      address: 10.8.0.2",
                        "nodes[1].name", "there is already a node called 'a' (line 7)"),
                bad("address outside the subnet", with(TWO_NODES, "    network: internet\n", "    network: internet\n    address: 10.0.0.1\n"),
                        "address: 10.0.0.1", "nodes[0].address", "10.0.0.1 is not in network internet (198.18.0.0/16)"),
                bad("the subnet's broadcast address", with(TWO_NODES, "    network: internet\n", "    network: internet\n    address: 198.18.255.255\n"),
                        "198.18.255.255", "nodes[0].address", "198.18.255.255 is the broadcast address of network internet (198.18.0.0/16)"),
                bad2("two nodes on one address", TWO_NODES.replace("    network: internet\n", "    network: internet\n    address: 198.18.0.7\n"),
                        "address: 198.18.0.7", "nodes[1].address", "198.18.0.7 is already the address of a (line 9)"),
                bad2("one prefix for two peers", twoPeers, "allowed-ips: [10.9.0.0/24]", "nodes[0].wireguard.peers[1].allowed-ips",
                        "10.9.0.0/24 is also allowed for peers[0] (b): WireGuard routes a prefix to one peer only, the one configured last"),
                bad2("a peer twice", with(TWO_NODES, "- node: b\n", "- node: b\n        - node: b\n"), "- node: b",
                        "nodes[0].wireguard.peers[1].node", "b is this node's peer twice"),
                bad("NAT on an unknown network", with(BEHIND_NAT, "network: internet\nnodes", "network: internt\nnodes"), "internt",
                        "nats[0].network", "no network is called 'internt' (did you mean 'internet'?)"),
                bad("overlapping subnets", with(BEHIND_NAT, "subnet: 192.168.1.0/24", "subnet: 198.18.64.0/24"), "198.18.64.0/24",
                        "networks[1].subnet", "198.18.64.0/24 overlaps network internet (198.18.0.0/16): every outer address"
                                + " must name one host, NATs or not"),
                bad("behind an unknown NAT", with(BEHIND_NAT, "behind-nat: router", "behind-nat: rooter"), "rooter",
                        "networks[1].behind-nat", "no NAT is called 'rooter' (did you mean 'router'?)"),
                bad("NAT whose way out is behind itself", with(BEHIND_NAT, "network: internet\nnodes", "network: home\nnodes"),
                        "network: home\nnodes", "nats[0].network", "NAT 'router' has its public side on 'home', which is (through NATs) behind it: no way out"),
                bad("a duration without unit", with(TWO_NODES, "duration: 5m", "duration: 300"), "duration:", "duration",
                        "'300' has no unit: write 300s for seconds, 300ms for milliseconds"),
                bad("keepalive finer than a second", with(TWO_NODES, "- node: b\n", "- node: b\n          persistent-keepalive: 1500ms\n"),
                        "persistent-keepalive", "nodes[0].wireguard.peers[0].persistent-keepalive",
                        "'1500ms' is not whole seconds up to 65535s: WireGuard keeps the persistent keepalive in seconds"),
                bad("a bad private key", with(TWO_NODES, "    wireguard:\n", "    wireguard:\n      private-key: " + KEY.substring(1) + "\n"),
                        "private-key", "nodes[0].wireguard.private-key", "is not a key (expected 44 characters of base64 ending in '=')"),
                bad2("one private key for two nodes", TWO_NODES.replace("    wireguard:\n", "    wireguard:\n      private-key: " + KEY + "\n"),
                        "private-key", "nodes[1].wireguard.private-key",
                        "is the same private key as a's: two nodes with one key are one peer to WireGuard"),
                bad("a list where one value goes", with(TWO_NODES, "name: t", "name: [t]"), "name: [t]", "name",
                        "expected a single value, not a list"),
                bad("a value missing", with(TWO_NODES, "subnet: 198.18.0.0/16", "subnet:"), "subnet:", "networks[0].subnet",
                        "has no value"),
                bad("a key given twice", with(TWO_NODES, "name: t\n", "name: t\nname: u\n"), "name: u", "",
                        "'name' is given twice in one map (first on line 1)"),
                bad("YAML syntax", with(TWO_NODES, "  - name: a\n", "  - name: a\n   network: x\n"), "   network: x", "",
                        "YAML syntax: expected <block end>, but found '<block mapping start>', while parsing a block collection from"
                                + " line 7 (is this line indented like the ones above it?)"),
                bad("a second document", TWO_NODES + "---\nname: u\n", "name: u", "",
                        "a second YAML document: a topology file holds one document"),
                bad("'rekey' is not an event", with(TWO_NODES, "nodes:", "events:\n  - {at: 1m, rekey: a}\nnodes:"), "rekey",
                        "events[0]", "unknown field 'rekey' ('rekey' is WireGuard's own new session, made every 2 minutes by"
                                + " itself; to give a node a new private key write 'rotate-key')"),
                bad("an event on an unknown node", with(TWO_NODES, "nodes:", "events:\n  - {at: 1m, restart: c}\nnodes:"), "restart: c",
                        "events[0].restart", "no node is called 'c'"),
                bad("an event doing two things", with(TWO_NODES, "nodes:", "events:\n  - {at: 1m, restart: a, partition: a}\nnodes:"),
                        "restart: a", "events[0]", "an event does one thing; this one has restart and partition"),
                bad("a move to an unknown network", with(TWO_NODES, "nodes:", "events:\n  - {at: 1m, move: a, to: mobile}\nnodes:"),
                        "move: a", "events[0].to", "no network is called 'mobile'"),
                bad("traffic to an unknown node", TWO_NODES + "traffic:\n  - ping: {from: a, to: c}\n", "to: c",
                        "traffic[0].ping.to", "no node is called 'c' (to: takes a node's name or an IP address)"),
                bad("traffic with two kinds", TWO_NODES + "traffic:\n  - ping: {from: a, to: b}\n    cbr: {from: a, to: b, rate: 1kbit}\n",
                        "- ping", "traffic[0]", "a traffic entry has one key, not ping and cbr"),
                bad("a rate in bytes", TWO_NODES + "traffic:\n  - cbr: {from: a, to: b, rate: 8kbps}\n", "8kbps",
                        "traffic[0].cbr.rate", "'8kbps': tc reads 'kbps' as bytes per second and others read bits; write"
                                + " the rate in bits, such as 64kbit or 10mbit"),
                bad2("an outside key twice", with(TWO_NODES, "- node: b\n", "- node: b\n"
                        + "        - {public-key: " + PEER + ", allowed-ips: 10.9.0.0/24}\n"
                        + "        - {public-key: " + PEER + ", allowed-ips: 10.10.0.0/24}\n"), PEER,
                        "nodes[0].wireguard.peers[2].public-key", "this key is already peers[1]'s"),
                bad("the node's own key as an outside peer", with(TWO_NODES, "        - node: b\n",
                        "        - node: b\n        - {public-key: " + KEY_PUBLIC + ", allowed-ips: 10.9.0.0/24}\n")
                                .replace("    wireguard:\n      address: 10.8.0.1", "    wireguard:\n      private-key: "
                                        + KEY + "\n      address: 10.8.0.1"),
                        KEY_PUBLIC, "nodes[0].wireguard.peers[1].public-key", "this is the node's own public key"),
                bad("a generator name without an index", with(HUB, "name: client%d", "name: client"), "name: client",
                        "generators[0].hub-and-spoke.clients.name", "'client' names 10 nodes: put %d where the index goes,"
                                + " such as client%d"),
                bad("a generated name taken", HUB.replace("name: client%d", "name: exit%d"), "clients:",
                        "generators[0].hub-and-spoke.clients", "'exit%d' makes exit1, a name already used on line 8"),
                bad("a tunnel too small", with(HUB, "tunnel: 10.8.0.0/24", "tunnel: 10.8.0.0/29"), "tunnel:",
                        "generators[0].hub-and-spoke.tunnel", "the tunnel prefix 10.8.0.0/29 has no address left for client5 (it holds 6)"),
                bad("a network too small", with(HUB, "subnet: 198.18.0.0/16", "subnet: 198.18.0.0/29"), "subnet:",
                        "networks[0].subnet", "network internet (198.18.0.0/29) has no address left for client5: it holds 6"),
                bad("servers that do not exist", with(HUB, "servers: {count: 2, name: exit%d, network: internet}", "servers: [exit1]"),
                        "servers: [exit1]", "generators[0].hub-and-spoke.servers[0]", "no node is called 'exit1'"),
                bad("a preshared key derived for an outside key", with(TWO_NODES, "- node: b\n", "- node: b\n"
                        + "        - public-key: Yd+DK5y+QL+cYl0XELLWJRvnGwktO5boPenXUcrctsM=\n"
                        + "          allowed-ips: 10.9.0.0/24\n          preshared-key: auto\n"), "- public-key",
                        "nodes[0].wireguard.peers[1]", "preshared-key: auto derives the key from both nodes' names; a peer"
                                + " known by its public key needs the key written out"),
                bad("no nodes at all", "name: t\nnetworks:\n  - {name: n, subnet: 10.0.0.0/8}\n", "name: t", "",
                        "the topology has no nodes: write some under 'nodes' or 'generators'"),
                bad("not a map", "- just\n- a list\n", "- just", "", "a topology is a map with the fields name, description,"
                        + " seed, duration, networks, nats, nodes, generators, events, traffic; this is a list"),
                bad("an alias without an anchor", with(TWO_NODES, "name: t", "name: *nothing"), "*nothing", "",
                        "alias *nothing has no anchor &nothing before it (anchors work on maps and lists, not on single values)"),
                bad("an anchor on a single value", with(TWO_NODES, "name: t", "name: &n t\ndescription: *n"), "description", "",
                        "alias *n has no anchor &n before it (anchors work on maps and lists, not on single values)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsFileLineAndField(String name, String yaml, String expected) {
        assertEquals(expected, errors(yaml).get(0));
    }

    @org.junit.jupiter.api.Test
    void emptyFile() {
        assertEquals("t.yaml: is empty: a topology needs at least a name, networks and nodes", error(""));
    }

    @org.junit.jupiter.api.Test
    void reportsEveryErrorAtOnce() {
        String yaml = with(with(TWO_NODES, "subnet: 198.18.0.0/16", "subnet: 198.18.0.0/99"), "10.8.0.2/24", "10.8.0.2/99");
        List<String> errors = errors(yaml);
        assertEquals(List.of(
                "t.yaml:5: networks[0].subnet: '198.18.0.0/99' is not an IP prefix (the length after '/' is 0..32)",
                "t.yaml:16: nodes[1].wireguard.address: '10.8.0.2/99' is not an IP prefix (the length after '/' is 0..32)"),
                errors);
    }

    @org.junit.jupiter.api.Test
    void manyErrorsOfOneKindAreCounted() {
        // Twelve nodes with the same mistake: five are shown, the rest counted on one line.
        StringBuilder yaml = new StringBuilder("name: t\nnetworks:\n  - {name: n, subnet: 10.0.0.0/8}\nnodes:\n");
        for (int i = 0; i < 12; i++) {
            yaml.append("  - {name: x").append(i).append(", network: n, wireguard: {peers: [{node: ghost}]}}\n");
        }
        List<String> errors = errors(yaml.toString());
        assertEquals(Diagnostics.MAX_PER_KIND + 1, errors.size(), String.join("\n", errors));
        assertEquals("t.yaml:16: nodes[11].wireguard.peers[0].node: and 7 more like the above; the last: no node is"
                + " called 'ghost'", errors.get(errors.size() - 1));
    }

    @org.junit.jupiter.api.Test
    void linkCheckErrorsPointAtTheLink() {
        String yaml = with(TWO_NODES, "    network: internet\n", "    network: internet\n    link: {up: \"delay 5ms\", down: \"bogus 3\"}\n");
        ParseOptions options = ParseOptions.DEFAULT.withLinkCheck(text -> {
            if (text.startsWith("bogus")) {
                throw new IllegalArgumentException("'bogus' is not a netem keyword");
            }
        });
        assertEquals(List.of("t.yaml:9: nodes[0].link.down: 'bogus' is not a netem keyword"), errors(yaml, options));
        ParseOptions throwsItsOwn = ParseOptions.DEFAULT.withLinkCheck(text -> {
            if (text.startsWith("bogus")) {
                throw new IllegalStateException("bogus: unknown keyword");
            }
        });
        assertEquals(List.of("t.yaml:9: nodes[0].link.down: bogus: unknown keyword"), errors(yaml, throwsItsOwn));
    }

    @org.junit.jupiter.api.Test
    void secretsNeverAppearInMessages() {
        String broken = KEY.substring(0, 43) + "+";
        String yaml = with(TWO_NODES, "    wireguard:\n", "    wireguard:\n      private-key: " + broken + "\n");
        String message = error(yaml);
        assertFalse(message.contains(broken.substring(0, 20)), message);
        String pskYaml = with(TWO_NODES, "- node: b\n", "- node: b\n          preshared-key: " + broken + "\n");
        String pskMessage = error(pskYaml);
        assertFalse(pskMessage.contains(broken.substring(0, 20)), pskMessage);
        assertTrue(pskMessage.contains("preshared-key"), pskMessage);
    }
}
