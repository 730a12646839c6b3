package io.wgsim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.net.IpAddresses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every topology in topologies/ parses without errors or warnings, and the quickstart shows what it promises. */
class ShippedTopologiesTest {
    static final Path DIR = Path.of("topologies");

    static List<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theThreeAreThere() throws IOException {
        List<String> names = shipped().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("quickstart.yaml", "scale-10k.yaml", "scale-100k.yaml")), names.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void parsesWithoutWarnings(Path file) throws TopologyException {
        TopologyFile parsed = TopologyParser.read(file, ParseOptions.DEFAULT);
        assertEquals(List.of(), parsed.warnings().stream().map(Diagnostic::toString).toList());
        String base = file.getFileName().toString().replace(".yaml", "");
        assertEquals(base, parsed.topology().name(), "a topology is named like its file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void pointsEditorsAtTheSchema(Path file) throws IOException {
        assertEquals("# yaml-language-server: $schema=./schema.json", Files.readAllLines(file).get(0));
    }

    @Test
    void quickstartIsASmallDvpn() throws TopologyException {
        Topology t = TopologyParser.parse(DIR.resolve("quickstart.yaml"));
        List<Node> exits = t.nodes().stream().filter(n -> n.name().startsWith("exit")).toList();
        List<Node> clients = t.nodes().stream().filter(n -> !n.name().startsWith("exit")).toList();
        assertEquals(2, exits.size());
        assertEquals(12, clients.size());
        // Every client peers with one exit, which peers back.
        for (Node c : clients) {
            assertEquals(1, c.wireguard().peers().size(), c.name());
            Peer toExit = c.wireguard().peers().get(0);
            Node exit = t.node(toExit.node()).orElseThrow();
            assertTrue(exit.wireguard().peers().stream().anyMatch(p -> c.name().equals(p.node())), c.name());
            assertEquals(Duration.ofSeconds(25), toExit.persistentKeepalive());
            assertNotNull(toExit.endpoint(), "exits are reachable");
        }
        // Lossy mobile links, a client behind a NAT and a rebinding of that NAT during the run.
        Node phone = t.node("phone1").orElseThrow();
        assertTrue(phone.link().up().contains("loss"), phone.link().toString());
        Network mobile = t.network(phone.network()).orElseThrow();
        assertTrue(mobile.isBehindNat());
        assertTrue(t.events().stream().anyMatch(e -> e instanceof TopologyEvent.Rebind r
                && r.nat().equals(mobile.behindNat()) && r.at().compareTo(t.duration()) < 0));
        // Long enough, with traffic, for WireGuard's 120-second rekeys to happen at least once.
        assertTrue(t.duration().compareTo(Duration.ofSeconds(240)) >= 0, t.duration().toString());
        assertTrue(t.traffic().stream().anyMatch(f -> f instanceof Traffic.Ping p && p.stop() == null
                && p.start().compareTo(Duration.ofSeconds(120)) < 0));
        assertEquals("198.18.0.3", IpAddresses.format(t.nat("home-router").orElseThrow().publicAddress()),
                "the file's comment says where the home router's address comes from");
    }

    @Test
    void scaleTenThousand() throws TopologyException {
        Topology t = TopologyParser.parse(DIR.resolve("scale-10k.yaml"));
        checkScale(t, 10, 10_000);
    }

    @Test
    void scaleHundredThousand() throws TopologyException {
        Topology t = TopologyParser.parse(DIR.resolve("scale-100k.yaml"));
        checkScale(t, 10, 100_000);
    }

    private static void checkScale(Topology t, int servers, int clients) {
        assertEquals(servers + clients, t.nodes().size());
        assertEquals(Duration.ofMinutes(10), t.duration());
        int serverPeers = 0;
        for (int i = 0; i < servers; i++) {
            serverPeers += t.nodes().get(i).wireguard().peers().size();
        }
        assertEquals(clients, serverPeers, "one server per client");
        for (int i = servers; i < t.nodes().size(); i += 997) {
            Peer p = t.nodes().get(i).wireguard().peers().get(0);
            assertEquals(Duration.ofSeconds(25), p.persistentKeepalive());
        }
        assertFalse(t.nodes().get(t.nodes().size() - 1).wireguard().peers().isEmpty());
    }
}
