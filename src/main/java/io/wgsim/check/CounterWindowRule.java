package io.wgsim.check;

import io.wgsim.check.Observation.TransportSeen;
import io.wgsim.protocol.wire.Protocol;

/**
 * counter-window: a transport message whose counter is at or past REJECT_AFTER_MESSAGES (2^64 - 2^13 - 1),
 * or, never seen before on its session, lies more than the replay window below the highest counter the
 * session has shown (the kernel's counter_validate and wireguard-go's replay filter refuse both). Reordering
 * within the window is normal and not judged; the window is the receiver's, {@code --replay-window}.
 */
final class CounterWindowRule implements Rule {
    private final long window;

    CounterWindowRule(int window) {
        this.window = window;
    }

    @Override public RuleId id() {
        return RuleId.COUNTER_WINDOW;
    }

    @Override public void observe(Observation o, Findings f) {
        if (!(o instanceof TransportSeen t) || t.copy()) {
            return;
        }
        long c = t.message().counter();
        String where = t.session().describe(t.message().receiver());
        if (Long.compareUnsigned(c, Protocol.REJECT_AFTER_MESSAGES) >= 0) {
            f.add(id(), o.packet(), "counter " + Long.toUnsignedString(c) + " on " + where
                    + " is at or past REJECT_AFTER_MESSAGES (2^64 - 2^13 - 1)");
        } else if (!t.counter().seen() && t.counter().anyBefore()
                && Long.compareUnsigned(t.counter().highestBefore(), c) > 0
                && Long.compareUnsigned(t.counter().highestBefore() - c, window) > 0) {
            long highest = t.counter().highestBefore();
            f.add(id(), o.packet(), "counter " + Long.toUnsignedString(c) + " on " + where + " is "
                    + Long.toUnsignedString(highest - c) + " below the highest seen (" + Long.toUnsignedString(highest)
                    + "), outside a replay window of " + window);
        }
    }
}
