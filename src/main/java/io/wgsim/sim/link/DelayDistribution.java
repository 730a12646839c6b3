package io.wgsim.sim.link;

/**
 * The shape of the jitter around the delay, as netem's {@code distribution} option names it. The
 * table-driven shapes are normalised so that the jitter is one standard deviation; UNIFORM spreads
 * delays evenly over [delay - jitter, delay + jitter).
 */
public enum DelayDistribution {
    /** netem's default, without a table: delay - jitter + (random mod 2 jitter). */
    UNIFORM("uniform"),
    /** A Gaussian bell curve; entries beyond about 4 standard deviations are clamped. */
    NORMAL("normal"),
    /** A Pareto (shape 3) long tail, shifted to mean 0: never below delay - 2/3 jitter, up to delay + 4 jitter. */
    PARETO("pareto"),
    /** NIST Net's mix of one quarter normal and three quarters Pareto. */
    PARETONORMAL("paretonormal");

    private final String netemName;

    DelayDistribution(String netemName) {
        this.netemName = netemName;
    }

    /** The name netem's {@code distribution} option uses. */
    public String netemName() {
        return netemName;
    }

    /** The distribution netem calls {@code name}, or null when there is none. */
    static DelayDistribution fromNetem(String name) {
        for (DelayDistribution d : values()) {
            if (d.netemName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The table netem would load for this distribution; null for UNIFORM. Shared: never modify it. */
    short[] table() {
        switch (this) {
            case NORMAL: return DistributionTables.normal();
            case PARETO: return DistributionTables.pareto();
            case PARETONORMAL: return DistributionTables.paretoNormal();
            default: return null;
        }
    }
}
