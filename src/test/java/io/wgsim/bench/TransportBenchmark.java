package io.wgsim.bench;

import io.wgsim.crypto.DataCipher;
import io.wgsim.crypto.Entropy;
import io.wgsim.net.Padding;
import io.wgsim.protocol.wire.Protocol;
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
 * The data plane, one inner packet per operation: {@link #deviceSend} is Device.sendPacket (parse,
 * cryptokey routing, padding, framing, seal) producing a datagram; {@link #deviceReceive} is
 * Device.receiveDatagram (decode, index lookup, replay window, open, timers, allowed-IPs source check)
 * delivering the packet. {@link #rawSeal} and {@link #rawOpen} are the bare AEAD, DataCipher on the
 * padded plaintext, for comparison in the same run. The inner packet is IPv4/UDP of {@code size}
 * bytes; with the default MTU of 1420 all three sizes are already padded (multiples of 16, or the MTU).
 *
 * <p>Every datagram must be opened under a counter not seen before, so the receive benchmarks open a
 * batch of {@link #BATCH} messages sealed beforehand (outside the timing) per invocation; the send
 * benchmarks' sealing is what they measure, so they need no batch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TransportBenchmark {
    static final int BATCH = 256;

    /** Alice and bob after one handshake, and the packet alice sends. */
    @State(Scope.Thread)
    public static class Tunnel {
        @Param({"64", "512", "1420"})
        int size;

        BenchPeers peers;
        byte[] packet;
        final long now = 2 * BenchPeers.SECOND;
        /** Datagrams sealed by alice for the next {@link #deviceReceive} invocation. */
        final byte[][] batch = new byte[BATCH][];
        long sent;

        @Setup(Level.Trial)
        public void setUp() {
            peers = new BenchPeers();
            peers.handshake(BenchPeers.SECOND);
            packet = BenchPeers.aliceToBob(size);
        }

        @TearDown(Level.Iteration)
        public void check() {
            peers.aliceSink.assertNoDrops("alice");
            peers.bobSink.assertNoDrops("bob");
            peers.aliceSink.clear();
        }
    }

    /**
     * The tunnel with a fresh batch of alice's datagrams for bob, sealed before each timed invocation.
     * (A subclass rather than a second state taking Tunnel as a setup argument: JMH 1.37 then hands
     * the setup method and the benchmark method two different Tunnel instances.)
     */
    @State(Scope.Thread)
    public static class ReceivingTunnel extends Tunnel {
        @Setup(Level.Invocation)
        public void fill() {
            for (int i = 0; i < BATCH; i++) {
                peers.alice.sendPacket(now, packet);
                batch[i] = peers.aliceSink.take();
            }
        }
    }

    @Benchmark
    public byte[] deviceSend(Tunnel t) {
        t.peers.alice.sendPacket(t.now, t.packet);
        return t.peers.aliceSink.take();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] deviceReceive(ReceivingTunnel t) {
        for (int i = 0; i < BATCH; i++) {
            t.peers.bob.receiveDatagram(t.now, t.peers.aliceAddress, t.batch[i]);
        }
        return t.peers.bobSink.lastDelivered;
    }

    /** One transport key used by both {@link #rawSeal} and {@link #rawOpen}, each with its own DataCipher. */
    @State(Scope.Thread)
    public static class Raw {
        @Param({"64", "512", "1420"})
        int size;

        DataCipher sealer;
        DataCipher opener;
        byte[] plaintext;
        byte[] buffer;
        long sealCounter;
        /** Sealed messages for the next {@link #rawOpen} invocation, and the counters they used. */
        final byte[][] batch = new byte[BATCH][];
        final long[] batchCounters = new long[BATCH];
        long batchCounter;
        DataCipher batchSealer;
        byte[] opened;

        @Setup(Level.Trial)
        public void setUp() {
            byte[] key = new byte[32];
            Entropy.seeded(5).nextBytes(key);
            sealer = new DataCipher(key);
            batchSealer = new DataCipher(key);
            opener = new DataCipher(key);
            int padded = Padding.paddedLength(size, Protocol.DEFAULT_MTU);
            plaintext = BenchPeers.aliceToBob(size);
            plaintext = java.util.Arrays.copyOf(plaintext, padded);
            buffer = new byte[padded + Protocol.TAG_LENGTH];
            opened = new byte[padded];
            for (int i = 0; i < BATCH; i++) {
                batch[i] = new byte[padded + Protocol.TAG_LENGTH];
            }
        }
    }

    /** The key with a fresh batch sealed before each timed invocation of {@link #rawOpen}. */
    @State(Scope.Thread)
    public static class RawOpening extends Raw {
        @Setup(Level.Invocation)
        public void fill() {
            for (int i = 0; i < BATCH; i++) {
                long counter = batchCounter++;
                batchCounters[i] = counter;
                batchSealer.seal(counter, plaintext, 0, plaintext.length, batch[i], 0);
            }
        }
    }

    /** DataCipher.seal of the padded plaintext into a reused buffer. */
    @Benchmark
    public byte[] rawSeal(Raw r) {
        r.sealer.seal(r.sealCounter++, r.plaintext, 0, r.plaintext.length, r.buffer, 0);
        return r.buffer;
    }

    /** DataCipher.open of sealed messages into a reused buffer. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] rawOpen(RawOpening r) throws AEADBadTagException {
        for (int i = 0; i < BATCH; i++) {
            r.opener.open(r.batchCounters[i], r.batch[i], 0, r.batch[i].length, r.opened, 0);
        }
        return r.opened;
    }
}
