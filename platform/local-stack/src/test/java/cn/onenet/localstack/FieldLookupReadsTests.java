package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * What a query reads through the lookups. Building them is a pass over the collection that reads every document,
 * seconds on a day's data: a query makes one pass for all the indexed fields it names that have no lookup yet, and
 * none for those built before or prepared when the store opened. A range reads only the values within its bounds,
 * and conditions that must all hold only the documents found for each.
 */
class FieldLookupReadsTests {

    private final List<DocumentWithPosition<Integer>> documents = List.of(
            stored(1, new Document("status", "OPEN").append("department", "water").append("target", "channel")),
            stored(2, new Document("status", "CLOSED").append("department", "roads").append("target", "department")),
            stored(3, new Document("status", "OPEN").append("department", "roads").append("target", "channel")));
    private final List<Index<Integer>> indexes = List.of(index("status", "acceptedAt"), index("department"),
            index("target"));
    /** the fields each pass over the collection was asked for */
    private final List<Set<String>> passes = new ArrayList<>();
    private final FieldLookups.AllDocuments<Integer> collection = fields -> {
        passes.add(fields);
        return documents.stream();
    };

    @Test
    void aQueryBuildsTheLookupsOfTheFieldsItNamesInOnePassAndNoneTwice() {
        List<Set<String>> noted = new ArrayList<>();
        List<String> told = new ArrayList<>();
        FieldLookups<Integer> lookups = new FieldLookups<>((fields, added, read, nanos) -> {
            noted.add(fields);
            told.add(new TreeSet<>(added) + " from " + read);
        });

        Document eitherField = new Document("$or",
                List.of(new Document("status", "CLOSED"), new Document("department", "water")));
        assertThat(lookups.candidates(eitherField, indexes, collection)).containsExactly(1, 2);
        assertThat(passes).containsExactly(Set.of("status", "department"));
        assertThat(noted).containsExactly(Set.of("status", "department"));

        assertThat(lookups.candidates(new Document("department", "roads").append("status", "OPEN"), indexes, collection))
            .as("only the documents found for both conditions").containsExactly(3);
        assertThat(lookups.candidates(new Document("$and", List.of(new Document("target", "channel"),
            new Document("department", "water"))), indexes, collection)).containsExactly(1);
        assertThat(lookups.candidates(new Document("unindexed", "x"), indexes, collection)).isNull();
        assertThat(passes).as("built once, and target in one more pass").containsExactly(Set.of("status", "department"),
                Set.of("target"));
        assertThat(told).as("each pass tells what it built and how many documents it read")
            .containsExactly("[department, status] from 3", "[target] from 3");
    }

    @Test
    void preparedLookupsAnswerTheFirstQueryWithoutAPass() {
        List<Set<String>> noted = new ArrayList<>();
        FieldLookups<Integer> lookups = new FieldLookups<>((fields, added, read, nanos) -> noted.add(fields));

        lookups.prepare(List.of("target", "status", "location.community", "unindexed"), indexes, collection);
        assertThat(passes).as("one pass, for the indexed top-level fields asked for").containsExactly(
                Set.of("target", "status"));
        assertThat(noted).containsExactly(Set.of("target", "status"));

        assertThat(lookups.candidates(new Document("target", "channel"), indexes, collection)).containsExactly(1, 3);
        assertThat(lookups.candidates(new Document("status", new Document("$in", List.of("CLOSED"))), indexes,
                collection)).containsExactly(2);
        assertThat(passes).hasSize(1);

        lookups.prepare(List.of("target"), indexes, collection);
        assertThat(passes).as("nothing left to build").hasSize(1);
    }

