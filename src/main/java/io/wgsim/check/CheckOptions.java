package io.wgsim.check;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How strictly a capture is judged.
 *
 * @param slack how far a capture's timestamps may stray from the moments the peers acted: the capture
 *        point's distance from each peer (link delay and its jitter, queueing). Timing rules only flag
 *        what is wrong by more than this.
 * @param replayWindow the receiver's replay window in messages (8128 for the Linux module and
 *        wireguard-go, 1024 for boringtun): a property of the peer under test, not of the protocol
 * @param ignored rules not to apply
 */
public record CheckOptions(Duration slack, int replayWindow, Set<RuleId> ignored) {
    public static final Duration DEFAULT_SLACK = Duration.ofMillis(500);

    public CheckOptions {
        if (slack.isNegative() || slack.compareTo(Duration.ofSeconds(4)) >= 0) {
            throw new IllegalArgumentException("slack " + slack.toMillis() + " ms is not in 0..4 s");
        }
        if (replayWindow < 1) {
            throw new IllegalArgumentException("replay window " + replayWindow + " is not positive");
        }
        ignored = ignored.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ignored));
    }

    public static CheckOptions defaults() {
        return new CheckOptions(DEFAULT_SLACK, io.wgsim.protocol.wire.Protocol.DEFAULT_REPLAY_WINDOW, Set.of());
    }

    long slackNanos() {
        return slack.toNanos();
    }
}
