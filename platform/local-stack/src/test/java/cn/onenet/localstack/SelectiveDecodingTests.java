package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * A query reads only the top-level fields its filter, sort and projection name; the others are skipped over in the
 * stored BSON. Skipping must land on the next field whatever the type of the one skipped.
 */
class SelectiveDecodingTests {

    private static final Document EVERY_TYPE = new Document("_id", "order-1")
        .append("double", 2.5)
        .append("string", "星洲社区3幢")
        .append("document", new Document("community", "xingzhou").append("at", Instant.ofEpochMilli(1_700_000_000_000L)))
        .append("array", List.of(new Document("type", "NOTE"), "text", 7))
        .append("binary", new BinData(new byte[] { 1, 2, 3 }))
        .append("uuid", UUID.fromString("7221b975-c6f8-526a-96a0-a6dc0ccfb22b"))
        .append("legacyUuid", new LegacyUUID(UUID.fromString("7221b975-c6f8-526a-96a0-a6dc0ccfb22c")))
        .append("objectId", new ObjectId())
        .append("boolean", true)
        .append("date", Instant.ofEpochMilli(1_700_000_000_123L))
        .append("null", null)
        .append("regex", new BsonRegularExpression("^星", "i"))
        .append("javascript", new BsonJavaScript("function() { return 1; }"))
        .append("int32", 42)
        .append("timestamp", new BsonTimestamp(123_456_789L))
        .append("int64", 1L << 40)
        .append("decimal", new Decimal128(new BigDecimal("12.345")))
        .append("minKey", MinKey.getInstance())
        .append("maxKey", MaxKey.getInstance())
        .append("last", "still read");

    @Test
    void skippingAFieldOfAnyTypeLeavesTheOthersAsAFullDecodeHasThem() {
        byte[] bson = IdIndexedBackends.bson(EVERY_TYPE);
        Document whole = IdIndexedBackends.document(bson, 0, bson.length);
        assertThat(whole.keySet()).containsExactlyElementsOf(EVERY_TYPE.keySet());

        for (String skipped : EVERY_TYPE.keySet()) {
            Document without = IdIndexedBackends.document(bson, name -> !name.equals(skipped));
            Document expected = new Document(whole);
            expected.remove(skipped);
            // compared as BSON: a regular expression has no equals of its own
            assertThat(IdIndexedBackends.bson(without)).as("without " + skipped).isEqualTo(IdIndexedBackends.bson(expected));

            Document only = IdIndexedBackends.document(bson, name -> name.equals(skipped));
            assertThat(IdIndexedBackends.bson(only)).as("only " + skipped)
                .isEqualTo(IdIndexedBackends.bson(new Document(skipped, whole.get(skipped))));
        }
    }

    @Test
    void theFieldsReadAreThoseTheQueryTheSortAndTheProjectionName() {
        Document query = new Document("status", new Document("$in", List.of("DISPATCHED")))
            .append("$or", List.of(new Document("deadlines.resolveBy", new Document("$lt", 5)),
                new Document("department", "housing")));

        var projected = IdIndexedBackends.fieldsFor(query, new Document("acceptedAt", 1).append("location.community", 1));
        assertThat(List.of("_id", "status", "deadlines", "department", "acceptedAt", "location")).allMatch(projected);
        assertThat(projected.test("timeline")).isFalse();

        var excluded = IdIndexedBackends.fieldsFor(query, new Document("outbox", 0));
        assertThat(excluded.test("timeline")).isTrue();
        assertThat(excluded.test("outbox")).isFalse();
        assertThat(IdIndexedBackends.fieldsFor(new Document("outbox", new Document("$size", 0)), new Document("outbox", 0))
            .test("outbox")).as("queried, so read, and then projected away").isTrue();

        var sorted = IdIndexedBackends.fieldsRead(query, new Document("acceptedAt", -1));
        assertThat(List.of("_id", "status", "deadlines", "department", "acceptedAt")).allMatch(sorted);
        assertThat(sorted.test("title")).isFalse();

        assertThat(IdIndexedBackends.fieldsFor(query, null)).as("no projection: every field").isNull();
        assertThat(IdIndexedBackends.fieldsFor(new Document("$expr", new Document("$gt", List.of("$a", "$b"))),
            new Document("a", 1))).as("an operator it can't see through: every field").isNull();
        assertThat(IdIndexedBackends.fieldsFor(query, new Document("timeline", new Document("$slice", -1))))
            .as("a projection operator: every field").isNull();
    }
}
