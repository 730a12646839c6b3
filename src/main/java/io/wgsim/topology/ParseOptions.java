package io.wgsim.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * What a caller sets beside the file: a seed and a duration that override the file's (the command
 * line's {@code --seed} and {@code --duration}), and the check for netem text.
 *
 * @param seed overrides the file's {@code seed} when not null; derived keys follow it
 * @param duration overrides the file's {@code duration} when not null
 */
public record ParseOptions(Long seed, Duration duration, LinkCheck linkCheck) {
    public static final ParseOptions DEFAULT = new ParseOptions(null, null, LinkCheck.ANY);

    public ParseOptions {
        Objects.requireNonNull(linkCheck, "linkCheck");
        if (seed != null && seed < 0) {
            throw new IllegalArgumentException("seed must be 0 or more, not " + seed);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, not " + duration);
        }
    }

    public ParseOptions withSeed(long seed) {
        return new ParseOptions(seed, duration, linkCheck);
    }

    public ParseOptions withDuration(Duration duration) {
        return new ParseOptions(seed, duration, linkCheck);
    }

    public ParseOptions withLinkCheck(LinkCheck linkCheck) {
        return new ParseOptions(seed, duration, linkCheck);
    }
}
