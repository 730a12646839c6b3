package io.wgsim.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The reference scheduler: one list kept sorted, earliest first. Slow but plain enough to check by eye,
 * which is its job: the contract tests check the other schedulers against it on random operations.
 *
 * <table>
 *   <caption>ListScheduler costs</caption>
 *   <tr><th>operation</th><th>time</th><th>why</th></tr>
 *   <tr><td>insert</td><td>O(n)</td><td>linear search from the back, then shifting the tail</td></tr>
 *   <tr><td>isEmpty, peekNext, size</td><td>O(1)</td><td>the head is the earliest event</td></tr>
 *   <tr><td>removeNext</td><td>O(n)</td><td>shifting the array down by one</td></tr>
 *   <tr><td>remove</td><td>O(n)</td><td>linear search by identity</td></tr>
 *   <tr><td>removeCancelled</td><td>O(n)</td><td>one filtering pass</td></tr>
 *   <tr><td>memory</td><td>one reference per event</td><td>{@code ArrayList}</td></tr>
 * </table>
 */
public final class ListScheduler implements Scheduler {
    private final List<EventId> events = new ArrayList<>();

    @Override
    public void insert(EventId event) {
        int i = events.size();
        while (i > 0 && event.runsBefore(events.get(i - 1))) {
            i--;
        }
        events.add(i, event);
    }

    @Override
    public boolean isEmpty() {
        return events.isEmpty();
    }

    @Override
    public EventId peekNext() {
        if (events.isEmpty()) {
            throw new NoSuchElementException("no event is queued");
        }
        return events.get(0);
    }

    @Override
    public EventId removeNext() {
        EventId next = peekNext();
        events.remove(0);
        return next;
    }

    @Override
    public boolean remove(EventId event) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == event) {
                events.remove(i);
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return events.size();
    }

    @Override
    public int removeCancelled() {
        int before = events.size();
        events.removeIf(EventId::isCancelled);
        return before - events.size();
    }
}
