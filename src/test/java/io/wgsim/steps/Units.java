package io.wgsim.steps;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations, sizes and rates as scenarios write them: "250 ms", "121 s", "2 min", "1420 bytes", "10 Mbit/s". */
final class Units {
    static final String DURATION = "\\d+(?:\\.\\d+)? ?(?:ms|s|min|h)";
    static final String SIZE = "\\d+ ?(?:bytes|byte|B|KiB|MiB|kB|MB)";
    static final String RATE = "\\d+(?:\\.\\d+)? ?(?:bit/s|kbit/s|Mbit/s|Gbit/s)";
    static final String PERCENTAGE = "\\d+(?:\\.\\d+)?%";

    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([A-Za-z/%]+)");

    private Units() {}

    static Duration duration(String text) {
        Matcher m = match(text, "a duration: use 250 ms, 5 s, 2 min or 1 h");
        double v = Double.parseDouble(m.group(1));
        double nanos = switch (m.group(2)) {
            case "ms" -> v * 1e6;
            case "s" -> v * 1e9;
            case "min" -> v * 60e9;
            case "h" -> v * 3600e9;
            default -> throw new IllegalArgumentException("'" + text + "' is not a duration: use 250 ms, 5 s, 2 min or 1 h");
        };
        return Duration.ofNanos(Math.round(nanos));
    }

    static long bytes(String text) {
        Matcher m = match(text, "a size: use 1420 bytes, 64 KiB or 10 MB");
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "bytes", "byte", "B" -> v;
            case "KiB" -> v << 10;
            case "MiB" -> v << 20;
            case "kB" -> v * 1000;
            case "MB" -> v * 1_000_000;
            default -> throw new IllegalArgumentException("'" + text + "' is not a size: use 1420 bytes, 64 KiB or 10 MB");
        };
    }

    static long bitsPerSecond(String text) {
        Matcher m = match(text, "a rate: use 500 kbit/s, 10 Mbit/s or 1 Gbit/s");
        double v = Double.parseDouble(m.group(1));
        double scale = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "bit/s" -> 1;
            case "kbit/s" -> 1e3;
            case "mbit/s" -> 1e6;
            case "gbit/s" -> 1e9;
            default -> throw new IllegalArgumentException("'" + text + "' is not a rate: use 500 kbit/s, 10 Mbit/s or 1 Gbit/s");
        };
        return Math.round(v * scale);
    }

    static double percent(String text) {
        String t = text.trim();
        if (!t.endsWith("%")) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: use 30%");
        }
        double v = Double.parseDouble(t.substring(0, t.length() - 1));
        if (v < 0 || v > 100) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage between 0% and 100%");
        }
        return v;
    }

    private static Matcher match(String text, String what) {
        Matcher m = NUMBER_UNIT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
        return m;
    }
}
