package cn.onenet.routing.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** What the summary's rows are: one per department, channel, category or community. */
public enum GroupBy {

    /** the department the order is, or was last, dispatched to; null for orders never dispatched */
    DEPARTMENT(OrderFacts::dispatchedDepartment),
    CHANNEL(order -> order.channel() == null ? null : order.channel().name()),
    CATEGORY(OrderFacts::category),
    COMMUNITY(OrderFacts::community);

    private final Function<OrderFacts, String> key;

    GroupBy(Function<OrderFacts, String> key) {
        this.key = key;
    }

    /** The row an order counts in; null when the order has no value for it. */
    public String keyOf(OrderFacts order) {
        return key.apply(order);
    }

    /** The name used on the wire: lower case. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GroupBy> fromParameter(String value) {
        return Arrays.stream(values()).filter(groupBy -> groupBy.parameter().equalsIgnoreCase(value)).findFirst();
    }
}
