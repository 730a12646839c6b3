package io.wgsim.real;

import static io.wgsim.real.ImpairmentRelay.Direction.BACKWARD;
import static io.wgsim.real.ImpairmentRelay.Direction.FORWARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wgsim.sim.RandomStream;
import io.wgsim.sim.link.Delivery;
import io.wgsim.sim.link.LinkChannel;
import io.wgsim.sim.link.LinkCounters;
import io.wgsim.sim.link.LinkDropReason;
import io.wgsim.sim.link.LinkModel;
import io.wgsim.sim.link.LinkOutput;
import io.wgsim.sim.link.NetemSyntax;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay on 127.0.0.1 between two plain UDP sockets standing in for the peers. Loopback only. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ImpairmentRelayTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long SEED = 20240611L;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(LOOPBACK_ANY_PORT);
        socket.setReceiveBufferSize(1 << 20);
        socket.setSoTimeout(2000);
        toClose.add(socket);
        return socket;
    }

    private ImpairmentRelay relay(DatagramSocket peer2, String netem) throws IOException {
        ImpairmentRelay relay = ImpairmentRelay.open(ImpairmentRelay.Settings
                .loopback("test", SEED, (InetSocketAddress) peer2.getLocalSocketAddress()).withNetem(netem));
        toClose.add(0, relay);
        relay.start();
        return relay;
    }

    private static void send(DatagramSocket from, InetSocketAddress to, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        from.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private record Received(String text, InetSocketAddress from, long atNanos) {}

    private static Received receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return new Received(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII),
                (InetSocketAddress) packet.getSocketAddress(), System.nanoTime());
    }

    /** Whether anything arrives within {@code millis}. */
    private static Received receiveWithin(DatagramSocket socket, int millis) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return receive(socket);
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    /** Waits (bounded) until {@code value} reaches {@code target}; the relay's counters are read from here. */
    private static void awaitCount(LongSupplier value, long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsLong() < target) {
            assertTrue(System.nanoTime() < deadline, "counter stuck at " + value.getAsLong() + ", expected " + target);
            Thread.sleep(1);
        }
    }

    @Test
    void anIdealRelayPassesDatagramsBothWaysUnchangedAndInOrder() throws Exception {
        DatagramSocket peer1 = socket();
        DatagramSocket peer2 = socket();
        ImpairmentRelay relay = relay(peer2, "");
        for (int i = 0; i < 100; i++) {
            send(peer1, relay.sideA(), "forward " + i);
        }
        for (int i = 0; i < 100; i++) {
            Received r = receive(peer2);
            assertEquals("forward " + i, r.text());
            assertEquals(relay.sideB(), r.from());
        }
        assertEquals(peer1.getLocalSocketAddress(), relay.peer1());
        for (int i = 0; i < 100; i++) {
            send(peer2, relay.sideB(), "backward " + i);
        }
        for (int i = 0; i < 100; i++) {
            Received r = receive(peer1);
            assertEquals("backward " + i, r.text());
            assertEquals(relay.sideA(), r.from());
        }
        for (ImpairmentRelay.Direction d : ImpairmentRelay.Direction.values()) {
            ImpairmentRelay.Counters c = relay.counters(d);
            assertEquals(100, c.link().offered(), c::toString);
            assertEquals(100, c.link().delivered(), c::toString);
            assertEquals(100, c.sent(), c::toString);
            assertEquals(0, c.link().droppedTotal() + c.sendFailures() + c.refused(), c::toString);
        }
        assertNull(relay.failure());
    }

    @Test
    void lossDropsExactlyWhatALinkChannelWithTheSameSeedPredicts() throws Exception {
        int n = 2000;
        String netem = "loss 30%";
        // What the simulator's link would do with this seed and this sequence, at any times at all.
        LinkChannel reference = new LinkChannel(NetemSyntax.parse(netem),
                RandomStream.derive(SEED, "relay:test:forward"));
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<LinkOutput> out = reference.transmit(i, new byte[] {(byte) i});
            if (out.get(0) instanceof Delivery) {
                predicted.add("datagram " + i);
            }
        }

        DatagramSocket peer1 = socket();
        DatagramSocket peer2 = socket();
        ImpairmentRelay relay = relay(peer2, netem);
        List<String> received = new ArrayList<>();
        int window = 100; // paced, so no socket buffer on the way overflows and every datagram is offered
        for (int start = 0; start < n; start += window) {
            for (int i = start; i < start + window; i++) {
                send(peer1, relay.sideA(), "datagram " + i);
            }
            long target = start + window;
            awaitCount(() -> relay.counters(FORWARD).link().offered(), target);
            long sent = relay.counters(FORWARD).sent();
            while (received.size() < sent) {
                received.add(receive(peer2).text());
            }
        }
        ImpairmentRelay.Counters c = relay.counters(FORWARD);
        assertEquals(n, c.link().offered());
        assertEquals(c.link().delivered(), c.sent());
        assertEquals(c.link().dropped(LinkDropReason.LOSS), n - c.sent());
        assertEquals(predicted, received, "the drop pattern depends only on the seed and the order");
        // And the pattern is a 30% loss: within 5 standard deviations (about 102) of 1400.
        double sd = Math.sqrt(n * 0.7 * 0.3);
        assertTrue(Math.abs(received.size() - 0.7 * n) < 5 * sd, () -> received.size() + " delivered of " + n);
        assertNull(receiveWithin(peer2, 50), "nothing more");
    }

    @Test
    void aDelayedDatagramArrivesNoEarlierThanTheDelay() throws Exception {
        DatagramSocket peer1 = socket();
        DatagramSocket peer2 = socket();
        ImpairmentRelay relay = relay(peer2, "delay 100ms");
        for (int i = 0; i < 5; i++) {
            long sentAt = System.nanoTime();
            send(peer1, relay.sideA(), "late " + i);
            Received r = receive(peer2);
            assertEquals("late " + i, r.text());
            long took = r.atNanos() - sentAt;
            assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(100), () -> "arrived after " + took + " ns");
            assertTrue(took < TimeUnit.SECONDS.toNanos(2), () -> "arrived after " + took + " ns");
        }
    }

    @Test
    void duplicateHundredPercentGivesTwoCopiesOfEach() throws Exception {
        DatagramSocket peer1 = socket();
        DatagramSocket peer2 = socket();
        ImpairmentRelay relay = relay(peer2, "duplicate 100%");
        for (int i = 0; i < 10; i++) {
            send(peer1, relay.sideA(), "twice " + i);
            assertEquals("twice " + i, receive(peer2).text());
            assertEquals("twice " + i, receive(peer2).text());
        }
        assertNull(receiveWithin(peer2, 50));
        LinkCounters link = relay.counters(FORWARD).link();
        assertEquals(10, link.offered());
        assertEquals(10, link.duplicated());
        assertEquals(20, relay.counters(FORWARD).sent());
    }

    @Test
    void aPartitionDropsEverythingBothWaysUntilHealed() throws Exception {
        DatagramSocket peer1 = socket();
        DatagramSocket peer2 = socket();
        ImpairmentRelay relay = relay(peer2, "");
        send(peer1, relay.sideA(), "hello");
        assertEquals("hello", receive(peer2).text());

        relay.setPartitioned(true);
        for (int i = 0; i < 10; i++) {
            send(peer1, relay.sideA(), "cut " + i);
            send(peer2, relay.sideB(), "cut " + i);
        }
        awaitCount(() -> relay.counters(FORWARD).link().offered(), 11);
        awaitCount(() -> relay.counters(BACKWARD).link().offered(), 10);
        assertNull(receiveWithin(peer2, 100));
        assertNull(receiveWithin(peer1, 100));
        assertEquals(10, relay.counters(FORWARD).link().dropped(LinkDropReason.PARTITION));
        assertEquals(10, relay.counters(BACKWARD).link().dropped(LinkDropReason.PARTITION));

        relay.setPartitioned(false);
        send(peer1, relay.sideA(), "healed");
        assertEquals("healed", receive(peer2).text());
        send(peer2, relay.sideB(), "healed too");
        assertEquals("healed too", receive(peer1).text());
    }

    @Test
    void aRoamingPeer1IsFollowedAndStrangersOnSideBAreRefused() throws Exception {
        DatagramSocket peer1 = socket();
        DatagramSocket peer1Moved = socket();
        DatagramSocket peer2 = socket();
        DatagramSocket stranger = socket();
        ImpairmentRelay relay = relay(peer2, "");

        send(peer2, relay.sideB(), "too early"); // nobody to send it to yet
        send(stranger, relay.sideB(), "let me in");
        awaitCount(() -> relay.counters(BACKWARD).refused(), 2);

        send(peer1, relay.sideA(), "from here");
        assertEquals("from here", receive(peer2).text());
        send(peer1Moved, relay.sideA(), "now from there");
        assertEquals("now from there", receive(peer2).text());
        assertEquals(peer1Moved.getLocalSocketAddress(), relay.peer1());

        send(stranger, relay.sideB(), "still a stranger");
        send(peer2, relay.sideB(), "reply");
        assertEquals("reply", receive(peer1Moved).text());
        assertNull(receiveWithin(peer1, 50));
        assertNull(receiveWithin(stranger, 50));
        assertEquals(3, relay.counters(BACKWARD).refused());
        assertEquals(1, relay.counters(BACKWARD).link().offered());
    }

    @Test
    void aModelChangedAtRuntimeAppliesToTheNextDatagram() throws Exception {
        DatagramSocket peer1 = socket();
        DatagramSocket peer2 = socket();
        ImpairmentRelay relay = relay(peer2, "");
        send(peer1, relay.sideA(), "through");
        assertEquals("through", receive(peer2).text());
        relay.replaceModel(FORWARD, NetemSyntax.parse("loss 100%"));
        assertEquals(NetemSyntax.parse("loss 100%"), relay.model(FORWARD));
        send(peer1, relay.sideA(), "lost");
        awaitCount(() -> relay.counters(FORWARD).link().offered(), 2);
        assertNull(receiveWithin(peer2, 100));
        assertEquals(1, relay.counters(FORWARD).link().dropped(LinkDropReason.LOSS));
        send(peer2, relay.sideB(), "backward is untouched");
        assertEquals("backward is untouched", receive(peer1).text());
    }

    @Test
    void corruptionFlipsOneBitAndNoOtherBytes() throws Exception {
        DatagramSocket peer1 = socket();
        DatagramSocket peer2 = socket();
        ImpairmentRelay relay = relay(peer2, "corrupt 100%");
        byte[] sent = new byte[64];
        peer1.send(new DatagramPacket(sent, sent.length, relay.sideA()));
        DatagramPacket packet = new DatagramPacket(new byte[128], 128);
        peer2.receive(packet);
        assertEquals(64, packet.getLength());
        int bits = 0;
        for (int i = 0; i < 64; i++) {
            bits += Integer.bitCount(packet.getData()[i] & 0xff);
        }
        assertEquals(1, bits);
    }

    @Test
    void closeStopsTheThreadAndFreesBothPorts() throws Exception {
        DatagramSocket peer2 = socket();
        ImpairmentRelay relay = ImpairmentRelay.open(ImpairmentRelay.Settings
                .loopback("test", SEED, (InetSocketAddress) peer2.getLocalSocketAddress()));
        relay.start();
        InetSocketAddress a = relay.sideA();
        InetSocketAddress b = relay.sideB();
        relay.close();
        relay.close(); // twice is fine
        try (DatagramSocket again = new DatagramSocket(a); DatagramSocket againB = new DatagramSocket(b)) {
            assertEquals(a.getPort(), again.getLocalPort());
            assertEquals(b.getPort(), againB.getLocalPort());
        }
        assertThrows(IllegalStateException.class, relay::start);
        assertNull(relay.failure());
    }

    @Test
    void settingsRefuseWildcardsAndNonsense() {
        InetSocketAddress peer2 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 51820);
        ImpairmentRelay.Settings ok = ImpairmentRelay.Settings.loopback("r", 1, peer2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImpairmentRelay.Settings("r", 1, new InetSocketAddress(0), ok.sideB(), peer2,
                        LinkModel.IDEAL, LinkModel.IDEAL));
        assertTrue(e.getMessage().startsWith("sideA"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImpairmentRelay.Settings("r", 1, ok.sideA(), ok.sideB(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), LinkModel.IDEAL, LinkModel.IDEAL));
        assertThrows(IllegalArgumentException.class, () -> new ImpairmentRelay.Settings("", 1, ok.sideA(), ok.sideB(),
                peer2, LinkModel.IDEAL, LinkModel.IDEAL));
    }

    @Test
    void streamNamesFollowTheRelayName() {
        assertEquals("relay:lab:forward", RelayDirection.streamName("lab", FORWARD));
        assertEquals("relay:lab:backward", RelayDirection.streamName("lab", BACKWARD));
    }
}
