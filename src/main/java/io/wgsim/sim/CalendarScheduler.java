package io.wgsim.sim;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A calendar queue (R. Brown, "Calendar queues", CACM 31(10), 1988): time is cut into windows of
 * {@code 2^shift} nanoseconds, window {@code w} hashes to bucket {@code w mod buckets}, and each bucket
 * is a list kept in (time, seq) order. The earliest event is found by walking the buckets from the
 * current window, like turning the days of a calendar, and taking a bucket's head only if it falls in
 * the window being looked at (later "years" share the bucket).
 *
 * <table>
 *   <caption>CalendarScheduler costs</caption>
 *   <tr><th>operation</th><th>time</th><th>why</th></tr>
 *   <tr><td>insert</td><td>O(1) amortised</td><td>a walk from the tail of a short bucket list</td></tr>
 *   <tr><td>isEmpty, size</td><td>O(1)</td><td>a counter</td></tr>
 *   <tr><td>peekNext, removeNext</td><td>O(1) amortised</td><td>a few buckets turned per event</td></tr>
 *   <tr><td>remove</td><td>O(1)</td><td>unlinking from a doubly linked list found by table index</td></tr>
 *   <tr><td>removeCancelled</td><td>O(n)</td><td>one filtering pass, then relinking</td></tr>
 *   <tr><td>memory</td><td>24 bytes per slot + 4 per bucket</td><td>times (a long), next, prev and
 *       free (ints) and table (a compressed reference); buckets are between n/2 and 2n</td></tr>
 * </table>
 *
 * <p>The amortised O(1) needs buckets whose width matches the spacing of the events near the front:
 * too wide and the lists get long, too narrow and the walk turns many empty buckets. As Brown does, the
 * bucket count doubles when the queue holds more than two events per bucket and halves below one per
 * two, and each such resize sets the width to three times the mean gap between the earliest events
 * (ignoring gaps more than twice the mean). Because the spacing can change while the size does not,
 * the queue also counts the list steps and empty buckets it wastes, and re-sizes the width when they
 * come to more than a few per operation. A resize is O(n) and paid for by the operations or the waste
 * that triggered it.
 *
 * <p>Events are kept by table index as in {@link HeapScheduler}: {@code table[id]}, {@code times[id]},
 * and the list links {@code next[id]}, {@code prev[id]} (each bucket's list is circular, so the head's
 * {@code prev} is the tail). Nothing is allocated per event once the arrays are large enough. Ties are
 * broken by sequence number, so the order is total: the same as every other scheduler's, event for
 * event, whatever the bucket width.
 */
public final class CalendarScheduler implements Scheduler {
    private static final int MIN_CAPACITY = 64;
    private static final int MIN_BUCKETS = 16;
    /** How many of the earliest events the width is estimated from (Brown uses 25). */
    private static final int SAMPLE = 25;
    private static final int NIL = -1;
    /** Wasted steps per operation tolerated before the width is estimated again. */
    private static final int WASTE_PER_OPERATION = 4;

    /** By table index: the event, its time, and its neighbours in its bucket's list. */
    private EventId[] table;
    private long[] times;
    private int[] next;
    private int[] prev;
    /** Free table indices, a stack; {@code free[0..freeCount)} are unused. */
    private int[] free;
    private int freeCount;
    private int size;

    /** The head of each bucket's list, or NIL. */
    private int[] heads;
    private int shift;
    /** The window the search for the earliest event starts at: no event lies in an earlier one. */
    private long window;
    /** The earliest event's table index, or NIL when it has to be searched for. */
    private int earliest = NIL;

    /** Operations and wasted steps since the width was last set, to notice when it has gone stale. */
    private long operations;
    private long waste;
    private long widthChanges;

    public CalendarScheduler() {
        allocateTable(MIN_CAPACITY);
        heads = emptyBuckets(MIN_BUCKETS);
    }

