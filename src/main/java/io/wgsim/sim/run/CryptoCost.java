package io.wgsim.sim.run;

import io.wgsim.crypto.DataCipher;
import io.wgsim.crypto.X25519;

/**
 * How long a run's cryptography alone takes on this machine, measured right after the run in the same
 * JVM: the Curve25519 operations and the ChaCha20-Poly1305 bytes the run needed, timed without the
 * simulator around them, both in wall time and in the thread's CPU time. The run's time divided by this
 * is the simulator's own overhead.
 */
final class CryptoCost {
    private static final int X25519_SAMPLES = 2000;
    private static final int AEAD_PACKETS = 20_000;
    private static final int PACKET = 1452;

    private CryptoCost() {}

    /** The estimate in wall-clock seconds and in CPU seconds of this thread (-1 where unknown). */
    record Estimate(double wallSeconds, double cpuSeconds) {}

    /**
     * Seconds that {@code baseMults} public-key computations, {@code dhs} Diffie-Hellman operations and
     * sealing plus opening {@code aeadBytes} take. On a shared machine the figure moves with the load.
     */
    static Estimate estimate(long baseMults, long dhs, long aeadBytes) {
        byte[] scalar = new byte[32];
        byte[] point = X25519.publicKey(X25519.clamp(scalar.clone()));
        for (int i = 0; i < 200; i++) {
            point = X25519.scalarMult(X25519.clamp(point.clone()), point); // warm up
        }
        long t0 = System.nanoTime();
        long c0 = ThreadCpu.nanos();
        for (int i = 0; i < X25519_SAMPLES; i++) {
            point = X25519.scalarMult(X25519.clamp(point.clone()), point);
        }
        double perDh = (System.nanoTime() - t0) / 1e9 / X25519_SAMPLES;
        double perDhCpu = ThreadCpu.secondsBetween(c0, ThreadCpu.nanos()) / X25519_SAMPLES;
        byte[] secret = new byte[32];
        long t2 = System.nanoTime();
        long c2 = ThreadCpu.nanos();
        for (int i = 0; i < X25519_SAMPLES; i++) {
            secret[0] = (byte) i;
            secret[1] = (byte) (i >>> 8);
            X25519.publicKey(X25519.clamp(secret.clone()));
        }
        double perBase = (System.nanoTime() - t2) / 1e9 / X25519_SAMPLES;
        double perBaseCpu = ThreadCpu.secondsBetween(c2, ThreadCpu.nanos()) / X25519_SAMPLES;

        DataCipher cipher = new DataCipher(new byte[32]);
        byte[] buf = new byte[PACKET + 16];
        byte[] out = new byte[PACKET];
        for (int i = 0; i < 2000; i++) {
            cipher.seal(i, buf, 0, PACKET, buf, 0); // warm up
        }
        long t1 = System.nanoTime();
        long c1 = ThreadCpu.nanos();
        for (int i = 0; i < AEAD_PACKETS; i++) {
            long counter = 10_000 + i;
            int sealed = cipher.seal(counter, out, 0, PACKET, buf, 0);
            try {
                cipher.open(counter, buf, 0, sealed, out, 0);
            } catch (javax.crypto.AEADBadTagException e) {
                throw new IllegalStateException("calibration packet failed to open", e);
            }
        }
        double perByte = (System.nanoTime() - t1) / 1e9 / ((double) AEAD_PACKETS * PACKET);
        double perByteCpu = ThreadCpu.secondsBetween(c1, ThreadCpu.nanos()) / ((double) AEAD_PACKETS * PACKET);
        double wall = baseMults * perBase + dhs * perDh + aeadBytes * perByte;
        boolean cpuKnown = c0 >= 0 && c1 >= 0 && c2 >= 0;
        double cpu = cpuKnown ? baseMults * perBaseCpu + dhs * perDhCpu + aeadBytes * perByteCpu : -1;
        return new Estimate(wall, cpu);
    }
}
