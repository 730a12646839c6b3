package io.wgsim.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them on a command line: a whole number and a unit, {@code 500ms}, {@code 10s},
 * {@code 2m}, {@code 1h}. A bare number is refused rather than guessed at (seconds? milliseconds?).
 */
final class DurationText implements ITypeConverter<Duration> {
    /** Longer than any run needs; keeps the arithmetic on nanoseconds far from overflow. */
    static final Duration MAX = Duration.ofDays(365);

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static Duration parse(String text) {
        String s = text.strip();
        int unitStart = 0;
        while (unitStart < s.length() && s.charAt(unitStart) >= '0' && s.charAt(unitStart) <= '9') {
            unitStart++;
        }
        String digits = s.substring(0, unitStart);
        String unit = s.substring(unitStart);
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 10s, 2m or 1h");
        }
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' needs a unit: ms, s, m or h (500ms, 10s, 2m, 1h)");
        }
        if (digits.length() > 12) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + MAX.toDays() + " days");
        }
        long amount = Long.parseLong(digits);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + unit
                    + "': use ms, s, m or h");
        };
        if (duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + MAX.toDays() + " days");
        }
        return duration;
    }

    /** The shortest exact text for a duration: 1h, 5m, 90s, 500ms. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
