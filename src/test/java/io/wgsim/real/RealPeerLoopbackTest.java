package io.wgsim.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.config.DumpPeer;
import io.wgsim.config.WgDump;
import io.wgsim.config.WgQuickConfig;
import io.wgsim.config.WgQuickParser;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.DeviceStatus;
import io.wgsim.protocol.PeerStatus;
import io.wgsim.protocol.wire.DropReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two wgsim peers in this JVM, each with its own event loop on a real UDP socket on 127.0.0.1: Alice
 * pings Bob through the tunnel. Real sockets, loopback only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealPeerLoopbackTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(IpAddresses.parse("127.0.0.1"), 0);

    @TempDir
    Path dir;

    private final PrivateKey aliceKey = PrivateKey.generate(Entropy.secure());
    private final PrivateKey bobKey = PrivateKey.generate(Entropy.secure());
    private final ExecutorService bobThread = Executors.newSingleThreadExecutor();
    private final StringWriter aliceOut = new StringWriter();
    private final StringWriter aliceErr = new StringWriter();
    private final StringWriter bobErr = new StringWriter();

    @AfterEach
    void stopThreads() {
        bobThread.shutdownNow();
    }

    private WgQuickConfig alice(int bobPort) throws Exception {
        return WgQuickParser.parse("""
                [Interface]
                PrivateKey = %s
                Address = 198.19.0.1/24, fd00::1/64

                [Peer]
                PublicKey = %s
                AllowedIPs = 198.19.0.2/32, fd00::2/128
                Endpoint = 127.0.0.1:%d
                """.formatted(aliceKey.toBase64(), bobKey.publicKey(), bobPort), "alice.conf");
    }

    private WgQuickConfig bob() throws Exception {
        return WgQuickParser.parse("""
                [Interface]
                PrivateKey = %s
                Address = 198.19.0.2/24, fd00::2/64

                [Peer]
                PublicKey = %s
                AllowedIPs = 198.19.0.1/32, fd00::1/128
                """.formatted(bobKey.toBase64(), aliceKey.publicKey()), "bob.conf");
    }

    /** Bob answers until stopped; returns his run so the test can stop and wait for it. */
    private Future<Integer> startBob(RealPeer bob) {
        return bobThread.submit(bob::run);
    }

    @Test
    void alicePingsBobOverIpv4AndEveryByteIsCountedOnBothSides() throws Exception {
        Path bobStatus = dir.resolve("bob.dump");
        Path aliceStatus = dir.resolve("alice.dump");
        Path aliceKeys = dir.resolve("alice.keys");
        try (RealPeer bob = RealPeer.open(PeerOptions.listening(bob()).withBind(ANY_LOOPBACK_PORT)
                        .withRunFor(Duration.ofSeconds(30)).withStatusFile(bobStatus),
                new PrintWriter(new StringWriter()), new PrintWriter(bobErr, true))) {
            Future<Integer> bobRun = startBob(bob);
            PeerOptions options = PeerOptions.listening(alice(bob.localAddress().getPort()))
                    .withBind(ANY_LOOPBACK_PORT)
                    .withPing(new PeerOptions.Ping(IpAddresses.parse("198.19.0.2"), 20, Duration.ofMillis(10)))
                    .withStatusFile(aliceStatus)
                    .withKeyLog(aliceKeys);
            int exit;
            DeviceStatus alice;
            try (RealPeer aliceRun = RealPeer.open(options, new PrintWriter(aliceOut, true), new PrintWriter(aliceErr, true))) {
                exit = aliceRun.run();
                alice = aliceRun.finalStatus();
            }
            bob.stop();
            assertEquals(0, bobRun.get(10, TimeUnit.SECONDS));

            assertEquals(0, exit, () -> aliceOut + "\n" + aliceErr);
            List<String> lines = aliceOut.toString().lines().toList();
            assertEquals(20, lines.stream().filter(l -> l.startsWith("64 bytes from 198.19.0.2: icmp_seq=")).count(),
                    aliceOut::toString);
            assertTrue(lines.contains("--- 198.19.0.2 ping statistics ---"), aliceOut::toString);
            assertTrue(aliceOut.toString().contains("20 packets transmitted, 20 received, 0% packet loss"),
                    aliceOut::toString);
            assertTrue(aliceErr.toString().contains("handshake completed with peer " + bobKey.publicKey() + " (we initiated)"),
                    aliceErr::toString);
            assertTrue(bobErr.toString().contains("handshake completed with peer " + aliceKey.publicKey() + " (they initiated)"),
                    bobErr::toString);

            // Both loops have ended and nothing is in flight: each side's tx is the other's rx, exactly.
            PeerStatus aliceView = alice.peers().get(0);
            PeerStatus bobView = bob.finalStatus().peers().get(0);
            assertTrue(aliceView.txBytes() > 20 * 32, "20 requests and a handshake at least");
            assertEquals(aliceView.txBytes(), bobView.rxBytes());
            assertEquals(aliceView.rxBytes(), bobView.txBytes());
            assertTrue(aliceView.latestHandshakeEpochSeconds() > 1_600_000_000L, "a real-time handshake stamp");
            assertEquals(bob.localAddress(), aliceView.endpoint());

            // The status files say the same as the final status (written at exit).
            DumpPeer bobDump = WgDump.parse(Files.readString(bobStatus)).peer(aliceKey.publicKey()).orElseThrow();
            assertEquals(bobView.rxBytes(), bobDump.rxBytes());
            assertEquals(bobView.txBytes(), bobDump.txBytes());
            assertEquals(aliceView.txBytes(), WgDump.parse(Files.readString(aliceStatus)).peer(bobKey.publicKey())
                    .orElseThrow().txBytes());

            // The key log is private and has the handshake's secrets; nothing printed has any.
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(aliceKeys)));
            List<String> keyLines = Files.readAllLines(aliceKeys);
            assertTrue(keyLines.stream().anyMatch(l -> l.startsWith("LOCAL_EPHEMERAL_PRIVATE_KEY = ")), keyLines::toString);
            assertTrue(keyLines.contains("LOCAL_STATIC_PRIVATE_KEY = " + aliceKey.toBase64()));
            String printed = aliceOut + "\n" + aliceErr + "\n" + bobErr;
            assertFalse(printed.contains(aliceKey.toBase64()));
            assertFalse(printed.contains(bobKey.toBase64()));
            for (String line : keyLines) {
                if (!line.startsWith("REMOTE_STATIC_PUBLIC_KEY")) { // public, and named in progress lines
                    assertFalse(printed.contains(line.substring(line.indexOf("= ") + 2)), "a secret was printed: " + line);
                }
            }
        }
    }

    @Test
    void ipv6PingsWorkTooAndGarbageDoesNotStopTheLoop() throws Exception {
        try (RealPeer bob = RealPeer.open(PeerOptions.listening(bob()).withBind(ANY_LOOPBACK_PORT)
                        .withRunFor(Duration.ofSeconds(30)),
                new PrintWriter(new StringWriter()), new PrintWriter(bobErr, true))) {
            Future<Integer> bobRun = startBob(bob);

            // Junk first: wrong types, wrong sizes, a transport message for no session.
            try (DatagramChannel junk = DatagramChannel.open()) {
                for (byte[] datagram : List.of(new byte[0], new byte[] {1}, new byte[] {9, 0, 0, 0, 1},
                        new byte[148], new byte[] {1, 0, 0, 0, 5}, new byte[64])) {
                    junk.send(ByteBuffer.wrap(datagram), bob.localAddress());
                }
                byte[] transport = new byte[48];
                transport[0] = 4;
                junk.send(ByteBuffer.wrap(transport), bob.localAddress());
            }

            PeerOptions options = PeerOptions.listening(alice(bob.localAddress().getPort()))
                    .withBind(ANY_LOOPBACK_PORT)
                    .withPing(new PeerOptions.Ping(IpAddresses.parse("fd00::2"), 5, Duration.ofMillis(10)));
            int exit;
            try (RealPeer aliceRun = RealPeer.open(options, new PrintWriter(aliceOut, true), new PrintWriter(aliceErr, true))) {
                exit = aliceRun.run();
            }
            bob.stop();
            assertEquals(0, bobRun.get(10, TimeUnit.SECONDS));

            assertEquals(0, exit, () -> aliceOut + "\n" + aliceErr);
            assertTrue(aliceOut.toString().contains("64 bytes from fd00::2: icmp_seq=5 "), aliceOut::toString);
            var drops = bob.finalStatus().drops();
            assertTrue(drops.getOrDefault(DropReason.UNKNOWN_TYPE, 0L) >= 2, drops::toString);
            assertTrue(drops.getOrDefault(DropReason.WRONG_SIZE, 0L) >= 1, drops::toString);
            assertTrue(drops.getOrDefault(DropReason.UNKNOWN_INDEX, 0L) >= 1, drops::toString);
            assertTrue(bobErr.toString().contains("dropped:"), "drop totals at exit:\n" + bobErr);
        }
    }

    @Test
    void anUnansweredPingExitsOneAfterTheReplyTimeout() throws Exception {
        // Nobody listens on Bob's port: the handshake never completes.
        int deadPort;
        try (DatagramChannel placeholder = DatagramChannel.open().bind(ANY_LOOPBACK_PORT)) {
            deadPort = ((InetSocketAddress) placeholder.getLocalAddress()).getPort();
        }
        PeerOptions options = PeerOptions.listening(alice(deadPort))
                .withBind(ANY_LOOPBACK_PORT)
                .withPing(new PeerOptions.Ping(IpAddresses.parse("198.19.0.2"), 2, Duration.ofMillis(10),
                        Duration.ofMillis(200)));
        long started = System.nanoTime();
        try (RealPeer alice = RealPeer.open(options, new PrintWriter(aliceOut, true), new PrintWriter(aliceErr, true))) {
            assertEquals(1, alice.run());
            assertEquals(0, alice.finalStatus().peers().get(0).latestHandshakeEpochSeconds());
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "gave up after the reply timeout");
        assertTrue(aliceOut.toString().contains("2 packets transmitted, 0 received, 100% packet loss"), aliceOut::toString);
    }

    @Test
    void stopEndsAnIdleRunAndTheFinalStatusIsWritten() throws Exception {
        Path status = dir.resolve("bob.dump");
        try (RealPeer bob = RealPeer.open(PeerOptions.listening(bob()).withBind(ANY_LOOPBACK_PORT).withStatusFile(status),
                new PrintWriter(new StringWriter()), new PrintWriter(bobErr, true))) {
            Future<Integer> run = startBob(bob);
            assertFalse(bob.awaitFinished(Duration.ofMillis(300)), "runs until stopped");
            bob.stop();
            assertEquals(0, run.get(5, TimeUnit.SECONDS));
            assertTrue(bob.awaitFinished(Duration.ZERO));
            WgDump dump = WgDump.parse(Files.readString(status));
            assertEquals(bob.localAddress().getPort(), dump.iface().listenPort());
            assertEquals(bobKey.publicKey(), dump.iface().publicKey());
        }
    }
}
