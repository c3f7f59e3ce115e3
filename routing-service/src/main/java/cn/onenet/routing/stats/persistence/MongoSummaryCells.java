package cn.onenet.routing.stats.persistence;

import cn.onenet.routing.stats.CellCounts;
import cn.onenet.routing.stats.CellLevel;
import cn.onenet.routing.stats.GroupBy;
import cn.onenet.routing.stats.SummaryCells;
import cn.onenet.routing.stats.Tally;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

/**
 * Summary cells in one collection a level ({@code stats_cells_minute}, {@code _hour}, {@code _day}), each cell a
 * document keyed by its start: {@code {_id, start, orders, groups: [{by, key, counts: [11 numbers]}]}}; the marks in
 * {@code stats_cell_marks} ({@code {_id: "MINUTE 2026-12-01T05:33:00Z", level, start, times}}); the lease and the
 * complete version in {@code stats_cells_state}. Order ids become minutes through the {@code _id} of
 * {@code work_orders} (read here, never written).
 */
@Repository
class MongoSummaryCells implements SummaryCells {

    static final String MARKS = "stats_cell_marks";
    static final String STATE = "stats_cells_state";
    private static final String LEASE = "lease";
    private static final String VERSION = "version";
    private static final int READ_BATCH = 500;
    private static final int MARK_BATCH = 1_000;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<CellLevel, String> collections = new EnumMap<>(CellLevel.class);

    MongoSummaryCells(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        for (CellLevel level : CellLevel.values()) {
            String collection = "stats_cells_" + level.name().toLowerCase(Locale.ROOT);
            collections.put(level, collection);
            mongo.indexOps(collection).createIndex(new Index("start", Sort.Direction.ASC));
        }
        mongo.indexOps(MARKS).createIndex(new Index("level", Sort.Direction.ASC).on("start", Sort.Direction.ASC));
    }

