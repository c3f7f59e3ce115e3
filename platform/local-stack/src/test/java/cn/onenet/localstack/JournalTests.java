package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's write-ahead journal: what was flushed is read back in order; what was not, or was cut short, is not. */
class JournalTests {

    private static final byte[] DOC = "doc".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void flushedRecordsAreReadBackInOrderAndUnflushedOnesAreNot() {
        Path file = dir.resolve("onenet.h2.journal");
        try (Journal journal = Journal.open(file)) {
            append(journal, "MS-1", "RECEIVED");
            append(journal, "MS-1", "DISPATCHED");
            journal.flush();
            append(journal, "MS-2", "RECEIVED");
        }

        assertThat(Journal.read(file)).extracting(record -> ((Document) record.get("doc")).get("status"))
                .containsExactly("RECEIVED", "DISPATCHED");
    }

    @Test
    void aRecordCutShortByAKillEndsTheJournal() throws Exception {
        Path file = dir.resolve("onenet.h2.journal");
        try (Journal journal = Journal.open(file)) {
            append(journal, "MS-1", "RECEIVED");
            append(journal, "MS-2", "RECEIVED");
            journal.flush();
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 5));

        List<Document> records = Journal.read(file);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("id")).isEqualTo("MS-1");
    }

    @Test
    void aResetJournalIsEmptyAndTakesNewRecordsAfterwards() {
        Path file = dir.resolve("onenet.h2.journal");
        try (Journal journal = Journal.open(file)) {
            append(journal, "MS-1", "RECEIVED");
            journal.flush();
            journal.reset();
            assertThat(Journal.read(file)).isEmpty();
            append(journal, "MS-2", "RECEIVED");
            journal.flush();
        }
        try (Journal reopened = Journal.open(file)) {
            append(reopened, "MS-3", "RECEIVED");
            reopened.flush();
        }

        assertThat(Journal.read(file)).extracting(record -> record.get("id")).containsExactly("MS-2", "MS-3");
    }

    @Test
    void aRecordSplicedFromAStoredDocumentIsTheBsonOfTheWholeRecord() throws Exception {
        Document stored = new Document("_id", "MS-1").append("status", "RECEIVED").append("title", "路灯不亮")
                .append("location", new Document("community", "CM-01").append("point", List.of(121.4, 31.2)));
        Document head = new Document("ns", "onenet-routing.work_orders").append("id", "MS-1");
        Path file = dir.resolve("onenet.h2.journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(IdIndexedBackends.bson(head), DOC, IdIndexedBackends.bson(stored));
            journal.flush();
        }

        byte[] whole = Files.readAllBytes(file);
        byte[] expected = IdIndexedBackends.bson(new Document(head).append("doc", stored));
        assertThat(Arrays.copyOfRange(whole, 8, whole.length)).isEqualTo(expected);
        assertThat(Journal.read(file)).containsExactly(new Document(head).append("doc", stored));
    }

    @Test
    void aRemovalIsItsHeadAloneAndFollowsTheWritesBeforeIt() {
        Path file = dir.resolve("onenet.h2.journal");
        Document removal = new Document("ns", "onenet-routing.work_orders").append("id", "MS-1");
        try (Journal journal = Journal.open(file)) {
            append(journal, "MS-1", "RECEIVED");
            journal.append(IdIndexedBackends.bson(removal), DOC, null);
            journal.flush();
        }

        List<Document> records = Journal.read(file);

        assertThat(records).hasSize(2);
        assertThat(records.get(1)).isEqualTo(removal);
    }

    @Test
    void aChangeBsonCannotHoldAsksForACheckpointAndAddsNothing() {
        Path file = dir.resolve("onenet.h2.journal");
        try (IdIndexedBackends.Changes changes = new IdIndexedBackends.Changes()) {
            changes.journalTo(Journal.open(file));
            changes.removed("onenet-routing.requests", new Object());
            changes.flush();

            assertThat(changes.takeCatalogChange()).isTrue();
        }
        assertThat(Journal.read(file)).isEmpty();
    }

    private static void append(Journal journal, String id, String status) {
        journal.append(IdIndexedBackends.bson(new Document("ns", "onenet-routing.work_orders").append("id", id)), DOC,
                IdIndexedBackends.bson(new Document("_id", id).append("status", status).append("title", "路灯不亮")));
    }
}
