package io.wgsim.protocol;

import io.wgsim.crypto.Entropy;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Entropy that hands out queued values first (ephemeral keys for nextBytes, sender indices for
 * nextInt), then falls back to a seeded stream. Jitter (nextLong) is zero unless queued, so timer
 * tests can reason about exact deadlines.
 */
final class ScriptedEntropy implements Entropy {
    private final Deque<byte[]> bytes = new ArrayDeque<>();
    private final Deque<Integer> ints = new ArrayDeque<>();
    private final Deque<Long> longs = new ArrayDeque<>();
    private final Entropy fallback;

    ScriptedEntropy(long seed) {
        this.fallback = Entropy.seeded(seed);
    }

    ScriptedEntropy queueBytes(byte[] b) {
        bytes.addLast(b.clone());
        return this;
    }

    ScriptedEntropy queueInt(int v) {
        ints.addLast(v);
        return this;
    }

    ScriptedEntropy queueLong(long v) {
        longs.addLast(v);
        return this;
    }

    @Override public void nextBytes(byte[] out) {
        byte[] next = bytes.peekFirst();
        if (next != null && next.length == out.length) {
            bytes.pollFirst();
            System.arraycopy(next, 0, out, 0, out.length);
        } else {
            fallback.nextBytes(out);
        }
    }

    @Override public long nextLong(long bound) {
        Long next = longs.pollFirst();
        return next == null ? 0 : next % bound;
    }

    @Override public int nextInt() {
        Integer next = ints.pollFirst();
        return next == null ? fallback.nextInt() : next;
    }
}
