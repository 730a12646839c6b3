package io.wgsim.sim.link;

/**
 * Which packets the link loses: netem's {@code loss random PERCENT [CORRELATION]} or
 * {@code loss gemodel p [r [1-h [1-k]]]}. netem's 4-state {@code loss state} model is not offered.
 */
public sealed interface Loss permits Loss.Random, Loss.GilbertElliott {

    /** No loss. */
    Loss NONE = new Random(0, 0);

    /**
     * Each packet is lost with probability {@code percent}; {@code correlation} biases each draw
     * towards the previous one, netem's way. That makes losses cluster but also makes them much rarer
     * than {@code percent} ({@code 5% 25%} loses about 0.2%), exactly as netem does; see
     * {@link CorrelatedRandom}.
     *
     * @param percent     0..100
     * @param correlation 0..100; needs a percent
     */
    record Random(double percent, double correlation) implements Loss {
        public Random {
            percent = Percent.check("loss.percent", percent);
            correlation = Percent.check("loss.correlation", correlation);
            if (correlation > 0 && percent == 0) {
                throw new IllegalArgumentException("loss.correlation needs a loss.percent");
            }
        }
    }

    /**
     * The Gilbert-Elliott two-state burst model with netem's parameters, all percentages. A packet
     * is lost with the loss probability of the state the chain is in: {@code oneMinusH} in the bad
     * state, {@code oneMinusK} in the good state; then the chain may change state for the next packet
     * (good to bad with probability {@code p}, bad to good with {@code r}). The chain starts good.
     *
     * <p>In the long run the chain is bad a fraction p/(p+r) of the time, so the loss rate is
     * (1-h) p/(p+r) + (1-k) r/(p+r), and a stay in the bad state lasts 1/r packets on average.
     * netem's shorter forms: {@code gemodel p} is r = 100 - p, 1-h = 100, 1-k = 0 (Bernoulli loss
     * of p); {@code gemodel p r} is the simple Gilbert model (the bad state loses everything, the good
     * state nothing).
     */
    record GilbertElliott(double p, double r, double oneMinusH, double oneMinusK) implements Loss {
        public GilbertElliott {
            p = Percent.check("loss.p", p);
            r = Percent.check("loss.r", r);
            oneMinusH = Percent.check("loss.oneMinusH", oneMinusH);
            oneMinusK = Percent.check("loss.oneMinusK", oneMinusK);
        }

        /** The simple Gilbert model, netem's {@code loss gemodel p r}. */
        public static GilbertElliott gilbert(double p, double r) {
            return new GilbertElliott(p, r, 100, 0);
        }

        /** The long-run share of packets lost, in percent. */
        public double stationaryLossPercent() {
            if (p + r == 0) {
                return oneMinusK; // the chain never leaves the good state it starts in
            }
            double bad = p / (p + r);
            return oneMinusH * bad + oneMinusK * (1 - bad);
        }
    }
}
