package io.wgsim.check;

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

    /** What was known of a counter before this message. */
    record Status(boolean seen, boolean sameBytes, long highestBefore) {}

    private final TreeMap<Long, Long> ranges = new TreeMap<>(); // start -> end, inclusive
    private final TreeMap<Long, byte[]> tags = new TreeMap<>();
    private long highest = -1;

    /** Records a counter and its tag; counters past 2^63 (never legitimately reached) are not recorded. */
    Status observe(long counter, byte[] tag) {
        long before = highest;
        if (counter < 0) {
            return new Status(false, false, before);
        }
        boolean seen = contains(counter);
        byte[] known = tags.get(counter);
        boolean same = seen && (known == null || Arrays.equals(known, tag));
        if (!seen) {
            add(counter);
            if (counter > highest) {
                highest = counter;
                tags.headMap(highest - TAG_SPAN).clear();
            }
            if (counter >= highest - TAG_SPAN) {
                tags.put(counter, tag);
            }
        }
        return new Status(seen, same, before);
    }

    private boolean contains(long c) {
        Map.Entry<Long, Long> e = ranges.floorEntry(c);
        return e != null && e.getValue() >= c;
    }

    private void add(long c) {
        Map.Entry<Long, Long> below = ranges.floorEntry(c);
        Long aboveEnd = ranges.get(c + 1);
        long start = c;
        long end = aboveEnd != null ? aboveEnd : c;
        if (aboveEnd != null) {
            ranges.remove(c + 1);
        }
        if (below != null && below.getValue() == c - 1) {
            start = below.getKey();
        }
        ranges.put(start, end);
    }
}
