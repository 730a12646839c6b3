package io.wgsim.bench;

import io.wgsim.crypto.ZeroSharedSecretException;
import io.wgsim.protocol.wire.Protocol;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A full WireGuard handshake, both sides, through two {@link io.wgsim.protocol.Device}s exchanging
 * datagrams in memory ({@link #device}), next to exactly the X25519 work such a handshake must do
 * ({@link #x25519}, see {@link X25519Work}). The difference is the protocol's cost beyond X25519:
 * BLAKE2s hashing and KDFs, the three handshake AEADs, mac1, message encoding and decoding, index and
 * keypair bookkeeping (including each side's two data-plane ciphers), timers and events.
 * {@link #deviceVsX25519} measures the two in alternation for that ratio (see {@link Meter}).
 *
 * <p>One operation is one handshake; with one benchmark thread, 1 / (time per op) is handshakes per
 * second per core. io.wgsim.protocol.NoiseHandshakeBenchmark measures the Handshake class directly.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HandshakeBenchmark {
    private static final Meter.Channel OPERATION = Meter.channel(Meter.OPERATION);
    private static final Meter.Channel SUBJECT = Meter.channel(Meter.SUBJECT);
    private static final Meter.Channel BASELINE = Meter.channel(Meter.BASELINE);

    /** Two devices that handshake afresh on every operation, and the X25519 work to compare with. */
    @State(Scope.Thread)
    public static class Devices {
        BenchPeers peers;
        long now;
        long handshakes;
        final X25519Work x25519 = new X25519Work();
        boolean x25519First;

        @Setup(Level.Iteration)
        public void setUp() {
            peers = new BenchPeers();
            now = 0;
            handshakes = 0;
        }

        /** One handshake, REKEY_TIMEOUT + 1 s after the last: initiation, response, confirming keepalive. */
        void handshake() {
            now += Protocol.REKEY_TIMEOUT.toNanos() + BenchPeers.SECOND;
            peers.handshake(now);
            handshakes++;
        }

        @TearDown(Level.Iteration)
        public void check() {
            // Every operation must have been a complete handshake: two sessions started, nothing dropped.
            peers.aliceSink.assertNoDrops("alice");
            peers.bobSink.assertNoDrops("bob");
            if (peers.aliceSink.sessionsStarted != handshakes || peers.bobSink.sessionsStarted != handshakes) {
                throw new IllegalStateException(handshakes + " handshakes, but sessions started: alice "
                        + peers.aliceSink.sessionsStarted + ", bob " + peers.bobSink.sessionsStarted);
            }
            if (peers.aliceSink.pending() != 0 || peers.bobSink.pending() != 0) {
                throw new IllegalStateException("datagrams left over");
            }
        }
    }

    @Benchmark
    public void device(Devices d) {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        d.handshake();
        OPERATION.add(cpu, wall, 1);
    }

    /** The X25519 work alone. */
    @State(Scope.Thread)
    public static class Keys {
        final X25519Work work = new X25519Work();
    }

    @Benchmark
    public void x25519(Keys k, Blackhole bh) throws ZeroSharedSecretException {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        k.work.run(bh);
        OPERATION.add(cpu, wall, 1);
    }

    /** A handshake and the X25519 work, alternating which goes first; the score is their sum. */
    @Benchmark
    public void deviceVsX25519(Devices d, Blackhole bh) throws ZeroSharedSecretException {
        d.x25519First = !d.x25519First;
        if (d.x25519First) {
            measureX25519(d, bh);
        }
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        d.handshake();
        SUBJECT.add(cpu, wall, 1);
        if (!d.x25519First) {
            measureX25519(d, bh);
        }
    }

    private static void measureX25519(Devices d, Blackhole bh) throws ZeroSharedSecretException {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        d.x25519.run(bh);
        BASELINE.add(cpu, wall, 1);
    }
}
