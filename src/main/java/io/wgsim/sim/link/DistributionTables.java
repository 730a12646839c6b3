package io.wgsim.sim.link;

/**
 * The delay distribution tables netem loads from iproute2's {@code normal.dist}, {@code pareto.dist}
 * and {@code paretonormal.dist}, computed here by the published NIST Net method that iproute2's
 * generators use (netem/normal.c, pareto.c, paretonormal.c) instead of being read from files.
 *
 * <p>Each table is a scaled inverse of a cumulative distribution normalised to mean 0 and standard
 * deviation 1: {@value #SIZE} signed 16-bit entries in units of 1/{@value #SCALE}
 * ({@code NETEM_DIST_SCALE}). netem picks an entry with a uniform index and scales it by the jitter
 * (see {@link DelayGenerator}). The arithmetic follows the generators step by step, including the
 * accumulated {@code x += .00005} grid and the clamping to the 16-bit range, so the tables come out
 * entry for entry as the generated files; {@code StrictMath} keeps them identical on every JVM.
 */
final class DistributionTables {

    /** netem's NETEM_DIST_SCALE: a table entry of 8192 is one standard deviation. */
    static final int SCALE = 8192;
    /** Entries per table: the generators sample a 16384-point inverse at every fourth point. */
    static final int SIZE = 4096;

    private static final int FINE = 16384;
    /** The Pareto shape parameter of the NIST Net generators. */
    private static final double PARETO_SHAPE = 3.0;

    private DistributionTables() {}

    static short[] normal() {
        return Normal.TABLE;
    }

    static short[] pareto() {
        return Pareto.TABLE;
    }

    static short[] paretoNormal() {
        return ParetoNormal.TABLE;
    }

    // Holders, so that a table is computed the first time it is used and never again.
    private static final class Normal {
        static final short[] TABLE = computeNormal();
    }

    private static final class Pareto {
        static final short[] TABLE = computePareto();
    }

    private static final class ParetoNormal {
        static final short[] TABLE = computeParetoNormal();
    }

    /**
     * normal.c: walk x over [-10, 10.05) in steps of .00005 and record, for each point i of a
     * 16384-point grid of probabilities, the last x whose cumulative probability rounds to i.
     */
    private static double[] inverseNormalGrid() {
        double[] grid = new double[FINE + 1];
        for (double x = -10.0; x < 10.05; x += .00005) {
            int i = (int) Math.rint(FINE * cumulativeNormal(x));
            grid[i] = x;
        }
        return grid;
    }

    private static short[] computeNormal() {
        double[] grid = inverseNormalGrid();
        short[] table = new short[SIZE];
        for (int i = 0, n = 0; i < FINE; i += 4, n++) {
            table[n] = clampShort((int) Math.rint(grid[i] * SCALE));
        }
        return table;
    }

    /** pareto.c: the inverse of a Pareto(shape 3) distribution, shifted by its mean 1.5 and scaled. */
    private static short[] computePareto() {
        short[] table = new short[SIZE];
        int n = 0;
        for (int i = 65536; i > 0; i -= 16) {
            table[n++] = (short) paretoValue(i);
        }
        return table;
    }

    /** paretonormal.c: a quarter of the normal entry plus three quarters of the Pareto entry. */
    private static short[] computeParetoNormal() {
        double[] grid = inverseNormalGrid();
        short[] table = new short[SIZE];
        for (int i = 0, n = 0; i < FINE; i += 4, n++) {
            int normal = (int) Math.rint(grid[i] * SCALE); // not clamped here, as in paretonormal.c
            int pareto = paretoValue(65536 - 4 * i);
            table[n] = clampShort((normal + 3 * pareto) / 4);
        }
        return table;
    }

    private static int paretoValue(int i) {
        double value = (double) i / 65536.0;
        value = 1.0 / StrictMath.pow(value, 1.0 / PARETO_SHAPE);
        value -= 1.5;
        value *= (4.0 / 3.0) * (double) SCALE;
        if (value > Short.MAX_VALUE) {
            value = Short.MAX_VALUE;
        }
        return (int) Math.rint(value);
    }

    private static short clampShort(int value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }

    /** The standard normal cumulative distribution, written as normal.c writes it. */
    static double cumulativeNormal(double x) {
        return .5 + .5 * erf(x / Math.sqrt(2.0));
    }

    /**
     * The error function, from the series erf(z) = 2/sqrt(pi) exp(-z^2) sum 2^n z^(2n+1) / (2n+1)!!.
     * Every term is positive, so nothing cancels; the error stays within 1e-15 for the |z| below 7.2
     * that the generators need, and the sum converges in under 200 terms. That is close enough to
     * glibc's erf that every table entry comes out the same.
     */
    static double erf(double z) {
        double a = Math.abs(z);
        if (a > 27) {
            return Math.copySign(1.0, z); // exp(-a^2) underflows; erf is 1 to double precision
        }
        double twoA2 = 2 * a * a;
        double term = a;
        double sum = a;
        for (int n = 1; term > sum * 1e-17; n++) {
            term *= twoA2 / (2 * n + 1);
            sum += term;
        }
        double value = 2 / Math.sqrt(Math.PI) * StrictMath.exp(-a * a) * sum;
        return Math.copySign(Math.min(value, 1.0), z);
    }
}
