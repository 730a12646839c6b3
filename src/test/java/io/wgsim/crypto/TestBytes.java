package io.wgsim.crypto;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Byte-array helpers for the crypto tests; random content always comes from a seeded source. */
final class TestBytes {
    private TestBytes() {}

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] randomBytes(SplittableRandom rng, int n) {
        byte[] out = new byte[n];
        rng.nextBytes(out);
        return out;
    }

    static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }
}
