package io.wgsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RelayCommandTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void helpDocumentsEveryOption() {
        Cli.Result r = Cli.run("", "relay", "--help");
        assertEquals(0, r.exitCode());
        for (String option : List.of("--side-a=IP:PORT", "--side-b=IP:PORT", "--peer2=IP:PORT", "--netem=OPTIONS",
                "--forward=OPTIONS", "--backward=OPTIONS", "--seed=N", "--name=NAME", "--for=DURATION")) {
            assertTrue(r.out().contains(option), () -> option + " missing from:\n" + r.out());
        }
        assertTrue(r.out().contains("--netem 'delay 50ms 10ms loss 30%' --seed 7"), r.out());
    }

    @Test
    void badNetemOptionsAndWildcardsAreOneLineErrors() {
        Cli.Result r = Cli.run("", "relay", "--side-a", "127.0.0.1:40001", "--side-b", "127.0.0.1:40002",
                "--peer2", "127.0.0.1:40003", "--netem", "loss 120%");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("wgsim: ") && r.err().contains("loss 120%"), r.err());
        r = Cli.run("", "relay", "--side-a", "0.0.0.0:40001", "--side-b", "127.0.0.1:40002",
                "--peer2", "127.0.0.1:40003");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("wildcard"), r.err());
    }

    @Test
    void relaysForAWhileAndPrintsItsCounters() throws Exception {
        int portA;
        int portB;
        try (DatagramSocket a = new DatagramSocket(LOOPBACK_ANY_PORT); DatagramSocket b = new DatagramSocket(LOOPBACK_ANY_PORT)) {
            portA = a.getLocalPort();
            portB = b.getLocalPort();
        }
        try (DatagramSocket peer1 = new DatagramSocket(LOOPBACK_ANY_PORT);
             DatagramSocket peer2 = new DatagramSocket(LOOPBACK_ANY_PORT)) {
            peer2.setSoTimeout(200);
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run("", "relay",
                    "--side-a", "127.0.0.1:" + portA, "--side-b", "127.0.0.1:" + portB,
                    "--peer2", "127.0.0.1:" + peer2.getLocalPort(), "--netem", "duplicate 100%", "--for", "2s"));
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            DatagramPacket in = new DatagramPacket(new byte[64], 64);
            // Until the relay is listening, what is sent is lost; keep sending until a copy arrives.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            boolean arrived = false;
            while (!arrived && System.nanoTime() < deadline) {
                peer1.send(new DatagramPacket(hello, hello.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), portA)));
                try {
                    peer2.receive(in);
                    arrived = true;
                } catch (SocketTimeoutException e) {
                    // not listening yet
                }
            }
            assertTrue(arrived, "a datagram went through");
            assertEquals(portB, in.getPort());
            Cli.Result r = run.get(10, TimeUnit.SECONDS);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().contains("wgsim: relay 127.0.0.1:" + portA + " <-> 127.0.0.1:" + portB), r.err());
            assertTrue(r.err().contains("forward 'duplicate 100%', backward 'duplicate 100%', seed 1"), r.err());
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("wgsim: forward: ") && l.contains(" duplicated")), r.err());
            assertTrue(r.err().contains("wgsim: backward: 0 offered, 0 sent"), r.err());
        }
    }
}
