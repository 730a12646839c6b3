package io.wgsim.sim.link;

import io.wgsim.crypto.Entropy;

/**
 * One correlated yes-or-no per packet, as netem decides duplication, corruption, reordering and
 * random loss: yes when the percentage's 32-bit threshold is at least the next correlated word. A
 * chance of 0 draws nothing, as netem skips the draw when the option is off.
 */
final class CorrelatedChance {

    private final long threshold;
    private final CorrelatedRandom random;

    CorrelatedChance(Entropy entropy, double percent, double correlation) {
        this.threshold = Percent.threshold(percent);
        this.random = new CorrelatedRandom(entropy, correlation);
    }

    boolean enabled() {
        return threshold != 0;
    }

    boolean happens() {
        return threshold != 0 && threshold >= random.next();
    }
}
