package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureProcessTests {

    @TempDir
    Path dir;

    /** The store as a process of its own: a SIGKILL ends it, and what it answered as durable is there after a restart. */
    @Test
    void aKilledStoreProcessKeepsWhatItAnsweredAsDurable() {
        int port = Ports.resolve(0, "document store");
        InfrastructureProcess store = InfrastructureProcess.store(dir.resolve("store").resolve("onenet.h2"), port, dir.resolve("logs"));
        String uri = "mongodb://127.0.0.1:" + port + "/onenet-routing?serverSelectionTimeoutMS=10000";
        try {
            store.start();
            assertThat(store.isAlive()).isTrue();
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> orders = client.getDatabase("onenet-routing").getCollection("work_orders")
                    .withWriteConcern(WriteConcern.MAJORITY);
                orders.insertOne(new Document("_id", "order-1").append("status", "DISPATCHED"));
            }

            store.kill();
            assertThat(store.isAlive()).isFalse();
            store.start();

            try (MongoClient client = MongoClients.create(uri)) {
                assertThat(client.getDatabase("onenet-routing").getCollection("work_orders")
                    .find(new Document("_id", "order-1")).first()).containsEntry("status", "DISPATCHED");
            }
        }
        finally {
            store.stop();
        }
        assertThat(store.isAlive()).isFalse();
        assertThat(store.logFile()).exists();
    }
}
