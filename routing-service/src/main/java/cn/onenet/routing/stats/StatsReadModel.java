package cn.onenet.routing.stats;

import java.time.Instant;
import java.util.function.Consumer;

/** Where statistics read work orders from: streams of {@link OrderFacts}, never whole orders. */
public interface StatsReadModel {

    /** Every order accepted in the window, in no particular order. */
    void acceptedIn(ReportWindow window, Consumer<OrderFacts> sink);

    /**
     * At least every order a department holds whose sign-for or resolution deadline is before {@code now}
     * (possibly more: {@link OrderFacts#lateness} decides), of one department or, with null, of all; with what the
     * overdue list shows (the timeline is left out: empty).
     */
    void pastADeadline(String department, Instant now, Consumer<OrderFacts> sink);

    /** As {@link #pastADeadline}, of every department, accepted in the window (possibly more), with every fact. */
    void pastADeadlineAcceptedIn(ReportWindow window, Instant now, Consumer<OrderFacts> sink);

    /**
     * Every order not closed, rejected or merged, with what the backlog counts: its status, department, acceptance
     * and deadlines (the other facts are left out: null, and an empty timeline).
     */
    void open(Consumer<OrderFacts> sink);
}
