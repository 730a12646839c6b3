package io.wgsim.crypto;

import java.util.Arrays;

/**
 * HChaCha20 (draft-irtf-cfrg-xchacha section 2.2): derives a 32-byte subkey from a key and a 16-byte
 * nonce by running the 20 ChaCha rounds and keeping state words 0..3 and 12..15, without the final
 * feed-forward addition of the input state. Bouncy Castle 1.80 has no HChaCha20 (its ChaChaEngine core
 * always adds the input back), hence this class.
 */
final class HChaCha20 {
    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 16;
    static final int SUBKEY_LENGTH = 32;

    // "expand 32-byte k" as four little-endian words (RFC 8439 section 2.3).
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    private static final int DOUBLE_ROUNDS = 10;

    private HChaCha20() {}

    /** The subkey for {@code key} and {@code nonce[nonceOff..nonceOff+16)}. */
    static byte[] subkey(byte[] key, byte[] nonce, int nonceOff) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("HChaCha20 key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        if (nonceOff < 0 || nonce.length - nonceOff < NONCE_LENGTH) {
            throw new IllegalArgumentException("HChaCha20 needs " + NONCE_LENGTH + " nonce bytes at offset "
                    + nonceOff + ", array has " + nonce.length);
        }
        int[] x = new int[16];
        System.arraycopy(SIGMA, 0, x, 0, 4);
        for (int i = 0; i < 8; i++) {
            x[4 + i] = readLe(key, 4 * i);
        }
        for (int i = 0; i < 4; i++) {
            x[12 + i] = readLe(nonce, nonceOff + 4 * i);
        }
        for (int i = 0; i < DOUBLE_ROUNDS; i++) {
            quarterRound(x, 0, 4, 8, 12);
            quarterRound(x, 1, 5, 9, 13);
            quarterRound(x, 2, 6, 10, 14);
            quarterRound(x, 3, 7, 11, 15);
            quarterRound(x, 0, 5, 10, 15);
            quarterRound(x, 1, 6, 11, 12);
            quarterRound(x, 2, 7, 8, 13);
            quarterRound(x, 3, 4, 9, 14);
        }
        byte[] out = new byte[SUBKEY_LENGTH];
        for (int i = 0; i < 4; i++) {
            writeLe(x[i], out, 4 * i);
            writeLe(x[12 + i], out, 16 + 4 * i);
        }
        // The remaining words are key-dependent too; do not leave them on the heap.
        Arrays.fill(x, 0);
        return out;
    }

    private static void quarterRound(int[] x, int a, int b, int c, int d) {
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
    }

    private static int readLe(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void writeLe(int v, byte[] b, int off) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
