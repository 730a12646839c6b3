package io.wgsim.sim.link;

import io.wgsim.crypto.Entropy;

/**
 * netem's CLG_GILB_ELL (loss_gilb_ell in sch_netem.c). Each packet draws two 32-bit words: the first
 * may move the chain for the next packet (good to bad below p, bad to good below r), the second
 * decides this packet's loss in the state it met (good: below 1-k; bad: above h, 1-h of the time).
 */
final class GilbertElliottGenerator extends LossGenerator {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final Entropy entropy;
    private final long p;
    private final long r;
    private final long h;
    private final long oneMinusK;
    private boolean bad;

    GilbertElliottGenerator(Loss.GilbertElliott model, Entropy entropy) {
        super(true);
        this.entropy = entropy;
        this.p = Percent.threshold(model.p());
        this.r = Percent.threshold(model.r());
        this.h = UINT32_MAX - Percent.threshold(model.oneMinusH()); // tc hands the kernel h, not 1-h
        this.oneMinusK = Percent.threshold(model.oneMinusK());
    }

    @Override
    protected boolean decide() {
        // Both words are drawn whatever the outcome. The loss test uses the parameter of the state
        // the packet met; a transition drawn here applies from the next packet on.
        if (!bad) {
            if (CorrelatedRandom.nextWord(entropy) < p) {
                bad = true;
            }
            return CorrelatedRandom.nextWord(entropy) < oneMinusK;
        }
        if (CorrelatedRandom.nextWord(entropy) < r) {
            bad = false;
        }
        return CorrelatedRandom.nextWord(entropy) > h;
    }
}
