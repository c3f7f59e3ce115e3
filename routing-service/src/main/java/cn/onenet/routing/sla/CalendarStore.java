package cn.onenet.routing.sla;

import java.util.List;
import java.util.Optional;

/** Where the calendar years and the append-only record of their changes are kept. */
public interface CalendarStore {

    List<CalendarYear> findAll();

    Optional<CalendarYear> find(int year);

    /**
     * Stores {@code after} over {@code before}, the year as it was read ({@code null}: none was stored); answers
     * whether it was still so (false: another change came first, nothing written).
     */
    boolean write(CalendarYear before, CalendarYear after);

    void audit(CalendarChange change);

    List<CalendarChange> auditTrail(int year, int limit);
}