    @Override
    public void changed(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return;
        }
        List<String> ids = orderIds.stream().distinct().map(UUID::toString).toList();
        minutesOf(mongo.getCollection(MongoStatsReadModel.COLLECTION)
            .find(new Document("_id", new Document("$in", ids))))
            .forEach(minute -> mark(CellLevel.MINUTE, minute));
    }

    @Override
    public long markEveryOrder() {
        // a year's orders fall in some half a million minutes: marked a thousand to a request, not one by one
        List<Instant> all = new ArrayList<>(minutesOf(mongo.getCollection(MongoStatsReadModel.COLLECTION).find()
            .batchSize(MongoStatsReadModel.BATCH)));
        for (int from = 0; from < all.size(); from += MARK_BATCH) {
            List<Instant> batch = all.subList(from, Math.min(all.size(), from + MARK_BATCH));
            List<UpdateOneModel<Document>> upserts = batch.stream()
                .map(minute -> new UpdateOneModel<Document>(new Document("_id", markId(CellLevel.MINUTE, minute)),
                        markUpdate(CellLevel.MINUTE, minute), new UpdateOptions().upsert(true)))
                .toList();
            try {
                marks().bulkWrite(upserts, new BulkWriteOptions().ordered(false));
            }
            catch (MongoBulkWriteException ex) {
                // some marked by the lifecycle's listener at the same moment: mark the batch one by one
                batch.forEach(minute -> mark(CellLevel.MINUTE, minute));
            }
        }
        return all.size();
    }

    /** The minutes the orders {@code found} were accepted in, once each, in order. */
    private static TreeSet<Instant> minutesOf(FindIterable<Document> found) {
        TreeSet<Instant> minutes = new TreeSet<>();
        found.projection(new Document("acceptedAt", 1)).forEach(order -> {
            Date acceptedAt = order.getDate("acceptedAt");
            if (acceptedAt != null) {
                minutes.add(CellLevel.MINUTE.floor(acceptedAt.toInstant()));
            }
        });
        return minutes;
    }

    @Override
    public void mark(CellLevel level, Instant start) {
        Document filter = new Document("_id", markId(level, start));
        Document update = markUpdate(level, start);
        try {
            marks().updateOne(filter, update, new UpdateOptions().upsert(true));
        }
        catch (MongoWriteException ex) {
            if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw ex;
            }
            // marked by another at the same moment: the mark exists now
            marks().updateOne(filter, update);
        }
    }

    @Override
    public List<Mark> marked(CellLevel level, Instant after, int limit) {
        Document filter = new Document("level", level.name());
        if (after != null) {
            filter.append("start", new Document("$gt", Date.from(after)));
        }
        List<Mark> marks = new ArrayList<>();
        marks().find(filter).sort(new Document("start", 1)).limit(limit).forEach(mark -> marks.add(
                new Mark(level, mark.getDate("start").toInstant(), ((Number) mark.get("times")).longValue())));
        return marks;
    }

    @Override
    public long markedCount() {
        return marks().countDocuments();
    }

    @Override
    public boolean clear(Mark mark) {
        return marks().deleteOne(new Document("_id", markId(mark.level(), mark.start())).append("times", mark.times()))
            .getDeletedCount() == 1;
    }

    @Override
    public void write(CellLevel level, Instant start, CellCounts counts) {
        MongoCollection<Document> cells = mongo.getCollection(collections.get(level));
        Date at = Date.from(start);
        if (counts.orders() == 0) {
            cells.deleteOne(new Document("_id", at));
            return;
        }
        List<Document> groups = new ArrayList<>();
        for (GroupBy groupBy : GroupBy.values()) {
            counts.forEach(groupBy, (key, values) -> {
                List<Long> numbers = new ArrayList<>(values.length);
                for (long value : values) {
                    numbers.add(value);
                }
                groups.add(new Document("by", groupBy.name()).append("key", key).append("counts", numbers));
            });
        }
        Document cell = new Document("_id", at).append("start", at).append("orders", counts.orders())
            .append("groups", groups).append("countedAt", Date.from(clock.instant()));
        cells.replaceOne(new Document("_id", at), cell, new ReplaceOptions().upsert(true));
    }

    @Override
    public void read(CellLevel level, Instant from, Instant to, Consumer<CellCounts> sink) {
        mongo.getCollection(collections.get(level))
            .find(new Document("start", new Document("$gte", Date.from(from)).append("$lt", Date.from(to))))
            .batchSize(READ_BATCH)
            .forEach(stored -> sink.accept(counts(stored)));
    }

    private static CellCounts counts(Document stored) {
        CellCounts counts = new CellCounts();
        counts.addOrders(((Number) stored.get("orders")).longValue());
        for (Document group : stored.getList("groups", Document.class)) {
            List<?> numbers = group.getList("counts", Object.class);
            long[] values = new long[Tally.COUNTS];
            for (int i = 0; i < values.length && i < numbers.size(); i++) {
                values[i] = ((Number) numbers.get(i)).longValue();
            }
            counts.add(GroupBy.valueOf(group.getString("by")), group.getString("key"), values);
        }
        return counts;
    }

    @Override
    public boolean lease(String owner, Duration length) {
        Date now = Date.from(clock.instant());
        Document filter = new Document("_id", LEASE).append("$or", List.of(new Document("owner", owner),
                new Document("until", new Document("$lt", now))));
        Document update = new Document("$set", new Document("owner", owner)
            .append("until", Date.from(clock.instant().plus(length))));
        try {
            // matched (held by this owner, or run out) or inserted (never held): taken. A lease lost in a crash only
            // runs out: the primary's acknowledgement is enough
            state().withWriteConcern(WriteConcern.W1).updateOne(filter, update, new UpdateOptions().upsert(true));
            return true;
        }
        catch (MongoWriteException ex) {
            if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // held by another, not run out
            }
            throw ex;
        }
    }

    @Override
    public void release(String owner) {
        state().withWriteConcern(WriteConcern.W1).updateOne(new Document("_id", LEASE).append("owner", owner),
                new Document("$set", new Document("until", new Date(0))));
    }

    @Override
    public int completeVersion() {
        Document state = state().find(new Document("_id", VERSION)).first();
        return state == null ? 0 : ((Number) state.get("complete")).intValue();
    }

    @Override
    public void complete(int version) {
        state().updateOne(new Document("_id", VERSION), new Document("$set", new Document("complete", version)
            .append("at", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
    }

    private MongoCollection<Document> marks() {
        return mongo.getCollection(MARKS);
    }

    private MongoCollection<Document> state() {
        return mongo.getCollection(STATE);
    }

    private static Document markUpdate(CellLevel level, Instant start) {
        return new Document("$inc", new Document("times", 1L))
            .append("$setOnInsert", new Document("level", level.name()).append("start", Date.from(start)));
    }

    private static String markId(CellLevel level, Instant start) {
        return level.name() + " " + start;
    }
}
