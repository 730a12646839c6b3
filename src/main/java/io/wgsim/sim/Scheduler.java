package io.wgsim.sim;

/**
 * The simulator's future event set: a priority queue of {@link EventId}s ordered by time, then by
 * scheduling sequence (by {@code atNanos}, then {@code seq}). ns-3's five operations, plus
 * {@link #size()} for statistics and {@link #removeCancelled()} for the simulator's lazy cancellation.
 *
 * <p>Implementations, with their cost for n queued events (the calendar's amortised bounds assume
 * the spacing of events changes slowly compared with the queue's turnover; see its class comment):
 *
 * <table>
 *   <caption>Scheduler costs</caption>
 *   <tr><th>implementation</th><th>insert</th><th>peekNext</th><th>removeNext</th><th>remove</th>
 *       <th>removeCancelled</th><th>memory per event</th></tr>
 *   <tr><td>{@link CalendarScheduler} (default)</td><td>O(1)</td><td>O(1) amortised</td>
 *       <td>O(1) amortised</td><td>O(1)</td><td>O(n)</td><td>24 bytes of arrays, 4 per bucket + the
 *       event</td></tr>
 *   <tr><td>{@link HeapScheduler}</td><td>O(log n)</td><td>O(1)</td><td>O(log n)</td>
 *       <td>O(log n)</td><td>O(n)</td><td>24 bytes of arrays + the event</td></tr>
 *   <tr><td>{@link ListScheduler} (reference)</td><td>O(n)</td><td>O(1)</td><td>O(n)</td>
 *       <td>O(n)</td><td>O(n)</td><td>one array slot + the event</td></tr>
 * </table>
 *
 * <p>A scheduler only orders events; it does not run them, look at their state other than through
 * {@code removeCancelled}, or check that times move forward. It is not safe for concurrent use.
 */
public interface Scheduler {

    /** Adds a pending event that is not already in this scheduler. */
    void insert(EventId event);

    /** Whether no event is queued (cancelled events count as queued until removed). */
    boolean isEmpty();

    /**
     * The earliest event, left in place.
     *
     * @throws java.util.NoSuchElementException if the scheduler is empty
     */
    EventId peekNext();

    /**
     * Takes out and returns the earliest event.
     *
     * @throws java.util.NoSuchElementException if the scheduler is empty
     */
    EventId removeNext();

    /**
     * Takes {@code event} out wherever it is.
     *
     * @return whether the event was in this scheduler
     */
    boolean remove(EventId event);

    /** The number of queued events, cancelled ones included. */
    int size();

    /**
     * Takes out every queued event that has been cancelled, in one pass, leaving the order of the others
     * unchanged.
     *
     * @return how many were removed
     */
    int removeCancelled();
}
