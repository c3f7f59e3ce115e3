package cn.onenet.routing.reference.persistence;

import cn.onenet.routing.reference.Category;
import cn.onenet.routing.reference.Community;
import cn.onenet.routing.reference.Department;
import cn.onenet.routing.reference.ReferenceDataStore;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** One collection per kind of reference data, each with a unique code. */
@Repository
class MongoReferenceDataStore implements ReferenceDataStore {

    static final String CATEGORIES = "categories";
    static final String DEPARTMENTS = "departments";
    static final String COMMUNITIES = "communities";

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
    public void setGrids(String communityCode, List<Community.Grid> grids) {
        mongo.updateFirst(Query.query(Criteria.where("code").is(communityCode)), Update.update("grids", grids), COMMUNITIES);
    }
}
