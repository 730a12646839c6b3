package io.wgsim.bench;

import io.wgsim.crypto.DataCipher;
import io.wgsim.crypto.Entropy;
import io.wgsim.net.Padding;
import io.wgsim.protocol.wire.Protocol;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.AEADBadTagException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The data plane, scored per inner packet: {@link #deviceSend} is Device.sendPacket (parse, cryptokey
 * routing, padding, framing, seal) producing a datagram for a sink that sends it at once, as the
 * real-socket driver does, so the device reuses its message buffer; {@link #deviceSendKept} the same
 * for a sink that keeps every datagram, as the simulator does; {@link #deviceReceive} is
 * Device.receiveDatagramInPlace (decode, index lookup, replay window, open where the datagram lies,
 * timers, allowed-IPs source check) delivering the packet, as the real-socket driver does;
 * {@link #deviceReceiveKept} is Device.receiveDatagram, which leaves the datagram as it was (the
 * simulator keeps datagrams) and so opens into a buffer of the device's. {@link #rawSeal} and
 * {@link #rawOpen} are the bare AEAD, DataCipher on the padded plaintext at offset 0 into a reused
 * buffer; {@link #rawSealFresh} and {@link #rawOpenFresh} the same into a new array per packet.
 * {@link #sendVsSeal}, {@link #sendKeptVsSeal}, {@link #receiveVsOpen} and {@link #receiveKeptVsOpen}
 * measure a device batch and a raw batch in alternation, for the framing overhead as a paired
 * comparison (see {@link Meter}). The inner packet is IPv4/UDP of {@code size}
 * bytes; with the default MTU of 1420 all three sizes are already padded (multiples of 16, or the MTU).
 *
 * <p>Each invocation handles {@link #BATCH} packets, so that {@link Meter}'s clock reads cost little
 * against the work. Every datagram must be opened under a counter not seen before, so the receive
 * benchmarks open batches sealed beforehand, in a per-invocation setup outside the timing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TransportBenchmark {
    static final int BATCH = 256;
    private static final Meter.Channel OPERATION = Meter.channel(Meter.OPERATION);
    private static final Meter.Channel SUBJECT = Meter.channel(Meter.SUBJECT);
    private static final Meter.Channel BASELINE = Meter.channel(Meter.BASELINE);

    /** Alice and bob after one handshake and the packet alice sends; and a bare transport key. */
    @State(Scope.Thread)
    public static class Tunnel {
        @Param({"64", "512", "1420"})
        int size;

        BenchPeers peers;
        byte[] packet;
        final long now = 2 * BenchPeers.SECOND;
        /** Datagrams sealed by alice for the next receive invocation. */
        final byte[][] datagrams = new byte[BATCH][];
        long deliveredBefore;

        DataCipher sealer;
        DataCipher opener;
        DataCipher batchSealer;
        byte[] plaintext;
        byte[] sealed;
        byte[] opened;
        long sealCounter;
        long batchCounter;
        /** Messages sealed with the bare key for the next raw open invocation, and their counters. */
        final byte[][] messages = new byte[BATCH][];
        final long[] counters = new long[BATCH];

        boolean baselineFirst;

        @Setup(Level.Trial)
        public void setUp() {
            peers = new BenchPeers();
            peers.handshake(BenchPeers.SECOND);
            packet = BenchPeers.aliceToBob(size);

            byte[] key = new byte[32];
            Entropy.seeded(5).nextBytes(key);
            sealer = new DataCipher(key);
            opener = new DataCipher(key);
            batchSealer = new DataCipher(key);
            int padded = Padding.paddedLength(size, Protocol.DEFAULT_MTU);
            plaintext = Arrays.copyOf(packet, padded);
            sealed = new byte[padded + Protocol.TAG_LENGTH];
            opened = new byte[padded];
            for (int i = 0; i < BATCH; i++) {
                messages[i] = new byte[padded + Protocol.TAG_LENGTH];
            }
        }

        /**
         * Seals the next batch for bob through alice, into the same arrays every time, as the raw
         * open's messages are: both sides of a comparison then read memory with the same history.
         * (Fresh arrays per batch made the device read colder memory than the AEAD it is compared
         * with; a socket driver reads every datagram into one buffer anyway.)
         */
        void fillDatagrams() {
            peers.aliceSink.keeping = false;
            for (int i = 0; i < BATCH; i++) {
                peers.alice.sendPacket(now, packet);
                byte[] sent = peers.aliceSink.take();
                if (datagrams[i] == null || datagrams[i].length != sent.length) {
                    datagrams[i] = new byte[sent.length];
                }
                System.arraycopy(sent, 0, datagrams[i], 0, sent.length);
            }
            deliveredBefore = peers.bobSink.delivered;
        }

        void fillMessages() {
            for (int i = 0; i < BATCH; i++) {
                long counter = batchCounter++;
                counters[i] = counter;
                batchSealer.seal(counter, plaintext, 0, plaintext.length, messages[i], 0);
            }
        }

        /**
         * A batch through Device.sendPacket. {@code keep}: the sink keeps every datagram, as the
         * simulator's links must, so the device allocates one per packet; otherwise the sink lets go
         * of each before the next, as a real socket does, and the device reuses one buffer.
         */
        byte[] send(boolean keep) {
            peers.aliceSink.keeping = keep;
            byte[] last = null;
            for (int i = 0; i < BATCH; i++) {
                peers.alice.sendPacket(now, packet);
                last = peers.aliceSink.take();
            }
            return last;
        }

        /**
         * A batch through the device's receive path. {@code keep}: the driver keeps its datagrams, so
         * the device must leave them as they are; otherwise it may decrypt each where it lies, as
         * behind a socket. (Each datagram is received once, so overwriting it is harmless here.)
         */
        byte[] receive(boolean keep) {
            for (int i = 0; i < BATCH; i++) {
                byte[] d = datagrams[i];
                if (keep) {
                    peers.bob.receiveDatagram(now, peers.aliceAddress, d, d.length);
                } else {
                    peers.bob.receiveDatagramInPlace(now, peers.aliceAddress, d, d.length);
                }
            }
            return peers.bobSink.lastDelivered;
        }

        byte[] seal() {
            for (int i = 0; i < BATCH; i++) {
                sealer.seal(sealCounter++, plaintext, 0, plaintext.length, sealed, 0);
            }
            return sealed;
        }

        byte[] open() throws AEADBadTagException {
            for (int i = 0; i < BATCH; i++) {
                opener.open(counters[i], messages[i], 0, messages[i].length, opened, 0);
            }
            return opened;
        }

        @TearDown(Level.Iteration)
        public void check() {
            peers.aliceSink.assertNoDrops("alice");
            peers.bobSink.assertNoDrops("bob");
            if (peers.aliceSink.pending() != 0) {
                throw new IllegalStateException("datagrams left over");
            }
        }
    }

    // Per-invocation batches. (Subclasses rather than second states taking Tunnel as a setup
    // argument: JMH 1.37 then hands the setup method and the benchmark method two different Tunnels.)

    @State(Scope.Thread)
    public static class Receiving extends Tunnel {
        @Setup(Level.Invocation)
        public void fill() {
            fillDatagrams();
        }

        @TearDown(Level.Invocation)
        public void checkDelivered() {
            if (peers.bobSink.delivered - deliveredBefore != BATCH) {
                throw new IllegalStateException("bob delivered " + (peers.bobSink.delivered - deliveredBefore)
                        + " of " + BATCH + " packets");
            }
        }
    }

    @State(Scope.Thread)
    public static class Opening extends Tunnel {
        @Setup(Level.Invocation)
        public void fill() {
            fillMessages();
        }
    }

    @State(Scope.Thread)
    public static class ReceivingAndOpening extends Receiving {
        @Setup(Level.Invocation)
        public void fillMessagesToo() {
            fillMessages();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] deviceSend(Tunnel t) {
        return measuredSend(t, false);
    }

    /** {@link #deviceSend} into a sink that keeps every datagram (the simulator's case): one new array per packet. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] deviceSendKept(Tunnel t) {
        return measuredSend(t, true);
    }

    private static byte[] measuredSend(Tunnel t, boolean keep) {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        byte[] last = t.send(keep);
        OPERATION.add(cpu, wall, BATCH);
        return last;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] deviceReceive(Receiving t) {
        return measuredReceive(t, false);
    }

    /** {@link #deviceReceive} for a driver that keeps its datagrams: the device opens each into a buffer of its own. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] deviceReceiveKept(Receiving t) {
        return measuredReceive(t, true);
    }

    private static byte[] measuredReceive(Tunnel t, boolean keep) {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        byte[] last = t.receive(keep);
        OPERATION.add(cpu, wall, BATCH);
        return last;
    }

    /** DataCipher.seal of the padded plaintext into a reused buffer. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] rawSeal(Tunnel t) {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        byte[] last = t.seal();
        OPERATION.add(cpu, wall, BATCH);
        return last;
    }

    /** DataCipher.open of messages sealed beforehand, into a reused buffer. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] rawOpen(Opening t) throws AEADBadTagException {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        byte[] last = t.open();
        OPERATION.add(cpu, wall, BATCH);
        return last;
    }

    /**
     * {@link #rawSeal} into a new array per packet, the size of a datagram, as the device must (its
     * sink keeps what it is given). How much of the framing overhead is that allocation.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] rawSealFresh(Tunnel t) {
        byte[] last = null;
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        for (int i = 0; i < BATCH; i++) {
            last = new byte[Protocol.TRANSPORT_HEADER_SIZE + t.sealed.length];
            t.sealer.seal(t.sealCounter++, t.plaintext, 0, t.plaintext.length, last, Protocol.TRANSPORT_HEADER_SIZE);
        }
        OPERATION.add(cpu, wall, BATCH);
        return last;
    }

    /** {@link #rawOpen} into a new array per packet, as the device must (its sink keeps what it is given). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] rawOpenFresh(Opening t) throws AEADBadTagException {
        byte[] last = null;
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        for (int i = 0; i < BATCH; i++) {
            last = new byte[t.opened.length];
            t.opener.open(t.counters[i], t.messages[i], 0, t.messages[i].length, last, 0);
        }
        OPERATION.add(cpu, wall, BATCH);
        return last;
    }

    /** A batch of device sends and a batch of raw seals, alternating which goes first; the score is their sum. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object sendVsSeal(Tunnel t) {
        return sendAgainstSeal(t, false);
    }

    /** {@link #sendVsSeal} with a sink that keeps every datagram, so the device allocates one per packet. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object sendKeptVsSeal(Tunnel t) {
        return sendAgainstSeal(t, true);
    }

    private static Object sendAgainstSeal(Tunnel t, boolean keep) {
        t.baselineFirst = !t.baselineFirst;
        if (t.baselineFirst) {
            measuredSeal(t);
        }
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        byte[] b = t.send(keep);
        SUBJECT.add(cpu, wall, BATCH);
        return t.baselineFirst ? b : measuredSeal(t);
    }

    /** A batch of device receives and a batch of raw opens, alternating which goes first; the score is their sum. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object receiveVsOpen(ReceivingAndOpening t) throws AEADBadTagException {
        return receiveAgainstOpen(t, false);
    }

    /** {@link #receiveVsOpen} for a driver that keeps its datagrams, so the device opens each into a buffer of its own. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object receiveKeptVsOpen(ReceivingAndOpening t) throws AEADBadTagException {
        return receiveAgainstOpen(t, true);
    }

    private static Object receiveAgainstOpen(ReceivingAndOpening t, boolean keep) throws AEADBadTagException {
        t.baselineFirst = !t.baselineFirst;
        if (t.baselineFirst) {
            measuredOpen(t);
        }
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        byte[] b = t.receive(keep);
        SUBJECT.add(cpu, wall, BATCH);
        return t.baselineFirst ? b : measuredOpen(t);
    }

    private static byte[] measuredSeal(Tunnel t) {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        byte[] r = t.seal();
        BASELINE.add(cpu, wall, BATCH);
        return r;
    }

    private static byte[] measuredOpen(Tunnel t) throws AEADBadTagException {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        byte[] r = t.open();
        BASELINE.add(cpu, wall, BATCH);
        return r;
    }
}
