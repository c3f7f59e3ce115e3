package cn.onenet.routing.workorder.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.onenet.contracts.EventTypes;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.observability.StoredTraces;
import cn.onenet.platform.pii.PersonalData;
import cn.onenet.platform.web.CorrelationId;
import cn.onenet.routing.MongoPages;
import cn.onenet.routing.MongoWrites;
import cn.onenet.routing.workorder.ConcurrentChange;
import cn.onenet.routing.workorder.EscalationPolicy;
import cn.onenet.routing.workorder.OutboxStore;
import cn.onenet.routing.workorder.TimelineEntry;
import cn.onenet.routing.workorder.TimelineType;
import cn.onenet.routing.workorder.WorkOrder;
import cn.onenet.routing.workorder.WorkOrderStore;
import cn.onenet.routing.workorder.persistence.WorkOrderDocument.OutboxEntry;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Work orders in the {@code work_orders} collection. Every write is a single-document atomic operation — no
 * transactions needed, so it runs the same on a MongoDB replica set and on the embedded store.
 */
@Repository
class MongoWorkOrderStore implements WorkOrderStore, OutboxStore {

    private static final Logger log = LoggerFactory.getLogger(MongoWorkOrderStore.class);
    static final String COLLECTION = "work_orders";
    /** Which of the start's passes over orders an earlier routing stored have run through ({@code {_id: name, at}}). */
    static final String UPGRADES = "work_orders_upgrades";
    /** The lists' order: newest first, then by id, so that orders accepted in the same millisecond keep theirs. */
    private static final Sort LIST_ORDER = Sort.by(Sort.Direction.DESC, "acceptedAt").and(Sort.by(Sort.Direction.DESC,
            "_id"));
    /** The triage queue's groups, in its order: emergencies first, then urgent orders, then the rest. */
    private static final List<Urgency> QUEUE_GROUPS = List.of(Urgency.EMERGENCY, Urgency.URGENT, Urgency.NORMAL);
    /**
     * The queue's order in each group: oldest first, then by id, so that orders accepted in the same millisecond keep
     * theirs; the status index (LIST_ORDER's, newest first) read from its other end.
     */
    private static final Sort QUEUE_ORDER = Sort.by(Sort.Direction.ASC, "acceptedAt").and(Sort.by(Sort.Direction.ASC,
            "_id"));
    /** Rows of the duplicate index's load per round trip: small projected rows, a day's orders in a few dozen. */
    private static final int DUPLICATE_BATCH = 500;
    private static final Set<String> NOT_SET_ON_UPDATE = Set.of("_id", "version", "holds", "outbox", "pendingCount",
            "leaseUntil", "leaseOwner", "_class", "phoneHash", "escalateAt", "escalationPolicy");
    /**
     * The fields a change writes: every field of the order's state. One the state leaves empty is removed — a
     * returned order's department went on being stored (and listed as that department's) once it was left out.
     */
    private static final List<String> SET_ON_UPDATE = Arrays.stream(WorkOrderDocument.class.getRecordComponents())
        .map(component -> component.getName().equals("id") ? "_id" : component.getName())
        .filter(name -> !NOT_SET_ON_UPDATE.contains(name))
        .toList();
    private static final List<String> CLOCK_RUNS = WorkOrder.CLOCK_RUNS.stream().map(RequestStatus::name).toList();
    private static final Document LATE_FROM_FACTS = new Document("status", 1).append("deadlines", 1)
        .append("version", 1);
    private static final int UPGRADE_BATCH = 1000;
    /** The timeline entries that hand an order over to a department ({@link TimelineType#handsOver}), by name. */
    private static final List<String> HANDS_OVER = Arrays.stream(TimelineType.values())
        .filter(TimelineType::handsOver)
        .map(TimelineType::name)
        .toList();
    /** What the upgrades that read an earlier order's timeline need of it. */
    private static final Document TIMELINE_FACTS = new Document("timeline", 1).append("version", 1);
    /** The statuses in which no department holds an order (WorkOrder leaves the department empty). */
    private static final List<RequestStatus> WITHOUT_DEPARTMENT = List.of(RequestStatus.RETURNED,
            RequestStatus.REJECTED, RequestStatus.MERGED);

    private static final String EXTENSION_REQUESTED_UNTIL = "supervision.extensionRequestedUntil";

    private final MongoTemplate mongo;
    private final PersonalData personalData;
    private final EventCodec codec;
    private final EscalationPolicy escalation;
    private final StoredTraces traces;
    /**
     * Whether every order an earlier routing stored without {@code dispatchedTo} has been given it (this start's
     * {@link #recordDispatchedToOfEarlierOrders} has run through); until then a list by it reads their timelines too.
     */
    private volatile boolean dispatchedToOfEarlierOrdersRecorded;

