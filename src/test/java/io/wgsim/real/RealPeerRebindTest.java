package io.wgsim.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.config.WgQuickConfig;
import io.wgsim.config.WgQuickParser;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.DeviceStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RealPeer#rebind} and {@link RealPeer#status()} from another thread, on 127.0.0.1: Bob moves to a
 * new port with his session kept, and Alice learns his new endpoint from his next keepalive.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealPeerRebindTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(IpAddresses.parse("127.0.0.1"), 0);

    private final PrivateKey aliceKey = PrivateKey.generate(Entropy.secure());
    private final PrivateKey bobKey = PrivateKey.generate(Entropy.secure());
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final StringWriter aliceErr = new StringWriter();
    private final StringWriter bobErr = new StringWriter();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aPeerThatChangesPortKeepsItsSessionAndItsPeerLearnsTheNewEndpoint() throws Exception {
        WgQuickConfig alice = WgQuickParser.parse("""
                [Interface]
                PrivateKey = %s
                Address = 198.19.0.1/24

                [Peer]
                PublicKey = %s
                AllowedIPs = 198.19.0.2/32
                """.formatted(aliceKey.toBase64(), bobKey.publicKey()), "alice.conf");
        try (RealPeer a = RealPeer.open(PeerOptions.listening(alice).withBind(ANY_LOOPBACK_PORT),
                new PrintWriter(new StringWriter()), new PrintWriter(aliceErr, true))) {
            Future<Integer> aliceRun = threads.submit(a::run);
            // A keepalive every second: Bob starts the handshake, and after the move the next keepalive
            // comes from the new port.
            WgQuickConfig bob = WgQuickParser.parse("""
                    [Interface]
                    PrivateKey = %s
                    Address = 198.19.0.2/24

                    [Peer]
                    PublicKey = %s
                    AllowedIPs = 198.19.0.1/32
                    Endpoint = 127.0.0.1:%d
                    PersistentKeepalive = 1
                    """.formatted(bobKey.toBase64(), aliceKey.publicKey(), a.localAddress().getPort()), "bob.conf");
            try (RealPeer b = RealPeer.open(PeerOptions.listening(bob).withBind(ANY_LOOPBACK_PORT),
                    new PrintWriter(new StringWriter()), new PrintWriter(bobErr, true))) {
                Future<Integer> bobRun = threads.submit(b::run);
                InetSocketAddress first = b.localAddress();
                awaitEndpoint(a, first);

                InetSocketAddress second = b.rebind(ANY_LOOPBACK_PORT).get(10, TimeUnit.SECONDS);
                assertNotEquals(first.getPort(), second.getPort());
                assertEquals(second, b.localAddress());
                assertEquals(second.getPort(), b.status().get(10, TimeUnit.SECONDS).listenPort());
                awaitEndpoint(a, second);
                DeviceStatus aliceSees = a.status().get(10, TimeUnit.SECONDS);
                assertEquals(1, aliceSees.peers().get(0).sessionsStarted(),
                        "one handshake only: the session survived the move\n" + aliceErr + bobErr);
                assertTrue(bobErr.toString().contains("moved from 127.0.0.1:" + first.getPort()), bobErr.toString());

                // The old port is free again: the old socket was closed.
                try (DatagramSocket reuse = new DatagramSocket(first)) {
                    assertEquals(first.getPort(), reuse.getLocalPort());
                }
                b.stop();
                bobRun.get(10, TimeUnit.SECONDS);
            }
            a.stop();
            aliceRun.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRebindThatCannotBindFailsAndKeepsTheOldSocket() throws Exception {
        WgQuickConfig alice = WgQuickParser.parse("""
                [Interface]
                PrivateKey = %s
                """.formatted(aliceKey.toBase64()), "alice.conf");
        try (DatagramSocket taken = new DatagramSocket(ANY_LOOPBACK_PORT);
             RealPeer a = RealPeer.open(PeerOptions.listening(alice).withBind(ANY_LOOPBACK_PORT),
                     new PrintWriter(new StringWriter()), new PrintWriter(aliceErr, true))) {
            Future<Integer> run = threads.submit(a::run);
            InetSocketAddress before = a.localAddress();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> a.rebind((InetSocketAddress) taken.getLocalSocketAddress()).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof java.io.IOException, e.toString());
            assertEquals(before, a.localAddress());
            assertEquals(before.getPort(), a.status().get(10, TimeUnit.SECONDS).listenPort());
            a.stop();
            run.get(10, TimeUnit.SECONDS);

            // Stopped, it answers at once: its final status, and no rebind.
            assertEquals(a.finalStatus(), a.status().get(10, TimeUnit.SECONDS));
            ExecutionException stopped = assertThrows(ExecutionException.class,
                    () -> a.rebind(ANY_LOOPBACK_PORT).get(10, TimeUnit.SECONDS));
            assertTrue(stopped.getCause() instanceof IllegalStateException, stopped.toString());
        }
    }

    private static void awaitEndpoint(RealPeer peer, InetSocketAddress expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        InetSocketAddress seen = null;
        while (System.nanoTime() < deadline) {
            DeviceStatus status = peer.status().get(10, TimeUnit.SECONDS);
            seen = status.peers().get(0).endpoint();
            if (expected.equals(seen)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the peer's endpoint stayed " + seen + ", expected " + expected);
    }
}
