package io.wgsim.config;

import static io.wgsim.config.TestKeys.PEER_A;
import static io.wgsim.config.TestKeys.PEER_B;
import static io.wgsim.config.TestKeys.PEER_C;
import static io.wgsim.config.TestKeys.PRIVATE;
import static io.wgsim.config.TestKeys.PSK;
import static io.wgsim.config.TestKeys.PUBLIC_OF_PRIVATE;
import static io.wgsim.config.TestKeys.assertNotLeaked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WgDumpTest {
    /** The captured form with a completed handshake and traffic counted, as a long-running peer shows. */
    private static final String REAL = String.join("\n",
            String.join("\t", PRIVATE, PUBLIC_OF_PRIVATE, "51820", "0xca6c"),
            String.join("\t", PEER_A, PSK, "172.17.0.3:51820", "10.0.0.2/32,fd00::2/128", "1730000000", "1234",
                    "5678", "25"),
            String.join("\t", PEER_B, "(none)", "[fd00::3]:40000", "10.0.0.3/32", "0", "0", "0", "off"),
            String.join("\t", PEER_C, "(none)", "(none)", "(none)", "0", "0", "0", "off")) + "\n";

    /**
     * Captured here with `wg show wgt0 dump` (Debian bookworm: wireguard-tools 1.0.20210914, wireguard-go
     * 0.0.20220316) after `wg set wgt0 private-key ... listen-port 51820 fwmark 0xca6c peer ...`; the first
     * peer had sent one handshake initiation (148 bytes) and heard nothing back.
     */
    private static final String CAPTURED = """
            AKeZaHwBxjiKLFnkY2unvEdOTtg4AL+M9dQXfopFVFk=\tIgge9KzRytKNwrgkzDE/8hrLu6Ly0OqVdvOPWhA5KR4=\t51820\t0xca6c
            Yd+DK5y+QL+cYl0XELLWJRvnGwktO5boPenXUcrctsM=\tzCV6kCnkhj0VTueTl7kpXqd2I8ItSv+7lj9KTpayIw8=\t127.0.0.1:51821\t10.0.0.2/32,fd00::2/128\t0\t0\t148\t25
            CBcc7xKgBv8T51SWYghSBsmJGAkRoZVBCPeYYGpyviA=\t(none)\t[::1]:40000\t10.0.0.3/32\t0\t0\t148\toff
            1HzNjh/MbwXOPidV8lJfXgVGiB8ARjGtcVJO/OkEiy8=\t(none)\t(none)\t(none)\t0\t0\t0\toff
            """;

    @Test
    void readsWhatWgPrintedAndWritesItBackWithSecretsHidden() {
        WgDump dump = WgDump.parse(CAPTURED);

        assertEquals(new WgDump(new DumpInterface(true, PublicKey.fromBase64(PUBLIC_OF_PRIVATE), 51820, 0xca6c), List.of(
                new DumpPeer(PublicKey.fromBase64(PEER_A), true, Endpoint.parse("127.0.0.1:51821"),
                        List.of(Cidr.parse("10.0.0.2/32"), Cidr.parse("fd00::2/128")), 0, 0, 148, 25),
                new DumpPeer(PublicKey.fromBase64(PEER_B), false, Endpoint.parse("[::1]:40000"),
                        List.of(Cidr.parse("10.0.0.3/32")), 0, 0, 148, 0),
                new DumpPeer(PublicKey.fromBase64(PEER_C), false, null, List.of(), 0, 0, 0, 0))), dump);
        assertEquals(CAPTURED.replace(PRIVATE, "(hidden)").replace(PSK, "(hidden)"), dump.format());
    }

    @Test
    void readsARealDump() {
        WgDump dump = WgDump.parse(REAL);

        assertEquals(new DumpInterface(true, PublicKey.fromBase64(PUBLIC_OF_PRIVATE), 51820, 0xca6c), dump.iface());
        assertEquals(3, dump.peers().size());

        DumpPeer a = dump.peers().get(0);
        assertEquals(PublicKey.fromBase64(PEER_A), a.publicKey());
        assertTrue(a.hasPresharedKey());
        assertEquals(Endpoint.parse("172.17.0.3:51820"), a.endpoint());
        assertEquals(List.of(Cidr.parse("10.0.0.2/32"), Cidr.parse("fd00::2/128")), a.allowedIps());
        assertEquals(1730000000L, a.latestHandshakeEpochSeconds());
        assertTrue(a.hasHandshake());
        assertEquals(1234, a.rxBytes());
        assertEquals(5678, a.txBytes());
        assertEquals(25, a.persistentKeepaliveSeconds());

        DumpPeer b = dump.peers().get(1);
        assertFalse(b.hasPresharedKey());
        assertEquals("[fd00::3]:40000", b.endpoint().toString());
        assertFalse(b.hasHandshake());
        assertEquals(0, b.persistentKeepaliveSeconds());

        DumpPeer c = dump.peers().get(2);
        assertNull(c.endpoint());
        assertEquals(List.of(), c.allowedIps());
    }

    @Test
    void writesWgsFormatButHidesTheSecrets() {
        String written = WgDump.parse(REAL).format();

        assertEquals(REAL.replace(PRIVATE, "(hidden)").replace(PSK, "(hidden)"), written);
        assertNotLeaked(written, PRIVATE);
        assertNotLeaked(written, PSK);
    }

    @Test
    void readsWhatItWrites() {
        WgDump dump = new WgDump(DumpInterface.of(PrivateKey.fromBase64(PRIVATE), 0), List.of(
                new DumpPeer(PublicKey.fromBase64(PEER_A), true, Endpoint.parse("[2001:db8::1]:1"),
                        List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0")), 1, -1L, Long.MIN_VALUE, 65535),
                new DumpPeer(PublicKey.fromBase64(PEER_B), false, null, List.of(), 0, 0, 0, 0)));

        String text = dump.format();

        assertEquals(dump, WgDump.parse(text));
        assertTrue(text.startsWith("(hidden)\t" + PUBLIC_OF_PRIVATE + "\t0\toff\n"), text);
        // Counters are unsigned 64-bit, as the kernel keeps them.
        assertTrue(text.contains("\t1\t18446744073709551615\t9223372036854775808\t65535\n"), text);
    }

    @Test
    void readsAnInterfaceWithoutKeys() {
        WgDump dump = WgDump.parse("(none)\t(none)\t0\toff\n");

        assertEquals(new DumpInterface(false, null, 0, 0), dump.iface());
        assertEquals(List.of(), dump.peers());
        assertEquals("(none)\t(none)\t0\toff\n", dump.format());
    }

    @Test
    void readsHiddenSecretsAndWindowsLineEndings() {
        WgDump dump = WgDump.parse(REAL.replace(PRIVATE, "(hidden)").replace(PSK, "(hidden)").replace("\n", "\r\n"));

        assertEquals(WgDump.parse(REAL), dump);
    }

    @Test
    void findsAPeerByKey() {
        WgDump dump = WgDump.parse(REAL);

        assertEquals(25, dump.peer(PublicKey.fromBase64(PEER_A)).orElseThrow().persistentKeepaliveSeconds());
        assertTrue(dump.peer(PublicKey.fromBase64(PUBLIC_OF_PRIVATE)).isEmpty());
    }

    @Test
    void printsAFwmarkAsWgDoes() {
        DumpInterface iface = new DumpInterface(true, PublicKey.fromBase64(PUBLIC_OF_PRIVATE), 51820, 0xffff_ffff);

        assertEquals("(hidden)\t" + PUBLIC_OF_PRIVATE + "\t51820\t0xffffffff", iface.format());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "too few peer fields  | 2 | 1234\t5678\t25 | 1234\t5678          | wg dump line 2: expected 8 tab-separated fields",
            "endpoint is a name   | 2 | 172.17.0.3:51820 | peer:51820           | wg dump line 2, endpoint: 'peer:51820' names a host",
            "counter not a number | 3 | \t0\t0\toff        | \t0\t-1\toff         | wg dump line 3, transfer-tx: '-1' is not a number",
            "keepalive too large  | 2 | 5678\t25       | 5678\t65536          | wg dump line 2, persistent-keepalive: '65536' is out of range 0..65535",
            "bad allowed ip       | 2 | 10.0.0.2/32,   | 10.0.0.2/99,         | wg dump line 2, allowed-ips: ",
            "bad fwmark           | 1 | 0xca6c         | 0xgg                 | wg dump line 1, fwmark: '0xgg' is neither 'off' nor a 32-bit mark",
            "bad listen port      | 1 | \t51820\t      | \t70000\t            | wg dump line 1, listen-port: '70000' is out of range 0..65535",
            "bad public key       | 4 | 1HzNjh/        | 1HzNjh_              | wg dump line 4, public-key: is not a key",
    })
    void namesTheLineAndFieldOfBadInput(String name, int line, String from, String to, String expected) {
        String text = REAL.replace(from.replace("\\t", "\t"), to.replace("\\t", "\t"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WgDump.parse(text));

        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertNotLeaked(e.getMessage(), PRIVATE);
        assertNotLeaked(e.getMessage(), PSK);
    }

    @Test
    void aMalformedSecretIsReportedWithoutQuotingIt() {
        String brokenPrivate = REAL.replace(PRIVATE, PRIVATE.substring(0, 43) + "x");
        String brokenPsk = REAL.replace(PSK, PSK.substring(0, 42) + "=");

        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> WgDump.parse(brokenPrivate));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> WgDump.parse(brokenPsk));

        assertEquals("wg dump line 1, private-key: " + KeyText.WRONG_FORM, e1.getMessage());
        assertEquals("wg dump line 2, preshared-key: " + KeyText.WRONG_FORM, e2.getMessage());
        assertNotLeaked(e1.getMessage(), PRIVATE);
        assertNotLeaked(e2.getMessage(), PSK);
    }

    @Test
    void anEmptyDumpIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WgDump.parse("\n"));

        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
