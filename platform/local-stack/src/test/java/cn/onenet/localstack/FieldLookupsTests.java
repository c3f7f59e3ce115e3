package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lookups answer every query as a full scan would: the same documents of every kind go into a collection with
 * indexes (answered through {@link FieldLookups}) and into one without (read whole by mongo-java-server), and each
 * query, between random inserts, updates and deletes, must find and count the same documents in both.
 */
class FieldLookupsTests {

    private static final Date T0 = new Date(1_800_000_000_000L);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "file", "memory" })
    void everyQueryFindsWhatAFullScanFinds(String kind) {
        Random random = new Random(20261129);
        try (DocumentStore store = store(kind, "lookups.h2"); MongoClient client = start(store)) {
            MongoCollection<Document> indexed = client.getDatabase("onenet-routing").getCollection("indexed");
            MongoCollection<Document> plain = client.getDatabase("onenet-routing").getCollection("plain");
            indexed.createIndex(new Document("s", 1).append("n", 1));
            indexed.createIndex(new Document("d", 1));
            indexed.createIndex(new Document("t", 1));
            int next = 0;
            for (; next < 150; next++) {
                Document document = document(random, next);
                indexed.insertOne(document);
                plain.insertOne(new Document(document));
            }
            int checked = 0;
            for (int round = 0; round < 6; round++) {
                for (Document query : queries()) {
                    assertThat(ids(indexed, query)).as("round %d: %s", round, query.toJson()).isEqualTo(ids(plain, query));
                    assertThat(indexed.countDocuments(query)).as("round %d: count of %s", round, query.toJson())
                        .isEqualTo(plain.countDocuments(query));
                    checked++;
                }
                for (int change = 0; change < 40; change++) {
                    Document target = new Document("_id", "doc-" + random.nextInt(next));
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            Document document = document(random, next++);
                            indexed.insertOne(document);
                            plain.insertOne(new Document(document));
                        }
                        case 1 -> {
                            Document replacement = document(random, 0);
                            replacement.remove("_id");
                            indexed.replaceOne(target, replacement);
                            plain.replaceOne(target, replacement);
                        }
                        case 2 -> {
                            Document set = new Document("$set", new Document("n", number(random)).append("d", date(random)));
                            indexed.updateOne(target, set);
                            plain.updateOne(target, set);
                        }
                        default -> {
                            indexed.deleteOne(target);
                            plain.deleteOne(target);
                        }
                    }
                }
            }
            assertThat(checked).isEqualTo(6 * queries().size());
            assertThat(indexed.countDocuments()).isEqualTo(plain.countDocuments()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "file", "memory" })
    void everyWindowOfDatesIsCountedAsAFullScanCountsIt(String kind) {
        // each document one date (as every order's acceptedAt): windows are counted from the lookups; then one
        // without, and one with two, and they are read again
        Random random = new Random(20261202);
        try (DocumentStore store = store(kind, "windows.h2"); MongoClient client = start(store)) {
            MongoCollection<Document> indexed = client.getDatabase("onenet-routing").getCollection("indexed");
            MongoCollection<Document> plain = client.getDatabase("onenet-routing").getCollection("plain");
            indexed.createIndex(new Document("s", 1).append("d", -1));
            for (int round = 0; round < 3; round++) {
                for (int next = 0; next < 60; next++) {
                    Document document = new Document("_id", "doc-" + round + "-" + next)
                        .append("s", pick(random, "x", "y", "z")).append("d", at(random.nextInt(90)));
                    if (round == 1 && next == 0) {
                        document.remove("d");
                    }
                    if (round == 2 && next == 0) {
                        document.put("d", List.of(at(0), at(80)));
                    }
                    indexed.insertOne(document);
                    plain.insertOne(new Document(document));
                }
                for (int query = 0; query < 40; query++) {
                    Date from = at(random.nextInt(90));
                    Document window = new Document((String) pick(random, "$gte", "$gt"), from)
                        .append((String) pick(random, "$lt", "$lte"), at(random.nextInt(90)));
                    for (Document condition : List.of(new Document("d", window),
                            new Document("d", window).append("s", pick(random, "x", "y")),
                            new Document("s", new Document("$in", List.of("x", "z"))).append("d",
                                new Document("$lt", from)))) {
                        assertThat(indexed.countDocuments(condition)).as("round %d: count of %s", round,
                                condition.toJson()).isEqualTo(plain.countDocuments(condition));
                    }
                }
            }
        }
    }

    /** A store of the kind a parameterized test runs with: a file of that name, or memory. */
    private DocumentStore store(String kind, String file) {
        return kind.equals("file") ? DocumentStore.file(dir.resolve(file), 0) : DocumentStore.inMemory(0);
    }

    private static MongoClient start(DocumentStore store) {
        store.start();
        return MongoClients.create(store.connectionString("onenet-routing") + "?serverSelectionTimeoutMS=5000");
    }

    private static List<String> ids(MongoCollection<Document> collection, Document query) {
        return collection.find(query).sort(new Document("_id", 1)).map(document -> document.getString("_id"))
            .into(new ArrayList<>());
    }

    /** A document whose fields hold values of every kind, or are missing. */
    private static Document document(Random random, int number) {
        Document document = new Document("_id", "doc-" + number);
        putMaybe(random, document, "s", pick(random, "x", "y", "z", null, List.of("x", "y"), List.of(), java.util.Arrays.asList("z", null),
                5, true, new Document("x", 1)));
        putMaybe(random, document, "n", number(random));
        putMaybe(random, document, "d", date(random));
        putMaybe(random, document, "t", pick(random, "a", "b", 1, 2L, T0, List.of("a", 1)));
        document.put("u", random.nextInt(3));
        return document;
    }

    private static Object number(Random random) {
        return pick(random, 0, 1, 2, 3, 4, 5, 2L, 3.5, -0.0, Double.NaN, Long.MAX_VALUE, Long.MAX_VALUE - 1, "3", null,
                List.of(1, 4), List.of(), true);
    }

    private static Object date(Random random) {
        return pick(random, T0, at(1), at(2), at(3), at(60), null, "2026", List.of(at(1), at(5)), 7);
    }

    private static Date at(int minutes) {
        return new Date(T0.getTime() + minutes * 60_000L);
    }

    private static void putMaybe(Random random, Document document, String field, Object value) {
        if (random.nextInt(8) != 0) {
            document.put(field, value);
        }
    }

    private static Object pick(Random random, Object... values) {
        return values[random.nextInt(values.length)];
    }

    private static List<Document> queries() {
        List<Document> queries = new ArrayList<>();
        for (Object value : java.util.Arrays.asList("x", "y", "a", null, 5, 1, 2L, 3.0, T0, at(1), true)) {
            queries.add(new Document("s", value));
            queries.add(new Document("n", value));
            queries.add(new Document("d", value));
            queries.add(new Document("t", value));
            queries.add(new Document("s", new Document("$eq", value)));
        }
        for (String operator : List.of("$gt", "$gte", "$lt", "$lte")) {
            for (Object bound : List.of(0, 2, 3.5, -1L, Long.MAX_VALUE, Double.NaN, at(1), at(3), "3", "x")) {
                queries.add(new Document("n", new Document(operator, bound)));
                queries.add(new Document("d", new Document(operator, bound)));
                queries.add(new Document("s", new Document(operator, bound)));
                queries.add(new Document("t", new Document(operator, bound)));
            }
        }
        queries.add(new Document("n", new Document("$gt", 1).append("$lt", 4)));
        queries.add(new Document("n", new Document("$gte", 4).append("$lte", 1)));
        queries.add(new Document("n", new Document("$gt", 1).append("$ne", 3)));
        queries.add(new Document("d", new Document("$gt", at(1)).append("$lte", at(60))));
        queries.add(new Document("d", new Document("$gt", at(1)).append("$lt", 5)));
        queries.add(new Document("s", new Document("$in", java.util.Arrays.asList("x", null))));
        queries.add(new Document("n", new Document("$in", List.of(1, 2.0, Long.MAX_VALUE))));
        queries.add(new Document("t", new Document("$in", List.of("a", 2, T0))));
        queries.add(new Document("s", new Document("$ne", "x")));
        queries.add(new Document("t", new Document("$ne", "a")));
        queries.add(new Document("s", new Document("$nin", List.of("x", "z"))));
        queries.add(new Document("s", new Document("$exists", false)));
        queries.add(new Document("s", "x").append("u", 1));
        queries.add(new Document("s", "x").append("d", new Document("$lte", at(3))));
        queries.add(new Document("t", "a").append("n", new Document("$gte", 1)).append("s", new Document("$ne", "z")));
        queries.add(new Document("s", new Document("$in", List.of("x", "y"))).append("t", null));
        queries.add(new Document("s", new Document("x", 1)));
        // pinned to strings only: counted from the lookups alone
        queries.add(new Document("s", new Document("$in", List.of("x", "z"))).append("t", "a"));
        queries.add(new Document("t", new Document("$eq", "b")).append("s", "y"));
        queries.add(new Document("$or", List.of(new Document("n", new Document("$gt", 3)), new Document("s", "x"))));
        queries.add(new Document("$or", List.of(new Document("n", new Document("$gt", 3)), new Document("u", 1))));
        queries.add(new Document("$and", List.of(new Document("s", "y"), new Document("n", new Document("$lt", 2)))));
        queries.add(new Document("$and", List.of(new Document("$or", List.of(new Document("d", new Document("$lte", at(2))),
                new Document("s", "z").append("t", new Document("$ne", "a")))), new Document("_id", new Document("$gt", "doc-5")))));
        queries.add(new Document("n", new Document("$gt", 0)).append("$or",
                List.of(new Document("t", null), new Document("t", new Document("$lt", 2)))));
        return queries;
    }
}
