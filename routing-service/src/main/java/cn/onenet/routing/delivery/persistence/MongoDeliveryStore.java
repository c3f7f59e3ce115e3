package cn.onenet.routing.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.onenet.routing.MongoPages;
import cn.onenet.routing.MongoWrites;
import cn.onenet.routing.MongoWrites.UpdateOne;
import cn.onenet.routing.delivery.Delivery;
import cn.onenet.routing.delivery.DeliveryState;
import cn.onenet.routing.delivery.DeliveryStore;
import cn.onenet.routing.delivery.Target;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * {@code deliveries} (one document per event and target), {@code delivery_streams} (one per order and target
 * with a webhook: when its head is due, who holds it, and a generation bumped whenever work is added) and
 * {@code delivery_feeds} (one per target: the highest position handed out and who may give the next). Every write
 * is atomic per document — no transactions — so it runs the same on a replica set and on the embedded store; the
 * writes of the hot path (a batch of new deliveries, a block of feed positions) go in one round trip each.
 */
@Repository
class MongoDeliveryStore implements DeliveryStore {

    static final String DELIVERIES = "deliveries";
    static final String STREAMS = "delivery_streams";
    static final String FEEDS = "delivery_feeds";

    private final MongoTemplate mongo;

    MongoDeliveryStore(MongoTemplate mongo) {
        this.mongo = mongo;
        var deliveries = mongo.indexOps(DELIVERIES);
        deliveries.createIndex(new Index("target", Sort.Direction.ASC).on("orderId", Sort.Direction.ASC)
            .on("state", Sort.Direction.ASC).on("sequence", Sort.Direction.ASC));
        deliveries.createIndex(new Index("target", Sort.Direction.ASC).on("position", Sort.Direction.ASC));
        deliveries.createIndex(new Index("feedKey", Sort.Direction.ASC).unique().sparse());
        deliveries.createIndex(new Index("state", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
        deliveries.createIndex(new Index("target", Sort.Direction.ASC).on("state", Sort.Direction.ASC)
            .on("createdAt", Sort.Direction.DESC));
        deliveries.createIndex(new Index("position", Sort.Direction.ASC));
        mongo.indexOps(STREAMS).createIndex(new Index("target", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC));
    }

    @Override
    public boolean add(Delivery delivery) {
        try {
            mongo.insert(DeliveryDocument.of(delivery), DELIVERIES);
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    @Override
    public void addAll(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        try {
            mongo.insert(deliveries.stream().map(DeliveryDocument::of).toList(), DELIVERIES);
        }
        catch (DataIntegrityViolationException | BulkOperationException ex) {
            // some were there already (a redelivered record): one by one, keeping what is stored
            deliveries.forEach(this::add);
        }
    }

    @Override
    public void touchStream(Target target, UUID orderId, Instant now) {
        Update update = new Update().setOnInsert("target", target.toString())
            .setOnInsert("orderId", orderId.toString())
            .inc("generation", 1L)
            .min("dueAt", now)
            .set("updatedAt", now);
        Query query = Query.query(where("_id").is(streamId(target, orderId)));
        try {
            mongo.upsert(query, update, STREAMS);
        }
        catch (DuplicateKeyException ex) {
            // two first touches at once: the other one inserted it, this one updates it
            mongo.upsert(query, update, STREAMS);
        }
    }

    @Override
    public Optional<StreamClaim> claimStream(Target target, String owner, Instant now, Duration lease) {
        Query query = Query.query(where("target").is(target.toString()).and("dueAt").lte(now)
            .orOperator(where("leaseUntil").isNull(), where("leaseUntil").lt(now)))
            .with(Sort.by("dueAt"));
        Document claimed = mongo.findAndModify(query,
                new Update().set("leaseUntil", now.plus(lease)).set("leaseOwner", owner),
                FindAndModifyOptions.options().returnNew(true), Document.class, STREAMS);
        if (claimed == null) {
            return Optional.empty();
        }
        return Optional.of(new StreamClaim(target, UUID.fromString(claimed.getString("orderId")),
                ((Number) claimed.get("generation")).longValue()));
    }

    @Override
    public Optional<Delivery> head(Target target, UUID orderId) {
        Query query = Query.query(where("target").is(target.toString()).and("orderId").is(orderId.toString())
            .and("state").is(DeliveryState.PENDING))
            .with(Sort.by("sequence"))
            .limit(1);
        return Optional.ofNullable(mongo.findOne(query, DeliveryDocument.class, DELIVERIES)).map(DeliveryDocument::toDelivery);
    }

    @Override
    public void releaseStream(StreamClaim claim, String owner, Instant dueAt, Instant now) {
        String id = streamId(claim.target(), claim.orderId());
        Update release = new Update().unset("leaseUntil").unset("leaseOwner").set("updatedAt", now);
        if (dueAt == null) {
            release.unset("dueAt");
        }
        else {
            release.set("dueAt", dueAt);
        }
        var released = mongo.updateFirst(Query.query(where("_id").is(id).and("leaseOwner").is(owner)
            .and("generation").is(claim.generation())), release, STREAMS);
        if (released.getMatchedCount() == 0) {
            // work was added while it was held (or the lease was lost): due at once, whoever claims it next sees all
            mongo.updateFirst(Query.query(where("_id").is(id).and("leaseOwner").is(owner)),
                    new Update().unset("leaseUntil").unset("leaseOwner").set("dueAt", now).set("updatedAt", now), STREAMS);
        }
    }

    @Override
    public boolean markDelivered(String id, int attempts, Instant at) {
        return mongo.updateFirst(pending(id), new Update().set("state", DeliveryState.DELIVERED).set("attempts", attempts)
            .set("lastAttemptAt", at).set("deliveredAt", at).unset("nextAttemptAt"), DELIVERIES).getModifiedCount() > 0;
    }

    @Override
    public boolean markFailed(String id, int attempts, String error, Instant at, Instant nextAttemptAt) {
        return mongo.updateFirst(pending(id), new Update().set("attempts", attempts).set("lastError", error)
            .set("lastAttemptAt", at).set("nextAttemptAt", nextAttemptAt), DELIVERIES).getModifiedCount() > 0;
    }

    @Override
    public boolean markParked(String id, int attempts, String error, Instant at) {
        return mongo.updateFirst(pending(id), new Update().set("state", DeliveryState.PARKED).set("attempts", attempts)
            .set("lastError", error).set("lastAttemptAt", at).set("parkedAt", at).unset("nextAttemptAt"), DELIVERIES)
            .getModifiedCount() > 0;
    }

    @Override
    public Optional<Delivery> requeue(String id, Instant now) {
        DeliveryDocument requeued = mongo.findAndModify(
                Query.query(where("_id").is(id).and("state").is(DeliveryState.PARKED)),
                new Update().set("state", DeliveryState.PENDING).set("attempts", 0).set("nextAttemptAt", now)
                    .unset("parkedAt"),
                FindAndModifyOptions.options().returnNew(true), DeliveryDocument.class, DELIVERIES);
        return Optional.ofNullable(requeued).map(DeliveryDocument::toDelivery);
    }

    @Override
    public List<Delivery> waiting(Target target, UUID orderId, long upToSequence, Instant now, int limit) {
        Criteria criteria = where("target").is(target.toString()).and("state").is(DeliveryState.PENDING)
            .and("nextAttemptAt").gt(now);
        if (orderId != null) {
            criteria.and("orderId").is(orderId.toString()).and("sequence").lte(upToSequence);
        }
        Query query = Query.query(criteria).with(Sort.by("orderId", "sequence")).limit(limit);
        query.fields().exclude("payload");
        return mongo.find(query, DeliveryDocument.class, DELIVERIES).stream()
            .map(DeliveryDocument::toDelivery)
            .toList();
    }

    @Override
    public boolean hurry(String id, Instant now) {
        return mongo.updateFirst(Query.query(where("_id").is(id).and("state").is(DeliveryState.PENDING)
            .and("nextAttemptAt").gt(now)), new Update().set("nextAttemptAt", now), DELIVERIES).getModifiedCount() > 0;
    }

    @Override
    public List<Delivery> parked(Target target, int limit) {
        Query query = Query.query(where("target").is(target.toString()).and("state").is(DeliveryState.PARKED))
            .with(Sort.by("orderId", "sequence"))
            .limit(limit);
        query.fields().exclude("payload");
        return mongo.find(query, DeliveryDocument.class, DELIVERIES).stream().map(DeliveryDocument::toDelivery).toList();
    }

    @Override
    public Optional<Delivery> find(String id) {
        return Optional.ofNullable(mongo.findById(id, DeliveryDocument.class, DELIVERIES)).map(DeliveryDocument::toDelivery);
    }

    @Override
    public Page search(DeliveryState state, Target target, Position after, int page, int size) {
        Criteria criteria = new Criteria();
        if (state != null) {
            criteria.and("state").is(state);
        }
        if (target != null) {
            criteria.and("target").is(target.toString());
        }
        long total = mongo.count(Query.query(criteria), DELIVERIES);
        Query query = Query.query(after == null ? criteria : new Criteria().andOperator(criteria, after(after)));
        // the id last: one event's deliveries to several targets share the rest
        query.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("orderId"), Sort.Order.desc("sequence"),
                Sort.Order.asc("_id")));
        query.fields().exclude("payload");
        List<Delivery> found = MongoPages.pageAndOneMore(mongo, query, after != null, total, page, size,
                DeliveryDocument.class, DELIVERIES).stream().map(DeliveryDocument::toDelivery).toList();
        List<Delivery> content = found.size() > size ? found.subList(0, size) : found;
        return new Page(content, total, found.size() > size ? Position.of(content.get(size - 1)) : null);
    }

    /** The deliveries after {@code position} in the list's order (newest first, then order, sequence, id). */
    private static Criteria after(Position position) {
        String order = position.orderId().toString();
        return new Criteria().orOperator(
                where("createdAt").lt(position.createdAt()),
                where("createdAt").is(position.createdAt()).and("orderId").gt(order),
                where("createdAt").is(position.createdAt()).and("orderId").is(order).and("sequence")
                    .lt(position.sequence()),
                where("createdAt").is(position.createdAt()).and("orderId").is(order).and("sequence")
                    .is(position.sequence()).and("_id").gt(position.id()));
    }

    @Override
    public long count(DeliveryState state) {
        return mongo.count(Query.query(where("state").is(state)), DELIVERIES);
    }

    @Override
    public Map<Target, Long> claimFeeds(Map<Target, Integer> reserve, String holder, Instant now, Duration lease) {
        if (reserve.isEmpty()) {
            return Map.of();
        }
        Set<Target> found = new HashSet<>();
        Map<Target, Long> held = leaseFeeds(reserve, holder, now, lease, found);
        Map<Target, Integer> missing = new LinkedHashMap<>(reserve);
        missing.keySet().removeAll(found);
        if (!missing.isEmpty()) {
            // a target's first delivery: its feed is created, then leased like the others
            for (Target target : missing.keySet()) {
                try {
                    mongo.insert(new Document("_id", target.toString()).append("last", 0L), FEEDS);
                }
                catch (DuplicateKeyException ex) {
                    // created by another holder at the same moment
                }
            }
            held.putAll(leaseFeeds(missing, holder, now, lease, found));
        }
        return held;
    }

    /**
     * One bulk write leases the free feeds and moves their last position past the reservation (without waiting for
     * the disk: the positions' own durable write carries it along); one read tells which this holder has.
     */
    private Map<Target, Long> leaseFeeds(Map<Target, Integer> reserve, String holder, Instant now, Duration lease,
            Set<Target> found) {
        Map<String, Target> byId = new HashMap<>();
        List<UpdateOne> claims = new ArrayList<>(reserve.size());
        reserve.forEach((target, count) -> {
            byId.put(target.toString(), target);
            claims.add(new UpdateOne(Query.query(where("_id").is(target.toString())
                .orOperator(where("leaseUntil").isNull(), where("leaseUntil").lt(now))),
                    new Update().set("leaseUntil", now.plus(lease)).set("leaseOwner", holder).inc("last", (long) count)));
        });
        MongoWrites.leaseUpdates(mongo, FEEDS, claims);
        Query feeds = Query.query(where("_id").in(byId.keySet()));
        feeds.fields().include("last").include("leaseOwner");
        Map<Target, Long> held = new LinkedHashMap<>();
        for (Document feed : mongo.find(feeds, Document.class, FEEDS)) {
            Target target = byId.get(feed.getString("_id"));
            found.add(target);
            if (holder.equals(feed.getString("leaseOwner"))) {
                // nobody else moves a leased feed's last position: before this claim it was the reservation lower
                held.put(target, ((Number) feed.get("last")).longValue() - reserve.get(target));
            }
        }
        return held;
    }

    @Override
    public boolean reserveFeed(Target target, String holder, long upTo) {
        return MongoWrites.leaseUpdate(mongo, FEEDS, Query.query(where("_id").is(target.toString()).and("leaseOwner").is(holder)),
                new Update().max("last", upTo)) > 0;
    }

    @Override
    public List<Delivery> unpositioned(Target target, int limit) {
        Query query = Query.query(where("target").is(target.toString()).and("position").is(null))
            .with(Sort.by("createdAt", "sequence"))
            .limit(limit);
        query.fields().exclude("payload");
        return mongo.find(query, DeliveryDocument.class, DELIVERIES).stream().map(DeliveryDocument::toDelivery).toList();
    }

    /**
     * One bulk write, each update keyed by {@code _id} alone (so any store finds the document by its primary index):
     * {@code $min} sets position and key only where there is none yet, as positions handed out later are always
     * higher. A position taken already fails on the unique {@code feedKey}; the others still go in.
     */
    @Override
    public Set<Target> assignPositions(List<Positions> positions) {
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        List<Target> targetOf = new ArrayList<>();
        for (Positions block : positions) {
            long position = block.first();
            for (String id : block.ids()) {
                updates.add(new UpdateOneModel<>(new Document("_id", id), new Document("$min",
                        new Document("position", position).append("feedKey", DeliveryDocument.feedKey(block.target(), position)))));
                targetOf.add(block.target());
                position++;
            }
        }
        if (updates.isEmpty()) {
            return Set.of();
        }
        try {
            mongo.getCollection(DELIVERIES).bulkWrite(updates, new BulkWriteOptions().ordered(false));
            return Set.of();
        }
        catch (MongoBulkWriteException ex) {
            if (ex.getWriteErrors().isEmpty()) {
                throw ex;
            }
            Set<Target> lost = new HashSet<>();
            ex.getWriteErrors().forEach(error -> lost.add(targetOf.get(error.getIndex())));
            return lost;
        }
    }

    @Override
    public void releaseFeeds(Collection<Target> targets, String holder) {
        if (targets.isEmpty()) {
            return;
        }
        MongoWrites.leaseUpdateMany(mongo, FEEDS, Query.query(where("_id").in(targets.stream().map(Target::toString).toList())
            .and("leaseOwner").is(holder)), new Update().unset("leaseUntil").unset("leaseOwner"));
    }

    @Override
    public List<Target> withUnpositioned(int limit) {
        return mongo.findDistinct(Query.query(where("position").is(null)), "target", DELIVERIES, String.class).stream()
            .limit(limit)
            .map(Target::parse)
            .toList();
    }

    @Override
    public List<Delivery> feed(Target target, long afterPosition, int limit) {
        Query query = Query.query(where("target").is(target.toString()).and("position").gt(afterPosition))
            .with(Sort.by("position"))
            .limit(limit);
        return mongo.find(query, DeliveryDocument.class, DELIVERIES).stream().map(DeliveryDocument::toDelivery).toList();
    }

    @Override
    public long feedHead(Target target) {
        Query query = Query.query(where("_id").is(target.toString()));
        query.fields().include("last");
        Document feed = mongo.findOne(query, Document.class, FEEDS);
        return feed == null ? 0 : ((Number) feed.get("last")).longValue();
    }

    @Override
    public long purge(Instant before) {
        long deliveries = mongo.remove(Query.query(where("state").in(DeliveryState.DELIVERED, DeliveryState.PULL_ONLY)
            .and("createdAt").lt(before)), DELIVERIES).getDeletedCount();
        mongo.remove(Query.query(where("dueAt").exists(false).and("leaseOwner").exists(false).and("updatedAt").lt(before)),
                STREAMS);
        return deliveries;
    }

    private static Query pending(String id) {
        return Query.query(where("_id").is(id).and("state").is(DeliveryState.PENDING));
    }

    private static String streamId(Target target, UUID orderId) {
        return target + "|" + orderId;
    }
}
