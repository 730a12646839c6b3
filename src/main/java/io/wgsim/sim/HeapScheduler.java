package io.wgsim.sim;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * An implicit 4-ary min-heap of due times, whose entries point into a table of events by index. It was
 * the default until {@link CalendarScheduler}, which is about twice as fast at 100,000 pending events
 * (docs/benchmarks.md); it stays as the scheduler with no tuning to go wrong.
 *
 * <table>
 *   <caption>HeapScheduler costs</caption>
 *   <tr><th>operation</th><th>time</th><th>why</th></tr>
 *   <tr><td>insert</td><td>O(log n)</td><td>sift up, at most log4(n) levels</td></tr>
 *   <tr><td>isEmpty, peekNext, size</td><td>O(1)</td><td>the root is the earliest event</td></tr>
 *   <tr><td>removeNext</td><td>O(log n)</td><td>sift the last entry down from the root</td></tr>
 *   <tr><td>remove</td><td>O(log n)</td><td>the event's table index leads to its heap position</td></tr>
 *   <tr><td>removeCancelled</td><td>O(n)</td><td>one filtering pass, then Floyd's bottom-up heapify</td></tr>
 *   <tr><td>memory</td><td>24 bytes per slot</td><td>times (a long), ids, positions and free (ints)
 *       and table (a compressed reference); they double when full and shrink only when a compaction
 *       leaves them a quarter full</td></tr>
 * </table>
 *
 * <p>The layout is chosen for large queues, where memory latency decides the speed:
 * <ul>
 *   <li>The heap itself is two primitive arrays, {@code times[position]} and {@code ids[position]}.
 *       Sifting moves a long and an int per level and never touches an event object, except to read a
 *       sequence number when two times tie.</li>
 *   <li>Each event gets a table index ({@code id}) while queued; {@code table[id]} is the event and
 *       {@code positions[id]} its heap position, which makes {@link #remove} O(log n). Keeping the
 *       position in an int array rather than in the event saves a write to a scattered object at each
 *       level, and int stores need no garbage-collector write barrier where reference stores do.</li>
 *   <li>Four children rather than two: the heap is half as deep, and a node's children are adjacent,
 *       so picking the smallest reads one cache line of {@code times}.</li>
 * </ul>
 * Ties are broken by sequence number, so the order is total and does not depend on the heap's shape.
 */
public final class HeapScheduler implements Scheduler {
    private static final int MIN_CAPACITY = 64;

    /** Heap order: due time and table index of the entry at each position. */
    private long[] times;
    private int[] ids;
    private int size;

    /** By table index: the event and its heap position. */
    private EventId[] table;
    private int[] positions;
    /** Free table indices, a stack; {@code free[0..freeCount)} are unused. */
    private int[] free;
    private int freeCount;

    public HeapScheduler() {
        this(MIN_CAPACITY);
    }

    /** A heap with room for {@code initialCapacity} events before it first grows. */
    public HeapScheduler(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must not be negative: " + initialCapacity);
        }
        allocate(Math.max(MIN_CAPACITY, initialCapacity));
    }

    @Override
    public void insert(EventId event) {
        if (event.slot >= 0) {
            throw new IllegalArgumentException("already in a heap: " + event);
        }
        if (size == times.length) {
            grow();
        }
        int id = free[--freeCount];
        table[id] = event;
        event.slot = id;
        siftUp(size++, id, event.atNanos, event.seq);
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
        return table[ids[0]];
    }

    @Override
    public EventId removeNext() {
        EventId next = peekNext();
        removeAt(0);
        return next;
    }

    @Override
    public boolean remove(EventId event) {
        int id = event.slot;
        if (id < 0 || id >= table.length || table[id] != event) {
            return false;
        }
        removeAt(positions[id]);
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int removeCancelled() {
        int removed = 0;
        for (int i = 0; i < size; i++) {
            if (table[ids[i]].isCancelled()) {
                removed++;
            }
        }
        if (removed == 0) {
            return 0;
        }
        EventId[] kept = new EventId[size - removed];
        int count = 0;
        for (int i = 0; i < size; i++) {
            EventId e = table[ids[i]];
            e.slot = -1;
            if (!e.isCancelled()) {
                kept[count++] = e;
            }
        }
        int capacity = times.length;
        if (capacity > MIN_CAPACITY && count < capacity / 4) {
            capacity = Math.max(MIN_CAPACITY, 2 * count);
        }
        // Renumber from scratch: entries 0..count-1 in their old heap order, then heapify.
        allocate(capacity);
        for (int i = 0; i < count; i++) {
            EventId e = kept[i];
            int id = free[--freeCount];
            table[id] = e;
            e.slot = id;
            times[i] = e.atNanos;
            ids[i] = id;
            positions[id] = i;
        }
        size = count;
        for (int i = parent(size - 1); i >= 0; i--) {
            siftDown(i, ids[i], times[i]);
        }
        return removed;
    }

    /** Slots in the arrays, used or not. */
    int capacity() {
        return times.length;
    }

    private void removeAt(int i) {
        int id = ids[i];
        table[id].slot = -1;
        table[id] = null;
        free[freeCount++] = id;
        int last = --size;
        if (i == last) {
            return;
        }
        int movedId = ids[last];
        long movedTime = times[last];
        if (i > 0 && before(movedTime, movedId, times[parent(i)], ids[parent(i)])) {
            siftUp(i, movedId, movedTime, table[movedId].seq);
        } else {
            siftDown(i, movedId, movedTime);
        }
    }

    /** Moves parents down until the entry (id, t, seq) fits in {@code hole}; then puts it there. */
    private void siftUp(int hole, int id, long t, long seq) {
        while (hole > 0) {
            int p = parent(hole);
            long pt = times[p];
            if (pt < t || (pt == t && table[ids[p]].seq < seq)) {
                break;
            }
            put(hole, ids[p], pt);
            hole = p;
        }
        put(hole, id, t);
    }

    /** Moves the smallest child up until the entry (id, t) fits in {@code hole}; then puts it there. */
    private void siftDown(int hole, int id, long t) {
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
                // Written so that C2 picks the smaller child with conditional moves: which child is
                // smallest is a coin toss the branch predictor would get wrong half the time.
                long ct = times[c];
                boolean less = ct < bt;
                if (ct == bt) {
                    less = table[ids[c]].seq < table[ids[best]].seq;
                }
                best = less ? c : best;
                bt = less ? ct : bt;
            }
            if (t < bt || (t == bt && table[id].seq < table[ids[best]].seq)) {
                break;
            }
            put(hole, ids[best], bt);
            hole = best;
        }
        put(hole, id, t);
    }

    private boolean before(long t, int id, long otherT, int otherId) {
        return t < otherT || (t == otherT && table[id].seq < table[otherId].seq);
    }

    private void put(int position, int id, long t) {
        times[position] = t;
        ids[position] = id;
        positions[id] = position;
    }

    private static int parent(int i) {
        return (i - 1) >> 2;
    }

    /** Empty arrays of the given capacity (the current ones if the size is right), every index free. */
    private void allocate(int capacity) {
        if (times != null && times.length == capacity) {
            Arrays.fill(table, null);
        } else {
            times = new long[capacity];
            ids = new int[capacity];
            table = new EventId[capacity];
            positions = new int[capacity];
            free = new int[capacity];
        }
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        size = 0;
    }

    /** Doubles every array; the new table indices join the free stack (which is empty: the heap is full). */
    private void grow() {
        int old = times.length;
        int capacity = old * 2;
        if (capacity < 0) {
            throw new IllegalStateException("the heap cannot grow past " + size + " events");
        }
        times = Arrays.copyOf(times, capacity);
        ids = Arrays.copyOf(ids, capacity);
        table = Arrays.copyOf(table, capacity);
        positions = Arrays.copyOf(positions, capacity);
        free = new int[capacity];
        freeCount = 0;
        for (int id = capacity - 1; id >= old; id--) {
            free[freeCount++] = id;
        }
    }
}
