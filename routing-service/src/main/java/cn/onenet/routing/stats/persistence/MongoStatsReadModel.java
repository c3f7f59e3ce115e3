package cn.onenet.routing.stats.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Urgency;
import cn.onenet.routing.stats.OrderFacts;
import cn.onenet.routing.stats.ReportWindow;
import cn.onenet.routing.stats.StatsReadModel;
import cn.onenet.routing.workorder.EscalationLevel;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Reads the {@code work_orders} collection (owned by the work-order persistence adapter; only read here) with a
 * projection of the fields statistics use — never the description, the requester or the outbox — and streams
 * through the cursor, so memory stays flat however many orders match. Each query uses an existing index:
 * {@code acceptedAt}, or {@code status}.
 */
@Repository
class MongoStatsReadModel implements StatsReadModel {

    static final String COLLECTION = "work_orders";
    static final int BATCH = 500;
    private static final List<RequestStatus> OPEN = Arrays.stream(RequestStatus.values())
        .filter(status -> !status.isFinal())
        .toList();
    private static final List<RequestStatus> WITH_DEPARTMENT = List.of(RequestStatus.DISPATCHED,
            RequestStatus.ACKNOWLEDGED, RequestStatus.IN_PROGRESS, RequestStatus.REOPENED);

    private final MongoTemplate mongo;

    MongoStatsReadModel(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void acceptedIn(ReportWindow window, Consumer<OrderFacts> sink) {
        stream(Query.query(where("acceptedAt").gte(window.from()).lt(window.to())), sink);
    }

    @Override
    public void pastADeadline(String department, Instant now, Consumer<OrderFacts> sink) {
        Criteria criteria = where("status").in(WITH_DEPARTMENT);
        if (department != null) {
            criteria = criteria.and("department").is(department);
        }
        criteria.orOperator(where("deadlines.resolveBy").lt(now),
                where("status").is(RequestStatus.DISPATCHED).and("deadlines.acknowledgeBy").lt(now));
        stream(Query.query(criteria), sink);
    }

    @Override
    public void open(Consumer<OrderFacts> sink) {
        // every open order, every 30 s for the gauges: the fields the backlog counts, not the timelines and texts
        stream(Query.query(where("status").in(OPEN)), sink, "status", "department", "acceptedAt", "deadlines");
    }

    private void stream(Query query, Consumer<OrderFacts> sink) {
        stream(query, sink, "trackingNumber", "title", "channel", "category", "location.community", "urgency",
                "acceptedAt", "status", "department", "deadlines", "satisfaction", "supervision.level", "timeline.type",
                "timeline.at", "timeline.department");
    }

    private void stream(Query query, Consumer<OrderFacts> sink, String... fields) {
        query.fields().include(fields);
        query.cursorBatchSize(BATCH);
        try (Stream<OrderRow> rows = mongo.stream(query, OrderRow.class, COLLECTION)) {
            rows.map(OrderRow::facts).forEach(sink);
        }
    }

    /** The projected shape of a stored order; the names follow {@code WorkOrderDocument}. */
    record OrderRow(String id, String trackingNumber, String title, Channel channel, String category,
            LocationRow location, Urgency urgency, Instant acceptedAt, RequestStatus status, String department,
            DeadlinesRow deadlines, Satisfaction satisfaction, SupervisionRow supervision, List<OrderFacts.Step> timeline) {

        OrderFacts facts() {
            return new OrderFacts(UUID.fromString(id), trackingNumber, title, channel, category,
                    location == null ? null : location.community(), urgency, acceptedAt, status, department,
                    deadlines == null ? null : deadlines.acknowledgeBy(), deadlines == null ? null : deadlines.resolveBy(),
                    satisfaction, supervision == null ? null : supervision.level(), timeline);
        }
    }

    record LocationRow(String community) {
    }

    record DeadlinesRow(Instant acknowledgeBy, Instant resolveBy) {
    }

    record SupervisionRow(EscalationLevel level) {
    }
}
