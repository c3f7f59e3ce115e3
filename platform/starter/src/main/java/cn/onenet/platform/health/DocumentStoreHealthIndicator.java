package cn.onenet.platform.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Pings the document store with {@code {ping: 1}}, which real MongoDB and the embedded store both answer
 * (Boot's own indicator uses {@code hello}, which the embedded store lacks).
 */
public class DocumentStoreHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    public DocumentStoreHealthIndicator(MongoTemplate mongo) {
        super("Document store ping failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok"));
    }
}
