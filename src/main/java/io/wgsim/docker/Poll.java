package io.wgsim.docker;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Explicit waits: ask again every {@code every} until the answer is good or the deadline has passed.
 * The lab is the real-world driver, so the wall clock is what it waits on; nothing here sleeps without a
 * deadline.
 */
public final class Poll {
    private Poll() {}

    /**
     * Returns the first answer that {@code good} accepts. Throws a {@link LabException} saying
     * {@code what} was awaited, for how long, and the last answer seen.
     */
    public static <T> T until(String what, Duration timeout, Duration every, Supplier<T> ask, Predicate<T> good) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last;
        while (true) {
            last = ask.get();
            if (good.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new LabException("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for " + what, e);
            }
        }
    }
}
