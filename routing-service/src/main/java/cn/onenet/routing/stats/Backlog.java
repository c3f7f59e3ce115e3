package cn.onenet.routing.stats;

import cn.onenet.contracts.RequestStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The open orders (not closed, rejected or merged) per department holding them now, by status and by age since
 * acceptance; the row without a department is the dispatchers' (received, in triage or returned).
 */
public record Backlog(Instant asOf, List<Row> rows, Row total) {

    public Backlog {
        rows = List.copyOf(rows);
    }

    /**
     * @param byStatus every status an open order can have, in lifecycle order, zero included
     * @param overdue how many of them are late (see {@link OrderFacts#lateness})
     * @param followedUp how many of them the requester asked after (来电催办) at least once
     */
    public record Row(String department, long open, Map<RequestStatus, Long> byStatus, Ageing ageing, long overdue,
            long followedUp) {

        public Row {
            Map<RequestStatus, Long> copy = new EnumMap<>(RequestStatus.class);
            copy.putAll(byStatus);
            byStatus = Collections.unmodifiableMap(copy);
        }
    }

    /** Open orders by time since acceptance: under 1 day, 1 to under 3, 3 to under 7, 7 days or more. */
    public record Ageing(long underOneDay, long oneToThreeDays, long threeToSevenDays, long sevenDaysOrMore) {
    }
}
