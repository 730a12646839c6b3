package io.wgsim.sim;

import io.wgsim.crypto.Blake2s;
import io.wgsim.crypto.Entropy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One component's seeded random numbers: xoshiro256++ (Blackman and Vigna, 2019), with every derived
 * distribution written out here, so the numbers depend on nothing but the seed and the name: not on the
 * JDK version, the platform or the JIT.
 *
 * <p>Why not {@link java.util.SplittableRandom}: its raw 64-bit output is a fixed algorithm, but the
 * distributions come from {@code RandomGenerator}'s default methods, whose {@code nextGaussian} and
 * {@code nextExponential} are a ziggurat (JDK 17 and later) that calls {@link Math#exp} on its slow
 * path, and {@code Math} functions may differ in the last bit between platforms and between the
 * interpreter and compiled code. Here, floating point goes through {@link StrictMath} only (fdlibm,
 * bit-for-bit the same everywhere); plain arithmetic has been strict on every JVM since Java 17
 * (JEP 306).
 *
 * <p>A stream is derived from a run seed and a name: its 256-bit state is
 * BLAKE2s-256("wgsim RandomStream v1" || seed as 8 bytes big-endian || name in UTF-8), read as four
 * little-endian longs. Streams for different names are unrelated, so adding a component leaves every
 * other component's numbers unchanged.
 *
 * <p>Not cryptographically secure (the whole stream follows from the seed) and not thread-safe.
 */
public final class RandomStream implements Entropy {
    private static final byte[] DOMAIN = "wgsim RandomStream v1".getBytes(StandardCharsets.US_ASCII);
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private final String name;
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A stream starting from the given xoshiro256 state, which must not be all zero. */
    RandomStream(String name, long s0, long s1, long s2, long s3) {
        if ((s0 | s1 | s2 | s3) == 0) {
            throw new IllegalArgumentException("xoshiro256 state must not be all zero");
        }
        this.name = name;
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }

    /**
     * The stream named {@code name} in the run seeded with {@code seed}: the same one, value for value,
     * that {@code new Simulator(seed).random(name)} returns. For tests of components outside a simulator.
     */
    public static RandomStream derive(long seed, String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a random stream needs a non-empty name");
        }
        byte[] seedBytes = ByteBuffer.allocate(Long.BYTES).putLong(seed).array();
        byte[] state = Blake2s.hash(DOMAIN, seedBytes, name.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        // An all-zero hash, the one state xoshiro cannot use, has probability 2^-256.
        return new RandomStream(name, b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }

    /** The name the stream was derived from. */
    public String name() {
        return name;
    }

    /** The next 64 bits of xoshiro256++. */
    public long nextLong() {
        long result = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /**
     * A uniform long in [0, bound). Takes u = the next output shifted right by one (63 bits); for a
     * power of two returns its low bits, otherwise u mod bound, drawing a new u while it falls in the
     * incomplete last interval of width bound.
     */
    @Override
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long m = bound - 1;
        long u = nextLong() >>> 1;
        if ((bound & m) == 0) {
            return u & m;
        }
        long r = u % bound;
        while (u - r + m < 0) {
            u = nextLong() >>> 1;
            r = u % bound;
        }
        return r;
    }

    /** A uniform int in [0, bound); bound must be positive. */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** A uniform int over the whole 32-bit range: the high half of one output. */
    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Fills {@code out} eight bytes per output, each output little-endian; a short tail uses the low bytes. */
    @Override
    public void nextBytes(byte[] out) {
        int i = 0;
        while (i < out.length) {
            long r = nextLong();
            for (int k = 0; k < Long.BYTES && i < out.length; k++, r >>>= 8) {
                out[i++] = (byte) r;
            }
        }
    }

    /** A uniform double in [0, 1): the top 53 bits of one output, times 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Whether a uniform draw falls below {@code probability}: true with that probability. */
    public boolean nextBoolean(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
        }
        return nextDouble() < probability;
    }

    /**
     * A standard normal value (mean 0, standard deviation 1), by the Box-Muller transform of two
     * uniforms: sqrt(-2 ln u1) cos(2 pi u2), with u1 in (0, 1]. Always exactly two outputs per call, and
     * no value is kept between calls.
     */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** An exponentially distributed value with the given mean, by inversion: -mean ln(1 - u). */
    public double nextExponential(double mean) {
        if (!(mean > 0 && mean < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("mean must be positive and finite: " + mean);
        }
        return mean * -StrictMath.log1p(-nextDouble());
    }

    @Override
    public String toString() {
        return "RandomStream[" + name + "]";
    }
}
