package cn.onenet.routing.stats.web;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Urgency;
import cn.onenet.routing.stats.Backlog;
import cn.onenet.routing.stats.OrderFacts;
import cn.onenet.routing.stats.OverdueOrder;
import cn.onenet.routing.stats.Summary;
import cn.onenet.routing.stats.SummaryRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What callers see of statistics: timestamps with the district's offset, codes with their Chinese names. */
final class StatsViews {

    /** {@code to} is exclusive: the summary counts orders accepted at or after {@code from} and before {@code to}. */
    record SummaryView(OffsetDateTime from, OffsetDateTime to, String groupBy, OffsetDateTime asOf, List<RowView> rows,
            RowView total) {
    }

    record RowView(String key, String name, long received, long rejected, long merged, long dispatched,
            long acknowledgedOnTime, long resolved, long resolvedOnTime, long closed, long callbacks, long satisfied,
            long overdue, BigDecimal responseRate, BigDecimal resolutionRate, BigDecimal satisfactionRate,
            long followedUp, long followUps, BigDecimal followUpRate) {
    }

    /**
     * @param deadline which deadline passed: {@code ACKNOWLEDGE} (sign-for) or {@code RESOLVE}
     * @param overdueBy how long ago it passed, ISO-8601 ({@code PT26H30M})
     * @param followUps how many times the requester asked after it (来电催办)
     */
    record OverdueView(UUID id, String trackingNumber, String title, Channel channel, String category, String community,
            Urgency urgency, boolean emergency, RequestStatus status, String department, String departmentName,
            OffsetDateTime acceptedAt, String deadline, OffsetDateTime due, String overdueBy, long overdueMinutes,
            String escalation, int followUps) {
    }

    record BacklogView(OffsetDateTime asOf, List<BacklogRowView> rows, BacklogRowView total) {
    }

    /**
     * {@code department} null: the orders a dispatcher has (received, in triage, returned); {@code followedUp}: of
     * the open orders, those the requester asked after (来电催办).
     */
    record BacklogRowView(String department, String name, long open, Map<RequestStatus, Long> byStatus,
            Backlog.Ageing ageing, long overdue, long followedUp) {
    }

    /**
     * A page of the overdue list: {@code totalElements} counts every order the list holds; {@code next}, when another
     * page follows, is where it starts ({@code after=<next>}); null on the last.
     */
    record PageView<T>(List<T> content, int page, int size, long totalElements, String next) {
    }

    private final ZoneId zone;
    private final Names names;

    StatsViews(ZoneId zone, Names names) {
        this.zone = zone;
        this.names = names;
    }

    SummaryView summary(Summary summary) {
        return new SummaryView(at(summary.window().from()), at(summary.window().to()), summary.groupBy().parameter(),
                at(summary.asOf()),
                summary.rows().stream().map(row -> row(row, names.of(summary.groupBy(), row.key()))).toList(),
                row(summary.total(), Names.TOTAL));
    }

    OverdueView overdue(OverdueOrder overdue) {
        OrderFacts order = overdue.order();
        return new OverdueView(order.id(), order.trackingNumber(), order.title(), order.channel(), order.category(),
                order.community(), order.urgency(), order.urgency() == Urgency.EMERGENCY, order.status(),
                order.department(), names.department(order.department()), at(order.acceptedAt()),
                overdue.lateness().deadline().name(), at(overdue.lateness().due()), overdue.lateness().by().toString(),
                overdue.lateness().by().toMinutes(), order.escalation().name(), order.followUps());
    }

    BacklogView backlog(Backlog backlog) {
        return new BacklogView(at(backlog.asOf()),
                backlog.rows().stream()
                    .map(row -> backlogRow(row,
                            row.department() == null ? Names.DISPATCHERS : names.department(row.department())))
                    .toList(),
                backlogRow(backlog.total(), Names.TOTAL));
    }

    private static BacklogRowView backlogRow(Backlog.Row row, String name) {
        return new BacklogRowView(row.department(), name, row.open(), row.byStatus(), row.ageing(), row.overdue(),
                row.followedUp());
    }

    private static RowView row(SummaryRow row, String name) {
        return new RowView(row.key(), name, row.received(), row.rejected(), row.merged(), row.dispatched(),
                row.acknowledgedOnTime(), row.resolved(), row.resolvedOnTime(), row.closed(), row.callbacks(),
                row.satisfied(), row.overdue(), row.responseRate(), row.resolutionRate(), row.satisfactionRate(),
                row.followedUp(), row.followUps(), row.followUpRate());
    }

    private OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
