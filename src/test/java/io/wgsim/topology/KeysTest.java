package io.wgsim.topology;

import static io.wgsim.topology.Yaml.TWO_NODES;
import static io.wgsim.topology.Yaml.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.config.WgQuickConfig;
import io.wgsim.crypto.Blake2s;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.X25519;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keys derived from the seed: the same for the same seed, different under another, and as documented. */
class KeysTest {
    private static final String GIVEN = "AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk=";
    private static final String GIVEN_PUBLIC = "Igge9KzRytKNwrgkzDE/8hrLu6Ly0OqVdvOPWhA5KR4=";

    private static WireGuard wg(Topology t, String node) {
        return t.node(node).orElseThrow().wireguard();
    }

    private static Topology parse(String yaml, long seed) throws TopologyException {
        return TopologyParser.read(yaml, "t.yaml", ParseOptions.DEFAULT.withSeed(seed)).topology();
    }

    @Test
    void sameSeedSameKeys() throws TopologyException {
        Topology one = parse(TWO_NODES, 7);
        Topology two = parse(TWO_NODES, 7);
        for (String node : new String[] {"a", "b"}) {
            assertEquals(wg(one, node).publicKey(), wg(two, node).publicKey());
            assertEquals(wg(one, node).privateKey(), wg(two, node).privateKey());
        }
        assertEquals(one, two, "records compare by value, keys included");
    }

    @Test
    void anotherSeedOtherKeys() throws TopologyException {
        Topology one = parse(TWO_NODES, 7);
        Topology two = parse(TWO_NODES, 8);
        assertEquals(7, one.seed());
        assertEquals(8, two.seed());
        for (String node : new String[] {"a", "b"}) {
            assertNotEquals(wg(one, node).publicKey(), wg(two, node).publicKey());
        }
        assertNotEquals(wg(one, "a").publicKey(), wg(one, "b").publicKey(), "two nodes, two keys");
    }

    @Test
    void theFileSeedIsTheDefaultAndOneWithout() {
        assertEquals(Resolver.DEFAULT_SEED, Yaml.parse(TWO_NODES).seed());
        assertEquals(42, Yaml.parse(with(TWO_NODES, "name: t\n", "name: t\nseed: 42\n")).seed());
    }

    @Test
    void peersHoldThePeerNodesKey() {
        Topology t = Yaml.parse(TWO_NODES);
        Node a = t.node("a").orElseThrow();
        Node b = t.node("b").orElseThrow();
        assertEquals(b.wireguard().publicKey(), a.wireguard().peers().get(0).publicKey());
        assertEquals(a.wireguard().publicKey(), b.wireguard().peers().get(0).publicKey());
        PeerKey.OfNode key = (PeerKey.OfNode) a.wireguard().peers().get(0).key();
        assertSame(b.wireguard().key(), key.key(), "the peer entry shares the node's key, computed once");
    }

    @Test
    void givenKeysAreKept() {
        Topology t = Yaml.parse(with(TWO_NODES, "    wireguard:\n", "    wireguard:\n      private-key: " + GIVEN + "\n"));
        NodeKey key = t.node("a").orElseThrow().wireguard().key();
        assertFalse(key.isDerived());
        assertEquals(GIVEN_PUBLIC, key.publicKey().toBase64());
        assertTrue(t.node("b").orElseThrow().wireguard().key().isDerived());
        assertFalse(key.toString().contains(GIVEN.substring(0, 10)), "toString never shows the private key");
    }

    /** The formula docs/topology.md gives, computed here by hand. */
    @Test
    void derivationIsTheDocumentedOne() {
        byte[] name = "exit1".getBytes(StandardCharsets.UTF_8);
        byte[] fields = ByteBuffer.allocate(1 + 8 + 4 + name.length).put((byte) 0).putLong(1).putInt(0).put(name).array();
        byte[] secret = X25519.clamp(Blake2s.hash("wgsim topology private key v1".getBytes(StandardCharsets.US_ASCII), fields));
        assertEquals(PrivateKey.of(secret), NodeKey.derived(1, "exit1").privateKey());
        // Computed apart from this code, with Python's hashlib.blake2s and the cryptography package's X25519
        // (the script is in docs/topology.md), so a change to the derivation cannot go unnoticed.
        assertEquals("tkfsZzIcsN4fMGJliqUtP2JnFZ+djj4x4MAJAndqPTM=", NodeKey.derived(1, "exit1").publicKey().toBase64());
    }

    @Test
    void presharedKeysAreSymmetricAndPerPair() {
        assertEquals(KeyDerivation.presharedKey(3, "a", "b"), KeyDerivation.presharedKey(3, "b", "a"));
        assertNotEquals(KeyDerivation.presharedKey(3, "a", "b"), KeyDerivation.presharedKey(4, "a", "b"));
        assertNotEquals(KeyDerivation.presharedKey(3, "a", "bc"), KeyDerivation.presharedKey(3, "ab", "c"),
                "names are length-prefixed, so no two pairs run together");
        Topology t = Yaml.parse(TWO_NODES.replace("- node: b\n", "- node: b\n          preshared-key: auto\n")
                .replace("- node: a\n", "- node: a\n          preshared-key: auto\n"));
        PresharedKey ab = t.node("a").orElseThrow().wireguard().peers().get(0).presharedKey();
        PresharedKey ba = t.node("b").orElseThrow().wireguard().peers().get(0).presharedKey();
        assertFalse(ab.isNone());
        assertEquals(ab, ba);
    }

    @Test
    void rotationsGetNewDerivedKeys() {
        Topology t = Yaml.parse(with(TWO_NODES, "nodes:", """
                events:
                  - {at: 2m, rotate-key: a}
                  - {at: 1m, rotate-key: a}
                  - {at: 3m, rotate-key: b, private-key: %s}
                nodes:""".formatted(GIVEN)));
        TopologyEvent.RotateKey first = (TopologyEvent.RotateKey) t.events().get(0);
        TopologyEvent.RotateKey second = (TopologyEvent.RotateKey) t.events().get(1);
        TopologyEvent.RotateKey third = (TopologyEvent.RotateKey) t.events().get(2);
        assertEquals(NodeKey.derived(t.seed(), "a", 1), first.key(), "numbered in time order, not file order");
        assertEquals(NodeKey.derived(t.seed(), "a", 2), second.key());
        assertNotEquals(t.node("a").orElseThrow().wireguard().key(), first.key());
        assertEquals(GIVEN_PUBLIC, third.key().publicKey().toBase64());
    }

    @Test
    void precomputingGivesTheSameKeys() throws TopologyException {
        Topology lazy = parse(TWO_NODES, 5);
        Topology eager = parse(TWO_NODES, 5);
        eager.precomputeKeys();
        assertEquals(lazy.node("a").orElseThrow().wireguard().publicKey(), eager.node("a").orElseThrow().wireguard().publicKey());
    }

    @Test
    void exportsWgQuickConfigs() {
        Topology t = Yaml.parse(TWO_NODES);
        WgQuickConfig a = t.node("a").orElseThrow().wireguard().toWgQuickConfig();
        assertEquals(t.node("a").orElseThrow().wireguard().privateKey(), a.iface().privateKey());
        assertEquals(51820, a.iface().listenPort());
        assertEquals(t.node("b").orElseThrow().wireguard().publicKey(), a.peers().get(0).publicKey());
        assertEquals("10.8.0.2/32", a.peers().get(0).allowedIps().get(0).toString());
        assertEquals("198.18.0.2:51820", a.peers().get(0).endpoint().toString());
    }
}
