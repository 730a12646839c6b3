package io.wgsim.sim.link;

/**
 * A correlated per-packet probability, as netem's {@code duplicate} and {@code corrupt} options take
 * it: {@code PERCENT [CORRELATION]}.
 *
 * @param percent     0..100
 * @param correlation 0..100, how much each draw leans on the previous one; needs a percent
 */
public record Chance(double percent, double correlation) {

    /** Never. */
    public static final Chance NONE = new Chance(0, 0);

    public Chance {
        percent = Percent.check("percent", percent);
        correlation = Percent.check("correlation", correlation);
        if (correlation > 0 && percent == 0) {
            throw new IllegalArgumentException("correlation needs a percent");
        }
    }

    /** An uncorrelated chance. */
    public static Chance of(double percent) {
        return new Chance(percent, 0);
    }

    public boolean isNone() {
        return percent == 0;
    }
}
