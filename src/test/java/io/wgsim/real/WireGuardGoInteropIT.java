package io.wgsim.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.config.DumpPeer;
import io.wgsim.config.WgDump;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.wire.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * wgsim's real driver against wireguard-go, through the real command line: each test gets a fresh
 * {@link WireGuardGoNamespace} (wireguard-go in a namespace behind a veth pair) and runs
 * {@code java -jar wgsim.jar peer} in the root namespace, bound to the root end of the veth.
 * Needs root, ip, wg, wireguard-go, ping and /dev/net/tun; see {@link InteropPrerequisites}.
 */
@Timeout(60)
class WireGuardGoInteropIT {
    private static Path jar;
    private static Path logRoot;

    private final PrivateKey wgsimKey = PrivateKey.generate(Entropy.secure());
    private WireGuardGoNamespace ns;
    private Path dir;
    private final List<WgsimPeerProcess> peers = new ArrayList<>();

    @BeforeAll
    static void sweepLeftovers() {
        if (!InteropPrerequisites.ready()) {
            return; // each test reports why (skipped on request, or failed naming what is missing)
        }
        List<String> swept = WireGuardGoNamespace.sweepStale();
        if (!swept.isEmpty()) {
            System.err.println("WireGuardGoInteropIT: removed namespaces left by interrupted runs: " + swept);
        }
    }

