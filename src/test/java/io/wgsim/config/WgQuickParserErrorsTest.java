package io.wgsim.config;

import static io.wgsim.config.TestKeys.PEER_A;
import static io.wgsim.config.TestKeys.PRIVATE;
import static io.wgsim.config.TestKeys.PSK;
import static io.wgsim.config.TestKeys.PUBLIC_OF_PRIVATE;
import static io.wgsim.config.TestKeys.assertNotLeaked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per kind of bad input. Each file is a good one with a line changed; the message must point at
 * the file, line, section and field, say what is wrong, and never contain the private or preshared key.
 */
class WgQuickParserErrorsTest {
    /** A good file: line 2 PrivateKey, 3 ListenPort, 4 Address, 5 MTU, 7 [Peer], 8..12 peer keys. */
    private static final String GOOD = """
            [Interface]
            PrivateKey = %s
            ListenPort = 51820
            Address = 10.0.0.1/24
            MTU = 1420

            [Peer]
            PublicKey = %s
            PresharedKey = %s
            AllowedIPs = 10.0.0.2/32
            Endpoint = 192.0.2.2:51820
            PersistentKeepalive = 25
            """.formatted(PRIVATE, PEER_A, PSK);

    /** GOOD with line {@code number} (1-based) replaced by {@code replacement}. */
    private static String withLine(int number, String replacement) {
        String[] lines = GOOD.split("\n", -1);
        lines[number - 1] = replacement;
        return String.join("\n", lines);
    }

