package cn.onenet.routing.rules.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.onenet.routing.rules.RoutingRule;
import cn.onenet.routing.rules.RuleChange;
import cn.onenet.routing.rules.RuleStore;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** {@code routing_rules}, the append-only {@code routing_rule_audit} and a counter for rule order. */
@Repository
class MongoRuleStore implements RuleStore {

    static final String RULES = "routing_rules";
    static final String AUDIT = "routing_rule_audit";
    static final String COUNTERS = "counters";

    private final MongoTemplate mongo;

    MongoRuleStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public List<RoutingRule> findAll() {
        return mongo.findAll(RoutingRule.class, RULES);
    }

    @Override
    public Optional<RoutingRule> find(String id) {
        return Optional.ofNullable(mongo.findById(id, RoutingRule.class, RULES));
    }

    @Override
    public void insert(RoutingRule rule) {
        mongo.insert(rule, RULES);
    }

    @Override
    public boolean replace(long revision, RoutingRule after) {
        Document replacement = new Document();
        mongo.getConverter().write(after, replacement);
        return mongo.getCollection(RULES).replaceOne(at(after.id(), revision).getQueryObject(), replacement)
            .getMatchedCount() > 0;
    }

    @Override
    public boolean delete(String id, long revision) {
        return mongo.remove(at(id, revision), RULES).getDeletedCount() > 0;
    }

    /** The rule if it is still at {@code revision} (one stored before revisions were counted has none: 0). */
    private static Query at(String id, long revision) {
        Criteria version = revision == 0
                ? new Criteria().orOperator(where("revision").is(0L), where("revision").exists(false))
                : where("revision").is(revision);
        return Query.query(where("_id").is(id).andOperator(version));
    }

    @Override
    public long nextSequence() {
        Document counter = mongo.findAndModify(Query.query(where("_id").is("routing-rule")), new Update().inc("value", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COUNTERS);
        return ((Number) counter.get("value")).longValue();
    }

    @Override
    public void audit(RuleChange change) {
        mongo.insert(change, AUDIT);
    }

    /**
     * Newest first. One rule's changes are listed by the revision each replaced (changes made within the same
     * moment, or whose clocks were read out of turn, keep the order in which they were written); every rule's by time.
     */
    @Override
    public List<RuleChange> auditTrail(String ruleId, int limit) {
        Query query = ruleId == null ? new Query().with(Sort.by(Sort.Direction.DESC, "at"))
                : Query.query(where("ruleId").is(ruleId)).with(Sort.by(Sort.Direction.DESC, "before.revision", "at"));
        return mongo.find(query.limit(limit), RuleChange.class, AUDIT);
    }
}
