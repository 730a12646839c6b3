package io.wgsim.protocol.replay;

import io.wgsim.protocol.wire.Protocol;

/**
 * The receive side's record of which transport counters it has seen (RFC 6479). A counter is
 * acceptable if it is below the message limit, not more than {@link #size()} behind the highest
 * counter seen, and not seen before.
 *
 * <p>The bitmap is a ring of {@code size / 64 + 1} words: the extra word lets the window slide a
 * whole word at a time (clearing it) while still remembering a full {@code size} counters behind
 * the highest. Counters are unsigned 64-bit values held in a {@code long}.
 *
 * <p>Receiving is split in two, as in the datagram path: {@link #check} only reads, so a packet that
 * then fails to decrypt leaves no trace; {@link #markSeen} after decryption records the counter and
 * refuses again if a duplicate was marked in between. Not thread-safe.
 */
public final class ReplayWindow {

    /** Why a counter is or is not acceptable. */
    public enum Verdict {
        ACCEPTABLE,
        /** Inside the window and already seen. */
        REPLAYED,
        /** More than the window size behind the highest counter seen. */
        TOO_OLD,
        /** At or past REJECT_AFTER_MESSAGES: this keypair may not carry it at all. */
        LIMIT_REACHED
    }

    private static final int WORD_BITS = Long.SIZE;

    private final int size;
    private final long[] ring;
    /** Highest counter marked so far (0 before any, which is also what counter 0 leaves). */
    private long highest;
    private boolean empty = true;

    /** A window of {@link Protocol#DEFAULT_REPLAY_WINDOW} counters, as the kernel and wireguard-go. */
    public ReplayWindow() {
        this(Protocol.DEFAULT_REPLAY_WINDOW);
    }

    /** A window of {@code size} counters; the size must be a positive multiple of 64. */
    public ReplayWindow(int size) {
        if (size <= 0 || size % WORD_BITS != 0) {
            throw new IllegalArgumentException("replay window size " + size + " is not a positive multiple of 64");
        }
        this.size = size;
        this.ring = new long[size / WORD_BITS + 1];
    }

    /** Whether the counter would be accepted now. Changes nothing. */
    public Verdict check(long counter) {
        if (Long.compareUnsigned(counter, Protocol.REJECT_AFTER_MESSAGES) >= 0) {
            return Verdict.LIMIT_REACHED;
        }
        if (Long.compareUnsigned(counter, highest) > 0) {
            // Ahead of everything seen: its word is either fresh or will be cleared when the window moves.
            return Verdict.ACCEPTABLE;
        }
        if (Long.compareUnsigned(highest - counter, size) > 0) {
            return Verdict.TOO_OLD;
        }
        return (ring[slot(counter)] & bit(counter)) != 0 ? Verdict.REPLAYED : Verdict.ACCEPTABLE;
    }

    /**
     * Records the counter as seen, sliding the window forward if it is the new highest. Returns false,
     * changing nothing, if {@link #check} would not say ACCEPTABLE.
     */
    public boolean markSeen(long counter) {
        if (check(counter) != Verdict.ACCEPTABLE) {
            return false;
        }
        if (Long.compareUnsigned(counter, highest) > 0) {
            slideTo(counter);
        }
        ring[slot(counter)] |= bit(counter);
        empty = false;
        return true;
    }

    /** Clears the words between the old highest and the new one, then moves the top. */
    private void slideTo(long counter) {
        long oldWord = highest >>> 6;
        long newWord = counter >>> 6;
        // More words than the ring holds means every word is stale: clear each once.
        long toClear = Math.min(newWord - oldWord, ring.length);
        for (long i = 1; i <= toClear; i++) {
            ring[(int) ((oldWord + i) % ring.length)] = 0;
        }
        highest = counter;
    }

    private int slot(long counter) {
        // counter >>> 6 is never negative, so % gives a valid index.
        return (int) ((counter >>> 6) % ring.length);
    }

    private static long bit(long counter) {
        return 1L << (counter & (WORD_BITS - 1));
    }

    /** The highest counter marked so far, unsigned; 0 while {@link #isEmpty()}. */
    public long highest() {
        return highest;
    }

    /** Whether no counter has been marked yet. */
    public boolean isEmpty() {
        return empty;
    }

    /** How many counters behind the highest are still remembered. */
    public int size() {
        return size;
    }
}
