package io.wgsim.sim;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A calendar queue (R. Brown, "Calendar queues", CACM 31(10), 1988) whose buckets are sorted lazily, as
 * in the ladder queue (Tang, Goh and Thng, 2005): time is cut into windows of {@code 2^shift}
 * nanoseconds, window {@code w} hashes to bucket {@code w mod buckets}, and each bucket is an unsorted
 * list. The earliest events are found by turning the buckets from the current window, like the days of
 * a calendar; when a bucket holds events of the window being looked at (later "years" share it), those
 * events move to a small sorted array, the front, and come out from there.
 *
 * <table>
 *   <caption>CalendarScheduler costs</caption>
 *   <tr><th>operation</th><th>time</th><th>why</th></tr>
 *   <tr><td>insert</td><td>O(1)</td><td>pushed onto its bucket's list (into the front if it is due in
 *       the current window)</td></tr>
 *   <tr><td>isEmpty, size</td><td>O(1)</td><td>a counter</td></tr>
 *   <tr><td>peekNext, removeNext</td><td>O(1) amortised</td><td>a few buckets turned and a few events
 *       sorted per event</td></tr>
 *   <tr><td>remove</td><td>O(1) in a list, O(front) in the front</td><td>unlinking from a doubly linked
 *       list found by table index</td></tr>
 *   <tr><td>removeCancelled</td><td>O(n)</td><td>one filtering pass, then relinking</td></tr>
 *   <tr><td>memory</td><td>24 bytes per slot + 4 per bucket</td><td>time and links (two longs), free
 *       (an int) and table (a compressed reference); buckets are between n/2 and 2n</td></tr>
 * </table>
 *
 * <p>Why lazy: at 100,000 events a queue is bound by cache misses, not by comparisons. Pushing onto an
 * unsorted list touches the bucket and its old head; keeping lists sorted would walk them on every
 * insert. Each event is visited once more when its bucket comes up, and the front it lands in is small
 * and sorted in cache.
 *
 * <p>The amortised O(1) needs buckets whose width matches the spacing of the events near the front:
 * too wide and the front gets large, too narrow and the search turns many empty buckets. As Brown does,
 * the bucket count doubles when the queue holds more than two events per bucket and halves below one
 * per two, and each such resize sets the width from the mean gap between the earliest events (see
 * {@link #estimateShift}). Because the spacing can change while the size does not, the queue also
 * counts the empty buckets it turns, the later-year events it steps over and the events it shifts to
 * make room in the front, and estimates the width again when they come to more than a few per
 * operation. A
 * resize is O(n) and paid for by the operations or the waste that triggered it.
 *
 * <p>Events are kept by table index as in {@link HeapScheduler}: {@code table[id]} is the event and
 * {@code nodes[2 id]}, {@code nodes[2 id + 1]} its time and list links, together in one 16-byte block so
 * that following a link costs one cache miss. Nothing is allocated per event once the arrays are large
 * enough. Ties are broken by sequence number, so the order is total: the same as every other
 * scheduler's, event for event, whatever the bucket width.
 */
public final class CalendarScheduler implements Scheduler {
    private static final int MIN_CAPACITY = 64;
    private static final int MIN_BUCKETS = 16;
    /** How many of the earliest events the width is estimated from (Brown uses 25). */
    private static final int SAMPLE = 25;
    /** The number of events per bucket the width aims at, near the front. */
    private static final int EVENTS_PER_BUCKET = 4;
    private static final int NIL = -1;
    /** The {@code next} link of an event that is in the front rather than in a bucket's list. */
    private static final int IN_FRONT = -2;
    /** Wasted steps per operation tolerated before the width is estimated again. */
    private static final int WASTE_PER_OPERATION = 4;
    /** Fronts up to this size are sorted by insertion; larger ones (bursts at one instant) by merging. */
    private static final int INSERTION_SORT_MAX = 32;

    /** By table index: the event. */
    private EventId[] table;
    /**
     * Two longs per table index: the due time, then the list links packed as {@code next << 32 | prev}
     * (NIL at the ends of a list; {@code next} is IN_FRONT for an event in the front).
     */
    private long[] nodes;
    /** Free table indices, a stack; {@code free[0..freeCount)} are unused. */
    private int[] free;
    private int freeCount;
    private int size;

    /** The head of each bucket's list, or NIL. */
    private int[] heads;
    private int shift;
    /** The window being served: no event lies in an earlier one. */
    private long window;
    /**
     * Whether the front holds every event of the current window, sorted, in {@code front[frontStart..
     * frontEnd)}. When false the front is empty and every event is in a list.
     */
    private boolean frontLoaded;
    private int[] front = new int[MIN_BUCKETS];
    private int frontStart;
    private int frontEnd;

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
        nodes[id << 1] = event.atNanos;
        event.slot = id;
        long w = event.atNanos >> shift;
        if (size++ == 0) {
            clearFront();
            window = w;
        }
        if (frontLoaded && w == window) {
            insertIntoFront(id);
        } else {
            if (w < window) {
                // Before the current window: the window ran ahead (peekNext past a run's end), or a caller went back.
                unloadFront();
                window = w;
            }
            push(id);
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
        frontStart++;
        return release(id);
    }

    @Override
    public boolean remove(EventId event) {
        int id = event.slot;
        if (id < 0 || id >= table.length || table[id] != event) {
            return false;
        }
        if (next(id) == IN_FRONT) {
            int i = frontStart;
            while (front[i] != id) {
                i++;
            }
            System.arraycopy(front, i + 1, front, i, frontEnd - i - 1);
            frontEnd--;
        } else {
            unlink(id);
        }
        release(id);
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int removeCancelled() {
        int removed = 0;
        for (EventId e : table) {
            if (e != null && e.isCancelled()) {
                removed++;
            }
        }
        if (removed == 0) {
            return 0;
        }
        EventId[] kept = new EventId[size - removed];
        int count = 0;
        for (EventId e : table) {
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
            nodes[id << 1] = e.atNanos;
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

    /** The earliest event's table index: the front's first, after loading the next window if needed. */
    private int findEarliest() {
        if (frontStart < frontEnd) {
            return front[frontStart];
        }
        if (size == 0) {
            throw new NoSuchElementException("no event is queued");
        }
        if (frontLoaded) {
            // The current window is used up; every other event is in a later one.
            window++;
        }
        clearFront();
        int mask = heads.length - 1;
        for (int turned = 0; turned < heads.length; turned++) {
            if (heads[(int) (window & mask)] != NIL && loadFront()) {
                waste += turned;
                return front[0];
            }
            window++;
        }
        // A whole year without an event: the next one is further out. Find the earliest window that has
        // one and jump there; this is the waste that a stale width causes, so count it.
        long earliest = Long.MAX_VALUE;
        for (int head : heads) {
            for (int id = head; id != NIL; id = next(id)) {
                earliest = Math.min(earliest, time(id) >> shift);
            }
        }
        waste += 2L * heads.length + size;
        window = earliest;
        loadFront();
        return front[0];
    }

    /**
     * Moves the events of the current window from their bucket's list to the front and sorts it.
     *
     * @return whether there were any
     */
    private boolean loadFront() {
        int bucket = (int) (window & (heads.length - 1));
        int count = 0;
        int id = heads[bucket];
        while (id != NIL) {
            int following = next(id);
            if (time(id) >> shift == window) {
                unlink(id);
                if (count == front.length) {
                    front = Arrays.copyOf(front, 2 * count);
                }
                front[count++] = id;
                setLinks(id, IN_FRONT, NIL);
            } else {
                waste++;
            }
            id = following;
        }
        if (count == 0) {
            return false;
        }
        // Lists are pushed at the head, so the walk met the events newest first: reversed, a burst
        // scheduled in sequence order is already sorted.
        for (int i = 0, j = count - 1; i < j; i++, j--) {
            int t = front[i];
            front[i] = front[j];
            front[j] = t;
        }
        sortFront(count);
        frontStart = 0;
        frontEnd = count;
        frontLoaded = true;
        return true;
    }

    /** Where {@link #sortFront} merges; grown on demand, never shrunk. */
    private int[] sortScratch = new int[0];

    private void sortFront(int count) {
        if (count <= INSERTION_SORT_MAX) {
            for (int i = 1; i < count; i++) {
                int id = front[i];
                int j = i;
                while (j > 0 && before(id, front[j - 1])) {
                    front[j] = front[j - 1];
                    j--;
                }
                front[j] = id;
            }
            return;
        }
        // A burst: a bottom-up merge sort of the ids through a reused scratch array, so nothing is
        // allocated per event. A merge whose halves are already in order is a copy, so runs that
        // arrive sorted cost linear time.
        if (sortScratch.length < count) {
            sortScratch = new int[Math.max(count, 2 * sortScratch.length)];
        }
        int[] from = front;
        int[] to = sortScratch;
        for (int width = 1; width < count; width *= 2) {
            for (int lo = 0; lo < count; lo += 2 * width) {
                int mid = Math.min(lo + width, count);
                int hi = Math.min(lo + 2 * width, count);
                if (mid >= hi || !before(from[mid], from[mid - 1])) {
                    System.arraycopy(from, lo, to, lo, hi - lo);
                } else {
                    merge(from, lo, mid, hi, to);
                }
            }
            int[] t = from;
            from = to;
            to = t;
        }
        if (from != front) {
            System.arraycopy(from, 0, front, 0, count);
        }
    }

    private void merge(int[] from, int lo, int mid, int hi, int[] to) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || (i < mid && !before(from[j], from[i]))) {
                to[k] = from[i++];
            } else {
                to[k] = from[j++];
            }
        }
    }

    /** Puts {@code id}, due in the current window, into the loaded front at its place. */
    private void insertIntoFront(int id) {
        int lo = frontStart;
        int hi = frontEnd;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before(id, front[mid])) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (frontEnd == front.length) {
            if (frontStart > 0) {
                System.arraycopy(front, frontStart, front, 0, frontEnd - frontStart);
                lo -= frontStart;
                frontEnd -= frontStart;
                frontStart = 0;
            } else {
                front = Arrays.copyOf(front, 2 * front.length);
            }
        }
        waste += frontEnd - lo;
        System.arraycopy(front, lo, front, lo + 1, frontEnd - lo);
        front[lo] = id;
        frontEnd++;
        setLinks(id, IN_FRONT, NIL);
    }

    /** Puts the front's events back into their bucket's list. */
    private void unloadFront() {
        for (int i = frontStart; i < frontEnd; i++) {
            push(front[i]);
        }
        clearFront();
    }

    private void clearFront() {
        frontStart = 0;
        frontEnd = 0;
        frontLoaded = false;
    }

    /** Frees table index {@code id} (already out of its list or the front), then resizes if due. */
    private EventId release(int id) {
        EventId event = table[id];
        event.slot = -1;
        table[id] = null;
        free[freeCount++] = id;
        size--;
        if (size < heads.length / 2 && heads.length > MIN_BUCKETS) {
            rebucket(heads.length / 2);
        } else {
            operationDone();
        }
        return event;
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

    /** Pushes {@code id} onto the head of its bucket's list. */
    private void push(int id) {
        int bucket = bucketOf(id);
        int head = heads[bucket];
        setLinks(id, head, NIL);
        if (head != NIL) {
            setPrev(head, id);
        }
        heads[bucket] = id;
    }

    private void unlink(int id) {
        long links = nodes[(id << 1) + 1];
        int n = (int) (links >>> 32);
        int p = (int) links;
        if (p == NIL) {
            heads[bucketOf(id)] = n;
        } else {
            setNext(p, n);
        }
        if (n != NIL) {
            setPrev(n, p);
        }
    }

    /** Whether the event at table index {@code a} runs before the one at {@code b}. */
    private boolean before(int a, int b) {
        long ta = time(a);
        long tb = time(b);
        return ta < tb || (ta == tb && table[a].seq < table[b].seq);
    }

    /** Re-files every event into {@code bucketCount} buckets with a width estimated afresh. */
    private void rebucket(int bucketCount) {
        relink(queuedIds(), bucketCount);
    }

    /** The table index of every queued event, the front's first. */
    private int[] queuedIds() {
        int[] ids = new int[size];
        int count = 0;
        for (int i = frontStart; i < frontEnd; i++) {
            ids[count++] = front[i];
        }
        for (int head : heads) {
            for (int id = head; id != NIL; id = next(id)) {
                ids[count++] = id;
            }
        }
        return ids;
    }

    /**
     * Files {@code ids} (every queued event) into {@code bucketCount} empty buckets of a freshly
     * estimated width, with the front empty and the search at the earliest event's window.
     */
    private void relink(int[] ids, int bucketCount) {
        shift = estimateShift(ids);
        heads = emptyBuckets(bucketCount);
        clearFront();
        long earliest = Long.MAX_VALUE;
        for (int id : ids) {
            push(id);
            earliest = Math.min(earliest, time(id) >> shift);
        }
        window = earliest;
        operations = 0;
        waste = 0;
        widthChanges++;
    }

    /**
     * The width for about {@value #EVENTS_PER_BUCKET} events per bucket near the front: that many times
     * the mean gap between the {@value #SAMPLE} earliest times, rounded up to a power of two. Brown takes
     * three times the mean after leaving out gaps of more than twice it, for buckets sorted on insert.
     * Here no gap is left out, so that a burst at one instant (every gap zero but one) still gives a
     * usable width. The factor comes from timing the hold model: half and twice the width it gives at
     * 100,000 events did no better, and far narrower buckets did worse at 1,000,000
     * (docs/benchmarks.md). Keeps the current width when there are too few events to say.
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
            long t = time(id);
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
        double width = EVENTS_PER_BUCKET * ((double) smallest[k - 1] - (double) smallest[0]) / (k - 1);
        if (!(width > 1)) {
            return 0;
        }
        if (width >= 0x1p62) {
            return 62;
        }
        return 64 - Long.numberOfLeadingZeros((long) Math.ceil(width) - 1);
    }

    private long time(int id) {
        return nodes[id << 1];
    }

    private int next(int id) {
        return (int) (nodes[(id << 1) + 1] >> 32);
    }

    private void setLinks(int id, int next, int prev) {
        nodes[(id << 1) + 1] = (long) next << 32 | (prev & 0xffffffffL);
    }

    private void setNext(int id, int next) {
        int i = (id << 1) + 1;
        nodes[i] = (long) next << 32 | (nodes[i] & 0xffffffffL);
    }

    private void setPrev(int id, int prev) {
        int i = (id << 1) + 1;
        nodes[i] = (nodes[i] & 0xffffffff00000000L) | (prev & 0xffffffffL);
    }

    private int bucketOf(int id) {
        return (int) ((time(id) >> shift) & (heads.length - 1));
    }

    private static int[] emptyBuckets(int count) {
        int[] buckets = new int[count];
        Arrays.fill(buckets, NIL);
        return buckets;
    }

    /** Empty table arrays of the given capacity, every index free. */
    private void allocateTable(int capacity) {
        table = new EventId[capacity];
        nodes = new long[2 * capacity];
        free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        size = 0;
        clearFront();
    }

    /** Doubles the table; the new indices join the free stack (which is empty: the table is full). */
    private void growTable() {
        int old = table.length;
        if (old > Integer.MAX_VALUE / 4) {
            throw new IllegalStateException("the calendar cannot grow past " + size + " events");
        }
        int capacity = old * 2;
        table = Arrays.copyOf(table, capacity);
        nodes = Arrays.copyOf(nodes, 2 * capacity);
        free = new int[capacity];
        freeCount = 0;
        for (int id = capacity - 1; id >= old; id--) {
            free[freeCount++] = id;
        }
    }
}
