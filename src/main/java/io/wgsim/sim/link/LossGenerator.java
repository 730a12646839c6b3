package io.wgsim.sim.link;

import io.wgsim.crypto.Entropy;

/**
 * Decides, packet by packet, whether the link loses it: the runtime side of a {@link Loss}. The one
 * public entry point checks {@code enabled} once and leaves the decision to {@link #decide}, in the
 * manner of ns-3's ErrorModel. A disabled generator draws no randomness.
 */
abstract class LossGenerator {

    private final boolean enabled;

    LossGenerator(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether the next packet is lost. */
    final boolean lose() {
        return enabled && decide();
    }

    /** The model's decision for the next packet; called only when enabled. */
    protected abstract boolean decide();

    /** A fresh generator for {@code loss}; a Gilbert-Elliott chain starts in the good state. */
    static LossGenerator of(Loss loss, Entropy entropy) {
        if (loss instanceof Loss.Random) {
            return new RandomLossGenerator((Loss.Random) loss, entropy);
        }
        if (loss instanceof Loss.GilbertElliott) {
            return new GilbertElliottGenerator((Loss.GilbertElliott) loss, entropy);
        }
        throw new IllegalArgumentException("unknown loss model " + loss);
    }
}
