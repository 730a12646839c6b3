package io.wgsim.config;

import static io.wgsim.config.TestKeys.PEER_A;
import static io.wgsim.config.TestKeys.PEER_B;
import static io.wgsim.config.TestKeys.PEER_C;
import static io.wgsim.config.TestKeys.PRIVATE;
import static io.wgsim.config.TestKeys.PSK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.PublicKey;
import io.wgsim.net.Cidr;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WgQuickWriterTest {
    private static final PrivateKey KEY = PrivateKey.fromBase64(PRIVATE);

    private static PeerConfig peer(String publicKey, PresharedKey psk, String allowed, String endpoint, int keepalive) {
        List<Cidr> cidrs = allowed.isEmpty() ? List.of() : Stream.of(allowed.split(",")).map(Cidr::parse).toList();
        return new PeerConfig(PublicKey.fromBase64(publicKey), psk, cidrs,
                endpoint == null ? null : Endpoint.parse(endpoint), keepalive);
    }

    @Test
    void writesTheCanonicalForm() {
        WgQuickConfig config = new WgQuickConfig(
                new InterfaceConfig(KEY, 51820, List.of(Cidr.parse("10.0.0.1/24"), Cidr.parse("fd00::1/64")), 1420),
                List.of(peer(PEER_A, PresharedKey.fromBase64(PSK), "10.0.0.2/32,fd00::2/128", "[2001:db8::2]:51820", 25),
                        peer(PEER_B, PresharedKey.NONE, "", null, 0)));

        assertEquals("""
                [Interface]
                PrivateKey = %s
                ListenPort = 51820
                Address = 10.0.0.1/24, fd00::1/64
                MTU = 1420

                [Peer]
                PublicKey = %s
                PresharedKey = %s
                AllowedIPs = 10.0.0.2/32, fd00::2/128
                Endpoint = [2001:db8::2]:51820
                PersistentKeepalive = 25

                [Peer]
                PublicKey = %s
                """.formatted(PRIVATE, PEER_A, PSK, PEER_B), WgQuickWriter.write(config));
    }

    static Stream<WgQuickConfig> configs() {
        Entropy entropy = Entropy.seeded(7);
        return Stream.of(
                new WgQuickConfig(new InterfaceConfig(KEY, null, List.of(), null), List.of()),
                new WgQuickConfig(new InterfaceConfig(PrivateKey.generate(entropy), 1, List.of(Cidr.parse("10.9.8.7/8")), 576),
                        List.of(peer(PEER_A, PresharedKey.NONE, "0.0.0.0/0,::/0", "192.0.2.1:65535", 65535))),
                new WgQuickConfig(new InterfaceConfig(KEY, 65535, List.of(Cidr.parse("fd00::1/128")), 65535),
                        List.of(peer(PEER_A, PresharedKey.fromBase64(PSK), "10.0.0.2/32", null, 1),
                                peer(PEER_B, PresharedKey.NONE, "fd00::/8", "[::1]:1", 0),
                                peer(PEER_C, PresharedKey.fromBase64(PSK), "10.0.0.3/32,10.0.0.4/32", "10.1.1.1:51820", 0))));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void readingWhatWasWrittenGivesTheSameConfig(WgQuickConfig config) throws Exception {
        assertEquals(config, WgQuickParser.parse(WgQuickWriter.write(config), "written.conf"));
    }

    @Test
    void aHandWrittenFileSurvivesAWriteAndReadUnchanged() throws Exception {
        String handWritten = """
                [Peer]   # peers may come first
                publickey=%s
                allowedips = 10.0.0.2/32
                allowedips = 10.0.0.0/24   # host bits of AllowedIPs are kept as written
                endpoint = [FD00::2]:51820
                persistentkeepalive = off
                [interface]
                privatekey = %s
                listenport = 0
                address = 10.0.0.1/24
                postup = echo hi
                """.formatted(PEER_A, PRIVATE);

        WgQuickConfig read = WgQuickParser.parse(handWritten, "hand.conf");

        assertEquals(read, WgQuickParser.parse(WgQuickWriter.write(read), "written.conf"));
    }
}
