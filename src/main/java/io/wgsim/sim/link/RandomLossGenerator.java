package io.wgsim.sim.link;

import io.wgsim.crypto.Entropy;

/** netem's CLG_RANDOM: lose when the loss threshold is at least the next correlated word. */
final class RandomLossGenerator extends LossGenerator {

    private final CorrelatedChance chance;

    RandomLossGenerator(Loss.Random loss, Entropy entropy) {
        this(new CorrelatedChance(entropy, loss.percent(), loss.correlation()));
    }

    private RandomLossGenerator(CorrelatedChance chance) {
        super(chance.enabled());
        this.chance = chance;
    }

    @Override
    protected boolean decide() {
        return chance.happens();
    }
}
