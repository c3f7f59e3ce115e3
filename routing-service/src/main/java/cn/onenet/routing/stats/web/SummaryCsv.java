package cn.onenet.routing.stats.web;

import cn.onenet.routing.stats.web.StatsViews.RowView;
import cn.onenet.routing.stats.web.StatsViews.SummaryView;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary as CSV (RFC 4180: comma-separated, CRLF, quoted where needed) in UTF-8 with a byte-order mark, so
 * that Excel shows the Chinese names; one header row with the JSON field names, one row per group, then the total
 * (key {@code TOTAL}). Rates are plain decimals, empty when undefined.
 */
final class SummaryCsv {

    static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
    static final List<String> HEADER = List.of("key", "name", "received", "rejected", "merged", "dispatched",
            "acknowledgedOnTime", "resolved", "resolvedOnTime", "closed", "callbacks", "satisfied", "overdue",
            "responseRate", "resolutionRate", "satisfactionRate", "followedUp", "followUpRate", "followUps");
    static final String TOTAL_KEY = "TOTAL";
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm");

    private SummaryCsv() {
    }

    static byte[] write(SummaryView summary) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        summary.rows().forEach(row -> line(csv, cells(row.key(), row)));
        line(csv, cells(TOTAL_KEY, summary.total()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(BOM.length + csv.length() * 2);
        bytes.writeBytes(BOM);
        bytes.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /**
     * {@code onenet-stats-<from>-<to>-<groupBy>.csv}, the bounds in the district's local time: a bound at midnight
     * is written as a date, and {@code to} then as the last day included (2026-11-01 … 2026-11-30 for November).
     */
    static String filename(SummaryView summary) {
        return "onenet-stats-" + label(summary.from().toLocalDateTime(), false) + "-"
                + label(summary.to().toLocalDateTime(), true) + "-" + summary.groupBy() + ".csv";
    }

    private static String label(LocalDateTime at, boolean exclusiveEnd) {
        if (at.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return (exclusiveEnd ? at.toLocalDate().minusDays(1) : at.toLocalDate()).toString();
        }
        return at.format(MINUTES);
    }

    private static List<String> cells(String key, RowView row) {
        List<String> cells = new ArrayList<>();
        cells.add(key);
        cells.add(row.name());
        for (long count : new long[] { row.received(), row.rejected(), row.merged(), row.dispatched(),
            row.acknowledgedOnTime(), row.resolved(), row.resolvedOnTime(), row.closed(), row.callbacks(),
            row.satisfied(), row.overdue() }) {
            cells.add(Long.toString(count));
        }
        for (BigDecimal rate : new BigDecimal[] { row.responseRate(), row.resolutionRate(), row.satisfactionRate() }) {
            cells.add(rate == null ? "" : rate.toPlainString());
        }
        cells.add(Long.toString(row.followedUp()));
        cells.add(row.followUpRate() == null ? "" : row.followUpRate().toPlainString());
        cells.add(Long.toString(row.followUps()));
        return cells;
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(escape(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** Quotes a cell that needs it, and defuses one a spreadsheet would read as a formula. */
    static String escape(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
