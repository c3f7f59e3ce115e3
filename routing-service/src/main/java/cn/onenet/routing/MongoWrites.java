package cn.onenet.routing;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import java.util.List;
import org.bson.Document;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * How durable each write is. Every write waits until a majority of the replica set has it on disk (write concern
 * {@code majority}; the embedded store then commits it to its file before answering): an order, a delivery, a
 * step of the lifecycle is never acknowledged — and its Kafka record never committed — before it would survive a
 * crash. Leases and the removal of published outbox entries are the exception ({@link #leaseUpdate},
 * {@link #leaseFindAndModify}, acknowledged by the primary alone): a crash that loses one costs a lease that runs
 * out or an event published twice, which consumers recognise, and the next durable write carries them along.
 */
@Configuration(proxyBeanMethods = false)
public class MongoWrites {

    @Bean
    MongoClientSettingsBuilderCustomizer durableWrites() {
        return settings -> settings.writeConcern(WriteConcern.MAJORITY);
    }

    /** A lease write answered without waiting for the disk; the matched count. */
    public static long leaseUpdate(MongoTemplate mongo, String collection, Query query, Update update) {
        return leases(mongo, collection).updateOne(query.getQueryObject(), update.getUpdateObject()).getMatchedCount();
    }

    /** A lease write of every match, answered without waiting for the disk; the matched count. */
    public static long leaseUpdateMany(MongoTemplate mongo, String collection, Query query, Update update) {
        return leases(mongo, collection).updateMany(query.getQueryObject(), update.getUpdateObject()).getMatchedCount();
    }

    /** An update of the first document {@code query} matches. */
    public record UpdateOne(Query query, Update update) {
    }

    /** Lease writes of one document each, sent in one round trip and answered without waiting for the disk. */
    public static long leaseUpdates(MongoTemplate mongo, String collection, List<UpdateOne> updates) {
        if (updates.isEmpty()) {
            return 0;
        }
        List<UpdateOneModel<Document>> writes = updates.stream()
            .map(write -> new UpdateOneModel<Document>(write.query().getQueryObject(), write.update().getUpdateObject()))
            .toList();
        return leases(mongo, collection).bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount();
    }

    /** A lease write answered without waiting for the disk; the document before or after it (the query's fields). */
    public static Document leaseFindAndModify(MongoTemplate mongo, String collection, Query query, Update update,
            boolean returnNew) {
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions()
            .returnDocument(returnNew ? ReturnDocument.AFTER : ReturnDocument.BEFORE);
        if (!query.getFieldsObject().isEmpty()) {
            options.projection(query.getFieldsObject());
        }
        return leases(mongo, collection).findOneAndUpdate(query.getQueryObject(), update.getUpdateObject(), options);
    }

    private static MongoCollection<Document> leases(MongoTemplate mongo, String collection) {
        return mongo.getCollection(collection).withWriteConcern(WriteConcern.W1);
    }
}
