package cn.onenet.routing.stats;

import cn.onenet.contracts.RequestStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Computes the summary, the overdue list and the backlog. A summary adds up the summary cells of its window (whole
 * days, hours and minutes of accepted orders, counted by {@link SummaryCellsWorker}), counts the parts of a minute at
 * its ends order by order, and the overdue orders among the late ones; until the cells are complete, and where they
 * are off, it streams through the window's orders. The overdue list and the backlog stream through the open orders
 * (see README.md, "Statistics: what the rates mean", for the definitions and how this scales).
 */
@Service
public class StatsService {

    private static final Comparator<String> KEYS = CellCounts.KEYS;

    private final StatsReadModel orders;
    private final SummaryCells cells;
    private final BooleanSupplier cellsComplete;
    private final Clock clock;

    @Autowired
    public StatsService(StatsReadModel orders, SummaryCells cells, SummaryCellsWorker worker, Clock clock) {
        this(orders, cells, worker::complete, clock);
    }

    /** Without cells: every summary counts order by order. */
    StatsService(StatsReadModel orders, Clock clock) {
        this(orders, null, () -> false, clock);
    }

    StatsService(StatsReadModel orders, SummaryCells cells, BooleanSupplier cellsComplete, Clock clock) {
        this.orders = orders;
        this.cells = cells;
        this.cellsComplete = cellsComplete;
        this.clock = clock;
    }

    /** Orders accepted in the window, counted as they stand now, one row per {@code groupBy} key. */
    public Summary summary(ReportWindow window, GroupBy groupBy) {
        return cellsComplete.getAsBoolean() ? fromCells(window, groupBy) : orderByOrder(window, groupBy);
    }

    /** The summary counted from every order of the window, as it stands now. */
    Summary orderByOrder(ReportWindow window, GroupBy groupBy) {
        Instant now = clock.instant();
        Map<String, Tally> groups = new TreeMap<>(KEYS);
        Tally total = new Tally();
        orders.acceptedIn(window, order -> {
            if (!window.contains(order.acceptedAt())) {
                return;
            }
            groups.computeIfAbsent(groupBy.keyOf(order), key -> new Tally()).add(order, now);
            total.add(order, now);
        });
        return summary(window, groupBy, now, groups, total);
    }

    /**
     * The summary from the cells: as of their last count (a round every half minute) for the whole minutes, now for
     * the parts of a minute at the ends and for what is overdue.
     */
    Summary fromCells(ReportWindow window, GroupBy groupBy) {
        Instant now = clock.instant();
        Map<String, Tally> groups = new TreeMap<>(KEYS);
        Tally total = new Tally();
        WindowPieces pieces = WindowPieces.of(window);
        for (WindowPieces.Run run : pieces.cells()) {
            cells.read(run.level(), run.from(), run.to(), cell -> cell.forEach(groupBy, (key, counts) -> {
                groups.computeIfAbsent(key, none -> new Tally()).add(counts);
                total.add(counts);
            }));
        }
        for (ReportWindow edge : pieces.edges()) {
            orders.acceptedIn(edge, order -> {
                if (edge.contains(order.acceptedAt())) {
                    groups.computeIfAbsent(groupBy.keyOf(order), key -> new Tally()).count(order);
                    total.count(order);
                }
            });
        }
        orders.pastADeadlineAcceptedIn(window, now, order -> {
            if (window.contains(order.acceptedAt()) && order.overdue(now)) {
                groups.computeIfAbsent(groupBy.keyOf(order), key -> new Tally()).countOverdue();
                total.countOverdue();
            }
        });
        return summary(window, groupBy, now, groups, total);
    }

    private static Summary summary(ReportWindow window, GroupBy groupBy, Instant now, Map<String, Tally> groups,
            Tally total) {
        List<SummaryRow> rows = groups.entrySet().stream().map(group -> group.getValue().row(group.getKey())).toList();
        return new Summary(window, groupBy, now, rows, total.row(null));
    }

    /**
     * Open orders past a deadline, of one department or (null) all, most overdue first
     * ({@link OverdueOrder.Position#ORDER}): page {@code page}, or, when {@code after} is given, the {@code size}
     * orders that follow that place; with where the next page starts. Every late order is read, as before (the open
     * ones past a deadline, found by their index: how late an order is depends on the moment asked, which no index
     * holds); those after {@code after} are kept and sorted.
     */
    public OverdueOrder.Page overdue(String department, OverdueOrder.Position after, int page, int size) {
        Instant now = clock.instant();
        List<OverdueOrder> late = new ArrayList<>();
        long[] total = { 0 };
        orders.pastADeadline(department, now, order -> {
            if (department == null || department.equals(order.department())) {
                order.lateness(now).ifPresent(lateness -> {
                    total[0]++;
                    OverdueOrder overdue = new OverdueOrder(order, lateness);
                    if (after == null || OverdueOrder.Position.ORDER.compare(overdue.position(), after) > 0) {
                        late.add(overdue);
                    }
                });
            }
        });
        late.sort(Comparator.comparing(OverdueOrder::position, OverdueOrder.Position.ORDER));
        int from = (int) Math.min(after == null ? (long) page * size : 0, late.size());
        int to = (int) Math.min((long) from + size, late.size());
        List<OverdueOrder> content = late.subList(from, to);
        // another page follows when an order is left after this one's last
        OverdueOrder.Position next = to < late.size() ? content.get(content.size() - 1).position() : null;
        return new OverdueOrder.Page(content, total[0], next);
    }

    /** Open orders per department holding them, by status and age. */
    public Backlog backlog() {
        Instant now = clock.instant();
        Map<String, BacklogTally> departments = new TreeMap<>(KEYS);
        BacklogTally total = new BacklogTally();
        orders.open(order -> {
            if (!order.open()) {
                return;
            }
            departments.computeIfAbsent(order.department(), key -> new BacklogTally()).add(order, now);
            total.add(order, now);
        });
        return new Backlog(now,
                departments.entrySet().stream().map(entry -> entry.getValue().row(entry.getKey())).toList(),
                total.row(null));
    }

    private static final class BacklogTally {

        private static final Duration ONE_DAY = Duration.ofDays(1);
        private static final Duration THREE_DAYS = Duration.ofDays(3);
        private static final Duration SEVEN_DAYS = Duration.ofDays(7);

        private final Map<RequestStatus, Long> byStatus = new EnumMap<>(RequestStatus.class);
        private long open;
        private long overdue;
        private long followedUp;
        private final long[] ageing = new long[4];

        BacklogTally() {
            for (RequestStatus status : RequestStatus.values()) {
                if (!status.isFinal()) {
                    byStatus.put(status, 0L);
                }
            }
        }

        void add(OrderFacts order, Instant now) {
            open++;
            byStatus.merge(order.status(), 1L, Long::sum);
            overdue += order.overdue(now) ? 1 : 0;
            followedUp += order.followedUp() ? 1 : 0;
            Duration age = order.acceptedAt() == null ? Duration.ZERO : Duration.between(order.acceptedAt(), now);
            int bucket = age.compareTo(ONE_DAY) < 0 ? 0
                    : age.compareTo(THREE_DAYS) < 0 ? 1 : age.compareTo(SEVEN_DAYS) < 0 ? 2 : 3;
            ageing[bucket]++;
        }

        Backlog.Row row(String department) {
            return new Backlog.Row(department, open, byStatus,
                    new Backlog.Ageing(ageing[0], ageing[1], ageing[2], ageing[3]), overdue, followedUp);
        }
    }
}
