package cn.onenet.routing.stats;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * What a summary cell holds: the settled counts ({@link Tally#counts()}) of the orders accepted in its span, per
 * group of each way of grouping (department, channel, category, community), and how many orders that is. Not
 * thread-safe.
 */
public final class CellCounts {

    static final Comparator<String> KEYS = Comparator.nullsLast(Comparator.naturalOrder());

    private final Map<GroupBy, Map<String, Tally>> groups = new EnumMap<>(GroupBy.class);
    private long orders;

    public CellCounts() {
        for (GroupBy groupBy : GroupBy.values()) {
            groups.put(groupBy, new TreeMap<>(KEYS));
        }
    }

    /** Counts one order in its group of every grouping. */
    public void count(OrderFacts order) {
        orders++;
        for (GroupBy groupBy : GroupBy.values()) {
            groups.get(groupBy).computeIfAbsent(groupBy.keyOf(order), key -> new Tally()).count(order);
        }
    }

    /** Adds a stored group's counts (a cell read back, or a cell of the level below). */
    public void add(GroupBy groupBy, String key, long[] counts) {
        groups.get(groupBy).computeIfAbsent(key, none -> new Tally()).add(counts);
    }

    public void addOrders(long count) {
        orders += count;
    }

    public void addAll(CellCounts other) {
        orders += other.orders;
        other.groups.forEach((groupBy, tallies) -> tallies.forEach((key, tally) -> add(groupBy, key, tally.counts())));
    }

    /** The orders counted (each once, in every grouping). */
    public long orders() {
        return orders;
    }

    /** Every group of {@code groupBy} with its counts, ordered by key (no key last). */
    public void forEach(GroupBy groupBy, BiConsumer<String, long[]> sink) {
        groups.get(groupBy).forEach((key, tally) -> sink.accept(key, tally.counts()));
    }
}
