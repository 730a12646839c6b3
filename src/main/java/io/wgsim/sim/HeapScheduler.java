package io.wgsim.sim;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * The default scheduler: an implicit 4-ary min-heap in two parallel arrays, the events and their due
 * times.
 *
 * <table>
 *   <caption>HeapScheduler costs</caption>
 *   <tr><th>operation</th><th>time</th><th>why</th></tr>
 *   <tr><td>insert</td><td>O(log n)</td><td>sift up, at most log4(n) levels</td></tr>
 *   <tr><td>isEmpty, peekNext, size</td><td>O(1)</td><td>the root is the earliest event</td></tr>
 *   <tr><td>removeNext</td><td>O(log n)</td><td>sift the last event down from the root</td></tr>
 *   <tr><td>remove</td><td>O(log n)</td><td>each event knows its slot, so no search</td></tr>
 *   <tr><td>removeCancelled</td><td>O(n)</td><td>one filtering pass, then Floyd's bottom-up heapify</td></tr>
 *   <tr><td>memory</td><td>12 bytes per slot</td><td>a reference and a long; arrays double when full
 *       and shrink only when a compaction leaves them a quarter full</td></tr>
 * </table>
 *
 * <p>Why four children rather than two: the heap is half as deep, and a node's four children sit next
 * to each other, so choosing the smallest reads one cache line of {@code times}. Keeping the times in
 * their own {@code long[]} means a comparison touches an event object only on a tie; with a million
 * events queued, chasing a pointer per comparison is what would dominate. Ties are broken by sequence
 * number, so the order is total and does not depend on the heap's shape.
 */
public final class HeapScheduler implements Scheduler {
    private static final int MIN_CAPACITY = 64;

    private EventId[] events;
    private long[] times;
    private int size;

    public HeapScheduler() {
        this(MIN_CAPACITY);
    }

    /** A heap with room for {@code initialCapacity} events before it first grows. */
    public HeapScheduler(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must not be negative: " + initialCapacity);
        }
        int capacity = Math.max(MIN_CAPACITY, initialCapacity);
        events = new EventId[capacity];
        times = new long[capacity];
    }

    @Override
    public void insert(EventId event) {
        if (event.slot >= 0) {
            throw new IllegalArgumentException("already in a heap: " + event);
        }
        if (size == events.length) {
            resize(2 * size);
        }
        siftUp(size++, event);
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public EventId peekNext() {
        if (size == 0) {
            throw new NoSuchElementException("no event is queued");
        }
        return events[0];
    }

    @Override
    public EventId removeNext() {
        EventId next = peekNext();
        removeAt(0);
        return next;
    }

    @Override
    public boolean remove(EventId event) {
        int i = event.slot;
        if (i < 0 || i >= size || events[i] != event) {
            return false;
        }
        removeAt(i);
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int removeCancelled() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            EventId e = events[i];
            if (e.isCancelled()) {
                e.slot = -1;
            } else {
                place(kept++, e, times[i]);
            }
        }
        int removed = size - kept;
        Arrays.fill(events, kept, size, null);
        size = kept;
        if (removed > 0) {
            for (int i = parent(size - 1); i >= 0; i--) {
                siftDown(i, events[i]);
            }
            if (events.length > MIN_CAPACITY && size < events.length / 4) {
                resize(Math.max(MIN_CAPACITY, 2 * size));
            }
        }
        return removed;
    }

    /** Slots in the arrays, used or not. */
    int capacity() {
        return events.length;
    }

    private void removeAt(int i) {
        events[i].slot = -1;
        int last = --size;
        EventId moved = events[last];
        events[last] = null;
        if (i == last) {
            return;
        }
        if (i > 0 && moved.runsBefore(events[parent(i)])) {
            siftUp(i, moved);
        } else {
            siftDown(i, moved);
        }
    }

    /** Moves parents down until {@code e} fits in {@code hole}; then puts it there. */
    private void siftUp(int hole, EventId e) {
        long t = e.atNanos;
        while (hole > 0) {
            int p = parent(hole);
            long pt = times[p];
            if (pt < t || (pt == t && events[p].seq < e.seq)) {
                break;
            }
            place(hole, events[p], pt);
            hole = p;
        }
        place(hole, e, t);
    }

    /** Moves the smallest child up until {@code e} fits in {@code hole}; then puts it there. */
    private void siftDown(int hole, EventId e) {
        long t = e.atNanos;
        int n = size;
        while (true) {
            int first = (hole << 2) + 1;
            if (first >= n || first < 0) {
                break;
            }
            int best = first;
            long bt = times[first];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || (ct == bt && events[c].seq < events[best].seq)) {
                    best = c;
                    bt = ct;
                }
            }
            if (t < bt || (t == bt && e.seq < events[best].seq)) {
                break;
            }
            place(hole, events[best], bt);
            hole = best;
        }
        place(hole, e, t);
    }

    private void place(int i, EventId e, long t) {
        events[i] = e;
        times[i] = t;
        e.slot = i;
    }

    private static int parent(int i) {
        return (i - 1) >> 2;
    }

    private void resize(int capacity) {
        if (capacity < 0) {
            throw new IllegalStateException("the heap cannot grow past " + size + " events");
        }
        events = Arrays.copyOf(events, capacity);
        times = Arrays.copyOf(times, capacity);
    }
}
