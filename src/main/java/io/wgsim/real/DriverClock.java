package io.wgsim.real;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Driver time for a real run: nanoseconds since the run started, from the monotonic clock, and the Unix
 * time in nanoseconds that driver time 0 stands for ({@code DeviceSettings.epochNanos}). The core turns the
 * second into TAI64N timestamps, so a restarted peer's initiations stay newer than the last one its
 * peer accepted, as wireguard-go requires.
 */
final class DriverClock {
    private final LongSupplier nanoTime;
    private final long origin;
    private final long epochNanos;

    DriverClock(LongSupplier nanoTime, long epochNanos) {
        this.nanoTime = nanoTime;
        this.origin = nanoTime.getAsLong();
        this.epochNanos = epochNanos;
    }

    /** The system clocks, read now: {@link System#nanoTime()} for time, {@link Instant#now()} for the epoch. */
    static DriverClock system() {
        Instant wall = Instant.now();
        return new DriverClock(System::nanoTime, Math.addExact(Math.multiplyExact(wall.getEpochSecond(), 1_000_000_000L),
                wall.getNano()));
    }

    /** Nanoseconds since this clock was made; never decreases. */
    long now() {
        return nanoTime.getAsLong() - origin;
    }

    /** The Unix time in nanoseconds at driver time 0. */
    long epochNanos() {
        return epochNanos;
    }
}
