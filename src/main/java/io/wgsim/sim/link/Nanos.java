package io.wgsim.sim.link;

import java.time.Duration;
import java.util.Objects;

/** Durations checked to fit the channel's clock, a long count of nanoseconds (about 292 years). */
final class Nanos {

    private Nanos() {}

    /** {@code value} in nanoseconds; refused, naming the field, when negative or too large. */
    static long of(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " " + value + " must not be negative");
        }
        try {
            return value.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " " + value + " is too large for a nanosecond clock");
        }
    }
}
