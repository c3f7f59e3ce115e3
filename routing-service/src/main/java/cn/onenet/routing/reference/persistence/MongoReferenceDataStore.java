package cn.onenet.routing.reference.persistence;

import cn.onenet.routing.reference.Category;
import cn.onenet.routing.reference.Community;
import cn.onenet.routing.reference.Department;
import cn.onenet.routing.reference.ReferenceDataChange;
import cn.onenet.routing.reference.ReferenceDataStore;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** One collection per kind of reference data, each with a unique code. */
@Repository
class MongoReferenceDataStore implements ReferenceDataStore {

    static final String CATEGORIES = "categories";
    static final String DEPARTMENTS = "departments";
    static final String COMMUNITIES = "communities";
    static final String AUDIT = "reference_data_audit";

    private final MongoTemplate mongo;

    MongoReferenceDataStore(MongoTemplate mongo) {
        this.mongo = mongo;
        for (String collection : List.of(CATEGORIES, DEPARTMENTS, COMMUNITIES)) {
            mongo.indexOps(collection).createIndex(new Index("code", Sort.Direction.ASC).unique());
        }
    }

    @Override
    public List<Category> categories() {
        return mongo.findAll(Category.class, CATEGORIES);
    }

    @Override
    public List<Department> departments() {
        return mongo.findAll(Department.class, DEPARTMENTS);
    }

    @Override
    public List<Community> communities() {
        return mongo.findAll(Community.class, COMMUNITIES);
    }

    @Override
    public boolean isEmpty() {
        return mongo.count(new Query(), CATEGORIES) == 0;
    }

    @Override
    public void saveAll(List<Category> categories, List<Department> departments, List<Community> communities) {
        mongo.insert(departments, DEPARTMENTS);
        mongo.insert(communities, COMMUNITIES);
        mongo.insert(categories, CATEGORIES);
    }

    @Override
    public Optional<Department> put(Department department) {
        return replace(department.code(), department, Department.class, DEPARTMENTS);
    }

    @Override
    public Optional<Category> put(Category category) {
        return replace(category.code(), category, Category.class, CATEGORIES);
    }

    @Override
    public Optional<Community> put(Community community) {
        return replace(community.code(), community, Community.class, COMMUNITIES);
    }

    /** One atomic find-and-replace by code (added if absent); the entry's stored id is kept. */
    private <T> Optional<T> replace(String code, T entry, Class<T> type, String collection) {
        Document replacement = new Document();
        mongo.getConverter().write(entry, replacement);
        replacement.remove("_id");
        replacement.remove("_class");
        Document before = mongo.getCollection(collection).findOneAndReplace(Filters.eq("code", code), replacement,
                new FindOneAndReplaceOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        return Optional.ofNullable(before).map(document -> mongo.getConverter().read(type, document));
    }

    @Override
    public void audit(ReferenceDataChange change) {
        mongo.getCollection(AUDIT).insertOne(new Document("kind", change.kind()).append("code", change.code())
            .append("actor", change.actor()).append("at", Date.from(change.at()))
            .append("before", toDocument(change.before())).append("after", toDocument(change.after())));
    }

    @Override
    public List<ReferenceDataChange> auditTrail(String kind, String code, int limit) {
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "at")).limit(limit);
        if (kind != null) {
            query.addCriteria(Criteria.where("kind").is(kind));
        }
        if (code != null) {
            query.addCriteria(Criteria.where("code").is(code));
        }
        return mongo.find(query, Document.class, AUDIT).stream()
            .map(d -> new ReferenceDataChange(d.getString("kind"), d.getString("code"), d.getString("actor"),
                    d.getDate("at").toInstant(), withoutIds(d.get("before", Document.class)), withoutIds(d.get("after", Document.class))))
            .toList();
    }

    private Document toDocument(Object entry) {
        if (entry == null) {
            return null;
        }
        Document document = new Document();
        mongo.getConverter().write(entry, document);
        return withoutIds(document);
    }

    private static Document withoutIds(Document document) {
        if (document != null) {
            document.remove("_id");
            document.remove("_class");
        }
        return document;
    }

    @Override
    public void setGrids(String communityCode, List<Community.Grid> grids) {
        mongo.updateFirst(Query.query(Criteria.where("code").is(communityCode)), Update.update("grids", grids), COMMUNITIES);
    }
}
