package io.wgsim.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A discrete-event simulator: a virtual clock in nanoseconds and the events due on it. Single-threaded
 * and not safe for concurrent use; everything that happens in a simulation happens inside an event.
 *
 * <p>Events run in order of time, then of scheduling: two events due at the same instant run in the
 * order they were scheduled. With the same seed and the same components, a run is the same run.
 *
 * <p>The simulator is an ordinary object, passed to whatever needs it. It has no static state, so two
 * simulations in one JVM do not disturb each other. It never reads the wall clock: a caller that wants
 * events per second measures wall time itself, around {@link #run()} or in a progress listener.
 *
 * <h2>Cancellation</h2>
 * {@link EventId#cancel()} only marks the event, in O(1); the loop skips marked events when they come
 * up. A protocol that re-arms a timer on every packet would otherwise fill the queue with dead events,
 * so the simulator counts the cancelled events still queued and, once they are more than half the queue
 * (and more than {@value #COMPACTION_FLOOR}), removes them all in one O(n) pass
 * ({@link Scheduler#removeCancelled()}). Each compaction is paid for by at least as many cancellations
 * as there are live events, so cancelling stays O(1) amortized, and the queue never holds more than
 * twice the pending events plus {@value #COMPACTION_FLOOR}.
 *
 * <h2>Randomness</h2>
 * {@link #random(String)} gives each component its own {@link RandomStream}, derived from the run's
 * seed and the component's name alone, so adding a component leaves every other stream unchanged.
 */
public final class Simulator {
    /** Cancelled events tolerated in the queue before compaction is considered. */
    static final int COMPACTION_FLOOR = 64;

    private final long seed;
    private final Scheduler scheduler;
    private final Map<String, RandomStream> streams = new HashMap<>();

    private long now;
    private long nextSeq;
    /** Events that are cancelled but still in the scheduler. */
    private int cancelledQueued;

    private long scheduled;
    private long executed;
    private long cancelled;
    private int peakPending;
    private long compactions;

    private boolean running;
    private boolean stopRequested;

    private ProgressListener eventsListener;
    private long eventsInterval;
    private long nextEventsReport = Long.MAX_VALUE;
    private ProgressListener timeListener;
    private long timeInterval;
    private long nextTimeReport = Long.MAX_VALUE;

    /** What a simulator has done so far; see {@link #statistics()}. */
    public record Statistics(
            long nowNanos, long scheduled, long executed, long cancelled, int pending, int peakPending) {}

    /** A simulator with the default {@link CalendarScheduler}, its clock at zero. */
    public Simulator(long seed) {
        this(seed, new CalendarScheduler());
    }

    /** A simulator using {@code scheduler}, which must be empty and not used by anyone else. */
    public Simulator(long seed, Scheduler scheduler) {
        if (!scheduler.isEmpty()) {
            throw new IllegalArgumentException("the scheduler must start empty; it holds " + scheduler.size());
        }
        this.seed = seed;
        this.scheduler = scheduler;
    }

    /** The run seed every random stream derives from. */
    public long seed() {
        return seed;
    }

    /** The virtual time, in nanoseconds since the start of the simulation. */
    public long now() {
        return now;
    }

    /**
     * Schedules {@code action} to run {@code delayNanos} from now. A zero delay runs it at the current
     * time, after every event already due then.
     *
     * @throws IllegalArgumentException if the delay is negative or reaches past the end of virtual time
     */
    public EventId schedule(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayNanos + " ns");
        }
        long at = now + delayNanos;
        if (at < now) {
            throw new IllegalArgumentException(
                    "delay " + delayNanos + " ns from " + now + " ns is past the end of virtual time");
        }
        return scheduleAt(at, action);
    }

    /** {@link #schedule(long, Runnable)} with the delay as a {@link Duration}. */
    public EventId schedule(Duration delay, Runnable action) {
        return schedule(delay.toNanos(), action);
    }

    /**
     * Schedules {@code action} to run at virtual time {@code atNanos}.
     *
     * @throws IllegalArgumentException if {@code atNanos} is earlier than {@link #now()}
     */
    public EventId scheduleAt(long atNanos, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (atNanos < now) {
            throw new IllegalArgumentException(
                    "cannot schedule at " + atNanos + " ns: the clock is already at " + now + " ns");
        }
        EventId event = new EventId(atNanos, nextSeq++, action, this);
        scheduler.insert(event);
        scheduled++;
        int pending = scheduler.size() - cancelledQueued;
        if (pending > peakPending) {
            peakPending = pending;
        }
        return event;
    }

    /**
     * Runs events until none is left or an event calls {@link #stop()}. The clock is left at the time
     * of the last event run. An exception thrown by an event leaves the loop (the event counts as run)
     * and propagates; calling {@code run} again carries on with the next event.
     *
     * @throws IllegalStateException if called from inside an event
     */
    public void run() {
        loop(Long.MAX_VALUE);
    }

    /**
     * Runs every event due at or before {@code endNanos}, including those that events scheduled for
     * times up to {@code endNanos} along the way, then sets the clock to {@code endNanos}. If an event
     * calls {@link #stop()} the clock stays at that event's time instead, and a later call carries on.
     *
     * @throws IllegalArgumentException if {@code endNanos} is earlier than {@link #now()}
     * @throws IllegalStateException if called from inside an event
     */
    public void runUntil(long endNanos) {
        if (endNanos < now) {
            throw new IllegalArgumentException(
                    "cannot run until " + endNanos + " ns: the clock is already at " + now + " ns");
        }
        if (loop(endNanos)) {
            now = endNanos;
        }
    }

    /**
     * Ends the current {@link #run()} or {@link #runUntil(long)} once the calling event returns. Events
     * still queued stay queued.
     *
     * @throws IllegalStateException if no run is in progress
     */
    public void stop() {
        if (!running) {
            throw new IllegalStateException("stop() is for events; no run is in progress");
        }
        stopRequested = true;
    }

    /** Events scheduled and neither run nor cancelled yet. */
    public int pending() {
        return scheduler.size() - cancelledQueued;
    }

    /** A snapshot of the counters. */
    public Statistics statistics() {
        return new Statistics(now, scheduled, executed, cancelled, pending(), peakPending);
    }

    /**
     * Calls {@code listener} after every {@code everyEvents} events run. A null listener turns this off.
     */
    public void progressEveryEvents(long everyEvents, ProgressListener listener) {
        if (listener != null && everyEvents <= 0) {
            throw new IllegalArgumentException("everyEvents must be positive: " + everyEvents);
        }
        eventsListener = listener;
        eventsInterval = everyEvents;
        nextEventsReport = listener == null ? Long.MAX_VALUE : nextMultiple(executed, everyEvents);
    }

    /**
     * Calls {@code listener} each time the clock reaches a multiple of {@code everyNanos} of virtual time:
     * after the first event at or past each multiple (once, if one event jumps past several). A null
     * listener turns this off.
     */
    public void progressEveryVirtualNanos(long everyNanos, ProgressListener listener) {
        if (listener != null && everyNanos <= 0) {
            throw new IllegalArgumentException("everyNanos must be positive: " + everyNanos);
        }
        timeListener = listener;
        timeInterval = everyNanos;
        nextTimeReport = listener == null ? Long.MAX_VALUE : nextMultiple(now, everyNanos);
    }

    /**
     * The random stream of the component called {@code name}, derived from this run's seed and the name
     * ({@link RandomStream#derive(long, String)}). Each name can be taken once: two components sharing a
     * stream would each change what the other draws, which is the coupling per-component streams exist
     * to prevent. Name components by what they are ({@code "link:alice-bob"}, {@code "host:alice"}).
     *
     * @throws IllegalArgumentException if the name is empty or was already taken in this simulator
     */
    public RandomStream random(String name) {
        if (streams.containsKey(name)) {
            throw new IllegalArgumentException("random stream '" + name + "' is already taken; "
                    + "give each component a name of its own");
        }
        RandomStream stream = RandomStream.derive(seed, name);
        streams.put(name, stream);
        return stream;
    }

    /** Called by {@link EventId#cancel()} when one of this simulator's pending events is cancelled. */
    void cancelled() {
        cancelled++;
        cancelledQueued++;
        if (cancelledQueued > COMPACTION_FLOOR && cancelledQueued > scheduler.size() / 2) {
            int removed = scheduler.removeCancelled();
            if (removed != cancelledQueued) {
                throw new IllegalStateException(
                        "removed " + removed + " cancelled events, expected " + cancelledQueued);
            }
            cancelledQueued = 0;
            compactions++;
        }
    }

    /** Events in the scheduler, cancelled ones included: what the queue costs in memory. */
    int queued() {
        return scheduler.size();
    }

    long compactions() {
        return compactions;
    }

    /** Runs events due by {@code end}; false if a stop request ended it. */
    private boolean loop(long end) {
        if (running) {
            throw new IllegalStateException("already running: run() and runUntil() cannot be nested");
        }
        running = true;
        stopRequested = false;
        try {
            while (!stopRequested && runNext(end)) {
                // runNext does the work
            }
        } finally {
            running = false;
        }
        boolean stopped = stopRequested;
        stopRequested = false;
        return !stopped;
    }

    /**
     * Runs the next live event due by {@code end}, dropping cancelled ones on the way.
     *
     * @return whether an event ran
     */
    boolean runNext(long end) {
        while (!scheduler.isEmpty()) {
            EventId next = scheduler.peekNext();
            if (next.atNanos > end) {
                return false;
            }
            scheduler.removeNext();
            if (next.state != EventId.State.PENDING) {
                cancelledQueued--;
                continue;
            }
            now = next.atNanos;
            next.state = EventId.State.EXECUTED;
            Runnable action = next.action;
            next.action = null;
            executed++;
            action.run();
            if (executed >= nextEventsReport) {
                nextEventsReport = nextMultiple(executed, eventsInterval);
                eventsListener.progress(statistics());
            }
            if (now >= nextTimeReport) {
                nextTimeReport = nextMultiple(now, timeInterval);
                timeListener.progress(statistics());
            }
            return true;
        }
        return false;
    }

    /** The smallest multiple of {@code interval} greater than {@code value}, or Long.MAX_VALUE. */
    private static long nextMultiple(long value, long interval) {
        long next = (value / interval + 1) * interval;
        return next <= value ? Long.MAX_VALUE : next;
    }
}
