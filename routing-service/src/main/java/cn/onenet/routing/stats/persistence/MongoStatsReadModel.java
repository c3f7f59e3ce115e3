package cn.onenet.routing.stats.persistence;

import cn.onenet.contracts.RequestStatus;
import cn.onenet.routing.stats.OrderFacts;
import cn.onenet.routing.stats.ReportWindow;
import cn.onenet.routing.stats.StatsReadModel;
import cn.onenet.routing.workorder.WorkOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the {@code work_orders} collection (owned by the work-order persistence adapter; only read here) with a
 * projection of the fields statistics use — never the description, the requester or the outbox — and streams
 * through the cursor, so memory stays flat however many orders match. Each query uses an existing index:
 * {@code acceptedAt}, {@code lateFrom}, or {@code status}. The driver hands each order over as its raw bytes and
 * {@link OrderFactsDecoder} reads the facts from them; the filters are written as the stored values are (enums by
 * name, instants as dates).
 */
@Repository
class MongoStatsReadModel implements StatsReadModel {

    static final String COLLECTION = "work_orders";
    static final int BATCH = 500;
    private static final List<String> OPEN = Arrays.stream(RequestStatus.values())
        .filter(status -> !status.isFinal())
        .map(RequestStatus::name)
        .toList();
    private static final List<String> WITH_DEPARTMENT = WorkOrder.CLOCK_RUNS.stream()
        .map(RequestStatus::name)
        .toList();
    private static final Document FACTS = fields("trackingNumber", "title", "channel", "category",
            "location.community", "urgency", "acceptedAt", "status", "department", "deadlines", "satisfaction",
            "supervision.level", "timeline.type", "timeline.at", "timeline.department", "followUps");
    // the late orders, for their list: what it shows, not their timelines
    private static final Document LATE = fields("trackingNumber", "title", "channel", "category",
            "location.community", "urgency", "acceptedAt", "status", "department", "deadlines", "supervision.level",
            "followUps");
    // every open order, every 30 s for the gauges: the fields the backlog counts, not the timelines and texts
    private static final Document BACKLOG = fields("status", "department", "acceptedAt", "deadlines", "followUps");

    private final MongoTemplate mongo;

    MongoStatsReadModel(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void acceptedIn(ReportWindow window, Consumer<OrderFacts> sink) {
        stream(new Document("acceptedAt", within(window)), FACTS, sink);
    }

    /**
     * The orders late from before {@code now} ({@code lateFrom}, indexed), and those a department holds that an
     * earlier routing stored without it (none once the upgrade after a start, {@code EarlierOrdersUpgrade}, is done).
     */
    @Override
    public void pastADeadline(String department, Instant now, Consumer<OrderFacts> sink) {
        Document filter = late(now);
        if (department != null) {
            filter.append("department", department);
        }
        stream(filter, LATE, sink);
    }

    @Override
    public void pastADeadlineAcceptedIn(ReportWindow window, Instant now, Consumer<OrderFacts> sink) {
        stream(late(now).append("acceptedAt", within(window)), FACTS, sink);
    }

    private static Document within(ReportWindow window) {
        return new Document("$gte", Date.from(window.from())).append("$lt", Date.from(window.to()));
    }

    private static Document late(Instant now) {
        return new Document("$or", List.of(new Document("lateFrom", new Document("$lt", Date.from(now))),
                new Document("status", new Document("$in", WITH_DEPARTMENT)).append("lateFrom", null)));
    }

    @Override
    public void open(Consumer<OrderFacts> sink) {
        stream(new Document("status", new Document("$in", OPEN)), BACKLOG, sink);
    }

    private void stream(Document filter, Document projection, Consumer<OrderFacts> sink) {
        mongo.getCollection(COLLECTION)
            .withDocumentClass(RawBsonDocument.class)
            .find(filter)
            .projection(projection)
            .batchSize(BATCH)
            .forEach(order -> sink.accept(order.decode(OrderFactsDecoder.INSTANCE)));
    }

    private static Document fields(String... names) {
        Document projection = new Document();
        for (String name : names) {
            projection.append(name, 1);
        }
        return projection;
    }
}
