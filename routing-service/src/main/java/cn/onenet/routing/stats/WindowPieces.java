package cn.onenet.routing.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A report window cut into what the summary reads: runs of whole cells (days where a whole Shanghai day fits, else
 * hours, else minutes) and, at either end, the part of a minute the window takes, counted order by order.
 *
 * @param cells runs of whole cells of one level, in time order
 * @param edges the parts of a minute at the window's ends (none when it starts and ends on a minute)
 */
public record WindowPieces(List<Run> cells, List<ReportWindow> edges) {

    /** The cells of {@code level} starting at or after {@code from} and before {@code to}. */
    public record Run(CellLevel level, Instant from, Instant to) {
    }

    public WindowPieces {
        cells = List.copyOf(cells);
        edges = List.copyOf(edges);
    }

    public static WindowPieces of(ReportWindow window) {
        Instant first = CellLevel.MINUTE.floor(window.from());
        if (!first.equals(window.from())) {
            first = first.plus(CellLevel.MINUTE.span());
        }
        Instant last = CellLevel.MINUTE.floor(window.to());
        if (!first.isBefore(last)) {
            // within a minute, or across one boundary between two parts of minutes
            return new WindowPieces(List.of(), List.of(window));
        }
        List<ReportWindow> edges = new ArrayList<>();
        if (window.from().isBefore(first)) {
            edges.add(new ReportWindow(window.from(), first));
        }
        if (last.isBefore(window.to())) {
            edges.add(new ReportWindow(last, window.to()));
        }
        List<Run> runs = new ArrayList<>();
        Instant at = first;
        while (at.isBefore(last)) {
            CellLevel level = widest(at, last);
            Instant end = at.plus(level.span());
            if (!runs.isEmpty() && runs.get(runs.size() - 1).level() == level) {
                Run run = runs.remove(runs.size() - 1);
                runs.add(new Run(level, run.from(), end));
            }
            else {
                runs.add(new Run(level, at, end));
            }
            at = end;
        }
        return new WindowPieces(runs, edges);
    }

    /** The widest cell starting at {@code at} that ends by {@code end}. */
    private static CellLevel widest(Instant at, Instant end) {
        for (CellLevel level = CellLevel.DAY; level != null; level = level.child()) {
            if (level.isStart(at) && !at.plus(level.span()).isAfter(end)) {
                return level;
            }
        }
        throw new IllegalStateException("Not the start of a minute: " + at);
    }
}
