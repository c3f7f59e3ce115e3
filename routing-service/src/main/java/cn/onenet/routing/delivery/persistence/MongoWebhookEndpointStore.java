package cn.onenet.routing.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.onenet.routing.delivery.Target;
import cn.onenet.routing.delivery.WebhookEndpoint;
import cn.onenet.routing.delivery.WebhookEndpointStore;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * {@code webhook_endpoints}, keyed by target. The secret is stored as given: signing needs it (an HMAC key can't
 * be kept as a hash), so the collection is as sensitive as the database credentials.
 */
@Repository
class MongoWebhookEndpointStore implements WebhookEndpointStore {

    static final String COLLECTION = "webhook_endpoints";

    private final MongoTemplate mongo;

    MongoWebhookEndpointStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record EndpointDocument(@Id String id, String url, String secret, boolean enabled, Instant createdAt,
            Instant updatedAt) {

        WebhookEndpoint toEndpoint() {
            return new WebhookEndpoint(Target.parse(id), URI.create(url), secret, enabled, createdAt, updatedAt);
        }
    }

    @Override
    public boolean save(WebhookEndpoint endpoint) {
        var result = mongo.upsert(byId(endpoint.target()), new Update().set("url", endpoint.url().toString())
            .set("secret", endpoint.secret())
            .set("enabled", endpoint.enabled())
            .set("updatedAt", endpoint.updatedAt())
            .setOnInsert("createdAt", endpoint.createdAt()), COLLECTION);
        return result.getUpsertedId() != null;
    }

    @Override
    public Optional<WebhookEndpoint> find(Target target) {
        return Optional.ofNullable(mongo.findOne(byId(target), EndpointDocument.class, COLLECTION))
            .map(EndpointDocument::toEndpoint);
    }

    @Override
    public List<WebhookEndpoint> findAll() {
        return mongo.findAll(EndpointDocument.class, COLLECTION).stream().map(EndpointDocument::toEndpoint).toList();
    }

    @Override
    public boolean delete(Target target) {
        return mongo.remove(byId(target), COLLECTION).getDeletedCount() > 0;
    }

    private static Query byId(Target target) {
        return Query.query(where("_id").is(target.toString()));
    }
}
