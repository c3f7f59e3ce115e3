package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    /**
     * A day's open orders decoded take several times their stored size. A store restarted after a soak held them all
     * for each query that asked for them (routing's duplicate index sorted by acceptance, a console list's total)
     * and ran out of heap, with the broker in the same JVM. Here the store has 384 MB, its page cache included, and
     * the orders (75 MB stored) would take some 600 MB decoded: every query over all of them still answers, and the
     * store stays up.
     */
    @Test
    void aStoreAnswersQueriesOverMoreDocumentsThanItsHeapHoldsDecoded() throws Exception {
        int port = Ports.resolve(0, "document store");
        InfrastructureProcess store = InfrastructureProcess.store(dir.resolve("big").resolve("onenet.h2"), port,
                dir.resolve("logs"), "384m", "-Donenet.store.slow-query-ms=0");
        String uri = "mongodb://127.0.0.1:" + port + "/onenet-routing?serverSelectionTimeoutMS=10000";
        int orders = 10_000;
        try {
            store.start();
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> workOrders = client.getDatabase("onenet-routing").getCollection("work_orders");
                workOrders.createIndex(new Document("status", 1));
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < orders; i++) {
                    List<Document> timeline = new ArrayList<>();
                    for (int step = 0; step < 150; step++) {
                        timeline.add(new Document("type", "NOTE").append("at", (long) step).append("department", "civil-affairs"));
                    }
                    batch.add(new Document("_id", String.format("order-%05d", i)).append("status", "DISPATCHED")
                        .append("acceptedAt", (long) (orders - i)).append("timeline", timeline));
                    if (batch.size() == 50) {
                        workOrders.insertMany(batch);
                        batch.clear();
                    }
                }
                assertThat(workOrders.estimatedDocumentCount()).as("stored").isEqualTo(orders);

                List<Long> accepted = new ArrayList<>();
                workOrders.find(new Document("status", "DISPATCHED")).sort(new Document("acceptedAt", 1))
                    .forEach(order -> accepted.add(order.getLong("acceptedAt")));
                long counted = workOrders.countDocuments(new Document("status", "DISPATCHED"));
                long all = 0;
                for (Document ignored : workOrders.find()) {
                    all++;
                }

                assertThat(accepted).hasSize(orders).isSorted().startsWith(1L, 2L);
                assertThat(counted).isEqualTo(orders);
                assertThat(all).isEqualTo(orders);
            }
            assertThat(store.isAlive()).isTrue();
            // every query counts as slow here: each is told to the log, with field names and no values
            assertThat(Files.readString(store.logFile())).contains("Slow query on onenet-routing.work_orders: "
                    + orders + " documents read, " + orders + " returned in ")
                .contains("(filter on status; sorted by acceptedAt)")
                .doesNotContain("DISPATCHED");
        }
        finally {
            store.stop();
        }
    }
}