    @BeforeEach
    void startWireGuardGo(TestInfo test) throws Exception {
        jar = InteropPrerequisites.check();
        logRoot = Files.createDirectories(jar.getParent().resolve("wireguard-go-it"));
        ns = WireGuardGoNamespace.start(logRoot);
        dir = ns.logDir();
        Files.writeString(dir.resolve("test"), test.getDisplayName() + "\n");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            for (WgsimPeerProcess p : peers) {
                p.close();
            }
        } finally {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @AfterAll
    static void nothingIsLeftBehind() {
        if (!InteropPrerequisites.ready()) {
            return;
        }
        assertEquals(List.of(), WireGuardGoNamespace.namespacesOfThisJvm(), "namespaces left behind");
        assertEquals(List.of(), WireGuardGoNamespace.vethsOfThisJvm(), "veths left behind");
    }

    // ---- the checks ----

    @Test
    void wgsimInitiatesAndAHundredPingsAllComeBack() throws Exception {
        ns.setConf(wgsimKey.publicKey(), null, wgsimEndpoint());
        WgsimPeerProcess wgsim = wgsim(config(null), "--ping", ip(ns.tunnelAddress()), "--count", "100",
                "--interval", "20ms");

        assertEquals(0, wgsim.awaitExit(Duration.ofSeconds(30)), wgsim::output);
        String out = wgsim.stdout();
        for (int seq = 1; seq <= 100; seq++) {
            assertTrue(out.contains("64 bytes from " + ip(ns.tunnelAddress()) + ": icmp_seq=" + seq + " time="),
                    "no reply " + seq + " in:\n" + out);
        }
        assertTrue(out.contains("100 packets transmitted, 100 received, 0% packet loss"), out);
        assertTrue(wgsim.stderr().contains("handshake completed with peer " + ns.publicKey() + " (we initiated)"),
                wgsim::output);
    }

    @Test
    void wireGuardGoInitiatesAndItsPingsAllComeBack() throws Exception {
        ns.setConf(wgsimKey.publicKey(), null, wgsimEndpoint());
        Path status = dir.resolve("wgsim.dump");
        WgsimPeerProcess wgsim = wgsim(config(null), "--for", "6s", "--status-file", status.toString());
        wgsim.awaitListening(Duration.ofSeconds(15));

        HostCommand.Result ping = ns.exec(Duration.ofSeconds(20), "ping", "-c", "100", "-i", "0.02", "-W", "2", "-q",
                ip(ns.wgsimTunnelAddress()));
        assertTrue(ping.ok(), ping::toString);
        assertTrue(ping.out().contains("100 packets transmitted, 100 received, 0% packet loss"), ping::toString);

        assertEquals(0, wgsim.awaitExit(Duration.ofSeconds(15)), wgsim::output);
        assertTrue(wgsim.stderr().contains("handshake completed with peer " + ns.publicKey() + " (they initiated)"),
                wgsim::output);
        assertTrue(wgsim.stderr().contains("answered 100 echo requests"), wgsim::output);
        // wireguard-go sends its next packet (a keepalive) 10 s after the last reply: until then both are quiet.
        assertTransfersAgree(status);
    }

    @Test
    void withTheSamePresharedKeyOnBothSidesPingsPass() throws Exception {
        PresharedKey psk = newPsk();
        ns.setConf(wgsimKey.publicKey(), psk, wgsimEndpoint());
        WgsimPeerProcess wgsim = wgsim(config(psk), "--ping", ip(ns.tunnelAddress()), "--count", "20",
                "--interval", "20ms");

        assertEquals(0, wgsim.awaitExit(Duration.ofSeconds(30)), wgsim::output);
        assertTrue(wgsim.stdout().contains("20 packets transmitted, 20 received, 0% packet loss"), wgsim::output);
        DumpPeer wg = ns.dump().peer(wgsimKey.publicKey()).orElseThrow();
        assertTrue(wg.hasPresharedKey());
        assertTrue(wg.hasHandshake());
        assertFalse(wgsim.output().contains(psk.toBase64()), "the preshared key was printed");
    }

    @Test
    void withAWrongPresharedKeyNoHandshakeCompletes() throws Exception {
        ns.setConf(wgsimKey.publicKey(), newPsk(), wgsimEndpoint());
        Path status = dir.resolve("wgsim.dump");
        WgsimPeerProcess wgsim = wgsim(config(newPsk()), "--ping", ip(ns.tunnelAddress()), "--count", "3",
                "--interval", "100ms", "--status-file", status.toString());

        assertEquals(1, wgsim.awaitExit(Duration.ofSeconds(30)), wgsim::output);
        assertTrue(wgsim.stdout().contains("3 packets transmitted, 0 received, 100% packet loss"), wgsim::output);
        DumpPeer wg = ns.dump().peer(wgsimKey.publicKey()).orElseThrow();
        assertEquals(0, wg.latestHandshakeEpochSeconds(), "wireguard-go's latest handshake");
        assertTrue(wg.rxBytes() > 0, "wireguard-go did get the initiation (a PSK only shows in the response)");
        DumpPeer ours = WgDump.parse(Files.readString(status)).peer(ns.publicKey()).orElseThrow();
        assertEquals(0, ours.latestHandshakeEpochSeconds(), "wgsim's latest handshake");
        assertTrue(wgsim.stderr().contains("HANDSHAKE_DECRYPT_FAILED"), wgsim::output);
    }

    @Test
    void wgShowDumpCountsExactlyTheBytesWgsimCounts() throws Exception {
        ns.setConf(wgsimKey.publicKey(), null, wgsimEndpoint());
        Path status = dir.resolve("wgsim.dump");
        WgsimPeerProcess wgsim = wgsim(config(null), "--ping", ip(ns.tunnelAddress()), "--count", "50",
                "--interval", "10ms", "--status-file", status.toString());

        assertEquals(0, wgsim.awaitExit(Duration.ofSeconds(30)), wgsim::output);
        // wgsim has exited, its last reply received: nothing is in flight, and wireguard-go, having just
        // sent data, owes no keepalive. Now the two sides' books must balance to the byte.
        assertTransfersAgree(status);
    }

    @Test
    void theKeyLogIsPrivateAndHoldsTheEphemeralKeys() throws Exception {
        ns.setConf(wgsimKey.publicKey(), null, wgsimEndpoint());
        Path keyLog = dir.resolve("wgsim.keys");
        WgsimPeerProcess wgsim = wgsim(config(null), "--ping", ip(ns.tunnelAddress()), "--count", "5",
                "--interval", "20ms", "--keylog", keyLog.toString());

        assertEquals(0, wgsim.awaitExit(Duration.ofSeconds(30)), wgsim::output);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyLog)));
        List<String> lines = Files.readAllLines(keyLog);
        List<String> ephemerals = lines.stream().filter(l -> l.startsWith("LOCAL_EPHEMERAL_PRIVATE_KEY = ")).toList();
        assertFalse(ephemerals.isEmpty(), lines::toString);
        assertTrue(lines.contains("LOCAL_STATIC_PRIVATE_KEY = " + wgsimKey.toBase64()));
        assertTrue(lines.contains("REMOTE_STATIC_PUBLIC_KEY = " + ns.publicKey()));
        String printed = wgsim.output();
        assertFalse(printed.contains(wgsimKey.toBase64()), "the static private key was printed");
        for (String line : ephemerals) {
            assertFalse(printed.contains(line.substring(line.indexOf("= ") + 2)), "an ephemeral key was printed");
        }
    }

    @Test
    void sigtermStopsTheRunAndTheFinalStatusCountsKeepalivesToo() throws Exception {
        ns.setConf(wgsimKey.publicKey(), null, wgsimEndpoint());
        Path status = dir.resolve("wgsim.dump");
        // No --for: runs until told. A persistent keepalive every second puts keepalives on the books.
        // With it, wgsim initiates at once; the ping waits for that handshake, because a ping started
        // meanwhile makes wireguard-go initiate too, and crossed initiations cost both sides their
        // responses (each replaced its own handshake with the other's) until a retry 5 s later.
        WgsimPeerProcess wgsim = wgsim(config(null, 1), "--status-file", status.toString());
        wgsim.awaitStderr("handshake completed with peer " + ns.publicKey(), Duration.ofSeconds(15));

        HostCommand.Result ping = ns.exec(Duration.ofSeconds(20), "ping", "-c", "10", "-i", "0.02", "-W", "2", "-q",
                ip(ns.wgsimTunnelAddress()));
        assertTrue(ping.ok(), ping::toString);
        Thread.sleep(2500);
        wgsim.terminate();
        assertEquals(143, wgsim.awaitExit(Duration.ofSeconds(15)), "128 + SIGTERM\n" + wgsim.output());
        // The status written at exit (not the last periodic one) has every byte, keepalives included.
        assertTransfersAgree(status);
        DumpPeer wg = ns.dump().peer(wgsimKey.publicKey()).orElseThrow();
        long handshakeAndPings = Protocol.INITIATION_SIZE + 10 * 128; // an 84-byte ICMP packet pads to 96, + 32
        assertTrue(wg.rxBytes() >= handshakeAndPings + 2 * Protocol.TRANSPORT_MIN_SIZE,
                "at least two 32-byte keepalives counted: " + wg);
    }

    @Test
    void aRestartedWgsimHandshakesAgainAndPingsOverIpv6() throws Exception {
        ns.setConf(wgsimKey.publicKey(), null, wgsimEndpoint());
        WgsimPeerProcess first = wgsim(config(null), "--ping", ip(ns.tunnelAddress()), "--count", "3",
                "--interval", "20ms");
        assertEquals(0, first.awaitExit(Duration.ofSeconds(30)), first::output);
        long firstHandshake = ns.dump().peer(wgsimKey.publicKey()).orElseThrow().latestHandshakeEpochSeconds();

        // Same key, new process: wireguard-go takes the new initiation only if its TAI64N timestamp is
        // newer than the first run's, which the wall clock behind the driver ensures.
        Thread.sleep(1100);
        WgsimPeerProcess second = wgsim(config(null), "--ping", ip(ns.tunnelAddress6()), "--count", "20",
                "--interval", "20ms");
        assertEquals(0, second.awaitExit(Duration.ofSeconds(30)), second::output);
        assertTrue(second.stdout().contains("64 bytes from " + ip(ns.tunnelAddress6()) + ": icmp_seq=20 "),
                second::output);
        assertTrue(second.stdout().contains("20 packets transmitted, 20 received, 0% packet loss"), second::output);
        long secondHandshake = ns.dump().peer(wgsimKey.publicKey()).orElseThrow().latestHandshakeEpochSeconds();
        assertTrue(secondHandshake > firstHandshake, "a second handshake: " + firstHandshake + " then " + secondHandshake);
    }

    // ---- helpers ----

    private InetSocketAddress wgsimEndpoint() {
        return new InetSocketAddress(ns.hostAddress(), WireGuardGoNamespace.WG_PORT);
    }

    private Path config(PresharedKey psk) throws IOException {
        return config(psk, 0);
    }

    /** The wgsim peer's wg-quick file: wireguard-go is its one peer. */
    private Path config(PresharedKey psk, int persistentKeepalive) throws IOException {
        Path file = dir.resolve("wgsim.conf");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "[Interface]\n"
                + "PrivateKey = " + wgsimKey.toBase64() + "\n"
                + "ListenPort = " + WireGuardGoNamespace.WG_PORT + "\n"
                + "Address = " + ip(ns.wgsimTunnelAddress()) + "/24, " + ip(ns.wgsimTunnelAddress6()) + "/64\n\n"
                + "[Peer]\n"
                + "PublicKey = " + ns.publicKey() + "\n"
                + (psk == null ? "" : "PresharedKey = " + psk.toBase64() + "\n")
                + "AllowedIPs = " + ip(ns.tunnelAddress()) + "/32, " + ip(ns.tunnelAddress6()) + "/128\n"
                + "Endpoint = " + ip(ns.nsAddress()) + ":" + WireGuardGoNamespace.WG_PORT + "\n"
                + (persistentKeepalive == 0 ? "" : "PersistentKeepalive = " + persistentKeepalive + "\n"));
        return file;
    }

    private WgsimPeerProcess wgsim(Path config, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--config", config.toString(),
                "--listen", ip(ns.hostAddress()) + ":" + WireGuardGoNamespace.WG_PORT));
        args.addAll(List.of(options));
        WgsimPeerProcess p = WgsimPeerProcess.start(jar, dir, "wgsim-" + (peers.size() + 1), args);
        peers.add(p);
        return p;
    }

    /**
     * wireguard-go's transfer counters for the wgsim peer equal wgsim's own for wireguard-go, crossed
     * (its rx is our tx), and both saw a handshake. Call when both sides are quiet and wgsim has exited.
     */
    private void assertTransfersAgree(Path wgsimStatus) throws IOException {
        WgDump theirs = ns.dump();
        DumpPeer wg = theirs.peer(wgsimKey.publicKey()).orElseThrow();
        DumpPeer ours = WgDump.parse(Files.readString(wgsimStatus)).peer(ns.publicKey()).orElseThrow();
        String both = "wireguard-go: " + theirs.format() + "wgsim: " + Files.readString(wgsimStatus);
        Files.writeString(dir.resolve("transfer"), both);
        assertTrue(wg.hasHandshake(), both);
        assertTrue(ours.hasHandshake(), both);
        assertTrue(Math.abs(wg.latestHandshakeEpochSeconds() - ours.latestHandshakeEpochSeconds()) <= 2,
                "both sides date the handshake alike\n" + both);
        assertEquals(ours.txBytes(), wg.rxBytes(), "wgsim tx = wireguard-go rx\n" + both);
        assertEquals(ours.rxBytes(), wg.txBytes(), "wgsim rx = wireguard-go tx\n" + both);
    }

    private static PresharedKey newPsk() {
        byte[] bytes = new byte[32];
        Entropy.secure().nextBytes(bytes);
        return PresharedKey.of(bytes);
    }

    private static String ip(java.net.InetAddress address) {
        return IpAddresses.format(address);
    }
}
