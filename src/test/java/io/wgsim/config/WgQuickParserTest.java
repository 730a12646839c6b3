package io.wgsim.config;

import static io.wgsim.config.TestKeys.PEER_A;
import static io.wgsim.config.TestKeys.PEER_B;
import static io.wgsim.config.TestKeys.PRIVATE;
import static io.wgsim.config.TestKeys.PSK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import io.wgsim.net.IpAddresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WgQuickParserTest {

    @Test
    void readsAnIpv4FileWithTwoPeersPskKeepaliveAndComments() throws Exception {
        String text = """
                # alice, the road warrior
                [Interface]
                PrivateKey = %s   # never share this
                ListenPort = 51820
                Address = 10.0.0.1/24
                DNS = 10.0.0.53
                MTU = 1420

                [Peer]
                # bob, the server
                PublicKey = %s
                PresharedKey = %s
                AllowedIPs = 10.0.0.2/32, 192.168.10.0/24
                Endpoint = 192.0.2.10:51820
                PersistentKeepalive = 25

                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.3/32
                """.formatted(PRIVATE, PEER_A, PSK, PEER_B);

        WgQuickConfig config = WgQuickParser.parse(text, "alice.conf");

        InterfaceConfig iface = config.iface();
        assertEquals(PrivateKey.fromBase64(PRIVATE), iface.privateKey());
        assertEquals(51820, iface.listenPort());
        assertEquals(List.of(Cidr.parse("10.0.0.1/24")), iface.addresses());
        assertEquals(1420, iface.mtu());

        assertEquals(2, config.peers().size());
        PeerConfig bob = config.peers().get(0);
        assertEquals(PublicKey.fromBase64(PEER_A), bob.publicKey());
        assertEquals(PresharedKey.fromBase64(PSK), bob.presharedKey());
        assertEquals(List.of(Cidr.parse("10.0.0.2/32"), Cidr.parse("192.168.10.0/24")), bob.allowedIps());
        assertEquals("192.0.2.10:51820", bob.endpoint().toString());
        assertEquals(25, bob.persistentKeepaliveSeconds());

        PeerConfig carol = config.peers().get(1);
        assertEquals(PublicKey.fromBase64(PEER_B), carol.publicKey());
        assertTrue(carol.presharedKey().isNone());
        assertNull(carol.endpoint());
        assertEquals(0, carol.persistentKeepaliveSeconds());
    }

    @Test
    void readsIpv6AddressesAndEndpoints() throws Exception {
        String text = """
                [Interface]
                PrivateKey = %s
                Address = fd00:0:0:0::1/64, 10.0.0.1/24

                [Peer]
                PublicKey = %s
                AllowedIPs = fd00::2/128, ::/0
                Endpoint = [2001:DB8::10]:443
                """.formatted(PRIVATE, PEER_A);

        WgQuickConfig config = WgQuickParser.parse(text, "v6.conf");

        assertEquals(List.of(Cidr.parse("fd00::1/64"), Cidr.parse("10.0.0.1/24")), config.iface().addresses());
        PeerConfig peer = config.peers().get(0);
        assertEquals(List.of(Cidr.parse("fd00::2/128"), Cidr.parse("::/0")), peer.allowedIps());
        assertEquals(new Endpoint(IpAddresses.parse("2001:db8::10"), 443), peer.endpoint());
        assertEquals("[2001:db8::10]:443", peer.endpoint().toString());
    }

    @Test
    void aConfigCanBePrintedWithoutItsSecrets() throws Exception {
        String text = "[Interface]\nPrivateKey = " + PRIVATE + "\n[Peer]\nPublicKey = " + PEER_A
                + "\nPresharedKey = " + PSK + "\n";

        String printed = WgQuickParser.read(text, "s.conf").toString();

        assertTrue(printed.contains(PEER_A), printed);
        TestKeys.assertNotLeaked(printed, PRIVATE);
        TestKeys.assertNotLeaked(printed, PSK);
    }

    @Test
    void keysAndSectionsAreCaseInsensitiveAndBlanksDoNotMatter() throws Exception {
        String text = "\t[interface]  \n"
                + "privatekey=" + PRIVATE + "\n"
                + "  LISTENPORT   =   40000\t\n"
                + "[PEER]\n"
                + "publickey =" + PEER_A + "\n"
                + "allowedips= 10.0.0.2/32 ,10.0.0.4/32\n"
                + "persistentkeepalive = OFF\n";

        WgQuickConfig config = WgQuickParser.parse(text, "loose.conf");

        assertEquals(40000, config.iface().listenPort());
        assertEquals(List.of(Cidr.parse("10.0.0.2/32"), Cidr.parse("10.0.0.4/32")), config.peers().get(0).allowedIps());
        assertEquals(0, config.peers().get(0).persistentKeepaliveSeconds());
    }

    @Test
    void repeatedAddressAndAllowedIpsAccumulateInFileOrder() throws Exception {
        String text = """
                [Interface]
                PrivateKey = %s
                Address = 10.0.0.1/24
                Address = fd00::1/64, 10.1.0.1/16
                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.2/32
                AllowedIPs =
                AllowedIPs = fd00::2/128
                """.formatted(PRIVATE, PEER_A);

        WgQuickConfig config = WgQuickParser.parse(text, "lists.conf");

        assertEquals(List.of(Cidr.parse("10.0.0.1/24"), Cidr.parse("fd00::1/64"), Cidr.parse("10.1.0.1/16")),
                config.iface().addresses());
        assertEquals(List.of(Cidr.parse("10.0.0.2/32"), Cidr.parse("fd00::2/128")), config.peers().get(0).allowedIps());
    }

    @Test
    void aMinimalFileLeavesEverythingOptionalUnset() throws Exception {
        WgQuickConfig config = WgQuickParser.parse("[Interface]\nPrivateKey = " + PRIVATE + "\n", "min.conf");

        assertNull(config.iface().listenPort());
        assertNull(config.iface().mtu());
        assertEquals(List.of(), config.iface().addresses());
        assertEquals(List.of(), config.peers());
    }

    @Test
    void listenPortZeroMeansRandomAsInWg() throws Exception {
        WgQuickConfig config = WgQuickParser.parse("[Interface]\nPrivateKey = " + PRIVATE + "\nListenPort = 0\n", "p.conf");

        assertNull(config.iface().listenPort());
    }

    @Test
    void anAllZeroPresharedKeyIsNone() throws Exception {
        String text = "[Interface]\nPrivateKey = " + PRIVATE + "\n[Peer]\nPublicKey = " + PEER_A
                + "\nPresharedKey = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

        assertTrue(WgQuickParser.parse(text, "z.conf").peers().get(0).presharedKey().isNone());
    }

    @Test
    void toleratesWindowsLineEndingsAndAByteOrderMark() throws Exception {
        String text = "\uFEFF[Interface]\r\nPrivateKey = " + PRIVATE + "\r\nListenPort = 51820\r\n";

        assertEquals(51820, WgQuickParser.parse(text, "crlf.conf").iface().listenPort());
    }

    @Test
    void reportsIgnoredWgQuickKeysWithTheirLines() throws Exception {
        String text = """
                [Interface]
                PrivateKey = %s
                DNS = 1.1.1.1
                Table = off
                PreUp = echo up
                PostUp = iptables -A FORWARD -i %%i -j ACCEPT # comment
                PreDown = true
                PostDown = iptables -D FORWARD -i %%i -j ACCEPT
                SaveConfig = true
                FwMark = 0x1234
                dns = 9.9.9.9
                """.formatted(PRIVATE);

        WgQuickFile file = WgQuickParser.read(text, "hooks.conf");

        List<String> warnings = file.ignoredKeys().stream().map(IgnoredKey::warning).toList();
        assertEquals(List.of(
                "hooks.conf:3: DNS is not used by wgsim; ignored",
                "hooks.conf:4: Table is not used by wgsim; ignored",
                "hooks.conf:5: PreUp is not used by wgsim; ignored",
                "hooks.conf:6: PostUp is not used by wgsim; ignored",
                "hooks.conf:7: PreDown is not used by wgsim; ignored",
                "hooks.conf:8: PostDown is not used by wgsim; ignored",
                "hooks.conf:9: SaveConfig is not used by wgsim; ignored",
                "hooks.conf:10: FwMark is not used by wgsim; ignored",
                "hooks.conf:11: DNS is not used by wgsim; ignored"), warnings);
        assertEquals(PrivateKey.fromBase64(PRIVATE), file.config().iface().privateKey());
    }

    @Test
    void readsWhatWgShowconfPrints() throws Exception {
        // `wg showconf wgt0` of the interface in WgDumpTest.CAPTURED (wireguard-tools 1.0.20210914).
        String showconf = """
                [Interface]
                ListenPort = 51820
                FwMark = 0xca6c
                PrivateKey = %s

                [Peer]
                PublicKey = %s
                PresharedKey = %s
                AllowedIPs = 10.0.0.2/32, fd00::2/128
                Endpoint = 127.0.0.1:51821
                PersistentKeepalive = 25

                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.3/32
                Endpoint = [::1]:40000

                [Peer]
                PublicKey = %s
                """.formatted(PRIVATE, PEER_A, PSK, PEER_B, TestKeys.PEER_C);

        WgQuickFile file = WgQuickParser.read(showconf, "showconf");

        assertEquals(List.of(new IgnoredKey("showconf", 3, "FwMark")), file.ignoredKeys());
        WgQuickConfig config = file.config();
        assertEquals(3, config.peers().size());
        assertEquals(List.of(Cidr.parse("10.0.0.2/32"), Cidr.parse("fd00::2/128")), config.peers().get(0).allowedIps());
        assertEquals("[::1]:40000", config.peers().get(1).endpoint().toString());
        assertEquals(List.of(), config.peers().get(2).allowedIps());
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("wg0.conf");
        Files.writeString(good, "[Interface]\nPrivateKey = " + PRIVATE + "\nListenPort = 51000\n");
        assertEquals(51000, WgQuickParser.parse(good).iface().listenPort());

        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "[Interface]\nPrivateKey = " + PRIVATE + "\nListenPort = 99999\n");
        ConfigException e = assertThrows(ConfigException.class, () -> WgQuickParser.parse(bad));
        assertTrue(e.getMessage().startsWith(bad + ":3: [Interface] ListenPort: "), e.getMessage());
        assertEquals(bad.toString(), e.source());
        assertEquals(3, e.line());
    }

    @Test
    void aMissingFileIsAConfigException(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");
        ConfigException e = assertThrows(ConfigException.class,
                () -> WgQuickParser.parse(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        assertEquals(0, e.line());
    }
}
