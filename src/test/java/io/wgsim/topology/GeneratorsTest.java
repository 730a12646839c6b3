package io.wgsim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.IpAddresses;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What generators make: counts, names, order, addresses, who peers with whom. */
class GeneratorsTest {
    private static final String HEAD = """
            name: t
            networks:
              - {name: internet, subnet: 198.18.0.0/16}
              - {name: mobile, subnet: 100.64.0.0/16, behind-nat: cgnat}
            nats:
              - {name: cgnat, network: internet}
            """;

    private static Topology hub(String body) {
        return Yaml.parse(HEAD + "generators:\n  - hub-and-spoke:\n" + body.indent(6));
    }

    private static List<String> peerNames(Node n) {
        return n.wireguard().peers().stream().map(Peer::node).toList();
    }

    private static String ip(java.net.InetAddress a) {
        return IpAddresses.format(a);
    }

    @Test
    void hubAndSpokeRoundRobin() {
        Topology t = hub("""
                tunnel: 10.8.0.0/24
                servers: {count: 2, name: exit%d, network: internet, listen-port: 51000}
                clients: {count: 5, name: client%d, network: mobile, persistent-keepalive: 25s}
                """);
        assertEquals(List.of("exit1", "exit2", "client1", "client2", "client3", "client4", "client5"),
                t.nodes().stream().map(Node::name).toList(), "servers first, then clients, in index order");
        // Tunnel addresses: servers first, in the tunnel's prefix length.
        assertEquals("10.8.0.1/24", t.nodes().get(0).wireguard().addresses().get(0).toString());
        assertEquals("10.8.0.3/24", t.nodes().get(2).wireguard().addresses().get(0).toString());
        assertEquals("10.8.0.7/24", t.nodes().get(6).wireguard().addresses().get(0).toString());
        // Outer addresses: each network's in order (the NAT took internet's first).
        assertEquals("198.18.0.1", ip(t.nat("cgnat").orElseThrow().publicAddress()));
        assertEquals("198.18.0.2", ip(t.nodes().get(0).address()));
        assertEquals("100.64.0.1", ip(t.nodes().get(2).address()));
        // Round robin.
        Node exit1 = t.node("exit1").orElseThrow();
        assertEquals(List.of("client1", "client3", "client5"), peerNames(exit1));
        assertEquals(List.of("client2", "client4"), peerNames(t.node("exit2").orElseThrow()));
        // The server's entry: the client's own address, no endpoint (learnt from its handshake).
        Peer toClient = exit1.wireguard().peers().get(0);
        assertEquals("[10.8.0.3/32]", toClient.allowedIps().toString());
        assertNull(toClient.endpoint());
        assertEquals(Duration.ZERO, toClient.persistentKeepalive());
        // The client's entry: the whole tunnel, the server's endpoint, the group's keepalive.
        Peer toServer = t.node("client2").orElseThrow().wireguard().peers().get(0);
        assertEquals("exit2", toServer.node());
        assertEquals("[10.8.0.0/24]", toServer.allowedIps().toString());
        assertEquals("198.18.0.3", ip(toServer.endpoint().getAddress()));
        assertEquals(51000, toServer.endpoint().getPort());
        assertEquals(Duration.ofSeconds(25), toServer.persistentKeepalive());
    }

    @Test
    void everyClientWithEveryServer() {
        Topology t = hub("""
                tunnel: 10.8.0.0/24
                servers: {count: 3, name: s%d, network: internet}
                clients: {count: 4, name: c%d, network: mobile}
                servers-per-client: all
                """);
        for (int i = 1; i <= 4; i++) {
            Node c = t.node("c" + i).orElseThrow();
            assertEquals(List.of("s1", "s2", "s3"), peerNames(c));
            // One prefix cannot go to two peers: each server gets its own address.
            assertEquals("[10.8.0.1/32]", c.wireguard().peers().get(0).allowedIps().toString());
        }
        assertEquals(List.of("c1", "c2", "c3", "c4"), peerNames(t.node("s2").orElseThrow()));
    }

    @Test
    void twoServersEachRoundRobin() {
        Topology t = hub("""
                tunnel: 10.8.0.0/24
                servers: {count: 3, name: s%d, network: internet}
                clients: {count: 3, name: c%d, network: mobile}
                servers-per-client: 2
                """);
        assertEquals(List.of("s1", "s2"), peerNames(t.node("c1").orElseThrow()));
        assertEquals(List.of("s2", "s3"), peerNames(t.node("c2").orElseThrow()));
        assertEquals(List.of("s3", "s1"), peerNames(t.node("c3").orElseThrow()));
    }

    @Test
    void blockAssignment() {
        Topology t = hub("""
                tunnel: 10.8.0.0/24
                servers: {count: 3, name: s%d, network: internet}
                clients: {count: 6, name: c%d, network: mobile}
                assign: block
                """);
        assertEquals(List.of("c1", "c2"), peerNames(t.node("s1").orElseThrow()));
        assertEquals(List.of("c3", "c4"), peerNames(t.node("s2").orElseThrow()));
        assertEquals(List.of("c5", "c6"), peerNames(t.node("s3").orElseThrow()));
    }