    MongoWorkOrderStore(MongoTemplate mongo, EventCodec codec, PersonalData personalData, EscalationPolicy escalation,
            StoredTraces traces) {
        this.mongo = mongo;
        this.traces = traces;
        this.codec = codec;
        this.personalData = personalData;
        this.escalation = escalation;
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index("trackingNumber", Sort.Direction.ASC).unique());
        // the lists are newest first, then by id (LIST_ORDER): their indexes end so, and MongoDB sorts no page
        indexes.createIndex(inListOrder(new Index("status", Sort.Direction.ASC)));
        indexes.createIndex(new Index("department", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
        indexes.createIndex(inListOrder(new Index()));
        indexes.createIndex(new Index("pendingCount", Sort.Direction.ASC));
        indexes.createIndex(inListOrder(new Index("location.community", Sort.Direction.ASC)
            .on("category", Sort.Direction.ASC)));
        indexes.createIndex(new Index("mergedInto", Sort.Direction.ASC).sparse());
        indexes.createIndex(new Index("escalateAt", Sort.Direction.ASC).sparse());
        indexes.createIndex(new Index("status", Sort.Direction.ASC).on("escalationPolicy", Sort.Direction.ASC));
        // the late orders; and those stored before lateFrom was, until they change
        indexes.createIndex(new Index("lateFrom", Sort.Direction.ASC).sparse());
        indexes.createIndex(new Index("status", Sort.Direction.ASC).on("lateFrom", Sort.Direction.ASC));
        // the orders a summary row counts: a department's last hand-overs, newest first, in a window of acceptance
        // (a window alone reads the acceptedAt index)
        indexes.createIndex(inListOrder(new Index("dispatchedTo", Sort.Direction.ASC)));
        // a caller's history (an operator's search by phone) and a channel system's own orders, newest first: without
        // these each read every order (0.36 s at 57,000 orders, growing with them)
        indexes.createIndex(inListOrder(new Index("phoneHash", Sort.Direction.ASC)));
        indexes.createIndex(inListOrder(new Index("channel", Sort.Direction.ASC)));
        // a department's list: the orders it assists as well as those it leads
        indexes.createIndex(new Index("coDepartments", Sort.Direction.ASC));
        // the orders the requesters asked after (催办件): few of all
        indexes.createIndex(new Index("followUps", Sort.Direction.ASC).sparse());
        // the extension requests waiting for a supervisor: few orders at a time
        indexes.createIndex(new Index(EXTENSION_REQUESTED_UNTIL, Sort.Direction.ASC).sparse());
        // those an earlier routing made before the lists were ordered by id as well: the ones above replace them
        Set<String> made = indexes.getIndexInfo().stream().map(IndexInfo::getName).collect(Collectors.toSet());
        for (String earlier : List.of("status_1_acceptedAt_-1", "acceptedAt_-1",
                "location.community_1_category_1_acceptedAt_-1", "dispatchedTo_1_acceptedAt_-1",
                "phoneHash_1_acceptedAt_-1", "channel_1_acceptedAt_-1")) {
            if (made.contains(earlier)) {
                indexes.dropIndex(earlier);
            }
        }
    }

    /** {@code index} ending in the lists' order: newest first, then by id. */
    private static Index inListOrder(Index index) {
        return index.on("acceptedAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC);
    }

    /**
     * Orders returned, rejected or merged before a change removed the fields it emptied still name the department
     * that last held them: they no longer do. Answers how many were mended.
     */
    long forgetDepartmentsOfOrdersNoneHolds() {
        Query stale = Query.query(where("status").in(WITHOUT_DEPARTMENT).and("department").exists(true));
        long mended = mongo.updateMulti(stale, new Update().unset("department"), COLLECTION).getModifiedCount();
        if (mended > 0) {
            log.info("{} returned, rejected or merged orders no longer name the department that last held them",
                    mended);
        }
        return mended;
    }

    /**
     * Orders a department holds that an earlier routing stored without {@code lateFrom} get it, a thousand to a
     * request; one changed meanwhile (another version) has it from that change. Answers how many got it.
     */
    long recordLateFromOfEarlierOrders() {
        Document earlier = new Document("status", new Document("$in", CLOCK_RUNS)).append("lateFrom", null);
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        // read first, then written: the store's cursor does not walk documents changing under it
        mongo.getCollection(COLLECTION).find(earlier).projection(LATE_FROM_FACTS).batchSize(UPGRADE_BATCH)
            .forEach(order -> {
                Document deadlines = order.get("deadlines", Document.class);
                Instant lateFrom = deadlines == null ? null
                        : WorkOrder.lateFrom(RequestStatus.valueOf(order.getString("status")),
                                instant(deadlines.getDate("acknowledgeBy")), instant(deadlines.getDate("resolveBy")));
                if (lateFrom != null) {
                    updates.add(new UpdateOneModel<>(new Document("_id", order.get("_id"))
                        .append("version", order.get("version")).append("lateFrom", null),
                            new Document("$set", new Document("lateFrom", Date.from(lateFrom)))));
                }
            });
        return writeInBatches(updates, "when they are late from");
    }

    /**
     * Orders an earlier routing stored without {@code dispatchedTo} that were handed to a department get it, as
     * their timeline gives it, a thousand to a request; one changed meanwhile (another version) has it from that
     * change. Answers how many got it. Lists by {@code dispatchedTo} read the field alone once this has run through.
     */
    long recordDispatchedToOfEarlierOrders() {
        Document earlier = new Document("dispatchedTo", null)
            .append("timeline.type", new Document("$in", HANDS_OVER));
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        // read first, then written: the store's cursor does not walk documents changing under it
        mongo.getCollection(COLLECTION).find(earlier).projection(TIMELINE_FACTS).batchSize(UPGRADE_BATCH)
            .forEach(order -> {
                String dispatchedTo = dispatchedTo(order);
                if (dispatchedTo != null) {
                    updates.add(new UpdateOneModel<>(new Document("_id", order.get("_id"))
                        .append("version", order.get("version")).append("dispatchedTo", null),
                            new Document("$set", new Document("dispatchedTo", dispatchedTo))));
                }
            });
        long recorded = writeInBatches(updates, "the department each was last dispatched to");
        dispatchedToOfEarlierOrdersRecorded = true;
        return recorded;
    }

    /**
     * Orders an earlier routing stored without {@code followUps} that the requester asked after get it (the count of
     * their FOLLOWED_UP entries), so that the list of orders asked after finds them. Answers how many got it. Once
     * through, it says so in {@code work_orders_upgrades} and is not run again: every order written since has the
     * field, and the pass reads the timeline of every order never asked after.
     */
    long recordFollowUpsOfEarlierOrders() {
        MongoCollection<Document> upgrades = mongo.getCollection(UPGRADES);
        if (upgrades.find(new Document("_id", "followUps")).first() != null) {
            return 0;
        }
        Document earlier = new Document("followUps", null).append("timeline.type", TimelineType.FOLLOWED_UP.name());
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        // read first, then written: the store's cursor does not walk documents changing under it
        mongo.getCollection(COLLECTION).find(earlier).projection(TIMELINE_FACTS).batchSize(UPGRADE_BATCH)
            .forEach(order -> {
                updates.add(new UpdateOneModel<>(new Document("_id", order.get("_id"))
                    .append("version", order.get("version")).append("followUps", null),
                        new Document("$set", new Document("followUps", WorkOrder.followUps(timeline(order))))));
            });
        long recorded = writeInBatches(updates, "how many times the requester asked after each");
        if (recorded == updates.size()) {
            // every one given it; one changed meanwhile (another version) has it from that change, and the next start
            // finds it no more
            upgrades.insertOne(new Document("_id", "followUps").append("at", new Date()));
        }
        return recorded;
    }

    /**
     * Applies an upgrade's updates of orders stored by an earlier routing, a thousand to a request, saying how far it
     * got ({@code what} was recorded); answers how many orders were changed.
     */
    private long writeInBatches(List<UpdateOneModel<Document>> updates, String what) {
        long recorded = 0;
        for (int from = 0; from < updates.size(); from += UPGRADE_BATCH) {
            var batch = updates.subList(from, Math.min(updates.size(), from + UPGRADE_BATCH));
            recorded += mongo.getCollection(COLLECTION).bulkWrite(batch, new BulkWriteOptions().ordered(false))
                .getModifiedCount();
            log.info("Recorded {}: {} of {} orders stored before routing recorded it", what, recorded, updates.size());
        }
        return recorded;
    }

    /** The department a stored order was last handed to, read from its timeline as {@link WorkOrder} reads it. */
    private static String dispatchedTo(Document order) {
        return WorkOrder.dispatchedTo(timeline(order));
    }

    /** The types and departments of a stored order's timeline entries, as {@link WorkOrder}'s readings take them. */
    private static List<TimelineEntry> timeline(Document order) {
        List<Document> timeline = order.getList("timeline", Document.class);
        if (timeline == null) {
            return List.of();
        }
        return timeline.stream()
            .filter(entry -> entry.getString("type") != null)
            .map(entry -> new TimelineEntry(0, TimelineType.valueOf(entry.getString("type")), null, null,
                    entry.getString("department"), null))
            .toList();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    @Override
    public Optional<List<PendingEvent>> insert(WorkOrder order, Lease lease) {
        WorkOrder.State state = sealed(order.state());
        List<OutboxEntry> entries = outboxEntries(order);
        WorkOrderDocument document = WorkOrderDocument.of(state, entries,
                state.requester() == null ? null : personalData.lookupHash(state.requester().phone()),
                order.nextEscalationAt(escalation), escalation.fingerprint());
        try {
            mongo.insert(held(WorkOrderWriter.toDocument(document), lease), COLLECTION);
        }
        catch (DuplicateKeyException ex) {
            if (mongo.exists(Query.query(where("_id").is(state.id().toString())), COLLECTION)) {
                return Optional.empty();
            }
            // another request's number collided (p ~ 1e-9 per pair): keep the order, give it a distinct number
            String alternative = state.trackingNumber() + "-" + state.id().toString().substring(0, 4);
            log.warn("Tracking number {} is taken; order {} gets {}", state.trackingNumber(), state.id(), alternative);
            mongo.insert(held(WorkOrderWriter.toDocument(document.withTrackingNumber(alternative)), lease), COLLECTION);
        }
        return Optional.of(entries.stream().map(MongoWorkOrderStore::pendingEvent).toList());
    }

    /** The new order's document with its events held under {@code lease}, if any, as a claim would hold them. */
    private static Document held(Document order, Lease lease) {
        if (lease != null && order.getInteger("pendingCount", 0) > 0) {
            order.put("leaseUntil", Date.from(lease.until()));
            order.put("leaseOwner", lease.token());
        }
        return order;
    }

    @Override
    public Optional<WorkOrder> find(UUID id) {
        return Optional.ofNullable(mongo.findById(id.toString(), WorkOrderDocument.class, COLLECTION))
            .map(document -> WorkOrder.restore(document.toState()));
    }

    @Override
    public Optional<WorkOrder> findByTrackingNumber(String trackingNumber) {
        return Optional.ofNullable(mongo.findOne(Query.query(where("trackingNumber").is(trackingNumber)),
                WorkOrderDocument.class, COLLECTION))
            .map(document -> WorkOrder.restore(document.toState()));
    }

    @Override
    public void update(WorkOrder order) {
        WorkOrder.State state = sealed(order.state());
        List<OutboxEntry> entries = outboxEntries(order);
        Document fields = WorkOrderWriter.toDocument(WorkOrderDocument.of(state, List.of()));
        Update update = new Update();
        for (String name : SET_ON_UPDATE) {
            Object value = fields.get(name);
            if (value == null) {
                update.unset(name);
            }
            else {
                update.set(name, value);
            }
        }
        if (!entries.isEmpty()) {
            update.push("outbox").each(entries.stream().map(WorkOrderWriter::outboxEntry).toArray());
            update.inc("pendingCount", entries.size());
        }
        scheduleEscalation(order, update);
        updateAsRead(state, update);
        order.stored();
    }

    @Override
    public void hold(WorkOrder.State order) {
        // the version moves on (a step written on the order as read before fails), the one callers see does not
        updateAsRead(order, new Update().inc("holds", 1));
    }

    /** Applies {@code update} and moves the version on, if the order is still at the version read. */
    private void updateAsRead(WorkOrder.State order, Update update) {
        var result = mongo.updateFirst(
                Query.query(where("_id").is(order.id().toString()).and("version").is(order.version())),
                update.inc("version", 1), COLLECTION);
        if (result.getMatchedCount() == 0) {
            throw new ConcurrentChange(order.id());
        }
    }

    @Override
    public Page search(Filter filter, Position after, int page, int size) {
        return search(filter, after, page, size, !dispatchedToOfEarlierOrdersRecorded);
    }

    /**
     * {@code earlierOrdersLeft}: orders an earlier routing stored without {@code dispatchedTo} may be left; those a
     * list by it matches are found by their timelines (and, in the list, by id), as the field would find them.
     */
    Page search(Filter filter, Position after, int page, int size, boolean earlierOrdersLeft) {
        Criteria criteria = new Criteria();
        if (filter.statuses().size() == 1) {
            criteria.and("status").is(filter.statuses().iterator().next());
        }
        else if (!filter.statuses().isEmpty()) {
            criteria.and("status").in(filter.statuses());
        }
        if (filter.department() != null) {
            criteria.and("department").is(filter.department());
        }
        if (filter.channel() != null) {
            criteria.and("channel").is(filter.channel());
        }
        if (filter.category() != null) {
            criteria.and("category").is(filter.category());
        }
        if (filter.community() != null) {
            criteria.and("location.community").is(filter.community());
        }
        if (filter.phone() != null) {
            criteria.and("phoneHash").is(personalData.lookupHash(filter.phone()));
        }
        if (filter.assignedTo() != null) {
            criteria.orOperator(where("department").is(filter.assignedTo()),
                    where("coDepartments").is(filter.assignedTo()));
        }
        if (filter.acceptedFrom() != null || filter.acceptedTo() != null) {
            Criteria accepted = criteria.and("acceptedAt");
            if (filter.acceptedFrom() != null) {
                accepted.gte(filter.acceptedFrom());
            }
            if (filter.acceptedTo() != null) {
                accepted.lt(filter.acceptedTo());
            }
        }
        if (filter.followedUp() != null) {
            // absent: never asked after (the field is left out at 0)
            criteria = Boolean.TRUE.equals(filter.followedUp()) ? criteria.and("followUps").gt(0)
                    : criteria.and("followUps").is(null);
        }
        if (filter.dispatchedTo() != null) {
            List<String> earlier = earlierOrdersLeft ? earlierOrdersDispatchedTo(filter) : List.of();
            if (earlier.isEmpty()) {
                criteria.and("dispatchedTo").is(filter.dispatchedTo());
            }
            else {
                criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                        where("dispatchedTo").is(filter.dispatchedTo()), where("_id").in(earlier)));
            }
        }
        else if (filter.dispatched() != null) {
            criteria = handedOver(criteria, filter.dispatched(), earlierOrdersLeft);
        }
        return listPage(criteria, after, page, size);
    }

    /**
     * A page of the orders {@code criteria} matches in the lists' order (LIST_ORDER): page {@code page}, or the
     * {@code size} after {@code after}; how many it matches, and where the next page starts if one follows.
     */
    private Page listPage(Criteria criteria, Position after, int page, int size) {
        long total = mongo.count(Query.query(criteria), COLLECTION);
        if (after != null) {
            // past the position: accepted before it, or at the same moment with a lower id; the bound on acceptedAt
            // at the top, where the embedded store walks its lookup from it
            criteria = where("acceptedAt").lte(after.acceptedAt()).andOperator(criteria, new Criteria().orOperator(
                    where("acceptedAt").lt(after.acceptedAt()), where("_id").lt(after.id().toString())));
        }
        Query query = Query.query(criteria).with(LIST_ORDER);
        query.fields().exclude("outbox");
        // one more than the page, to tell whether another follows it
        List<WorkOrder.State> found = MongoPages.pageAndOneMore(mongo, query, after != null, total, page, size,
                WorkOrderDocument.class, COLLECTION).stream()
            .map(WorkOrderDocument::toState)
            .toList();
        if (found.size() <= size) {
            return new Page(found, total);
        }
        List<WorkOrder.State> content = found.subList(0, size);
        WorkOrder.State last = content.get(size - 1);
        return new Page(content, total, new Position(last.acceptedAt(), last.id()));
    }

    /**
     * {@code criteria} and: the order was ever handed to a department ({@code handedOver}) or never. Orders an earlier
     * routing stored without {@code dispatchedTo} say it by their timelines until the start's pass has given it them.
     */
    private static Criteria handedOver(Criteria criteria, boolean handedOver, boolean earlierOrdersLeft) {
        if (!earlierOrdersLeft) {
            return handedOver ? criteria.and("dispatchedTo").ne(null) : criteria.and("dispatchedTo").is(null);
        }
        Criteria asked = handedOver
                ? new Criteria().orOperator(where("dispatchedTo").ne(null), where("timeline.type").in(HANDS_OVER))
                : where("dispatchedTo").is(null).and("timeline.type").nin(HANDS_OVER);
        return new Criteria().andOperator(criteria, asked);
    }

    /**
     * Ids of the orders stored without {@code dispatchedTo} (by an earlier routing, until the start's pass gives it
     * to them) whose timelines say they were last handed to the department asked for, in the window asked for.
     */
    private List<String> earlierOrdersDispatchedTo(Filter filter) {
        Document earlier = new Document("dispatchedTo", null).append("timeline", new Document("$elemMatch",
                new Document("type", new Document("$in", HANDS_OVER)).append("department", filter.dispatchedTo())));
        Document accepted = new Document();
        if (filter.acceptedFrom() != null) {
            accepted.append("$gte", Date.from(filter.acceptedFrom()));
        }
        if (filter.acceptedTo() != null) {
            accepted.append("$lt", Date.from(filter.acceptedTo()));
        }
        if (!accepted.isEmpty()) {
            earlier.append("acceptedAt", accepted);
        }
        List<String> ids = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(earlier).projection(new Document("timeline", 1))
            .batchSize(UPGRADE_BATCH)
            .forEach(order -> {
                if (filter.dispatchedTo().equals(dispatchedTo(order))) {
                    ids.add(order.getString("_id"));
                }
            });
        return ids;
    }

    private void scheduleEscalation(WorkOrder order, Update update) {
        Instant next = order.nextEscalationAt(escalation);
        if (next == null) {
            update.unset("escalateAt");
        }
        else {
            update.set("escalateAt", next);
        }
        update.set("escalationPolicy", escalation.fingerprint());
    }

    @Override
    public List<UUID> dueForEscalation(Instant now, UUID after, int limit) {
        Criteria due = where("escalateAt").lte(now);
        // stored before escalateAt existed, or under other escalation settings: looked at once, then scheduled
        Criteria unscheduled = where("status").in(WorkOrder.CLOCK_RUNS).and("escalationPolicy")
            .ne(escalation.fingerprint());
        Criteria criteria = new Criteria().orOperator(due, unscheduled);
        if (after != null) {
            criteria = new Criteria().andOperator(criteria, where("_id").gt(after.toString()));
        }
        Query query = Query.query(criteria).with(Sort.by("_id")).limit(limit);
        query.fields().include("_id");
        return mongo.find(query, Document.class, COLLECTION).stream()
            .map(document -> UUID.fromString(document.getString("_id")))
            .toList();
    }

    @Override
    public void rescheduleEscalation(WorkOrder order) {
        Update update = new Update();
        scheduleEscalation(order, update);
        mongo.updateFirst(Query.query(where("_id").is(order.id().toString()).and("version").is(order.version())),
                update, COLLECTION);
    }

    @Override
    public void openOrdersSince(Instant since, Consumer<DuplicateFacts> sink) {
        Query query = Query.query(where("acceptedAt").gte(since)
            .and("status").nin(RequestStatus.CLOSED, RequestStatus.REJECTED, RequestStatus.MERGED));
        query.fields().include("trackingNumber", "location.community", "category", "title", "description", "acceptedAt");
        // unsorted: the store reads each match once, as the batches are taken (a sort reads every one twice)
        query.cursorBatchSize(DUPLICATE_BATCH);
        try (Stream<Document> rows = mongo.stream(query, Document.class, COLLECTION)) {
            rows.map(MongoWorkOrderStore::duplicateFacts).forEach(sink);
        }
    }

    private static DuplicateFacts duplicateFacts(Document row) {
        Document location = row.get("location", Document.class);
        return new DuplicateFacts(UUID.fromString(row.getString("_id")), row.getString("trackingNumber"),
                location == null ? null : location.getString("community"), row.getString("category"),
                row.getString("title"), row.getString("description"), row.getDate("acceptedAt").toInstant());
    }

    @Override
    public List<UUID> mergedInto(UUID originalId) {
        Query query = Query.query(where("mergedInto").is(originalId.toString()));
        query.fields().include("_id");
        return mongo.find(query, Document.class, COLLECTION).stream()
            .map(document -> UUID.fromString(document.getString("_id")))
            .toList();
    }

    @Override
    public Page withDuplicateCandidates(int page, int size) {
        Criteria mergeable = where("topDuplicateScore").gt(0)
            .and("status").in(RequestStatus.TRIAGE, RequestStatus.RETURNED, RequestStatus.DISPATCHED);
        return listPage(mergeable, null, page, size);
    }

    @Override
    public Set<UUID> openAmong(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Query query = Query.query(where("_id").in(ids.stream().map(UUID::toString).distinct().toList())
            .and("status").nin(RequestStatus.CLOSED, RequestStatus.REJECTED, RequestStatus.MERGED));
        query.fields().include("_id");
        return mongo.find(query, Document.class, COLLECTION).stream()
            .map(document -> UUID.fromString(document.getString("_id")))
            .collect(Collectors.toSet());
    }

    /**
     * The moment of a request is kept on the timeline only, so the orders are sorted here rather than by the store:
     * few wait for a decision at any time (a supervisor's list to work through), all read through the index.
     */
    @Override
    public Page extensionRequests(int page, int size) {
        Query query = Query.query(where(EXTENSION_REQUESTED_UNTIL).ne(null).and("status").in(WorkOrder.EXTENDABLE));
        query.fields().exclude("outbox");
        // the longest-waiting request first (its moment read from each timeline once); an order without one on its
        // timeline (none known) first of all
        List<WorkOrder.State> waiting = mongo.find(query, WorkOrderDocument.class, COLLECTION).stream()
            .map(WorkOrderDocument::toState)
            .map(order -> Map.entry(order.latestExtensionRequest() == null ? Instant.MIN
                    : order.latestExtensionRequest().at(), order))
            .sorted(Map.Entry.<Instant, WorkOrder.State>comparingByKey()
                .thenComparing(entry -> entry.getValue().id()))
            .map(Map.Entry::getValue)
            .toList();
        long from = (long) page * size;
        return new Page(from >= waiting.size() ? List.of()
                : waiting.subList((int) from, (int) Math.min(waiting.size(), from + size)), waiting.size());
    }

    @Override
    public QueuePage queue(Set<RequestStatus> statuses, QueuePosition after, int page, int size) {
        // emergencies, then urgent orders, then the rest (normal, or stored without an urgency), each oldest first and
        // then by id (QUEUE_ORDER): one query per urgency, as urgency is stored by name (a sort by it would put URGENT
        // last); each read on the status index, walked from its oldest end
        List<WorkOrder.State> found = new ArrayList<>();
        long skip = after == null ? (long) page * size : 0;
        long total = 0;
        for (Urgency group : QUEUE_GROUPS) {
            Criteria criteria = where("status").in(statuses).andOperator(inQueueGroup(group));
            long count = mongo.count(Query.query(criteria), COLLECTION);
            total += count;
            // one more than the page, to tell whether another follows it
            int wanted = size + 1 - found.size();
            boolean passed = after != null && QUEUE_GROUPS.indexOf(group) < QUEUE_GROUPS.indexOf(after.group());
            if (wanted > 0 && !passed && skip < count) {
                if (after != null && group == after.group()) {
                    // past the position: accepted after it, or at the same moment with a higher id; the bound on
                    // acceptedAt at the top, where the embedded store walks its lookup from it
                    criteria = where("acceptedAt").gte(after.acceptedAt()).andOperator(criteria,
                            new Criteria().orOperator(where("acceptedAt").gt(after.acceptedAt()),
                                    where("_id").gt(after.id().toString())));
                }
                Query query = Query.query(criteria).with(QUEUE_ORDER);
                query.fields().exclude("outbox");
                mongo.find(query.skip(skip).limit(wanted), WorkOrderDocument.class, COLLECTION)
                    .forEach(document -> found.add(document.toState()));
            }
            skip = Math.max(0, skip - count);
        }
        if (found.size() <= size) {
            return new QueuePage(found, total, null);
        }
        List<WorkOrder.State> content = found.subList(0, size);
        WorkOrder.State last = content.get(size - 1);
        return new QueuePage(content, total, new QueuePosition(queueGroupOf(last.urgency()), last.acceptedAt(),
                last.id()));
    }

    /** The orders of the queue's {@code group}: NORMAL holds the rest, those stored without an urgency too. */
    private static Criteria inQueueGroup(Urgency group) {
        return group == Urgency.NORMAL ? where("urgency").nin(Urgency.EMERGENCY.name(), Urgency.URGENT.name())
                : where("urgency").is(group.name());
    }

    private static Urgency queueGroupOf(Urgency urgency) {
        return urgency == Urgency.EMERGENCY || urgency == Urgency.URGENT ? urgency : Urgency.NORMAL;
    }

    /** Two round trips whatever the number of orders: an update of all that are free, then a find of those held. */
    @Override
    public Map<UUID, List<PendingEvent>> claim(Collection<UUID> orderIds, String lease, Instant now, Duration duration) {
        List<String> ids = orderIds.stream().map(UUID::toString).distinct().toList();
        Query free = Query.query(where("_id").in(ids).and("pendingCount").gt(0)
            .orOperator(where("leaseUntil").isNull(), where("leaseUntil").lt(now)));
        Map<UUID, List<PendingEvent>> claimed = new LinkedHashMap<>();
        if (MongoWrites.leaseUpdateMany(mongo, COLLECTION, free,
                new Update().set("leaseUntil", now.plus(duration)).set("leaseOwner", lease)) == 0) {
            return claimed;
        }
        Query held = Query.query(where("_id").in(ids).and("leaseOwner").is(lease));
        // the relay needs the outboxes only: the rest of an order (timeline, texts) is neither sent nor mapped
        held.fields().include("outbox");
        for (Document order : mongo.find(held, Document.class, COLLECTION)) {
            claimed.put(UUID.fromString(order.getString("_id")), pendingEvents(order));
        }
        return claimed;
    }

    private static List<PendingEvent> pendingEvents(Document order) {
        List<Document> outbox = order.getList("outbox", Document.class);
        return outbox == null ? List.of() : outbox.stream()
            .map(entry -> new PendingEvent(entry.getString("eventId"), entry.getString("type"), entry.getString("key"),
                    entry.getString("payload").getBytes(StandardCharsets.UTF_8), entry.getString("correlationId"),
                    entry.getString("traceparent")))
            .toList();
    }

    private static PendingEvent pendingEvent(OutboxEntry entry) {
        return new PendingEvent(entry.eventId(), entry.type(), entry.key(), entry.payload().getBytes(StandardCharsets.UTF_8),
                entry.correlationId(), entry.traceparent());
    }

    /**
     * One round trip when each order's published events were all it had (the usual case): the releases are
     * conditional on that. Otherwise (events made meanwhile, or some not published) those left are released
     * without the condition and the orders still pending are read: two round trips more.
     */
    @Override
    public Set<UUID> release(Map<UUID, Published> published) {
        if (published.isEmpty()) {
            return Set.of();
        }
        // published events removed without waiting for the disk: lost in a crash, they are published again
        if (MongoWrites.leaseUpdates(mongo, COLLECTION, releases(published, true)) == published.size()) {
            return Set.of();
        }
        // a release above that matched took the lease with it, so this one matches only the orders it left
        MongoWrites.leaseUpdates(mongo, COLLECTION, releases(published, false));
        Query pending = Query.query(where("_id").in(published.keySet().stream().map(UUID::toString).toList())
            .and("pendingCount").gt(0));
        pending.fields().include("_id");
        Set<UUID> left = new LinkedHashSet<>();
        for (Document order : mongo.find(pending, Document.class, COLLECTION)) {
            left.add(UUID.fromString(order.getString("_id")));
        }
        return left;
    }

    /** Each order's release; {@code onlyIfNothingElse}: only if the published events were all it had pending. */
    private static List<MongoWrites.UpdateOne> releases(Map<UUID, Published> published, boolean onlyIfNothingElse) {
        List<MongoWrites.UpdateOne> releases = new ArrayList<>();
        published.forEach((orderId, sent) -> {
            List<String> eventIds = sent.eventIds();
            Criteria held = where("_id").is(orderId.toString()).and("leaseOwner").is(sent.lease());
            if (onlyIfNothingElse) {
                held = held.and("pendingCount").is(eventIds.size());
            }
            releases.add(new MongoWrites.UpdateOne(Query.query(held),
                    new Update().pull("outbox", Query.query(where("eventId").in(eventIds)).getQueryObject())
                        .inc("pendingCount", -eventIds.size())
                        .unset("leaseUntil")
                        .unset("leaseOwner")));
        });
        return releases;
    }

    @Override
    public List<UUID> withPendingEvents(Instant now, int limit) {
        Query query = Query.query(where("pendingCount").gt(0)
            .orOperator(where("leaseUntil").isNull(), where("leaseUntil").lt(now)));
        query.fields().include("_id");
        query.with(Sort.by("acceptedAt")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).stream()
            .map(document -> UUID.fromString(document.getString("_id")))
            .toList();
    }

    private List<OutboxEntry> outboxEntries(WorkOrder order) {
        String correlationId = CorrelationId.current();
        String traceparent = traces.current();
        return order.pendingEvents().stream()
            .map(event -> new OutboxEntry(event.eventId().toString(), EventTypes.nameOf(event.getClass()),
                    event.requestId().toString(), new String(codec.toJson(event), StandardCharsets.UTF_8),
                    correlationId, traceparent))
            .toList();
    }

    /**
     * The state as it is kept: the requester's phone and ID numbers, and the free text as submitted, sealed, whatever
     * the event carried.
     */
    private WorkOrder.State sealed(WorkOrder.State state) {
        Requester requester = state.requester();
        if ((requester == null || (sealedOrAbsent(requester.phone()) && sealedOrAbsent(requester.idNumber())))
                && sealedOrAbsent(state.titleSealed()) && sealedOrAbsent(state.descriptionSealed())) {
            return state;
        }
        return new WorkOrder.State(state.id(), state.trackingNumber(), state.channel(), state.externalId(), state.category(),
                state.title(), state.description(), state.urgency(), state.location(),
                requester == null ? null
                        : new Requester(requester.name(), personalData.seal(requester.phone()),
                                personalData.seal(requester.idNumber())),
                state.acceptedAt(), state.status(),
                state.department(), state.deadlines(), state.mergedInto(), state.satisfaction(), state.timeline(),
                state.version(), state.coDepartments(), state.returnedBy(), state.finalRuling(), state.supervision(),
                state.duplicates(), state.reportKeys(), personalData.seal(state.titleSealed()),
                personalData.seal(state.descriptionSealed()), state.holds());
    }

    private static boolean sealedOrAbsent(String value) {
        return value == null || PersonalData.isSealed(value);
    }
}