    @Override
    public void insert(EventId event) {
        if (event.slot >= 0) {
            throw new IllegalArgumentException("already in a scheduler: " + event);
        }
        if (freeCount == 0) {
            growTable();
        }
        int id = free[--freeCount];
        table[id] = event;
        times[id] = event.atNanos;
        event.slot = id;
        size++;
        link(id);
        long w = event.atNanos >> shift;
        if (size == 1 || w < window) {
            window = w;
        }
        if (earliest != NIL && before(id, earliest)) {
            earliest = id;
        }
        if (size > 2 * heads.length) {
            rebucket(heads.length * 2);
        } else {
            operationDone();
        }
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public EventId peekNext() {
        return table[findEarliest()];
    }

    @Override
    public EventId removeNext() {
        int id = findEarliest();
        EventId event = table[id];
        take(id);
        return event;
    }

    @Override
    public boolean remove(EventId event) {
        int id = event.slot;
        if (id < 0 || id >= table.length || table[id] != event) {
            return false;
        }
        take(id);
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int removeCancelled() {
        int removed = 0;
        for (int id = 0; id < table.length; id++) {
            if (table[id] != null && table[id].isCancelled()) {
                removed++;
            }
        }
        if (removed == 0) {
            return 0;
        }
        EventId[] kept = new EventId[size - removed];
        int count = 0;
        for (int id = 0; id < table.length; id++) {
            EventId e = table[id];
            if (e != null) {
                e.slot = -1;
                if (!e.isCancelled()) {
                    kept[count++] = e;
                }
            }
        }
        int capacity = table.length;
        if (capacity > MIN_CAPACITY && count < capacity / 4) {
            capacity = Math.max(MIN_CAPACITY, 2 * count);
        }
        allocateTable(capacity);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            EventId e = kept[i];
            int id = free[--freeCount];
            table[id] = e;
            times[id] = e.atNanos;
            e.slot = id;
            ids[i] = id;
        }
        size = count;
        relink(ids, Math.max(MIN_BUCKETS, Integer.highestOneBit(Math.max(1, count))));
        return removed;
    }

    /** Buckets in the calendar. */
    int buckets() {
        return heads.length;
    }

    /** The bucket width, in nanoseconds. */
    long bucketWidth() {
        return 1L << shift;
    }

    /** Slots in the table, used or not. */
    int capacity() {
        return table.length;
    }

    /** How many times the width has been estimated, at resizes and when it went stale. */
    long widthChanges() {
        return widthChanges;
    }

    /** The earliest event's table index, found by turning buckets from the current window if unknown. */
    private int findEarliest() {
        if (earliest != NIL) {
            return earliest;
        }
        if (size == 0) {
            throw new NoSuchElementException("no event is queued");
        }
        int mask = heads.length - 1;
        for (int turned = 0; turned < heads.length; turned++) {
            int h = heads[(int) (window & mask)];
            if (h != NIL && times[h] >> shift == window) {
                waste += turned;
                earliest = h;
                return h;
            }
            window++;
        }
        // A whole year without an event: the next one is further out. Take the least of the heads and
        // jump there; this is the waste that a stale width causes, so count it.
        int best = NIL;
        for (int h : heads) {
            if (h != NIL && (best == NIL || before(h, best))) {
                best = h;
            }
        }
        waste += 2L * heads.length;
        window = times[best] >> shift;
        earliest = best;
        return best;
    }

    /** Unlinks and frees table index {@code id}, then resizes or re-estimates if due. */
    private void take(int id) {
        unlink(id);
        table[id].slot = -1;
        table[id] = null;
        free[freeCount++] = id;
        size--;
        if (id == earliest) {
            earliest = NIL;
        }
        if (size < heads.length / 2 && heads.length > MIN_BUCKETS) {
            rebucket(heads.length / 2);
        } else {
            operationDone();
        }
    }

    /** Counts an operation; re-estimates the width if this stretch of operations wasted too much. */
    private void operationDone() {
        operations++;
        if (waste > WASTE_PER_OPERATION * operations + 2L * heads.length + 64) {
            int[] ids = queuedIds();
            if (estimateShift(ids) != shift) {
                relink(ids, heads.length);
            }
            operations = 0;
            waste = 0;
        } else if (operations > 2L * heads.length + 64) {
            operations = 0;
            waste = 0;
        }
    }

    /** Puts {@code id} into its bucket's list after the last event that runs before it. */
    private void link(int id) {
        int bucket = (int) ((times[id] >> shift) & (heads.length - 1));
        int head = heads[bucket];
        if (head == NIL) {
            heads[bucket] = id;
            next[id] = id;
            prev[id] = id;
            return;
        }
        // From the tail: events scheduled at one instant arrive in sequence order and append in O(1).
        int p = prev[head];
        boolean newHead = false;
        while (before(id, p)) {
            if (p == head) {
                p = prev[head];
                newHead = true;
                break;
            }
            p = prev[p];
            waste++;
        }
        int n = next[p];
        next[p] = id;
        prev[id] = p;
        next[id] = n;
        prev[n] = id;
        if (newHead) {
            heads[bucket] = id;
        }
    }

    private void unlink(int id) {
        int n = next[id];
        int bucket = (int) ((times[id] >> shift) & (heads.length - 1));
        if (n == id) {
            heads[bucket] = NIL;
            return;
        }
        int p = prev[id];
        next[p] = n;
        prev[n] = p;
        if (heads[bucket] == id) {
            heads[bucket] = n;
        }
    }

    /** Whether the event at table index {@code a} runs before the one at {@code b}. */
    private boolean before(int a, int b) {
        long ta = times[a];
        long tb = times[b];
        return ta < tb || (ta == tb && table[a].seq < table[b].seq);
    }

    /** Re-files every event into {@code bucketCount} buckets with a width estimated afresh. */
    private void rebucket(int bucketCount) {
        relink(queuedIds(), bucketCount);
    }

    /** The table index of every queued event, each bucket's in order. */
    private int[] queuedIds() {
        int[] ids = new int[size];
        int count = 0;
        for (int head : heads) {
            if (head != NIL) {
                int id = head;
                do {
                    ids[count++] = id;
                    id = next[id];
                } while (id != head);
            }
        }
        return ids;
    }

    /**
     * Links {@code ids} (every queued event, each bucket's events in order) into {@code bucketCount}
     * empty buckets of a freshly estimated width, and points the search at the earliest of them.
     */
    private void relink(int[] ids, int bucketCount) {
        shift = estimateShift(ids);
        heads = emptyBuckets(bucketCount);
        for (int id : ids) {
            link(id);
        }
        earliest = earliestOf(ids);
        if (earliest != NIL) {
            window = times[earliest] >> shift;
        }
        operations = 0;
        waste = 0;
        widthChanges++;
    }

    private int earliestOf(int[] ids) {
        int best = NIL;
        for (int id : ids) {
            if (best == NIL || before(id, best)) {
                best = id;
            }
        }
        return best;
    }

    /**
     * Brown's estimate: three times the mean gap between the {@value #SAMPLE} earliest times, leaving
     * out gaps more than twice the overall mean, rounded up to a power of two. Keeps the current width
     * when there are too few events to say.
     */
    private int estimateShift(int[] ids) {
        int k = Math.min(SAMPLE, ids.length);
        if (k < 2) {
            return shift;
        }
        // The k smallest times, by insertion into a small sorted array: O(n) for a fixed k.
        long[] smallest = new long[k];
        int filled = 0;
        for (int id : ids) {
            long t = times[id];
            if (filled == k && t >= smallest[k - 1]) {
                continue;
            }
            int i = filled == k ? k - 1 : filled++;
            while (i > 0 && smallest[i - 1] > t) {
                smallest[i] = smallest[i - 1];
                i--;
            }
            smallest[i] = t;
        }
        double mean = ((double) smallest[k - 1] - (double) smallest[0]) / (k - 1);
        double sum = 0;
        int gaps = 0;
        for (int i = 1; i < k; i++) {
            double gap = (double) smallest[i] - (double) smallest[i - 1];
            if (gap <= 2 * mean) {
                sum += gap;
                gaps++;
            }
        }
        double width = 3 * (gaps == 0 ? mean : sum / gaps);
        if (!(width > 1)) {
            return 0;
        }
        if (width >= 0x1p62) {
            return 62;
        }
        return 64 - Long.numberOfLeadingZeros((long) Math.ceil(width) - 1);
    }

    private static int[] emptyBuckets(int count) {
        int[] buckets = new int[count];
        Arrays.fill(buckets, NIL);
        return buckets;
    }

    /** Empty table arrays of the given capacity, every index free. */
    private void allocateTable(int capacity) {
        table = new EventId[capacity];
        times = new long[capacity];
        next = new int[capacity];
        prev = new int[capacity];
        free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        size = 0;
        earliest = NIL;
    }

    /** Doubles the table; the new indices join the free stack (which is empty: the table is full). */
    private void growTable() {
        int old = table.length;
        int capacity = old * 2;
        if (capacity < 0) {
            throw new IllegalStateException("the calendar cannot grow past " + size + " events");
        }
        table = Arrays.copyOf(table, capacity);
        times = Arrays.copyOf(times, capacity);
        next = Arrays.copyOf(next, capacity);
        prev = Arrays.copyOf(prev, capacity);
        free = new int[capacity];
        freeCount = 0;
        for (int id = capacity - 1; id >= old; id--) {
            free[freeCount++] = id;
        }
    }
}
