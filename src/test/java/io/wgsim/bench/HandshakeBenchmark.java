package io.wgsim.bench;

import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.X25519;
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
 * ({@link #x25519}). The difference is the protocol's cost beyond X25519: BLAKE2s hashing and KDFs,
 * the two handshake AEADs, mac1, message encoding and decoding, index and keypair bookkeeping
 * (including each side's two data-plane ciphers), timers and events.
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

    /** Two devices that handshake afresh on every operation. */
    @State(Scope.Thread)
    public static class Devices {
        BenchPeers peers;
        long now;
        long handshakes;

        @Setup(Level.Iteration)
        public void setUp() {
            peers = new BenchPeers();
            now = 0;
            handshakes = 0;
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

    /** Initiation, response and the confirming keepalive; each handshake is REKEY_TIMEOUT + 1 s after the last. */
    @Benchmark
    public void device(Devices d) {
        d.now += Protocol.REKEY_TIMEOUT.toNanos() + BenchPeers.SECOND;
        d.peers.handshake(d.now);
        d.handshakes++;
    }

    /** Static and ephemeral keys for {@link #x25519}. */
    @State(Scope.Thread)
    public static class Keys {
        byte[] initiatorStatic;
        byte[] initiatorStaticPublic;
        byte[] responderStatic;
        byte[] responderStaticPublic;
        byte[] initiatorEphemeral;
        byte[] responderEphemeral;

        @Setup
        public void setUp() {
            Entropy entropy = Entropy.seeded(7);
            initiatorStatic = key(entropy);
            responderStatic = key(entropy);
            initiatorEphemeral = key(entropy);
            responderEphemeral = key(entropy);
            initiatorStaticPublic = X25519.publicKey(initiatorStatic);
            responderStaticPublic = X25519.publicKey(responderStatic);
        }

        private static byte[] key(Entropy entropy) {
            byte[] k = new byte[X25519.KEY_LENGTH];
            entropy.nextBytes(k);
            return X25519.clamp(k);
        }
    }

    /**
     * The X25519 calls one handshake makes, as Handshake does them: two ephemeral public keys (base
     * point) and six DHs. The static-static DH is computed once per peer when the peer is added, so it
     * is not here (nor in {@link #device}). Bouncy Castle's X25519 is constant-time, so fixed keys
     * cost the same as fresh ones.
     */
    @Benchmark
    public void x25519(Keys k, Blackhole bh) throws ZeroSharedSecretException {
        // Initiator, creating the initiation: e, es.
        byte[] ei = X25519.publicKey(k.initiatorEphemeral);
        bh.consume(X25519.sharedSecret(k.initiatorEphemeral, k.responderStaticPublic));
        // Responder, consuming it: es.
        bh.consume(X25519.sharedSecret(k.responderStatic, ei));
        // Responder, creating the response: e, ee, se.
        byte[] er = X25519.publicKey(k.responderEphemeral);
        bh.consume(X25519.sharedSecret(k.responderEphemeral, ei));
        bh.consume(X25519.sharedSecret(k.responderEphemeral, k.initiatorStaticPublic));
        // Initiator, consuming the response: ee, se.
        bh.consume(X25519.sharedSecret(k.initiatorEphemeral, er));
        bh.consume(X25519.sharedSecret(k.initiatorStatic, er));
    }
}