    @Test
    void groupsOfClientsContinueAddressesAndTurns() {
        Topology t = hub("""
                tunnel: 10.8.0.0/24
                servers: {count: 2, name: exit%d, network: internet}
                clients:
                  - {count: 3, name: phone%02d, network: mobile, link: "delay 40ms loss 3%", persistent-keepalive: 25s}
                  - {count: 2, name: laptop%d, start: 7, network: internet, allowed-ips: [0.0.0.0/0]}
                """);
        assertEquals(List.of("exit1", "exit2", "phone01", "phone02", "phone03", "laptop7", "laptop8"),
                t.nodes().stream().map(Node::name).toList());
        Node laptop7 = t.node("laptop7").orElseThrow();
        assertEquals("10.8.0.6/24", laptop7.wireguard().addresses().get(0).toString());
        assertEquals("exit2", laptop7.wireguard().peers().get(0).node(), "the fourth client, so the second server");
        assertEquals("[0.0.0.0/0]", laptop7.wireguard().peers().get(0).allowedIps().toString());
        assertEquals(Link.NONE, laptop7.link());
        assertEquals(Link.both("delay 40ms loss 3%"), t.node("phone02").orElseThrow().link());
    }

    @Test
    void existingNodesAsServers() {
        Topology t = Yaml.parse(HEAD + """
                nodes:
                  - name: exit1
                    network: internet
                    wireguard:
                      address: 10.8.0.1/24
                      peers:
                        - {public-key: Yd+DK5y+QL+cYl0XELLWJRvnGwktO5boPenXUcrctsM=, allowed-ips: 10.99.0.0/16}
                  - name: exit2
                    network: internet
                    wireguard: {address: 10.8.0.3/24}
                generators:
                  - hub-and-spoke:
                      tunnel: 10.8.0.0/24
                      servers: [exit1, exit2]
                      clients: {count: 3, name: c%d, network: mobile}
                """);
        Node exit1 = t.node("exit1").orElseThrow();
        assertEquals(3, exit1.wireguard().peers().size(), "its written peer, then c1 and c3");
        assertNull(exit1.wireguard().peers().get(0).node());
        assertEquals(List.of("c1", "c3"), peerNames(exit1).subList(1, 3));
        // The clients' addresses skip those the exits already use.
        assertEquals("10.8.0.2/24", t.node("c1").orElseThrow().wireguard().addresses().get(0).toString());
        assertEquals("10.8.0.4/24", t.node("c2").orElseThrow().wireguard().addresses().get(0).toString());
    }

    @Test
    void fullMesh() {
        Topology t = Yaml.parse(HEAD + """
                generators:
                  - full-mesh: {count: 4, name: n%d, network: internet, tunnel: 10.9.0.0/24, preshared-keys: auto}
                """);
        assertEquals(4, t.nodes().size());
        for (Node n : t.nodes()) {
            assertEquals(3, n.wireguard().peers().size());
            assertTrue(n.wireguard().peers().stream().allMatch(p -> p.endpoint() != null), "all on the internet");
            assertTrue(n.wireguard().peers().stream().noneMatch(p -> n.name().equals(p.node())));
        }
        Peer n1n3 = t.node("n1").orElseThrow().wireguard().peers().get(1);
        Peer n3n1 = t.node("n3").orElseThrow().wireguard().peers().get(0);
        assertEquals("n3", n1n3.node());
        assertEquals("[10.9.0.3/32]", n1n3.allowedIps().toString());
        assertEquals(n1n3.presharedKey(), n3n1.presharedKey());
    }

    @Test
    void fullMeshOnOneNattedNetworkIsALan() {
        Topology t = Yaml.parse(HEAD + """
                generators:
                  - full-mesh: {count: 3, name: n%d, network: mobile, tunnel: 10.9.0.0/24}
                """);
        Peer n1n2 = t.node("n1").orElseThrow().wireguard().peers().get(0);
        assertEquals("100.64.0.2", ip(n1n2.endpoint().getAddress()), "behind one NAT, they see each other directly");
    }

    @Test
    void writtenNodesFirstThenGeneratorsInOrder() {
        Topology t = Yaml.parse(HEAD + """
                nodes:
                  - {name: solo, network: internet, wireguard: {address: 10.7.0.1/24}}
                generators:
                  - full-mesh: {count: 2, name: m%d, network: internet, tunnel: 10.9.0.0/24}
                  - hub-and-spoke:
                      tunnel: 10.8.0.0/24
                      servers: {count: 1, name: hub, network: internet}
                      clients: {count: 2, name: c%d, network: mobile}
                """);
        assertEquals(List.of("solo", "m1", "m2", "hub", "c1", "c2"), t.nodes().stream().map(Node::name).toList());
    }
}
