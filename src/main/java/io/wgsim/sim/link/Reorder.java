package io.wgsim.sim.link;

/**
 * netem's {@code reorder PERCENT [CORRELATION] [gap DISTANCE]}: a reordered packet skips the delay
 * and leaves at once, overtaking the delayed packets before it. After a reordered packet, the next
 * {@code gap - 1} packets are always delayed; from then on each packet is reordered with probability
 * {@code percent}. A gap of 1 (the default) makes every packet a candidate. Reordering needs a delay
 * to overtake, so a {@link LinkModel} refuses it without one.
 *
 * @param percent     0..100
 * @param correlation 0..100; needs a percent
 * @param gap         at least 1; more than 1 needs a percent, as tc insists
 */
public record Reorder(double percent, double correlation, int gap) {

    /** No reordering. */
    public static final Reorder NONE = new Reorder(0, 0, 1);

    public Reorder {
        percent = Percent.check("reorder.percent", percent);
        correlation = Percent.check("reorder.correlation", correlation);
        if (gap < 1) {
            throw new IllegalArgumentException("reorder.gap " + gap + " must be at least 1");
        }
        if (percent == 0 && (correlation > 0 || gap > 1)) {
            throw new IllegalArgumentException("reorder.correlation and reorder.gap need a reorder.percent");
        }
    }

    /** Reorder each packet with the given probability. */
    public static Reorder of(double percent) {
        return new Reorder(percent, 0, 1);
    }

    public boolean isNone() {
        return percent == 0;
    }
}
