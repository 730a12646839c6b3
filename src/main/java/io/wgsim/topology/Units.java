package io.wgsim.topology;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The units topology files write: durations ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h},
 * {@code 1m30s}), sizes in bytes ({@code 1500}, {@code 64KiB}, {@code 10MB}) and rates in bits per second
 * ({@code 64kbit}, {@code 10mbit}). Each method throws IllegalArgumentException with a message that
 * quotes the text and says what would be accepted.
 */
public final class Units {
    private Units() {}

    private static final Map<String, Long> DURATION_UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "b", 1L, "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L,
            "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30);

    private static final Map<String, Long> RATE_UNITS = Map.of(
            "bit", 1L, "kbit", 1_000L, "mbit", 1_000_000L, "gbit", 1_000_000_000L,
            "kibit", 1L << 10, "mibit", 1L << 20, "gibit", 1L << 30);

    private static final String DURATION_FORMS = "a duration such as 500ms, 10s, 2m, 1h or 1m30s";

    /**
     * A non-negative duration: one or more numbers each with a unit (ns, us, ms, s, m, h), such as
     * {@code 90s}, {@code 1.5s} or {@code 1m30s}. A bare {@code 0} is zero; any other bare number is refused,
     * since seconds and milliseconds are both plausible readings.
     */
    public static Duration duration(String text) {
        String s = text.strip();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not " + DURATION_FORMS);
        }
        BigInteger nanos = BigInteger.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            int unitStart = i;
            while (i < s.length() && !isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String number = s.substring(numberStart, unitStart);
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty() && numberStart == 0 && isNumber(number)) {
                throw new IllegalArgumentException("'" + text + "' has no unit: write " + number + "s for seconds, "
                        + number + "ms for milliseconds");
            }
            Long scale = DURATION_UNITS.get(unit);
            if (!isNumber(number) || scale == null) {
                throw new IllegalArgumentException("'" + text + "' is not " + DURATION_FORMS);
            }
            BigDecimal part = new BigDecimal(number).multiply(BigDecimal.valueOf(scale));
            if (part.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("'" + text + "' is finer than a nanosecond");
            }
            nanos = nanos.add(part.toBigIntegerExact());
        }
        if (nanos.bitLength() >= 63) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** A number of bytes: {@code 1500}, {@code 1500B}, {@code 10kB}, {@code 10MB}, {@code 64KiB}, {@code 1GiB}. */
    public static long size(String text) {
        return scaled(text, SIZE_UNITS, "b", "a size in bytes such as 1500, 64KiB or 10MB (kB, MB, GB are powers of"
                + " 1000; KiB, MiB, GiB of 1024)");
    }

    /** Bits per second: {@code 64kbit}, {@code 10mbit}, {@code 1gbit} (powers of 1000; kibit... of 1024). */
    public static long rate(String text) {
        String unit = text.strip().replaceAll("^[0-9.]+", "").toLowerCase(Locale.ROOT);
        if (unit.endsWith("bps")) {
            throw new IllegalArgumentException("'" + text + "': tc reads '" + unit + "' as bytes per second and"
                    + " others read bits; write the rate in bits, such as 64kbit or 10mbit");
        }
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no unit: write a rate such as 64kbit or 10mbit");
        }
        long rate = scaled(text, RATE_UNITS, null, "a rate such as 500bit, 64kbit, 10mbit or 1gbit");
        if (rate == 0) {
            throw new IllegalArgumentException("'" + text + "' is zero: a rate must be positive");
        }
        return rate;
    }

    private static long scaled(String text, Map<String, Long> units, String bareUnit, String expected) {
        String s = text.strip();
        int split = 0;
        while (split < s.length() && (isDigit(s.charAt(split)) || s.charAt(split) == '.')) {
            split++;
        }
        String number = s.substring(0, split);
        String unit = s.substring(split).strip().toLowerCase(Locale.ROOT);
        Long scale = unit.isEmpty() ? (bareUnit == null ? null : units.get(bareUnit)) : units.get(unit);
        if (!isNumber(number) || scale == null) {
            throw new IllegalArgumentException("'" + text + "' is not " + expected);
        }
        BigDecimal value = new BigDecimal(number).multiply(BigDecimal.valueOf(scale));
        if (value.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of "
                    + (bareUnit != null ? "bytes" : "bits"));
        }
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return value.longValueExact();
    }

    /**
     * A duration as a topology file would write it: {@code 90s} prints as {@code 1m30s}, 1.5 seconds as
     * {@code 1s500ms}, zero as {@code 0s}.
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        long[] scales = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"h", "m", "s", "ms", "us", "ns"};
        for (int i = 0; i < scales.length; i++) {
            long n = nanos / scales[i];
            if (n > 0) {
                out.append(n).append(names[i]);
                nanos -= n * scales[i];
            }
        }
        return out.toString();
    }

    /** A non-negative whole number in plain ASCII digits, at most {@code max}; -1 for anything else. */
    static long digits(String text, long max) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long value = Long.parseLong(s);
        return value > max ? -1 : value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Digits with at most one '.', which has digits before it. */
    private static boolean isNumber(String s) {
        if (s.isEmpty() || !isDigit(s.charAt(0)) || s.endsWith(".")) {
            return false;
        }
        return s.indexOf('.') == s.lastIndexOf('.') && s.chars().allMatch(c -> isDigit((char) c) || c == '.');
    }
}