    private static String withExtraLine(String appended) {
        return GOOD + appended + "\n";
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                // name, text, expected message start (file:line: [Section] Field:), expected problem text
                Arguments.of("endpoint not IP:port", withLine(11, "Endpoint = foo"),
                        "peer.conf:11: [Peer] Endpoint: ", "'foo' is not IP:port"),
                Arguments.of("endpoint host name", withLine(11, "Endpoint = vpn.example.com:51820"),
                        "peer.conf:11: [Peer] Endpoint: ", "literal IP addresses only (no DNS)"),
                Arguments.of("endpoint IPv6 without brackets", withLine(11, "Endpoint = fd00::1:51820"),
                        "peer.conf:11: [Peer] Endpoint: ", "[address]:port"),
                Arguments.of("endpoint port 0", withLine(11, "Endpoint = 192.0.2.2:0"),
                        "peer.conf:11: [Peer] Endpoint: ", "outside 1..65535"),
                Arguments.of("endpoint port too large", withLine(11, "Endpoint = [fd00::1]:65536"),
                        "peer.conf:11: [Peer] Endpoint: ", "outside 1..65535"),
                Arguments.of("endpoint without port", withLine(11, "Endpoint = 192.0.2.2"),
                        "peer.conf:11: [Peer] Endpoint: ", "is not IP:port"),
                Arguments.of("private key truncated", withLine(2, "PrivateKey = " + PRIVATE.substring(0, 40)),
                        "peer.conf:2: [Interface] PrivateKey: ", "is not a key"),
                Arguments.of("private key not base64", withLine(2, "PrivateKey = " + PRIVATE.replace('+', '-')),
                        "peer.conf:2: [Interface] PrivateKey: ", "is not a key"),
                Arguments.of("private key not canonical", withLine(2, "PrivateKey = " + PRIVATE.replace("VFk=", "VFl=")),
                        "peer.conf:2: [Interface] PrivateKey: ", "is not a key"),
                Arguments.of("preshared key truncated", withLine(9, "PresharedKey = " + PSK.substring(1)),
                        "peer.conf:9: [Peer] PresharedKey: ", "is not a key"),
                Arguments.of("public key bad", withLine(8, "PublicKey = " + PEER_A.substring(0, 43) + "=="),
                        "peer.conf:8: [Peer] PublicKey: ", "is not a key"),
                Arguments.of("listen port too large", withLine(3, "ListenPort = 65536"),
                        "peer.conf:3: [Interface] ListenPort: ", "'65536' is not a port (0..65535"),
                Arguments.of("listen port not a number", withLine(3, "ListenPort = http"),
                        "peer.conf:3: [Interface] ListenPort: ", "'http' is not a port"),
                Arguments.of("listen port empty", withLine(3, "ListenPort ="),
                        "peer.conf:3: [Interface] ListenPort: ", "has no value"),
                Arguments.of("mtu too small", withLine(5, "MTU = 500"),
                        "peer.conf:5: [Interface] MTU: ", "500 is out of range: MTU must be 576..65535"),
                Arguments.of("mtu too large", withLine(5, "MTU = 70000"),
                        "peer.conf:5: [Interface] MTU: ", "MTU must be 576..65535"),
                Arguments.of("mtu not a number", withLine(5, "MTU = -1"),
                        "peer.conf:5: [Interface] MTU: ", "'-1' is not a number (MTU must be 576..65535)"),
                Arguments.of("keepalive word", withLine(12, "PersistentKeepalive = sometimes"),
                        "peer.conf:12: [Peer] PersistentKeepalive: ", "'sometimes' is not 'off' or a number of seconds 0..65535"),
                Arguments.of("keepalive too large", withLine(12, "PersistentKeepalive = 65536"),
                        "peer.conf:12: [Peer] PersistentKeepalive: ", "0..65535"),
                Arguments.of("allowed ip bad prefix", withLine(10, "AllowedIPs = 10.0.0.0/33"),
                        "peer.conf:10: [Peer] AllowedIPs: ", "prefix length 33 is out of range 0..32"),
                Arguments.of("allowed ip not an address", withLine(10, "AllowedIPs = 10.0.0.2/32, bob"),
                        "peer.conf:10: [Peer] AllowedIPs: ", "'bob' is not an IP address"),
                Arguments.of("allowed ip empty entry", withLine(10, "AllowedIPs = 10.0.0.2/32,,10.0.0.3/32"),
                        "peer.conf:10: [Peer] AllowedIPs: ", "empty entry"),
                Arguments.of("address bad", withLine(4, "Address = 10.0.0.256/24"),
                        "peer.conf:4: [Interface] Address: ", "is not an IP address"),
                Arguments.of("unknown key", withLine(4, "Adress = 10.0.0.1/24"),
                        "peer.conf:4: [Interface] Adress: ", "unknown key ([Interface] takes PrivateKey, ListenPort, Address, MTU)"),
                Arguments.of("key in the wrong section", withLine(12, "ListenPort = 51820"),
                        "peer.conf:12: [Peer] ListenPort: ", "belongs in [Interface], not [Peer]"),
                Arguments.of("ignored key in the wrong section", withLine(12, "DNS = 1.1.1.1"),
                        "peer.conf:12: [Peer] DNS: ", "belongs in [Interface], not [Peer]"),
                Arguments.of("key given twice", withLine(5, "listenport = 51821"),
                        "peer.conf:5: [Interface] ListenPort: ", "given twice in one section (first on line 3)"),
                Arguments.of("private key given twice", withLine(5, "PrivateKey = " + PSK),
                        "peer.conf:5: [Interface] PrivateKey: ", "given twice in one section (first on line 2)"),
                Arguments.of("key outside any section", "ListenPort = 1\n" + GOOD,
                        "peer.conf:1: ListenPort: ", "outside any section"),
                Arguments.of("line without '='", withLine(6, "this is not a setting"),
                        "peer.conf:6: [Interface]: ", "expected 'Key = Value'"),
                Arguments.of("unknown section", withLine(7, "[Peers]"),
                        "peer.conf:7: ", "unknown section [Peers] (expected [Interface] or [Peer])"),
                Arguments.of("unclosed section header", withLine(7, "[Peer"),
                        "peer.conf:7: ", "malformed section header"),
                Arguments.of("second [Interface]", withExtraLine("[Interface]\nPrivateKey = " + PSK),
                        "peer.conf:13: [Interface]: ", "only one [Interface] section is allowed (the first is on line 1)"),
                Arguments.of("missing private key", withLine(2, ""),
                        "peer.conf:1: [Interface] PrivateKey: ", "missing"),
                Arguments.of("peer without public key", withExtraLine("[Peer]\nAllowedIPs = 10.0.0.9/32"),
                        "peer.conf:13: [Peer] PublicKey: ", "missing"),
                Arguments.of("duplicate peer", withExtraLine("\n[Peer]\nPublicKey = " + PEER_A),
                        "peer.conf:15: [Peer] PublicKey: ", PEER_A + " is already the peer on line 7"),
                Arguments.of("peer is ourselves", withLine(8, "PublicKey = " + PUBLIC_OF_PRIVATE),
                        "peer.conf:8: [Peer] PublicKey: ", "is this interface's own public key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void namesFileLineSectionAndFieldWithoutLeakingSecrets(String name, String text, String start, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> WgQuickParser.parse(text, "peer.conf"));

        String message = e.getMessage();
        assertTrue(message.startsWith(start), () -> "expected to start with '" + start + "': " + message);
        assertTrue(message.contains(problem), () -> "expected '" + problem + "' in: " + message);
        assertNotLeaked(message, PRIVATE);
        assertNotLeaked(message, PSK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void theLineNumberIsAlsoAField(String name, String text, String start, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> WgQuickParser.parse(text, "peer.conf"));

        String prefix = "peer.conf:" + e.line() + ": ";
        assertTrue(e.line() > 0 && e.getMessage().startsWith(prefix), e.getMessage());
        assertEquals("peer.conf", e.source());
    }

    @Test
    void theExampleFromTheIssueReadsExactly() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> WgQuickParser.parse(withLine(11, "Endpoint = foo"), "peer.conf"));

        assertEquals("peer.conf:11: [Peer] Endpoint: 'foo' is not IP:port", e.getMessage());
    }

    @Test
    void aFileWithoutAnInterfaceSaysSo() {
        String peersOnly = "[Peer]\nPublicKey = " + PEER_A + "\n";

        ConfigException e = assertThrows(ConfigException.class, () -> WgQuickParser.parse(peersOnly, "peer.conf"));

        assertEquals("peer.conf: no [Interface] section", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void aKeyPastedOnALineOfItsOwnIsNotQuoted() {
        // "<43 chars>=" reads as key "<43 chars>" with an empty value: the key name must not be echoed.
        for (String pasted : new String[] {PRIVATE, PSK, "PrivateKey " + PRIVATE}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> WgQuickParser.parse(withLine(6, pasted), "peer.conf"));

            assertTrue(e.getMessage().startsWith("peer.conf:6: [Interface]: not a 'Key = Value' line with a known key"),
                    e.getMessage());
            assertNotLeaked(e.getMessage(), PRIVATE);
            assertNotLeaked(e.getMessage(), PSK);
        }
    }

    @Test
    void aSecretInASectionHeaderIsNotQuoted() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> WgQuickParser.parse(withLine(7, "[" + PRIVATE + "]"), "peer.conf"));

        assertEquals("peer.conf:7: malformed section header (expected [Interface] or [Peer])", e.getMessage());
    }
}
