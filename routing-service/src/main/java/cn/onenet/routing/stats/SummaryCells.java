package cn.onenet.routing.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Where summary cells, and the marks of the cells to count again, are kept. A mark is a counter: marking a cell
 * again while it is being counted leaves it marked, so a change is never missed; clearing takes the mark only if
 * nobody marked the cell since it was read.
 */
public interface SummaryCells {

    /** A cell to count again, and how many times it had been marked when read. */
    record Mark(CellLevel level, Instant start, long times) {
    }

    /** Marks the minutes the orders were accepted in (orders not stored are left out). */
    void changed(Collection<UUID> orderIds);

    /** Marks the minute of every stored order: to count every cell again. Returns the minutes marked. */
    long markEveryOrder();

    void mark(CellLevel level, Instant start);

    /** Up to {@code limit} marked cells of {@code level} starting after {@code after} (null: any), oldest first. */
    List<Mark> marked(CellLevel level, Instant after, int limit);

    /** How many cells are marked, all levels together. */
    long markedCount();

    /** Takes the mark if nobody marked the cell since it was read; false if it stays marked. */
    boolean clear(Mark mark);

    /** Stores a cell's counts (a cell without orders is removed). */
    void write(CellLevel level, Instant start, CellCounts counts);

    /** The counts of the cells of {@code level} starting at or after {@code from} and before {@code to}. */
    void read(CellLevel level, Instant from, Instant to, Consumer<CellCounts> sink);

    /**
     * Takes (or keeps) the right to count cells for {@code length}, so one routing instance does it at a time;
     * false while another holds it.
     */
    boolean lease(String owner, Duration length);

    /** Lets the lease go, if {@code owner} holds it, so another instance (or this one restarted) takes over at once. */
    void release(String owner);

    /** The version of the cells' definition whose cells are all counted; 0 if none. */
    int completeVersion();

    void complete(int version);
}
