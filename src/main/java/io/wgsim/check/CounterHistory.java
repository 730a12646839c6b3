package io.wgsim.check;

import io.wgsim.protocol.wire.Protocol;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters captured in one direction of one session: every counter ever seen (as ranges, since
 * counters mostly come in order), and the authentication tag of each recent one, which tells a copy of
 * a message (the same bytes, sent again by the network) from a counter used twice by the sender.
 */
final class CounterHistory {
    /** Tags are kept this far below the highest counter: more than any replay window in use. */
    static final long TAG_SPAN = 1 << 14;

    /**
     * What was known of a counter before this message. {@code highestBefore} is an unsigned counter and
     * means nothing when {@code anyBefore} is false.
     */
    record Status(boolean seen, boolean sameBytes, boolean anyBefore, long highestBefore) {}

    // Counters are unsigned 64-bit, and a session can legitimately come near REJECT_AFTER_MESSAGES
    // (2^64 - 2^13 - 1), so they are kept as keys shifted by 2^63: signed order of the keys is unsigned
    // order of the counters.
    private final TreeMap<Long, Long> ranges = new TreeMap<>(); // start key -> end key, inclusive
    private final TreeMap<Long, byte[]> tags = new TreeMap<>();
    private boolean any;
    private long highestKey = Long.MIN_VALUE;

    private static long key(long counter) {
        return counter ^ Long.MIN_VALUE;
    }

    /**
     * Records a counter and its tag. A counter at or past REJECT_AFTER_MESSAGES is judged but not
     * recorded: a receiver refuses it, so it moves no window.
     */
    Status observe(long counter, byte[] tag) {
        boolean anyBefore = any;
        long highestBefore = key(highestKey);
        if (Long.compareUnsigned(counter, Protocol.REJECT_AFTER_MESSAGES) >= 0) {
            return new Status(false, false, anyBefore, highestBefore);
        }
        long k = key(counter);
        boolean seen = contains(k);
        byte[] known = tags.get(k);
        boolean same = seen && (known == null || Arrays.equals(known, tag));
        if (!seen) {
            add(k);
            if (!any || k > highestKey) {
                any = true;
                highestKey = k;
                tags.headMap(tagFloor()).clear();
            }
            if (k >= tagFloor()) {
                tags.put(k, tag);
            }
        }
        return new Status(seen, same, anyBefore, highestBefore);
    }

    /** The smallest key whose tag is kept: TAG_SPAN below the highest, or the smallest key there is. */
    private long tagFloor() {
        return highestKey < Long.MIN_VALUE + TAG_SPAN ? Long.MIN_VALUE : highestKey - TAG_SPAN;
    }

    private boolean contains(long k) {
        Map.Entry<Long, Long> e = ranges.floorEntry(k);
        return e != null && e.getValue() >= k;
    }

    private void add(long k) {
        Map.Entry<Long, Long> below = ranges.floorEntry(k);
        Long aboveEnd = k == Long.MAX_VALUE ? null : ranges.get(k + 1);
        long start = k;
        long end = aboveEnd != null ? aboveEnd : k;
        if (aboveEnd != null) {
            ranges.remove(k + 1);
        }
        if (below != null && k != Long.MIN_VALUE && below.getValue() == k - 1) {
            start = below.getKey();
        }
        ranges.put(start, end);
    }
}
