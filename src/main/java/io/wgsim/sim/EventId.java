package io.wgsim.sim;

/**
 * A scheduled event, and the handle its scheduler gets back. One object plays both parts (in ns-3 they
 * are EventId and Scheduler::Event): the handle a component keeps to cancel its timer is the very entry
 * the scheduler holds, so {@link #cancel()} needs no lookup and scheduling allocates nothing else.
 *
 * <p>Events are ordered by {@link #atNanos()}, then by {@link #seq()}, the order in which the owning
 * {@link Simulator} scheduled them; no two events of one simulator share a sequence number, so the order
 * is total and events due at the same instant run first in, first out.
 *
 * <p>An event is <em>pending</em> from scheduling until it starts running or is cancelled, whichever
 * comes first; afterwards it is expired for good. {@link #NONE} is never pending and may be cancelled or
 * queried freely, so a field holding "no timer armed" needs no null checks.
 */
public final class EventId {
    /** A handle that refers to no event: never pending, and cancelling it does nothing. */
    public static final EventId NONE = new EventId(-1, -1, null, null, State.NONE);

    enum State { PENDING, EXECUTED, CANCELLED, NONE }

    final long atNanos;
    final long seq;
    /** The owner to tell about a cancellation; null for scheduler tests and for {@link #NONE}. */
    private final Simulator owner;
    /** Dropped once the event has run or been cancelled, so a kept handle holds no closure alive. */
    Runnable action;
    State state;
    /**
     * The event's table index in the {@link HeapScheduler} or {@link CalendarScheduler} holding it, or
     * -1 when in none.
     */
    int slot = -1;

    private EventId(long atNanos, long seq, Runnable action, Simulator owner, State state) {
        this.atNanos = atNanos;
        this.seq = seq;
        this.action = action;
        this.owner = owner;
        this.state = state;
    }

    /** A pending event owned by {@code owner}. */
    EventId(long atNanos, long seq, Runnable action, Simulator owner) {
        this(atNanos, seq, action, owner, State.PENDING);
    }

    /** A pending event with no simulator, for exercising a {@link Scheduler} on its own. */
    static EventId unowned(long atNanos, long seq) {
        return new EventId(atNanos, seq, null, null, State.PENDING);
    }

    /** The virtual time the event is due at, in nanoseconds; -1 for {@link #NONE}. */
    public long atNanos() {
        return atNanos;
    }

    /** The scheduling sequence number that breaks ties between events due at the same time. */
    public long seq() {
        return seq;
    }

    /** True from scheduling until the event starts running or is cancelled. */
    public boolean isPending() {
        return state == State.PENDING;
    }

    /** True if the event was cancelled before it ran. */
    public boolean isCancelled() {
        return state == State.CANCELLED;
    }

    /**
     * Cancels the event if it is still pending, in constant time: the event stays in the queue, marked,
     * and the simulator skips it when it comes up (or drops it earlier, in a bulk compaction; see
     * {@link Simulator}). Cancelling an event that ran, was cancelled already, or is {@link #NONE} does
     * nothing.
     *
     * @return whether this call cancelled a pending event
     */
    public boolean cancel() {
        if (state != State.PENDING) {
            return false;
        }
        state = State.CANCELLED;
        action = null;
        if (owner != null) {
            owner.cancelled();
        }
        return true;
    }

    /** Whether this event runs before {@code other}: earlier time, or the same time and scheduled first. */
    boolean runsBefore(EventId other) {
        return atNanos < other.atNanos || (atNanos == other.atNanos && seq < other.seq);
    }

    @Override
    public String toString() {
        return this == NONE ? "EventId.NONE" : "EventId[at=" + atNanos + "ns, seq=" + seq + ", " + state + "]";
    }
}