    @Test
    void aRangeReadsOnlyTheValuesWithinItsBoundsLeavingOutThoseItExcludes() {
        Instant t0 = Instant.parse("2026-11-29T08:00:00Z");
        List<DocumentWithPosition<Integer>> orders = List.of(
                stored(1, new Document("pendingCount", 0).append("escalateAt", t0)),
                stored(2, new Document("pendingCount", 0L).append("escalateAt", t0.plusSeconds(60))),
                stored(3, new Document("pendingCount", 2).append("escalateAt", t0.plusSeconds(120))),
                stored(4, new Document("pendingCount", 1.5)),
                stored(5, new Document("pendingCount", new Decimal128(new BigDecimal("0.00000000000000000001")))));
        List<Index<Integer>> byCount = List.of(index("pendingCount"), index("escalateAt"));
        FieldLookups<Integer> lookups = new FieldLookups<>();
        FieldLookups.AllDocuments<Integer> all = fields -> orders.stream();

        assertThat(lookups.candidates(range("pendingCount", "$gt", 0), byCount, all))
            .as("nothing pending left out; a decimal, whose double is not its value, always read").containsExactly(3, 4, 5);
        assertThat(lookups.candidates(range("pendingCount", "$gte", 0), byCount, all)).containsExactly(1, 2, 3, 4, 5);
        assertThat(lookups.candidates(range("pendingCount", "$lt", 2L), byCount, all)).containsExactly(1, 2, 4, 5);
        assertThat(lookups.candidates(new Document("pendingCount", new Document("$gte", 0).append("$gt", 0.0)
            .append("$lte", 2)), byCount, all)).containsExactly(3, 4, 5);
        assertThat(lookups.candidates(new Document("pendingCount", new Document("$gt", 2).append("$lt", 2)), byCount,
                all)).containsExactly(5);
        assertThat(lookups.candidates(range("escalateAt", "$lt", t0.plusSeconds(60)), byCount, all)).containsExactly(1);
        assertThat(lookups.candidates(range("escalateAt", "$lte", t0.plusSeconds(60)), byCount, all))
            .containsExactly(1, 2);
    }

    @Test
    void countsAWindowOfDatesAloneOrWithStringsFromTheLookupsWhenEachDocumentHoldsOneDate() {
        Instant t0 = Instant.parse("2026-11-29T08:00:00Z");
        List<DocumentWithPosition<Integer>> orders = new ArrayList<>(List.of(
                stored(1, new Document("acceptedAt", t0).append("department", "water")),
                stored(2, new Document("acceptedAt", t0.plusSeconds(60)).append("department", "roads")),
                stored(3, new Document("acceptedAt", t0.plusSeconds(120)).append("department", "roads")),
                stored(4, new Document("acceptedAt", t0.plusSeconds(120)).append("department", "water"))));
        List<Index<Integer>> byDate = List.of(index("acceptedAt"), index("department"));
        FieldLookups.AllDocuments<Integer> all = fields -> orders.stream();
        Document window = new Document("acceptedAt", new Document("$gte", t0.plusSeconds(60))
            .append("$lt", t0.plusSeconds(180)));

        FieldLookups<Integer> lookups = new FieldLookups<>();
        assertThat(lookups.count(window, byDate, all, 4)).isEqualTo(3);
        assertThat(lookups.count(new Document(window).append("department", "roads"), byDate, all, 4)).isEqualTo(2);
        assertThat(lookups.count(new Document("department", new Document("$in", List.of("water")))
            .append("acceptedAt", new Document("$lte", t0.plusSeconds(60))), byDate, all, 4)).isEqualTo(1);
        assertThat(lookups.count(range("acceptedAt", "$gt", t0.plusSeconds(120)), byDate, all, 4)).isZero();

        // a document without a date there, or with two (an array: its bounds may hold for different dates), or a
        // bound of another kind: the documents are read and checked instead
        orders.add(stored(5, new Document("department", "roads")));
        FieldLookups<Integer> oneMissing = new FieldLookups<>();
        assertThat(oneMissing.count(window, byDate, all, 5)).isEqualTo(-1);
        assertThat(oneMissing.count(new Document("department", "roads"), byDate, all, 5)).isEqualTo(3);
        orders.set(4, stored(5, new Document("acceptedAt", List.of(t0, t0.plusSeconds(300)))));
        assertThat(new FieldLookups<Integer>().count(window, byDate, all, 5)).isEqualTo(-1);
        orders.remove(4);
        assertThat(new FieldLookups<Integer>().count(range("acceptedAt", "$gte", 5), byDate, all, 4)).isEqualTo(-1);
    }

    private static Document range(String field, String operator, Object bound) {
        return new Document(field, new Document(operator, bound));
    }

    private static DocumentWithPosition<Integer> stored(int position, Document document) {
        return new DocumentWithPosition<>(document.append("_id", "d-" + position), position);
    }

    private static Index<Integer> index(String... fields) {
        return new MemoryUniqueIndex("by-" + String.join("-", fields),
                Arrays.stream(fields).map(field -> new IndexKey(field, true)).toList(), false);
    }
}
