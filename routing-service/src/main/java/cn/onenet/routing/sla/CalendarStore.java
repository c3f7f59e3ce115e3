package cn.onenet.routing.sla;

import java.util.List;
import java.util.Optional;

/** Where the calendar years and the append-only record of their changes are kept. */
public interface CalendarStore {

    List<CalendarYear> findAll();

    Optional<CalendarYear> find(int year);

    void save(CalendarYear year);

    void audit(CalendarChange change);

    List<CalendarChange> auditTrail(int year, int limit);
}
