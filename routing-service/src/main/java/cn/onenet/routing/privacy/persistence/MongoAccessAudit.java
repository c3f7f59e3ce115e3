package cn.onenet.routing.privacy.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.onenet.routing.MongoPages;
import cn.onenet.routing.privacy.AccessAudit;
import cn.onenet.routing.privacy.PersonalDataAccess;
import com.mongodb.WriteConcern;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * {@code personal_data_access}: one document per clear read, inserted with majority write concern and never updated
 * or deleted by this service (no code path here does either). Indexed for the supervisor's questions: by order (id or
 * tracking number), by actor, by time.
 */
@Repository
class MongoAccessAudit implements AccessAudit {

    static final String COLLECTION = "personal_data_access";

    private final MongoTemplate mongo;

    MongoAccessAudit(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("orderId", Sort.Direction.ASC).on("at", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("actor", Sort.Direction.ASC).on("at", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("trackingNumber", Sort.Direction.ASC)
            .on("at", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("at", Sort.Direction.DESC));
    }

    @Override
    public void append(PersonalDataAccess access) {
        mongo.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY).insertOne(new Document("_id", access.id().toString())
            .append("at", Date.from(access.at()))
            .append("actor", access.actor())
            .append("clientId", access.clientId())
            .append("roles", access.roles())
            .append("department", access.department())
            .append("orderId", access.orderId().toString())
            .append("trackingNumber", access.trackingNumber())
            .append("fields", access.fields())
            .append("reason", access.reason())
            .append("correlationId", access.correlationId()));
    }

    @Override
    public Page find(Filter filter, Position after, int page, int size) {
        Criteria criteria = new Criteria();
        if (filter.orderId() != null) {
            criteria.and("orderId").is(filter.orderId().toString());
        }
        if (filter.trackingNumber() != null) {
            criteria.and("trackingNumber").is(filter.trackingNumber());
        }
        if (filter.actor() != null) {
            criteria.and("actor").is(filter.actor());
        }
        if (filter.from() != null || filter.to() != null) {
            Criteria at = criteria.and("at");
            if (filter.from() != null) {
                at.gte(Date.from(filter.from()));
            }
            if (filter.to() != null) {
                at.lt(Date.from(filter.to()));
            }
        }
        long total = mongo.count(Query.query(criteria), COLLECTION);
        Query query = Query.query(after == null ? criteria : new Criteria().andOperator(criteria, after(after)))
            .with(Sort.by(Sort.Order.desc("at"), Sort.Order.asc("_id")));
        List<PersonalDataAccess> found = MongoPages.pageAndOneMore(mongo, query, after != null, total, page, size,
                Document.class, COLLECTION).stream().map(MongoAccessAudit::toAccess).toList();
        List<PersonalDataAccess> content = found.size() > size ? found.subList(0, size) : found;
        return new Page(content, total, found.size() > size ? Position.of(content.get(size - 1)) : null);
    }

    /** The records after {@code position} in the audit's order (newest first, then by id). */
    private static Criteria after(Position position) {
        Date at = Date.from(position.at());
        return new Criteria().orOperator(where("at").lt(at),
                where("at").is(at).and("_id").gt(position.id().toString()));
    }

    private static PersonalDataAccess toAccess(Document d) {
        return new PersonalDataAccess(UUID.fromString(d.getString("_id")), d.getDate("at").toInstant(), d.getString("actor"),
                d.getString("clientId"), d.getList("roles", String.class), d.getString("department"),
                UUID.fromString(d.getString("orderId")), d.getString("trackingNumber"), d.getList("fields", String.class),
                d.getString("reason"), d.getString("correlationId"));
    }
}
