package io.wgsim.protocol;

import io.wgsim.bench.Meter;
import io.wgsim.bench.X25519Work;
import io.wgsim.crypto.Entropy;
import io.wgsim.crypto.PresharedKey;
import io.wgsim.crypto.PrivateKey;
import io.wgsim.crypto.Tai64n;
import io.wgsim.crypto.X25519;
import io.wgsim.crypto.ZeroSharedSecretException;
import io.wgsim.net.IpAddresses;
import io.wgsim.protocol.wire.Initiation;
import io.wgsim.protocol.wire.Protocol;
import io.wgsim.protocol.wire.Response;
import java.net.InetSocketAddress;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A full handshake, both sides, through {@link Handshake} directly, with the mac1 stamping and checking
 * every handshake message gets: create and consume the initiation, create and consume the response,
 * and derive both sides' transport keys. Compared with io.wgsim.bench.HandshakeBenchmark.device, it
 * leaves out wire decoding, the peer and index lookups, building the two Keypairs (and their data
 * ciphers), timers, events and the confirming keepalive. {@link #noiseVsX25519} alternates it with
 * the handshake's X25519 work (io.wgsim.bench.X25519Work) for a paired comparison. Lives in this
 * package because Handshake, CookieGenerator and CookieChecker are package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class NoiseHandshakeBenchmark {
    private static final Meter.Channel OPERATION = Meter.channel(Meter.OPERATION);
    private static final Meter.Channel SUBJECT = Meter.channel(Meter.SUBJECT);
    private static final Meter.Channel BASELINE = Meter.channel(Meter.BASELINE);

    @State(Scope.Thread)
    public static class Sides {
        final Entropy entropy = Entropy.seeded(3);
        final PrivateKey initiatorKey = PrivateKey.generate(Entropy.seeded(11));
        final PrivateKey responderKey = PrivateKey.generate(Entropy.seeded(22));
        final InetSocketAddress initiatorAddress = new InetSocketAddress(IpAddresses.parse("198.18.0.1"), 51820);
        final InetSocketAddress responderAddress = new InetSocketAddress(IpAddresses.parse("198.18.0.2"), 51821);
        final X25519Work x25519 = new X25519Work();
        Handshake initiator;
        Handshake responder;
        /** Stamps the initiator's messages (keys from the responder's public key) and checks them at the responder. */
        CookieGenerator toResponder;
        CookieChecker atResponder;
        CookieGenerator toInitiator;
        CookieChecker atInitiator;
        byte[] hashForResponder;
        long now;
        boolean x25519First;

        @Setup(Level.Iteration)
        public void setUp() {
            initiator = new Handshake(initiatorKey, responderKey.publicKey(), PresharedKey.NONE);
            responder = new Handshake(responderKey, initiatorKey.publicKey(), PresharedKey.NONE);
            toResponder = new CookieGenerator(responderKey.publicKey());
            atResponder = new CookieChecker(responderKey.publicKey(), entropy);
            toInitiator = new CookieGenerator(initiatorKey.publicKey());
            atInitiator = new CookieChecker(initiatorKey.publicKey(), entropy);
            hashForResponder = Handshake.hashForResponder(responderKey.publicKey());
            now = 0;
        }

        byte[] ephemeral() {
            byte[] key = new byte[X25519.KEY_LENGTH];
            entropy.nextBytes(key);
            return X25519.clamp(key);
        }

        void handshake(Blackhole bh) throws Refusal {
            // Far enough apart for a strictly newer (whitened) timestamp and the per-peer initiation limit.
            now += Protocol.REKEY_TIMEOUT.toNanos() + 1_000_000_000L;

            Initiation initiation = initiator.createInitiation(ephemeral(), 1, Tai64n.whitened(now));
            toResponder.stamp(initiation.bytes(), Initiation.MAC1_OFFSET, now);

            expectValid(atResponder.check(initiation.bytes(), Initiation.MAC1_OFFSET, initiatorAddress, now, false));
            Handshake.DecryptedInitiator who = Handshake.decryptInitiator(responderKey, hashForResponder, initiation);
            responder.consumeInitiation(who, initiation, now);
            Response response = responder.createResponse(ephemeral(), 2);
            toInitiator.stamp(response.bytes(), Response.MAC1_OFFSET, now);
            bh.consume(responder.beginSession());

            expectValid(atInitiator.check(response.bytes(), Response.MAC1_OFFSET, responderAddress, now, false));
            initiator.consumeResponse(response);
            bh.consume(initiator.beginSession());
        }

        private static void expectValid(MacCheck check) {
            if (check != MacCheck.VALID_MAC1_NO_COOKIE) {
                throw new IllegalStateException("mac1 check gave " + check);
            }
        }
    }

    @Benchmark
    public void noise(Sides s, Blackhole bh) throws Refusal {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        s.handshake(bh);
        OPERATION.add(cpu, wall, 1);
    }

    /** A handshake and the X25519 work, alternating which goes first; the score is their sum. */
    @Benchmark
    public void noiseVsX25519(Sides s, Blackhole bh) throws Refusal, ZeroSharedSecretException {
        s.x25519First = !s.x25519First;
        if (s.x25519First) {
            measureX25519(s, bh);
        }
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        s.handshake(bh);
        SUBJECT.add(cpu, wall, 1);
        if (!s.x25519First) {
            measureX25519(s, bh);
        }
    }

    private static void measureX25519(Sides s, Blackhole bh) throws ZeroSharedSecretException {
        long cpu = Meter.cpu();
        long wall = Meter.wall();
        s.x25519.run(bh);
        BASELINE.add(cpu, wall, 1);
    }
}
