package cn.onenet.benchmark;

import java.util.PriorityQueue;

/**
 * A clock that only moves when someone waits on it: a tiny discrete-event simulation. Waiting runs every event due
 * by then in time order, with the clock set to each event's time.
 */
final class FakeTicker implements Ticker {

    private record Event(long at, long order, Runnable action) {
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>(
            (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.order(), b.order()));
    private long now;
    private long order;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepUntil(long deadline) {
        while (!events.isEmpty() && events.peek().at() <= deadline) {
            Event event = events.poll();
            now = Math.max(now, event.at());
            event.action().run();
        }
        now = Math.max(now, deadline);
    }

    /** Time passes without the caller returning, e.g. a send call that blocks. */
    void stall(long nanos) {
        sleepUntil(now + nanos);
    }

    void at(long when, Runnable action) {
        events.add(new Event(when, order++, action));
    }
}
