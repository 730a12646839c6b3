package io.wgsim.bench;

import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDK's own ChaCha20-Poly1305 open, with no wgsim code around it, for the choice DataCipher makes
 * per JDK: whether a message starting {@code offset} bytes into its array (16 in a WireGuard
 * datagram) is opened where it lies or copied to index 0 first. {@link #intoReused} opens into one
 * reused array, {@link #inPlace} over the ciphertext itself, {@link #intoFresh} into a new array per
 * packet, {@link #copyThenInPlace} copies to index 0 of a reused array and opens there. Each
 * invocation opens a batch sealed beforehand into the same arrays.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JdkOpenOffsetBenchmark {
    static final int BATCH = 256;
    private static final int TAG = 16;

    @Param({"1420"})
    int size;
    @Param({"0", "16"})
    int offset;

    private Cipher cipher;
    private final SecretKeySpec key = new SecretKeySpec(new byte[32], "ChaCha20");
    private final byte[] nonce = new byte[12];
    private final byte[][] messages = new byte[BATCH][];
    private final long[] counters = new long[BATCH];
    private long nextCounter;
    private byte[] plaintext;
    private byte[] out;
    private byte[] scratch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        cipher = Cipher.getInstance("ChaCha20-Poly1305");
        plaintext = new byte[size];
        out = new byte[size];
        scratch = new byte[size + TAG];
        for (int i = 0; i < BATCH; i++) {
            messages[i] = new byte[offset + size + TAG];
        }
    }

    @Setup(Level.Invocation)
    public void seal() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            counters[i] = nextCounter++;
            init(Cipher.ENCRYPT_MODE, counters[i]);
            cipher.doFinal(plaintext, 0, size, messages[i], offset);
        }
    }

    private void init(int mode, long counter) throws Exception {
        for (int k = 0; k < 8; k++) {
            nonce[4 + k] = (byte) (counter >>> (8 * k));
        }
        cipher.init(mode, key, new IvParameterSpec(nonce));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] intoReused() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            init(Cipher.DECRYPT_MODE, counters[i]);
            cipher.doFinal(messages[i], offset, size + TAG, out, 0);
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] inPlace() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            init(Cipher.DECRYPT_MODE, counters[i]);
            cipher.doFinal(messages[i], offset, size + TAG, messages[i], offset);
        }
        return messages[BATCH - 1];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] intoFresh() throws Exception {
        byte[] last = null;
        for (int i = 0; i < BATCH; i++) {
            last = new byte[size];
            init(Cipher.DECRYPT_MODE, counters[i]);
            cipher.doFinal(messages[i], offset, size + TAG, last, 0);
        }
        return last;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] copyThenInPlace() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(messages[i], offset, scratch, 0, size + TAG);
            init(Cipher.DECRYPT_MODE, counters[i]);
            cipher.doFinal(scratch, 0, size + TAG, scratch, 0);
        }
        return scratch;
    }
}
