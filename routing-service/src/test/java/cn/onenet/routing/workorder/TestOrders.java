package cn.onenet.routing.workorder;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.TrackingNumber;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.routing.sla.Deadlines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Orders as the order tests build them: accepted, and dispatched by the rules. */
public final class TestOrders {

    private TestOrders() {
    }

    /** An order accepted at {@code acceptedAt} and dispatched by the rules to {@code department} a second later. */
    public static WorkOrder dispatched(String department, Instant acceptedAt) {
        WorkOrder order = WorkOrder.receive(accepted(acceptedAt), acceptedAt);
        order.dispatch(department, List.of(), deadlines(acceptedAt), null, "routing", false,
                acceptedAt.plusSeconds(1));
        return order;
    }

    /** The deadlines a dispatch at {@code from} sets in these tests: sign for in 2 h, resolve in 5 days. */
    public static Deadlines deadlines(Instant from) {
        return new Deadlines(from.plus(Duration.ofHours(2)), from.plus(Duration.ofDays(5)));
    }

    /** A request of the livelihood channel accepted at {@code acceptedAt}, with a tracking number of its own. */
    public static RequestSubmitted accepted(Instant acceptedAt) {
        return accepted(acceptedAt, Urgency.NORMAL);
    }

    /** As {@link #accepted(Instant)}, of the {@code urgency} given. */
    public static RequestSubmitted accepted(Instant acceptedAt, Urgency urgency) {
        UUID id = UUID.randomUUID();
        String digits = String.format("%016d", Math.abs(id.getMostSignificantBits() % 10_000_000_000_000_000L));
        return new RequestSubmitted(UUID.randomUUID(), id, digits + TrackingNumber.checkDigit(digits),
                Channel.LIVELIHOOD, "MS-" + id, null, "housing-repair", "楼道灯不亮", "3幢2单元楼道灯坏了。",
                urgency, new Location("xingzhou", "星洲社区3幢2单元", 30.27, 120.15),
                new Requester("张三", "13800138000"), acceptedAt);
    }
}
