package io.wgsim.sim.link;

/** Percentages as netem takes them: checked against 0..100, scaled to a 32-bit threshold as tc does. */
final class Percent {

    private static final double UINT32_MAX = 4294967295.0;

    private Percent() {}

    /**
     * The value, if it is a percentage; -0.0 becomes 0.0 so that equal models compare equal. The
     * message names the field: {@code "loss.percent 120.0 must be 0..100"}.
     */
    static double check(String field, double value) {
        if (!(value >= 0.0 && value <= 100.0)) { // also refuses NaN
            throw new IllegalArgumentException(field + " " + value + " must be 0..100");
        }
        return value + 0.0;
    }

    /** tc's set_percent: rint(percent / 100 * UINT32_MAX), the value netem compares random words with. */
    static long threshold(double percent) {
        return (long) Math.rint(percent / 100.0 * UINT32_MAX);
    }
}
