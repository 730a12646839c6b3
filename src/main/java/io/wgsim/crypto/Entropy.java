package io.wgsim.crypto;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * The only source of randomness the protocol core may use: ephemeral keys, sender indices, cookie
 * secrets, timer jitter. The simulator passes a seeded stream so that a run is reproducible; the real
 * world passes {@link #secure()}.
 */
public interface Entropy {

    /** Fills {@code out} with random bytes. */
    void nextBytes(byte[] out);

    /** A uniformly distributed long in [0, bound); bound must be positive. */
    long nextLong(long bound);

    /** A uniformly distributed int over the whole 32-bit range. */
    int nextInt();

    /** Cryptographically strong randomness for real-world use. */
    static Entropy secure() {
        SecureRandom random = new SecureRandom();
        return new Entropy() {
            @Override public void nextBytes(byte[] out) { random.nextBytes(out); }
            @Override public long nextLong(long bound) { return random.nextLong(bound); }
            @Override public int nextInt() { return random.nextInt(); }
        };
    }

    /**
     * A deterministic stream for simulation and tests. Not for real keys: the whole stream follows from
     * the seed.
     */
    static Entropy seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Entropy() {
            @Override public void nextBytes(byte[] out) { random.nextBytes(out); }
            @Override public long nextLong(long bound) { return random.nextLong(bound); }
            @Override public int nextInt() { return random.nextInt(); }
        };
    }
}
