package cn.onenet.routing.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the summary cells counted: every {@code onenet.stats.cells.interval} (30 s) it counts each marked minute
 * again from its orders, then each marked hour from its minutes, then each marked day from its hours, marking the
 * cell above each one it counts. One routing instance at a time does it (a lease), on a thread of its own, so a long
 * round never holds up the services' scheduled work.
 *
 * <p>Before any cell exists (a new store, or a store of orders from before cells), the first round marks the
 * minute of every stored order, so every cell gets counted; until that round is over, summaries count order by order
 * ({@link #complete()}).
 */
@Component
public class SummaryCellsWorker implements SmartLifecycle {

    /** The definition cells are counted by: changing what a cell holds bumps it, and every cell is counted again. */
    // 2: followed up (催办件) counted as well; 3: how often (催办次数)
    static final int VERSION = 3;
    private static final int BATCH = 200;
    private static final int PROGRESS_EVERY = 1_000;
    private static final Logger log = LoggerFactory.getLogger(SummaryCellsWorker.class);

    private final SummaryCells cells;
    private final StatsReadModel orders;
    private final CellSettings settings;
    private final String owner = "routing-" + UUID.randomUUID();
    private final Timer rounds;
    private final Map<CellLevel, Counter> counted = new EnumMap<>(CellLevel.class);
    private final AtomicLong marked = new AtomicLong();
    private volatile boolean complete;
    private volatile ScheduledExecutorService executor;

    SummaryCellsWorker(SummaryCells cells, StatsReadModel orders, CellSettings settings, MeterRegistry meters) {
        this.cells = cells;
        this.orders = orders;
        this.settings = settings;
        this.rounds = Timer.builder("onenet.stats.cells.round")
            .description("Rounds of counting the marked summary cells again")
            .register(meters);
        for (CellLevel level : CellLevel.values()) {
            counted.put(level, Counter.builder("onenet.stats.cells.counted")
                .description("Summary cells counted again")
                .tag("level", level.name().toLowerCase(Locale.ROOT))
                .register(meters));
        }
        Gauge.builder("onenet.stats.cells.marked", marked, AtomicLong::get)
            .description("Summary cells marked to be counted again, as of the last round")
            .register(meters);
    }

    /** True once every cell has been counted under the current definition: summaries may read them. */
    public boolean complete() {
        if (!complete && settings.enabled()) {
            complete = cells.completeVersion() == VERSION;
        }
        return complete;
    }

    /** A round: the marked minutes, then hours, then days; first every order's minute if cells aren't complete. */
    void round() {
        if (!cells.lease(owner, settings.lease())) {
            return;
        }
        long started = System.nanoTime();
        boolean filling = cells.completeVersion() != VERSION;
        if (filling) {
            long minutes = cells.markEveryOrder();
            log.info("Counting summary cells for every stored order: {} minutes with orders marked", minutes);
        }
        long total = 0;
        for (CellLevel level : CellLevel.values()) {
            Instant after = null;
            List<SummaryCells.Mark> marks;
            do {
                marks = cells.marked(level, after, BATCH);
                for (SummaryCells.Mark mark : marks) {
                    count(mark);
                    after = mark.start();
                }
                settle(level, marks);
                for (SummaryCells.Mark mark : marks) {
                    total++;
                    if (total % PROGRESS_EVERY == 0) {
                        if (filling) {
                            log.info("Counting summary cells: {} counted, now the {} of {}", total,
                                    level.name().toLowerCase(Locale.ROOT), mark.start());
                        }
                        if (!cells.lease(owner, settings.lease())) {
                            log.warn("Lost the summary cells' lease after {} cells; another instance goes on", total);
                            return;
                        }
                    }
                }
            } while (marks.size() == BATCH);
        }
        if (filling) {
            cells.complete(VERSION);
            complete = true;
            log.info("Summary cells complete: {} counted in {} ms", total,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        marked.set(cells.markedCount());
        rounds.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** Counts a marked cell again: from its orders (a minute) or from the cells of the level below. */
    private void count(SummaryCells.Mark mark) {
        CellLevel level = mark.level();
        Instant end = mark.start().plus(level.span());
        CellCounts counts = new CellCounts();
        if (level == CellLevel.MINUTE) {
            ReportWindow minute = new ReportWindow(mark.start(), end);
            orders.acceptedIn(minute, order -> {
                if (minute.contains(order.acceptedAt())) {
                    counts.count(order);
                }
            });
        }
        else {
            cells.read(level.child(), mark.start(), end, counts::addAll);
        }
        cells.write(level, mark.start(), counts);
        counted.get(level).increment();
    }

    /**
     * Marks the cells above a batch of counted cells, each once, then takes the batch's marks. In that order: a
     * crash in between counts the batch again and marks the cells above then.
     */
    private void settle(CellLevel level, List<SummaryCells.Mark> marks) {
        CellLevel parent = level.parent();
        if (parent != null) {
            marks.stream().map(mark -> parent.floor(mark.start())).distinct()
                .forEach(start -> cells.mark(parent, start));
        }
        marks.forEach(cells::clear);
    }

    private void roundQuietly() {
        try {
            round();
        }
        catch (RuntimeException ex) {
            log.warn("Could not count the summary cells this round (the marks stay; next round in {}): {}",
                    settings.interval(), ex.toString());
        }
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Summary cells are off (onenet.stats.cells.enabled=false): summaries count order by order");
            return;
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread worker = new Thread(runnable, "summary-cells");
            worker.setDaemon(true);
            return worker;
        });
        thread.scheduleWithFixedDelay(this::roundQuietly, settings.initialDelay().toMillis(),
                settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        executor = thread;
    }

    @Override
    public void stop() {
        ScheduledExecutorService thread = executor;
        executor = null;
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            try {
                // without this, a restarted routing waited for its own old lease to run out (a minute) before counting
                cells.release(owner);
            }
            catch (RuntimeException ex) {
                log.info("Could not let the summary cells' lease go (it runs out in {}): {}", settings.lease(),
                        ex.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
