package io.wgsim.sim.link;

import io.wgsim.crypto.Entropy;

/**
 * netem's correlated random number generator (get_crandom in sch_netem.c): a 32-bit random word
 * mixed with the previous answer, {@code next = (fresh * (2^32 - rho) + last * rho) >> 32}, where rho
 * is the correlation scaled to 32 bits (plus one). With no correlation it returns fresh words and
 * keeps no state.
 *
 * <p>This is netem's behaviour, flaws included, so that a model means here what it means under
 * Linux:
 * <ul>
 *   <li>The mix is an average, so correlated words bunch towards the middle of the range and the
 *       extremes become rare: {@code loss 5% 25%} loses about 0.2% of packets, not 5%, though the
 *       losses it makes do cluster; {@code loss 5% 50%} loses almost nothing. The same goes for
 *       duplicate, corrupt and reorder correlations. For bursty loss at a chosen rate use
 *       {@link Loss.GilbertElliott}, which is why netem grew it.
 *   <li>netem reduces a delay word modulo twice the jitter, or modulo the table size, which keeps
 *       only its low bits, so delay correlation has next to no visible effect.
 * </ul>
 */
final class CorrelatedRandom {

    private final Entropy entropy;
    private final long rho;
    private long last;

    /** A generator for {@code correlation} percent; draws its first "previous" word, as netem's init_crandom. */
    CorrelatedRandom(Entropy entropy, double correlation) {
        this.entropy = entropy;
        this.rho = Percent.threshold(correlation);
        this.last = nextWord(entropy);
    }

    /** The next word, 0 .. 2^32 - 1. */
    long next() {
        long value = nextWord(entropy);
        if (rho == 0) {
            return value;
        }
        long weight = rho + 1;
        // Both products and their sum stay below 2^64, so the unsigned shift gives netem's u64 result.
        long answer = (value * ((1L << 32) - weight) + last * weight) >>> 32;
        last = answer;
        return answer;
    }

    /** A uniform 32-bit word as netem's prandom_u32_state gives, 0 .. 2^32 - 1. */
    static long nextWord(Entropy entropy) {
        return Integer.toUnsignedLong(entropy.nextInt());
    }
}
