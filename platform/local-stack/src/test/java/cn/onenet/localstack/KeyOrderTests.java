package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index's shortcuts for strings and whole numbers order keys exactly as mongo-java-server's comparator does, its
 * pages hold as many keys as their size allows, and its keys come back from the file as they went in, also those
 * written as BSON by an earlier version.
 */
class KeyOrderTests {

    @Test
    void anIndexOfFiftyThousandIdsIsAShallowTree(@TempDir Path dir) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("index.h2").toString())
            .pageSplitSize(IdIndexedBackends.PAGE_SPLIT_BYTES).autoCommitDisabled().open();
        try {
            MVMap<KeyValue, Object> index = store.openMap("index",
                    new MVMap.Builder<KeyValue, Object>().keyType(new IdIndexedBackends.KeyOrder()));
            Random random = new Random(7);
            for (int i = 0; i < 50_000; i++) {
                String id = new UUID(random.nextLong(), random.nextLong()).toString();
                index.put(new KeyValue(id), id);
            }
            int levels = 1;
            for (Page<KeyValue, Object> page = index.getRootPage(); !page.isLeaf(); page = page.getChildPage(0)) {
                levels++;
            }
            // 9 levels of 1 kB pages; 14 when H2 counted each key as 10 kB and split pages at one or two keys
            assertThat(levels).isLessThanOrEqualTo(10);
            assertThat(index.getRootPage().getTotalCount()).isEqualTo(50_000);
        }
        finally {
            store.closeImmediately();
        }
    }

    @Test
    void ordersStringsAndWholeNumbersAsMongoJavaServerDoes() {
        Random random = new Random(29);
        List<Object> values = new java.util.ArrayList<>(List.of("", "a", "b", "ab", "Z", "工单", "工", "\uD83D\uDE00", "\uFFFF",
                "0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11", Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1, (1L << 53) + 1,
                1L << 53, 0L, -1L, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 7));
        for (int i = 0; i < 200; i++) {
            values.add(random.nextBoolean() ? random.nextLong() : (Object) random.nextInt());
            values.add(Long.toString(random.nextLong(), 36) + (char) random.nextInt(0x10000));
        }
        for (Object left : values) {
            for (Object right : values) {
                assertThat(Integer.signum(IdIndexedBackends.KeyOrder.compareValues(left, right))).as("%s vs %s", left, right)
                    .isEqualTo(Integer.signum(ValueComparator.asc().compare(left, right)));
            }
        }
    }

    @Test
    void keysComeBackFromTheFileAsTheyWereStored(@TempDir Path dir) {
        List<KeyValue> keys = List.of(new KeyValue("0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11"), new KeyValue(""),
                new KeyValue("工单 LIVELIHOOD-20261130-000042"), new KeyValue("\uD83D\uDE00 and a lone \uD800 half"),
                new KeyValue(7L), new KeyValue(42), new KeyValue("channel:LIVELIHOOD#0000000000000000042", 3L),
                new KeyValue(new Document("a", 1)));
        Path file = dir.resolve("index.h2");
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        MVMap<KeyValue, Object> index = store.openMap("index",
                new MVMap.Builder<KeyValue, Object>().keyType(new IdIndexedBackends.KeyOrder()));
        keys.forEach(key -> index.put(key, "at " + key));
        store.close();

        MVStore reopened = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        try {
            MVMap<KeyValue, Object> read = reopened.openMap("index",
                    new MVMap.Builder<KeyValue, Object>().keyType(new IdIndexedBackends.KeyOrder()));
            assertThat(read.size()).isEqualTo(keys.size());
            for (KeyValue key : keys) {
                assertThat(read.get(key)).as("%s", key).isEqualTo("at " + key);
            }
            assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        }
        finally {
            reopened.close();
        }
    }

    @Test
    void aKeyWrittenAsBsonBeforeIsReadAsItWas() {
        byte[] bson = IdIndexedBackends.bson(new Document("k", List.of("0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11")));
        WriteBuffer written = new WriteBuffer();
        written.put((byte) 1).putVarInt(bson.length).put(bson);

        Object read = new IdIndexedBackends.KeyOrder().read(written.getBuffer().flip());

        assertThat(read).isEqualTo(new KeyValue("0b6d1c1e-8f4e-4c3b-9a57-2c1f3e0d9a11"));
    }
}
