package cn.onenet.routing.stats;

import java.time.Instant;
import java.util.List;

/** The summary of a window: one row per group (ordered by key, the group without a key last) and the total. */
public record Summary(ReportWindow window, GroupBy groupBy, Instant asOf, List<SummaryRow> rows, SummaryRow total) {

    public Summary {
        rows = List.copyOf(rows);
    }
}
