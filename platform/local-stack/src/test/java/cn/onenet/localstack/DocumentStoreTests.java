package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentStoreTests {

    @TempDir
    Path dir;

    @Test
    void fileStoreKeepsDocumentsAcrossRestart() {
        Path h2File = dir.resolve("store").resolve("onenet.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                requests(client).insertOne(new Document("_id", "MS-1").append("title", "独居老人需要助餐服务"));
            }
            store.stop();
            assertThat(store.isRunning()).isFalse();
            assertThat(h2File).isRegularFile();

            store.start();

            assertThat(store.isRunning()).isTrue();
            try (MongoClient client = client(store)) {
                Document found = requests(client).find(new Document("_id", "MS-1")).first();
                assertThat(found).isNotNull();
                assertThat(found.getString("title")).isEqualTo("独居老人需要助餐服务");
            }
        }
    }

    /**
     * A store killed right after it answered keeps every write it answered as durable (write concern majority, as
     * the services write): inserts, updates, findAndModify, deletes (as after a kill -9, nothing of what it held in
     * memory is written on the way down).
     */
    @Test
    void aCrashedStoreKeepsEveryWriteItAnsweredAsDurable() {
        Path h2File = dir.resolve("crash").resolve("onenet.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> durable = requests(client).withWriteConcern(WriteConcern.MAJORITY);
                durable.insertOne(new Document("_id", "MS-1").append("status", "RECEIVED"));
                durable.insertMany(List.of(new Document("_id", "MS-2"), new Document("_id", "MS-3")));
                durable.updateOne(new Document("_id", "MS-1"), new Document("$set", new Document("status", "DISPATCHED")));
                durable.findOneAndUpdate(new Document("_id", "MS-2"), new Document("$set", new Document("leased", true)));
                durable.deleteOne(new Document("_id", "MS-3"));
            }
            store.crash();
            assertThat(store.isRunning()).isFalse();

            store.start();

            try (MongoClient client = client(store)) {
                Document dispatched = requests(client).find(new Document("_id", "MS-1")).first();
                assertThat(dispatched).isNotNull();
                assertThat(dispatched.getString("status")).isEqualTo("DISPATCHED");
                Document leased = requests(client).find(new Document("_id", "MS-2")).first();
                assertThat(leased).isNotNull();
                assertThat(leased.getBoolean("leased")).isTrue();
                assertThat(requests(client).find(new Document("_id", "MS-3")).first()).isNull();
                assertThat(requests(client).countDocuments()).isEqualTo(2);
            }
        }
    }

    /**
     * A crash after a checkpoint (the file committed, the journal emptied) and after a change of the catalog: the
     * file's state and the journal's later writes together are what was answered, the new index still refuses
     * duplicates, and a collection created by its first write is there with its document.
     */
    @Test
    void aCrashKeepsTheCheckpointTheJournalAfterItAndTheCatalog() throws Exception {
        Path h2File = dir.resolve("checkpoint").resolve("onenet.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> durable = requests(client).withWriteConcern(WriteConcern.MAJORITY);
                durable.insertOne(new Document("_id", "MS-1").append("trackingNumber", "T-1").append("status", "RECEIVED"));
                durable.insertOne(new Document("_id", "MS-2").append("trackingNumber", "T-2").append("status", "RECEIVED"));
                Thread.sleep(2_500);
                durable.createIndex(new Document("trackingNumber", 1), new IndexOptions().unique(true));
                durable.updateOne(new Document("_id", "MS-1"), new Document("$set", new Document("status", "DISPATCHED")));
                durable.deleteOne(new Document("_id", "MS-2"));
                durable.insertOne(new Document("_id", "MS-3").append("trackingNumber", "T-3").append("status", "RECEIVED"));
                client.getDatabase("onenet-routing").getCollection("audit").withWriteConcern(WriteConcern.MAJORITY)
                        .insertOne(new Document("_id", "A-1").append("what", "转办"));
            }
            store.crash();

            store.start();

            try (MongoClient client = client(store)) {
                MongoCollection<Document> requests = requests(client);
                assertThat(requests.find(new Document("_id", "MS-1")).first().getString("status")).isEqualTo("DISPATCHED");
                assertThat(requests.find(new Document("_id", "MS-2")).first()).isNull();
                assertThat(requests.find(new Document("trackingNumber", "T-3")).first()).isNotNull();
                assertThatThrownBy(() -> requests.insertOne(new Document("_id", "MS-4").append("trackingNumber", "T-1")))
                        .isInstanceOf(MongoWriteException.class);
                assertThat(client.getDatabase("onenet-routing").getCollection("audit").find().first().getString("what"))
                        .isEqualTo("转办");
            }
        }
    }

    /**
     * Four writers updating the same documents, each durable write journaled while the others change them: every
     * write is answered, the store stays open, and every change is on file after a crash.
     */
    @Test
    void concurrentDurableUpdatesAllSurviveACrash() throws Exception {
        Path h2File = dir.resolve("busy").resolve("onenet.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            int writers = 4;
            int updatesEach = 150;
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client).withWriteConcern(WriteConcern.MAJORITY);
                for (int i = 0; i < 20; i++) {
                    orders.insertOne(new Document("_id", "MS-" + i).append("timeline", new java.util.ArrayList<>()));
                }
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
                List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    int w = writer;
                    done.add(pool.submit(() -> {
                        for (int n = 0; n < updatesEach; n++) {
                            orders.updateOne(new Document("_id", "MS-" + ((n + w) % 20)), new Document("$push",
                                    new Document("timeline", new Document("writer", w).append("n", n).append("note", "催办 " + n)))
                                        .append("$set", new Document("status", "S" + n)));
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> writer : done) {
                    writer.get();
                }
                pool.shutdown();
            }
            store.crash();
            store.start();
            try (MongoClient client = client(store)) {
                long entries = 0;
                for (Document order : requests(client).find()) {
                    entries += order.getList("timeline", Document.class).size();
                }
                assertThat(entries).isEqualTo((long) writers * updatesEach);
            }
        }
    }

    /**
     * A store under many durable writes keeps its file bounded: space of replaced pages is reused within seconds,
     * and chunks left mostly empty are rewritten. When it committed the file for every durable write, without that
     * housekeeping, the file grew by hundreds of megabytes a minute and each commit slowed down.
     */
    @Test
    void theFileStaysBoundedUnderManyDurableUpdates() throws Exception {
        Path h2File = dir.resolve("churn").resolve("onenet.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            String note = "居民反映小区路灯不亮，夜间出行不便，请尽快维修。".repeat(20);
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client).withWriteConcern(WriteConcern.MAJORITY);
                for (int i = 0; i < 200; i++) {
                    orders.insertOne(new Document("_id", "MS-" + i).append("note", note).append("version", 0));
                }
                for (int round = 1; round <= 20; round++) {
                    for (int i = 0; i < 200; i++) {
                        orders.updateOne(new Document("_id", "MS-" + i), new Document("$set", new Document("version", round)));
                    }
                    Thread.sleep(150);
                }
                assertThat(orders.countDocuments(new Document("version", 20))).isEqualTo(200);
            }
            Thread.sleep(3_000);

            // 200 documents of about 1.5 kB: well under a megabyte of live data, rewritten 4,000 times
            assertThat(java.nio.file.Files.size(h2File)).isLessThan(8L * 1024 * 1024);
            store.stop();
            store.start();
            try (MongoClient client = client(store)) {
                assertThat(requests(client).countDocuments(new Document("version", 20))).isEqualTo(200);
            }
        }
    }

    /**
     * Collection statistics report the BSON size of the documents stored, through inserts, updates that grow and
     * shrink a document, deletes and a restart (the file store counts it from the bytes it keeps).
     */
    @Test
    void collectionStatisticsReportTheSizeOfWhatIsStored() {
        Path h2File = dir.resolve("stats").resolve("onenet.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client);
                for (int i = 0; i < 30; i++) {
                    orders.insertOne(new Document("_id", "MS-" + i).append("title", "路灯不亮").append("version", 0));
                }
                orders.updateMany(new Document("version", 0),
                        new Document("$set", new Document("note", "居民反映夜间出行不便".repeat(5))));
                orders.updateMany(new Document("_id", new Document("$in", List.of("MS-1", "MS-2"))),
                        new Document("$unset", new Document("note", "")));
                orders.deleteMany(new Document("_id", new Document("$in", List.of("MS-3", "MS-4", "MS-5"))));

                assertThat(dataSize(client)).isEqualTo(bsonSize(orders)).isPositive();
            }
            store.stop();
            store.start();
            try (MongoClient client = client(store)) {
                assertThat(requests(client).countDocuments()).isEqualTo(27);
                assertThat(dataSize(client)).isEqualTo(bsonSize(requests(client)));
            }
        }
    }

    private static long dataSize(MongoClient client) {
        return ((Number) client.getDatabase("onenet-routing").runCommand(new Document("collStats", "requests")).get("size"))
                .longValue();
    }

    private static long bsonSize(MongoCollection<Document> collection) {
        long size = 0;
        for (org.bson.RawBsonDocument document : collection.withDocumentClass(org.bson.RawBsonDocument.class).find()) {
            size += document.getByteBuffer().remaining();
        }
        return size;
    }

    /**
     * A data file written by mongo-java-server's own H2 backend (documents Java-serialized, as every file before
     * this version) opens with its documents moved to the BSON map: found by id and by index, values as written,
     * and written again afterwards.
     */
    @Test
    void documentsOfAnOlderFileAreKeptWhenTheyMoveToBson() {
        Path h2File = dir.resolve("legacy").resolve("onenet.h2");
        h2File.getParent().toFile().mkdirs();
        de.bwaldvogel.mongo.MongoServer legacy = new de.bwaldvogel.mongo.MongoServer(
                new de.bwaldvogel.mongo.backend.h2.H2Backend(h2File.toString()));
        InetSocketAddress address = legacy.bind();
        java.time.Instant at = java.time.Instant.parse("2026-11-28T08:30:00Z");
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> orders = client.getDatabase("onenet-routing").getCollection("requests");
            orders.createIndex(new Document("trackingNumber", 1), new IndexOptions().unique(true));
            orders.insertOne(new Document("_id", "MS-1").append("trackingNumber", "00000000000000017")
                .append("title", "楼道堆物").append("acceptedAt", java.util.Date.from(at))
                .append("timeline", List.of(new Document("type", "RECEIVED").append("sequence", 1L)))
                .append("score", 0.75));
        }
        legacy.shutdownNow();

        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client);
                Document found = orders.find(new Document("_id", "MS-1")).first();
                assertThat(found).isNotNull();
                assertThat(found.getString("title")).isEqualTo("楼道堆物");
                assertThat(found.getDate("acceptedAt").toInstant()).isEqualTo(at);
                assertThat(found.getList("timeline", Document.class).get(0).getLong("sequence")).isEqualTo(1L);
                assertThat(found.getDouble("score")).isEqualTo(0.75);
                assertThat(orders.find(new Document("trackingNumber", "00000000000000017")).first()).isNotNull();
                assertThatThrownBy(() -> orders.insertOne(new Document("_id", "MS-2").append("trackingNumber", "00000000000000017")))
                    .isInstanceOf(MongoWriteException.class);
                orders.withWriteConcern(WriteConcern.MAJORITY).updateOne(new Document("_id", "MS-1"),
                        new Document("$set", new Document("status", "DISPATCHED")));
            }
            store.stop();
            store.start();
            try (MongoClient client = client(store)) {
                assertThat(requests(client).find(new Document("_id", "MS-1")).first().getString("status")).isEqualTo("DISPATCHED");
                assertThat(requests(client).countDocuments()).isEqualTo(1);
            }
        }
    }

    /**
     * Unique indexes (the _id index among them) keep every key and refuse a second one across a restart, and a data
     * file whose index maps were written before this version gets them filled from its documents when opened.
     */
    @Test
    void uniqueIndexesFindAndRefuseByValueAcrossRestartsAndAreRebuiltForOlderFiles() {
        Path h2File = dir.resolve("store").resolve("onenet.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client);
                orders.createIndex(new Document("trackingNumber", 1), new IndexOptions().unique(true));
                for (int i = 0; i < 300; i++) {
                    orders.insertOne(new Document("_id", java.util.UUID.nameUUIDFromBytes(("order-" + i).getBytes()).toString())
                        .append("trackingNumber", String.format("%017d", i * 7919L)).append("n", i));
                }
            }
            store.stop();
            // as a file from before: the index maps under their old name, so only the documents are left to rebuild them from
            try (org.h2.mvstore.MVStore raw = org.h2.mvstore.MVStore.open(h2File.toString())) {
                for (String name : List.copyOf(raw.getMapNames())) {
                    if (name.endsWith(IdIndexedBackends.INDEX_SUFFIX)) {
                        // opened with its key type: H2's default cannot read the keys of its root page
                        var index = raw.openMap(name, new org.h2.mvstore.MVMap.Builder<Object, Object>()
                            .keyType(new IdIndexedBackends.KeyOrder()));
                        raw.renameMap(index, name.substring(0, name.length() - IdIndexedBackends.INDEX_SUFFIX.length())
                            + IdIndexedBackends.LEGACY_INDEX_SUFFIX);
                    }
                }
            }
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client);
                for (int i = 0; i < 300; i += 37) {
                    String id = java.util.UUID.nameUUIDFromBytes(("order-" + i).getBytes()).toString();
                    assertThat(orders.find(new Document("_id", id)).first()).as("order %d by id", i).isNotNull();
                    assertThat(orders.find(new Document("trackingNumber", String.format("%017d", i * 7919L))).first())
                        .as("order %d by tracking number", i).isNotNull();
                }
                String taken = java.util.UUID.nameUUIDFromBytes("order-5".getBytes()).toString();
                assertThatThrownBy(() -> orders.insertOne(new Document("_id", taken)))
                    .isInstanceOf(MongoWriteException.class);
                assertThatThrownBy(() -> orders.insertOne(new Document("_id", "new").append("trackingNumber", String.format("%017d", 5 * 7919L))))
                    .isInstanceOf(MongoWriteException.class);
                assertThat(orders.countDocuments()).isEqualTo(300);
            }
            store.stop();
            try (org.h2.mvstore.MVStore raw = org.h2.mvstore.MVStore.open(h2File.toString())) {
                assertThat(raw.getMapNames()).as("the old index maps are gone")
                    .noneMatch(name -> name.endsWith(IdIndexedBackends.LEGACY_INDEX_SUFFIX))
                    .anyMatch(name -> name.endsWith(IdIndexedBackends.INDEX_SUFFIX));
            }
        }
    }

    /**
     * Optimistic concurrency and leases: a write pinned to an _id, or to a list of them, with further conditions, as
     * routing does it.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "file", "memory" })
    void writesPinnedToAnIdWithFurtherConditionsBehaveAsInMongoDb(String kind) {
        try (DocumentStore store = ofKind(kind, dir.resolve("pinned.h2"))) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client);
                for (int i = 0; i < 50; i++) {
                    orders.insertOne(new Document("_id", "order-" + i).append("version", 0L).append("status", "DISPATCHED"));
                }

                UpdateResult current = orders.updateOne(new Document("_id", "order-7").append("version", 0L),
                        new Document("$set", new Document("status", "ACKNOWLEDGED")).append("$inc", new Document("version", 1L)));
                UpdateResult stale = orders.updateOne(new Document("_id", "order-7").append("version", 0L),
                        new Document("$set", new Document("status", "RETURNED")));
                Document leased = orders.findOneAndUpdate(new Document("_id", "order-8").append("lease", null),
                        new Document("$set", new Document("lease", "relay-1")));
                Document leasedAgain = orders.findOneAndUpdate(new Document("_id", "order-8").append("lease", null),
                        new Document("$set", new Document("lease", "relay-2")));

                assertThat(current.getModifiedCount()).isEqualTo(1);
                assertThat(stale.getMatchedCount()).isZero();
                assertThat(orders.find(new Document("_id", "order-7")).first()).containsEntry("status", "ACKNOWLEDGED")
                    .containsEntry("version", 1L);
                assertThat(leased).isNotNull();
                assertThat(leasedAgain).isNull();
                assertThat(orders.find(new Document("_id", "order-8")).first()).containsEntry("lease", "relay-1");
                assertThat(orders.countDocuments(new Document("_id", "order-9").append("status", "DISPATCHED"))).isEqualTo(1);
                assertThat(orders.countDocuments(new Document("_id", "order-9").append("status", "CLOSED"))).isZero();
                assertThat(orders.countDocuments(new Document("_id", new Document("$in", List.of("order-1", "order-2")))
                    .append("status", "DISPATCHED"))).as("ids given as a list, with a further condition").isEqualTo(2);
                // a relay's batch lease: the free ones of some ids (one unknown, one given twice) taken, then read back
                UpdateResult batch = orders.updateMany(new Document("_id", new Document("$in",
                        List.of("order-8", "order-10", "order-11", "order-11", "order-404"))).append("lease", null),
                        new Document("$set", new Document("lease", "relay-3")));
                assertThat(batch.getMatchedCount()).isEqualTo(2);
                assertThat(orders.find(new Document("_id", new Document("$in", List.of("order-8", "order-10", "order-11")))
                        .append("lease", "relay-3")).map(order -> order.getString("_id")))
                    .containsExactlyInAnyOrder("order-10", "order-11");
                assertThat(orders.countDocuments(new Document("_id", new Document("$in", List.of()))
                    .append("status", "DISPATCHED"))).isZero();
                assertThat(orders.deleteOne(new Document("_id", "order-9").append("status", "CLOSED")).getDeletedCount()).isZero();
                assertThat(orders.deleteOne(new Document("_id", "order-9").append("status", "DISPATCHED")).getDeletedCount()).isOne();
            }
        }
    }

    /**
     * Queries on fields of an index that is not unique read only the documents with the value (FieldLookups): the
     * answers stay those of a full scan through inserts, updates that change the value, upserts, deletes, array
     * values, other types and, for the file, a restart.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "file", "memory" })
    void queriesOnIndexedFieldsAnswerAsAFullScanWouldThroughEveryKindOfWrite(String kind) {
        Path h2File = dir.resolve("lookups.h2");
        try (DocumentStore store = ofKind(kind, h2File)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> deliveries = client.getDatabase("onenet-routing").getCollection("deliveries");
                deliveries.createIndex(new Document("target", 1).append("orderId", 1).append("state", 1));
                deliveries.createIndex(new Document("tags", 1));
                for (int i = 0; i < 30; i++) {
                    deliveries.insertOne(new Document("_id", "d-" + i).append("target", "department:" + (i % 3))
                        .append("orderId", "order-" + (i / 3)).append("state", "PENDING").append("sequence", i)
                        .append("tags", List.of("t" + (i % 2), "all")));
                }
                // a number where a string is queried never matches, as in MongoDB
                deliveries.insertOne(new Document("_id", "d-number").append("target", 7).append("orderId", "order-0"));

                assertThat(ids(deliveries, new Document("target", "department:1").append("orderId", "order-0")))
                    .containsExactly("d-1");
                assertThat(ids(deliveries, new Document("orderId", "order-0"))).containsExactlyInAnyOrder("d-0", "d-1",
                    "d-2", "d-number");
                assertThat(ids(deliveries, new Document("tags", "t1").append("target", "department:0")))
                    .containsExactlyInAnyOrder("d-3", "d-9", "d-15", "d-21", "d-27");

                deliveries.updateOne(new Document("_id", "d-1"), new Document("$set", new Document("target", "department:2")));
                deliveries.updateMany(new Document("target", "department:0").append("orderId", "order-1"),
                    new Document("$set", new Document("state", "DELIVERED")));
                deliveries.updateOne(new Document("target", "department:9").append("orderId", "order-new"),
                    new Document("$set", new Document("state", "PENDING")), new com.mongodb.client.model.UpdateOptions().upsert(true));
                deliveries.deleteOne(new Document("_id", "d-2"));
                deliveries.updateOne(new Document("_id", "d-4"), new Document("$set", new Document("tags", List.of("moved"))));

                assertThat(ids(deliveries, new Document("target", "department:1").append("orderId", "order-0"))).isEmpty();
                assertThat(ids(deliveries, new Document("target", "department:2").append("orderId", "order-0")))
                    .containsExactly("d-1");
                assertThat(ids(deliveries, new Document("target", "department:0").append("orderId", "order-1")
                    .append("state", "PENDING"))).isEmpty();
                assertThat(ids(deliveries, new Document("target", "department:0").append("state", "DELIVERED")))
                    .containsExactly("d-3");
                assertThat(deliveries.countDocuments(new Document("target", "department:9"))).isOne();
                assertThat(ids(deliveries, new Document("tags", "moved"))).containsExactly("d-4");
                assertThat(ids(deliveries, new Document("tags", "t0").append("target", "department:1")))
                    .containsExactlyInAnyOrder("d-10", "d-16", "d-22", "d-28");
                // {field: null}: missing or null, never the string "null"
                deliveries.createIndex(new Document("position", 1));
                deliveries.updateMany(new Document("orderId", "order-5"), new Document("$set", new Document("position", 1L)));
                deliveries.updateOne(new Document("_id", "d-16"), new Document("$set", new Document("position", null)));
                deliveries.insertOne(new Document("_id", "d-text").append("target", "null").append("position", "null"));
                assertThat(ids(deliveries, new Document("position", null).append("orderId", "order-5")))
                    .containsExactly("d-16");
                assertThat(ids(deliveries, new Document("target", null))).isEmpty();
                assertThat(ids(deliveries, new Document("target", "null"))).containsExactly("d-text");
                assertThat(ids(deliveries, new Document("position", "null"))).containsExactly("d-text");
                deliveries.deleteOne(new Document("_id", "d-number"));
                assertThat(deliveries.distinct("target", new Document("position", null), String.class).into(new java.util.ArrayList<>()))
                    .containsExactlyInAnyOrder("department:0", "department:1", "department:2", "department:9");
                deliveries.updateMany(new Document("position", null), new Document("$set", new Document("position", 2L)));
                assertThat(deliveries.countDocuments(new Document("position", null))).isZero();
                assertThat(deliveries.distinct("target", new Document("position", null), String.class).first()).isNull();
                assertThat(deliveries.find(new Document("target", "department:0")).sort(new Document("sequence", -1))
                    .limit(2).map(document -> document.getString("_id")).into(new java.util.ArrayList<>()))
                    .as("sorted and limited as asked").containsExactly("d-27", "d-24");
            }
            if (kind.equals("file")) {
                store.stop();
                store.start();
                try (MongoClient client = client(store)) {
                    MongoCollection<Document> deliveries = client.getDatabase("onenet-routing").getCollection("deliveries");
                    assertThat(ids(deliveries, new Document("target", "department:2").append("orderId", "order-0")))
                        .containsExactly("d-1");
                    assertThat(ids(deliveries, new Document("orderId", "order-0"))).containsExactlyInAnyOrder("d-0", "d-1");
                    assertThat(ids(deliveries, new Document("position", null))).isEmpty();
                    assertThat(deliveries.countDocuments(new Document("position", 2L))).isEqualTo(28);
                }
            }
        }
    }

    /**
     * A page of a collection sorted on one indexed date (the console's latest orders, a department's) is found by
     * walking the date's lookup in order, not by sorting every document: the pages are those a full sort gives (the
     * same sort with the id as a second key, which still sorts), through ties, filters, skips, updates, removals, and
     * a document without a date (then the store sorts).
     */
    @Test
    void pagesSortedOnAnIndexedDateAreThoseAFullSortGives() {
        try (DocumentStore store = DocumentStore.file(dir.resolve("sorted.h2"), 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = client.getDatabase("onenet-routing").getCollection("work_orders");
                orders.createIndex(new Document("acceptedAt", -1));
                orders.createIndex(new Document("department", 1));
                java.util.Random random = new java.util.Random(7);
                List<Integer> numbers = new java.util.ArrayList<>(
                    java.util.stream.IntStream.range(0, 300).boxed().toList());
                java.util.Collections.shuffle(numbers, random);
                java.time.Instant day = java.time.Instant.parse("2026-12-01T00:00:00Z");
                for (int i : numbers) {
                    // four orders a minute: ties
                    orders.insertOne(new Document("_id", String.format("o-%03d", i)).append("department", "d" + (i % 3))
                        .append("acceptedAt", java.util.Date.from(day.plusSeconds(60L * (i / 4)))));
                }
                // a query on the date, as the statistics make: it builds the date's lookup, which a sort only uses
                assertThat(orders.countDocuments(new Document("acceptedAt",
                    new Document("$gte", java.util.Date.from(day.plusSeconds(3600)))))).isEqualTo(60);
                assertPagesAsSorted(orders);

                orders.updateOne(new Document("_id", "o-007"),
                    new Document("$set", new Document("acceptedAt", java.util.Date.from(day.plusSeconds(86_400)))));
                orders.deleteOne(new Document("_id", "o-299"));
                assertThat(orders.find().sort(new Document("acceptedAt", -1)).limit(2)
                    .map(document -> document.getString("_id")).into(new java.util.ArrayList<>()))
                    .containsExactly("o-007", "o-296");
                assertPagesAsSorted(orders);

                orders.insertOne(new Document("_id", "o-none").append("department", "d1"));
                assertPagesAsSorted(orders);
                assertThat(orders.find().sort(new Document("acceptedAt", -1)).skip(299).limit(5)
                    .map(document -> document.getString("_id")).into(new java.util.ArrayList<>()))
                    .as("no date sorts after every date, descending").containsExactly("o-none");
            }
        }
    }

    /**
     * A page sorted on an indexed date and then other fields (an admin's deliveries: newest first, then by order,
     * then latest sequence) walks the date's lookup too: the pages are those of a full sort on every field, through
     * ties on the date (whole minutes, a tie group across a page's end), filters and skips.
     */
    @Test
    void pagesSortedOnAnIndexedDateThenOtherFieldsAreThoseAFullSortGives() {
        try (DocumentStore store = DocumentStore.file(dir.resolve("sorted-then.h2"), 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> deliveries = client.getDatabase("onenet-routing").getCollection("deliveries");
                deliveries.createIndex(new Document("state", 1).append("createdAt", -1));
                java.util.Random random = new java.util.Random(11);
                java.time.Instant day = java.time.Instant.parse("2026-12-01T00:00:00Z");
                List<Document> all = new java.util.ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    all.add(new Document("_id", "d-" + i).append("state", i % 5 == 0 ? "PENDING" : "PULL_ONLY")
                        .append("createdAt", java.util.Date.from(day.plusSeconds(60L * random.nextInt(40))))
                        .append("orderId", "o-" + random.nextInt(30)).append("sequence", (long) random.nextInt(6)));
                }
                java.util.Collections.shuffle(all, random);
                all.forEach(deliveries::insertOne);
                // a query on the date builds its lookup, which a sort then walks
                assertThat(deliveries.countDocuments(new Document("createdAt",
                    new Document("$gte", java.util.Date.from(day))))).isEqualTo(400);
                Document sort = new Document("createdAt", -1).append("orderId", 1).append("sequence", -1);
                java.util.Comparator<Document> sorted = java.util.Comparator
                    .comparing((Document d) -> d.getDate("createdAt")).reversed()
                    .thenComparing(d -> d.getString("orderId"))
                    .thenComparing(d -> d.getLong("sequence"), java.util.Comparator.reverseOrder());
                for (Document filter : List.of(new Document(), new Document("state", "PULL_ONLY"))) {
                    List<Document> matching = all.stream()
                        .filter(d -> !filter.containsKey("state") || filter.get("state").equals(d.get("state")))
                        .sorted(sorted).toList();
                    for (int[] page : new int[][] { { 0, 20 }, { 20, 20 }, { 7, 13 }, { 300, 50 }, { 310, 200 } }) {
                        List<Object> expected = matching.stream().skip(page[0]).limit(page[1])
                            .map(d -> List.of(d.getDate("createdAt"), d.getString("orderId"), d.getLong("sequence")))
                            .map(Object.class::cast).toList();
                        assertThat(deliveries.find(filter).sort(sort).skip(page[0]).limit(page[1])
                            .map(d -> (Object) List.of(d.getDate("createdAt"), d.getString("orderId"),
                                d.getLong("sequence")))
                            .into(new java.util.ArrayList<>()))
                            .as("%s skip %d limit %d", filter.toJson(), page[0], page[1]).isEqualTo(expected);
                    }
                }
            }
        }
    }

    /**
     * A feed read after a position (a channel's system catching up: {@code {target, position > after}} sorted by
     * position, a page at a time) walks the positions' lookup from its bound and reads only the page's documents;
     * before, each page read every later entry of the target's feed (24,000 of a channel's: 1.1 s a page). The pages
     * are those a full sort gives, either way, and a document filed under two positions (an array) makes it sort.
     */
    @Test
    void aFeedPageAfterAPositionReadsOnlyThePagesDocuments() {
        ch.qos.logback.classic.Logger queries = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
            .getLogger(BsonH2Collection.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
            new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Level level = queries.getLevel();
        lines.start();
        queries.addAppender(lines);
        queries.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try (DocumentStore store = DocumentStore.file(dir.resolve("feed.h2"), 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> deliveries = client.getDatabase("onenet-routing").getCollection("deliveries");
                deliveries.createIndex(new Document("target", 1).append("position", 1));
                List<Document> all = new java.util.ArrayList<>();
                for (int i = 1; i <= 600; i++) {
                    for (String target : List.of("channel:HOTLINE", "channel:POLICE", "department:housing")) {
                        all.add(new Document("_id", target + "-" + i).append("target", target)
                            .append("position", (long) i));
                    }
                }
                for (int i = 0; i < 30; i++) {
                    all.add(new Document("_id", "unpositioned-" + i).append("target", "channel:HOTLINE")
                        .append("position", null));
                }
                java.util.Collections.shuffle(all, new java.util.Random(5));
                deliveries.insertMany(all);

                lines.list.clear();
                assertThat(positions(deliveries.find(feed(0)).sort(new Document("position", 1)).limit(20)))
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
                assertThat(documentsRead(lines)).as("the page's documents (checked, then answered), not the feed's 600")
                    .isLessThanOrEqualTo(40);
                assertThat(positions(deliveries.find(feed(580)).sort(new Document("position", 1)).limit(100)))
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(581, 600).boxed().toList());
                assertThat(positions(deliveries.find(new Document("target", "channel:POLICE")
                    .append("position", new Document("$lte", 300L))).sort(new Document("position", -1)).limit(3)))
                    .as("descending from an upper bound").containsExactly(300L, 299L, 298L);

                // an entry filed under two positions: the lookup can't order it, the store sorts (as MongoDB would)
                deliveries.insertOne(new Document("_id", "two").append("target", "channel:HOTLINE")
                    .append("position", List.of(2L, 700L)));
                List<String> sortedWhole = deliveries.find(feed(0)).sort(new Document("position", 1))
                    .map(document -> document.getString("_id")).into(new java.util.ArrayList<>());
                lines.list.clear();
                assertThat(deliveries.find(feed(0)).sort(new Document("position", 1)).limit(3)
                    .map(document -> document.getString("_id")).into(new java.util.ArrayList<>()))
                    .isEqualTo(sortedWhole.subList(0, 3)).contains("channel:HOTLINE-1");
                assertThat(documentsRead(lines)).as("every candidate, sorted").isGreaterThan(600);
            }
        }
        finally {
            queries.detachAppender(lines);
            queries.setLevel(level);
        }
    }

    private static Document feed(long after) {
        return new Document("target", "channel:HOTLINE").append("position", new Document("$gt", after));
    }

    private static List<Long> positions(com.mongodb.client.FindIterable<Document> found) {
        return found.map(document -> document.getLong("position")).into(new java.util.ArrayList<>());
    }

    /** Documents the last query read, as the store's debug line about it says. */
    private static int documentsRead(
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines) {
        String line = lines.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
            .filter(message -> message.startsWith("Query on onenet-routing.deliveries")).reduce((a, b) -> b)
            .orElseThrow();
        return Integer.parseInt(line.replaceAll(".*: (\\d+) documents read.*", "$1"));
    }

    private static void assertPagesAsSorted(MongoCollection<Document> orders) {
        for (Document filter : List.of(new Document(), new Document("department", "d1"),
                new Document("department", new Document("$in", List.of("d0", "d2"))))) {
            for (int direction : new int[] { -1, 1 }) {
                for (int[] page : new int[][] { { 0, 20 }, { 20, 20 }, { 190, 50 }, { 290, 20 }, { 0, 1000 } }) {
                    assertThat(page(orders, filter, new Document("acceptedAt", direction), page))
                        .as("%s sorted %d, skip %d limit %d", filter.toJson(), direction, page[0], page[1])
                        .isEqualTo(page(orders, filter, new Document("acceptedAt", direction).append("_id", 1), page));
                }
            }
        }
    }

    private static List<String> page(MongoCollection<Document> orders, Document filter, Document sort, int[] page) {
        return orders.find(filter).sort(sort).skip(page[0]).limit(page[1]).map(document -> document.getString("_id"))
            .into(new java.util.ArrayList<>());
    }

    /**
     * The lookups a collection had are noted in the file and built again, in one pass, when the store opens: the
     * first queries after a restart on a day's data no longer wait seconds for them while that collection's writes
     * wait too. A field no query used gets none.
     */
    @Test
    void theLookupsACollectionHadAreBuiltAgainWhenTheStoreOpens() {
        Path h2File = dir.resolve("prepared.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> deliveries = client.getDatabase("onenet-routing").getCollection("deliveries");
                deliveries.createIndex(new Document("target", 1).append("position", 1));
                deliveries.createIndex(new Document("state", 1));
                for (int i = 0; i < 20; i++) {
                    deliveries.insertOne(new Document("_id", "d-" + i).append("target", "department:" + (i % 4))
                        .append("position", i < 10 ? (long) i : null).append("state", "PENDING"));
                }
                assertThat(ids(deliveries, new Document("target", "department:1").append("position", null)))
                    .containsExactlyInAnyOrder("d-13", "d-17");
            }
        }
        H2Backend reopened = IdIndexedBackends.h2(h2File.toString());
        try {
            IdIndexedBackends.IdIndexedH2Collection deliveries = (IdIndexedBackends.IdIndexedH2Collection)
                    ((IdIndexedBackends.IdIndexedH2Database) reopened.resolveDatabase("onenet-routing"))
                        .resolveCollection("deliveries", false);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(deliveries.fieldsWithLookups()).containsExactlyInAnyOrder("target", "position"));
        }
        finally {
            reopened.close();
        }
    }

    /**
     * A query matching many documents answers like MongoDB: a first batch of 101 and a cursor when no batch size is
     * named, every match sorted, skipped, limited and projected as asked, counts, updates and deletes of all of them.
     * The file store reads the matches again batch by batch (it keeps no more than a batch decoded), so a document
     * removed, or changed so that it no longer matches, after the first batch does not come back.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "file", "memory" })
    void queriesMatchingManyDocumentsAnswerInBatchesAsMongoDbDoes(String kind) {
        try (DocumentStore store = ofKind(kind, dir.resolve("many.h2"))) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client);
                List<Document> batch = new java.util.ArrayList<>();
                for (int i = 0; i < 1200; i++) {
                    batch.add(new Document("_id", String.format("order-%04d", i)).append("n", i).append("group", i % 3)
                        .append("deadlines", new Document("resolveBy", 5000 - i)).append("text", "街道".repeat(50)));
                }
                orders.insertMany(batch);

                List<Integer> byDeadline = orders.find(new Document("group", 1)).sort(new Document("deadlines.resolveBy", 1))
                    .projection(new Document("n", 1).append("_id", 0)).map(document -> document.getInteger("n"))
                    .into(new java.util.ArrayList<>());
                assertThat(byDeadline).hasSize(400).startsWith(1198, 1195).endsWith(4, 1);
                assertThat(orders.find(new Document("group", 1)).sort(new Document("deadlines.resolveBy", 1))
                    .projection(new Document("n", 1)).first()).as("projected").containsOnlyKeys("_id", "n");
                assertThat(orders.find().sort(new Document("n", -1)).skip(10).limit(3).map(document -> document.getInteger("n"))
                    .into(new java.util.ArrayList<>())).containsExactly(1189, 1188, 1187);
                assertThat(orders.countDocuments(new Document("group", 2))).isEqualTo(400);
                assertThat(orders.countDocuments(new Document("group", 1), new com.mongodb.client.model.CountOptions()
                    .skip(390).limit(50))).as("counted after a skip, within a limit").isEqualTo(10);
                assertThat(orders.countDocuments(new Document("group", 1), new com.mongodb.client.model.CountOptions()
                    .limit(50))).isEqualTo(50);
                assertThat(orders.countDocuments(new Document("group", 7))).isZero();
                assertThat(orders.aggregate(List.of(new Document("$match", new Document("n", new Document("$lt", 10))),
                    new Document("$group", new Document("_id", "$group").append("n", new Document("$sum", 1))),
                    new Document("$sort", new Document("_id", 1)))).into(new java.util.ArrayList<>()))
                    .as("other aggregations as mongo-java-server runs them")
                    .containsExactly(new Document("_id", 0).append("n", 4), new Document("_id", 1).append("n", 3),
                        new Document("_id", 2).append("n", 3));
                assertThat(orders.updateMany(new Document("group", 2), new Document("$set", new Document("flag", true)))
                    .getModifiedCount()).isEqualTo(400);
                assertThat(orders.countDocuments(new Document("flag", true))).isEqualTo(400);

                try (com.mongodb.client.MongoCursor<Document> cursor = orders.find(new Document("group", 0))
                        .sort(new Document("n", 1)).iterator()) {
                    assertThat(cursor.available()).as("MongoDB's first batch").isEqualTo(101);
                    assertThat(cursor.getServerCursor()).as("the rest stays behind a cursor").isNotNull();
                    List<Integer> seen = new java.util.ArrayList<>();
                    for (int i = 0; i < 101; i++) {
                        seen.add(cursor.next().getInteger("n"));
                    }
                    orders.deleteOne(new Document("_id", "order-0600"));
                    orders.updateOne(new Document("_id", "order-0603"), new Document("$set", new Document("group", 9)));
                    cursor.forEachRemaining(document -> seen.add(document.getInteger("n")));
                    if (kind.equals("file")) {
                        assertThat(seen).as("read again after the first batch").hasSize(398).doesNotContain(600, 603);
                    }
                    else {
                        assertThat(seen).hasSize(400);
                    }
                    assertThat(seen).isSorted().startsWith(0, 3).endsWith(1197);
                }
                try (com.mongodb.client.MongoCursor<Document> cursor = orders.find(new Document("group", 1)).iterator()) {
                    List<Integer> seen = new java.util.ArrayList<>();
                    for (int i = 0; i < 101; i++) {
                        seen.add(cursor.next().getInteger("n"));
                    }
                    orders.deleteOne(new Document("_id", "order-1000"));
                    cursor.forEachRemaining(document -> seen.add(document.getInteger("n")));
                    assertThat(seen).as("unsorted, read as taken").hasSize(kind.equals("file") ? 399 : 400)
                        .doesNotHaveDuplicates();
                }
                assertThat(orders.deleteMany(new Document("group", 0)).getDeletedCount()).isEqualTo(398);
                assertThat(orders.countDocuments()).isEqualTo(800);
                assertThat(orders.estimatedDocumentCount()).as("the count command").isEqualTo(800);
                assertThat(client.getDatabase("onenet-routing").runCommand(new Document("count", "requests")
                    .append("query", new Document("group", 1))).get("n", Number.class).intValue())
                    .as("the count command with a filter").isEqualTo(399);
                assertThat(orders.countDocuments(new Document(), new com.mongodb.client.model.CountOptions().skip(790)
                    .limit(5))).isEqualTo(5);
                assertThat(orders.countDocuments(new Document(), new com.mongodb.client.model.CountOptions().skip(798)))
                    .isEqualTo(2);
            }
        }
    }

    /** Unique-index keys of every kind (a missing field among them) are found and refused again after a restart. */
    @Test
    void uniqueIndexKeysOfEveryKindSurviveARestart() {
        Path h2File = dir.resolve("keys.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> codes = client.getDatabase("onenet-routing").getCollection("codes");
                codes.createIndex(new Document("code", 1).append("year", 1), new IndexOptions().unique(true));
                codes.insertOne(new Document("_id", 1).append("code", "A").append("year", 2026));
                codes.insertOne(new Document("_id", 2L).append("code", 7.5).append("year", true));
                codes.insertOne(new Document("_id", "no-code"));
                codes.insertOne(new Document("_id", new Document("part", 1)).append("code", List.of("x")).append("year", null));
            }
            store.stop();
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> codes = client.getDatabase("onenet-routing").getCollection("codes");
                assertThat(codes.find(new Document("_id", 2L)).first()).containsEntry("code", 7.5);
                assertThat(codes.find(new Document("_id", new Document("part", 1))).first()).isNotNull();
                for (Document taken : List.of(new Document("_id", 1), new Document("_id", "x").append("code", "A").append("year", 2026),
                        new Document("_id", "y"), new Document("_id", "z").append("code", 7.5).append("year", true))) {
                    assertThatThrownBy(() -> codes.insertOne(taken)).as("%s", taken).isInstanceOf(MongoWriteException.class);
                }
                codes.insertOne(new Document("_id", 3).append("code", "A").append("year", 2027));
                assertThat(codes.countDocuments()).isEqualTo(5);
            }
        }
    }

    /**
     * Unique indexes follow updates: one that keeps the unique fields leaves their keys as they were, one that changes
     * them moves the keys (the old values free again, the new ones taken), one that would take a value another
     * document holds is refused and leaves that document as it was. For a field at the top level, a compound index, a
     * sparse one (its field set, then removed) and a dotted path; for the file, across a restart too.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "file", "memory" })
    void uniqueIndexesFollowUpdatesThatKeepOrChangeTheirFields(String kind) {
        try (DocumentStore store = ofKind(kind, dir.resolve("steady.h2"))) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client);
                var unique = new IndexOptions().unique(true);
                orders.createIndex(new Document("trackingNumber", 1), unique);
                orders.createIndex(new Document("code", 1).append("year", 1), unique);
                orders.createIndex(new Document("feedKey", 1), new IndexOptions().unique(true).sparse(true));
                orders.createIndex(new Document("location.ref", 1), unique);
                for (int i = 0; i < 3; i++) {
                    orders.insertOne(new Document("_id", "order-" + i).append("trackingNumber", "T" + i)
                        .append("code", "C").append("year", 2026 + i).append("location", new Document("ref", "L" + i))
                        .append("status", "NEW"));
                }

                // the same values set again count as kept
                orders.updateOne(new Document("_id", "order-0"), new Document("$set", new Document("status",
                    "DISPATCHED").append("trackingNumber", "T0").append("location", new Document("ref", "L0"))));
                orders.updateOne(new Document("_id", "order-1"), new Document("$set", new Document("trackingNumber",
                    "T1b").append("year", 2030).append("feedKey", "F1").append("location.ref", "L1b")));
                for (Document taken : List.of(new Document("trackingNumber", "T0"), new Document("year", 2026),
                        new Document("feedKey", "F1"), new Document("location.ref", "L0"))) {
                    Document order2 = new Document("_id", "order-2");
                    Document update = new Document("$set", taken.append("status", "X"));
                    assertThatThrownBy(() -> orders.updateOne(order2, update))
                        .as("%s", taken).isInstanceOf(MongoWriteException.class)
                        .hasMessageContaining("E11000");
                }
                assertUniqueKeysFollowed(orders);
            }
            if (kind.equals("file")) {
                store.stop();
                store.start();
                try (MongoClient client = client(store)) {
                    assertUniqueKeysFollowed(requests(client));
                }
            }
            try (MongoClient client = client(store)) {
                MongoCollection<Document> orders = requests(client);
                orders.updateOne(new Document("_id", "order-1"), new Document("$unset", new Document("feedKey", "")));
                orders.insertOne(new Document("_id", "order-3").append("trackingNumber", "T1").append("code", "C")
                    .append("year", 2027).append("feedKey", "F1").append("location", new Document("ref", "L1")));
                assertThat(orders.find(new Document("feedKey", "F1")).first()).containsEntry("_id", "order-3");
                Document takenNumber = new Document("_id", "order-4").append("trackingNumber", "T1b");
                assertThatThrownBy(() -> orders.insertOne(takenNumber))
                    .isInstanceOf(MongoWriteException.class);
            }
        }
    }

    private static void assertUniqueKeysFollowed(MongoCollection<Document> orders) {
        assertThat(orders.find(new Document("trackingNumber", "T0")).first()).containsEntry("_id", "order-0")
            .containsEntry("status", "DISPATCHED");
        assertThat(orders.find(new Document("trackingNumber", "T1")).first()).as("the old value is free").isNull();
        assertThat(orders.find(new Document("trackingNumber", "T1b")).first()).containsEntry("_id", "order-1");
        assertThat(orders.find(new Document("code", "C").append("year", 2030)).first()).containsEntry("_id", "order-1");
        assertThat(orders.find(new Document("code", "C").append("year", 2027)).first()).isNull();
        assertThat(orders.find(new Document("feedKey", "F1")).first()).containsEntry("_id", "order-1");
        assertThat(orders.find(new Document("location.ref", "L1b")).first()).containsEntry("_id", "order-1");
        assertThat(orders.find(new Document("location.ref", "L1")).first()).isNull();
        assertThat(orders.find(new Document("_id", "order-2")).first()).as("refused updates left it as it was")
            .containsEntry("trackingNumber", "T2").containsEntry("year", 2028).containsEntry("status", "NEW")
            .doesNotContainKey("feedKey").containsEntry("location", new Document("ref", "L2"));
        assertThat(orders.countDocuments()).isEqualTo(3);
    }

    private static List<String> ids(MongoCollection<Document> collection, Document query) {
        return collection.find(query).map(document -> document.getString("_id")).into(new java.util.ArrayList<>());
    }

    @Test
    void inMemoryStoreServesQueriesAndStartsEmptyAgain() {
        try (DocumentStore store = DocumentStore.inMemory(0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> requests = requests(client);
                requests.insertOne(new Document("_id", "A").append("urgency", "NORMAL"));
                requests.insertOne(new Document("_id", "B").append("urgency", "URGENT"));

                assertThat(requests.countDocuments(new Document("urgency", "URGENT"))).isEqualTo(1);
            }
            store.stop();
            store.start();
            try (MongoClient client = client(store)) {
                assertThat(requests(client).countDocuments()).isZero();
            }
        }
    }

    @Test
    void connectionStringNamesLoopbackPortAndDatabase() {
        DocumentStore store = DocumentStore.inMemory(0);

        assertThat(store.connectionString("onenet-routing"))
                .isEqualTo("mongodb://127.0.0.1:" + store.port() + "/onenet-routing");
        assertThat(store.isRunning()).isFalse();
    }

    @Test
    void startFailsNamingThePortWhenItIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            DocumentStore store = DocumentStore.inMemory(taken.getLocalPort());

            assertThatThrownBy(store::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(store.isRunning()).isFalse();
        }
    }

    /** The file store at {@code h2File}, or the in-memory store, as a parameterized test names it. */
    private static DocumentStore ofKind(String kind, Path h2File) {
        return kind.equals("file") ? DocumentStore.file(h2File, 0) : DocumentStore.inMemory(0);
    }

    private static MongoClient client(DocumentStore store) {
        return MongoClients.create(store.connectionString("onenet-routing") + "?serverSelectionTimeoutMS=5000");
    }

    private static MongoCollection<Document> requests(MongoClient client) {
        return client.getDatabase("onenet-routing").getCollection("requests");
    }
}
