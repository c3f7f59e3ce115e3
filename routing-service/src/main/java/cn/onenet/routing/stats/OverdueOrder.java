package cn.onenet.routing.stats;

import java.util.List;

/** An open order past a deadline, and by how much. */
public record OverdueOrder(OrderFacts order, OrderFacts.Lateness lateness) {

    /** One page of overdue orders, most overdue first, and how many there are in all. */
    public record Page(List<OverdueOrder> content, long totalElements) {

        public Page {
            content = List.copyOf(content);
        }
    }
}
