package io.wgsim.check;

import java.util.Locale;

/** Durations in report lines: nanoseconds as seconds with millisecond precision. */
final class Seconds {
    private Seconds() {}

    static final long SECOND = 1_000_000_000L;

    static String of(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
