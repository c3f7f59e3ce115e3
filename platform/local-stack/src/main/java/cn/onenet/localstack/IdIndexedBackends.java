package cn.onenet.localstack;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.h2.H2UniqueIndex;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * mongo-java-server backends that answer a query pinning {@code _id} to one value through the {@code _id} index, as
 * MongoDB does, also when the query has further conditions. mongo-java-server itself uses an index only when the
 * query names exactly the index's fields, so {@code {_id: x, version: 3}} — every optimistic-concurrency update
 * and every outbox lease — scanned the whole collection, and each write grew slower with every stored order.
 * The result is the same either way: the further conditions are still checked on the one document found.
 */
final class IdIndexedBackends {

    private static final Logger log = LoggerFactory.getLogger(IdIndexedBackends.class);
    private static final List<String> ID = List.of("_id");

    /** MongoDB's first batch of a find that names no batch size. */
    static final int FIRST_BATCH = 101;

    /** The last stage of the drivers' {@code countDocuments} (see {@link #countDocuments}). */
    private static final Document COUNT_GROUP = new Document("$group",
            new Document("_id", 1).append("n", new Document("$sum", 1)));

    private IdIndexedBackends() {
    }

    static MemoryBackend memory() {
        return new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String databaseName) {
                return new MemoryDatabase(databaseName, getCursorRegistry()) {
                    @Override
                    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                        return new IdIndexedMemoryCollection(this, collectionName, options, cursorRegistry);
                    }

                    @Override
                    protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName,
                            List<IndexKey> keys, boolean sparse) {
                        return new SteadyKeysIndex<>(super.openOrCreateUniqueIndex(collectionName, indexName, keys,
                                sparse), indexName, keys, sparse);
                    }
                };
            }

            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                sizeBatches(command.toLowerCase(Locale.ROOT), query);
                return super.handleCommand(channel, databaseName, command, query);
            }
        };
    }

    /**
     * An H2-file backend with documents kept as BSON ({@link BsonH2Collection}). A write that asks for the disk
     * ({@link #asksForDisk}) is answered only once it is in the {@link Journal} handed to the operating system: a
     * store killed afterwards applies the journal again when it opens (no fsync: it survives a killed process, as the
     * broker's log does, not a power cut). The H2 file itself is committed once a second (a checkpoint, which empties
     * the journal) and at once after a change of the catalog (a collection or index created or dropped), never while
     * a write is half done ({@link WriteGate}). Committing the file for every durable write instead, as this did
     * before, wrote some sixty pages for each order and kept the store's CPU busy with H2's bookkeeping.
     */
    static H2Backend h2(String fileName) {
        // H2's default cache (16 MB) made every pass over a collection (the periodic sweeps, the backlog figures)
        // read most of it from the file again. Commits are ours alone (see WriteGate): none of H2's own, neither on
        // a timer nor when much is unsaved (autoCommitBufferSize 0).
        MVStore store = new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MB).autoCommitBufferSize(0)
                .autoCommitDisabled().pageSplitSize(PAGE_SPLIT_BYTES).open();
        // H2 keeps replaced chunks 45 s so that a disk reordering unsynced writes in a power cut finds them: we
        // promise to survive a killed process only (see above), whose writes the OS has. Their space is reused
        // after a second.
        store.setRetentionTime(RETENTION_MS);
        Path journalFile = Path.of(fileName + JOURNAL_SUFFIX);
        Changes changes = new Changes();
        WriteGate gate = new WriteGate(store, changes);
        H2Backend backend = new H2Backend(store) {

            @Override
            protected MongoDatabase openOrCreateDatabase(String databaseName) {
                return new IdIndexedH2Database(databaseName, getMvStore(), getCursorRegistry(), changes);
            }

            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                String name = command.toLowerCase(Locale.ROOT);
                sizeBatches(name, query);
                Document counted = name.equals("aggregate") ? countDocuments(this, databaseName, query) : null;
                if (counted != null) {
                    return counted;
                }
                if (!WRITES.contains(name)) {
                    return super.handleCommand(channel, databaseName, command, query);
                }
                try {
                    return gate.write(() -> super.handleCommand(channel, databaseName, command, query));
                }
                finally {
                    if (changes.takeCatalogChange() || !DOCUMENT_WRITES.contains(name)) {
                        gate.checkpoint();
                    }
                    else if (asksForDisk(query)) {
                        gate.awaitDurable();
                    }
                }
            }

            @Override
            public void close() {
                gate.close();
                try {
                    if (!store.isClosed()) {
                        gate.checkpoint();
                    }
                }
                finally {
                    changes.close();
                    super.close();
                }
            }
        };
        List<Document> unfinished = Journal.read(journalFile);
        for (Document record : unfinished) {
            replay(backend, record);
        }
        store.commit();
        if (!unfinished.isEmpty()) {
            log.info("Document store {}: applied {} journal records written after its last checkpoint (it was not "
                    + "stopped cleanly)", fileName, unfinished.size());
        }
        changes.journalTo(Journal.open(journalFile));
        gate.start();
        Thread lookups = new Thread(() -> prepareLookups(backend, fileName), "document-store-lookups");
        lookups.setDaemon(true);
        lookups.start();
        return backend;
    }

    /**
     * Builds again, beside the store's first commands, the lookups its collections had when it last ran (noted in
     * the map {@value #LOOKUP_FIELDS}), one pass over each collection. Built by the first query that could use
     * them instead, one pass per query, they took 2-6 s each on a day's orders, in the first minute under load, while
     * that collection's writes waited. Stops quietly if the store is stopped meanwhile.
     */
    private static void prepareLookups(H2Backend backend, String fileName) {
        long started = System.nanoTime();
        int prepared = 0;
        try {
            for (Map.Entry<String, String> noted : lookupFields(backend.getMvStore()).entrySet()) {
                String namespace = noted.getKey();
                int dot = namespace.indexOf('.');
                MongoDatabase database = dot < 0 ? null : backend.resolveDatabase(namespace.substring(0, dot));
                MongoCollection<?> collection = database instanceof IdIndexedH2Database
                        ? ((IdIndexedH2Database) database).resolveCollection(namespace.substring(dot + 1), false) : null;
                if (collection instanceof IdIndexedH2Collection) {
                    ((IdIndexedH2Collection) collection).prepareLookups(noted.getValue());
                    prepared++;
                }
            }
        }
        catch (RuntimeException stopped) {
            log.debug("Document store {}: lookups not prepared: {}", fileName, stopped.toString());
            return;
        }
        if (prepared > 0) {
            log.info("Document store {}: the lookups of {} collections built again in {} ms", fileName, prepared,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The map of the fields with a lookup, by collection (fields joined by {@link #FIELD_SEPARATOR}). */
    static MVMap<String, String> lookupFields(MVStore store) {
        return store.openMap(LOOKUP_FIELDS);
    }

    /**
     * mongo-java-server answers a find that names no batch size with every match at once; MongoDB answers it with a
     * first batch of 101 and a cursor for the rest, which the file store reads as it is taken (see
     * {@link BsonH2Collection#queryDocuments}). A getMore that names none takes what is left (the file store's
     * cursor stops at {@value BsonH2Collection#BATCH_BYTES} bytes, as MongoDB's at 16 MB); mongo-java-server refuses
     * it otherwise, never having made a cursor for one.
     */
    private static void sizeBatches(String command, Document query) {
        if (!query.containsKey("batchSize")) {
            if (command.equals("find")) {
                query.put("batchSize", FIRST_BATCH);
            }
            else if (command.equals("getmore")) {
                query.put("batchSize", Integer.MAX_VALUE);
            }
        }
    }

    /**
     * The answer to the drivers' {@code countDocuments}, the aggregation {@code [{$match: q}, {$skip: s}?, {$limit:
     * l}?, {$group: {_id: 1, n: {$sum: 1}}}]}, counted by the collection through its lookups; null for any other
     * aggregation. mongo-java-server runs every aggregation over every document of the collection, whatever its
     * {@code $match}: each total of a console list read every order, each scrape of routing's delivery gauges every
     * delivery (five seconds a scrape after a day's orders).
     */
    static Document countDocuments(H2Backend backend, String databaseName, Document command) {
        Object collectionName = command.get("aggregate");
        Object pipeline = command.get("pipeline");
        if (!(collectionName instanceof String) || !(pipeline instanceof List) || command.containsKey("collation")
                || command.containsKey("hint") || command.containsKey("explain")) {
            return null;
        }
        List<?> stages = (List<?>) pipeline;
        if (stages.size() < 2 || !COUNT_GROUP.equals(stages.get(stages.size() - 1))) {
            return null;
        }
        Object match = stage(stages.get(0), "$match");
        if (!(match instanceof Document)) {
            return null;
        }
        int skip = 0;
        int limit = 0;
        for (Object stage : stages.subList(1, stages.size() - 1)) {
            Object skipped = stage(stage, "$skip");
            Object limited = stage(stage, "$limit");
            if (skipped instanceof Number && skip == 0 && limit == 0 && ((Number) skipped).intValue() > 0) {
                skip = ((Number) skipped).intValue();
            }
            else if (limited instanceof Number && limit == 0 && ((Number) limited).intValue() > 0) {
                limit = ((Number) limited).intValue();
            }
            else {
                return null;
            }
        }
        MongoDatabase database = backend.resolveDatabase(databaseName);
        MongoCollection<?> collection = database instanceof IdIndexedH2Database
                ? ((IdIndexedH2Database) database).resolveCollection((String) collectionName, false) : null;
        if (!(collection instanceof BsonH2Collection)) {
            return null;
        }
        int count = collection.count((Document) match, skip, limit);
        List<Document> batch = count == 0 ? List.of() : List.of(new Document("_id", 1).append("n", count));
        Document cursor = new Document("id", 0L).append("ns", database.getDatabaseName() + "." + collectionName)
            .append("firstBatch", batch);
        Document answer = new Document("cursor", cursor);
        Utils.markOkay(answer);
        return answer;
    }

    /** The argument of a single-operator stage {@code {operator: argument}}, or null. */
    private static Object stage(Object stage, String operator) {
        return stage instanceof Document && ((Document) stage).size() == 1 ? ((Document) stage).get(operator) : null;
    }

    /** Applies a journal record again: the document as written (replacing the one with its id), or its removal. */
    private static void replay(H2Backend backend, Document record) {
        String namespace = (String) record.get("ns");
        int dot = namespace.indexOf('.');
        IdIndexedH2Database database = (IdIndexedH2Database) backend.resolveDatabase(namespace.substring(0, dot));
        MongoCollection<Object> collection = database.collectionToReplay(namespace.substring(dot + 1));
        Object id = record.get("id");
        collection.deleteDocuments(new Document("_id", id), 1, NoopOplog.get());
        if (record.get(Changes.DOCUMENT) instanceof Document) {
            collection.insertDocuments(List.of((Document) record.get(Changes.DOCUMENT)), true);
        }
    }

    /**
     * What the collections changed since the last checkpoint: document writes go to the journal; a change of the
     * catalog (the {@code system.*} collections: a collection or an index created or dropped) or a document the
     * journal cannot hold asks for a checkpoint instead.
     */
    static final class Changes implements AutoCloseable {

        /** Records nothing: for the writes made while a database is opened, before it has its changes. */
        static final Changes NONE = new Changes();
        /** A record's field holding the document written ({@code ns} and {@code id} say where it belongs). */
        static final String DOCUMENT = "doc";
        private static final byte[] DOCUMENT_FIELD = DOCUMENT.getBytes(StandardCharsets.UTF_8);

        private volatile Journal journal;
        private final AtomicBoolean catalogChanged = new AtomicBoolean();

        /** Until then (while the journal of the last run is applied again) nothing is recorded. */
        void journalTo(Journal opened) {
            opened.reset();
            journal = opened;
        }

        /** A document as written: its BSON, as stored, goes into the record without being encoded again. */
        void written(String namespace, Object id, byte[] document) {
            record(namespace, id, document);
        }

        void removed(String namespace, Object id) {
            record(namespace, id, null);
        }

        /** A document as written ({@code document}), or its removal (null). */
        private void record(String namespace, Object id, byte[] document) {
            Journal current = journal;
            if (current == null) {
                return;
            }
            byte[] head;
            try {
                head = bson(new Document("ns", namespace).append("id", id));
            }
            catch (RuntimeException notBson) {
                head = null;
            }
            if (namespace.contains(".system.") || head == null) {
                catalogChanged.set(true);
            }
            else {
                current.append(head, DOCUMENT_FIELD, document);
            }
        }

        /** Read first: every write command asks, and a write to the flag on each would be shared by all threads. */
        boolean takeCatalogChange() {
            return catalogChanged.get() && catalogChanged.getAndSet(false);
        }

        void flush() {
            Journal current = journal;
            if (current != null) {
                current.flush();
            }
        }

        void checkpointed() {
            Journal current = journal;
            if (current != null) {
                current.reset();
            }
        }

        @Override
        public void close() {
            Journal current = journal;
            if (current != null) {
                current.close();
            }
        }
    }

    /**
     * Keeps commits and writes apart. A checkpoint commits the file and then empties the journal: a write between the
     * two would be in neither. (Before the maps held BSON bytes, a commit could also meet a document that
     * mongo-java-server was updating in place.) Write commands hold the shared side of a lock, a commit the
     * exclusive side. Writes that ask for the disk wait for the journal ({@link GroupCommit}: those that finish
     * while it is written share the next write). Once a second the file is committed and the journal emptied (a
     * checkpoint), and H2's housekeeping is done, which its own background writer would do: chunks left mostly
     * empty by later writes are rewritten, beside the writes, so their space is freed and the file stays about the
     * size of its data.
     */
    static final class WriteGate implements AutoCloseable {

        private final MVStore store;
        private final Changes changes;
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
        private final GroupCommit journalWrites;
        private final ScheduledExecutorService background;

        WriteGate(MVStore store, Changes changes) {
            this.store = store;
            this.changes = changes;
            this.journalWrites = new GroupCommit(changes::flush);
            this.background = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "document-store-checkpoint");
                thread.setDaemon(true);
                return thread;
            });
        }

        void start() {
            background.scheduleWithFixedDelay(this::housekeepQuietly, 1, 1, TimeUnit.SECONDS);
        }

        <T> T write(Supplier<T> command) {
            lock.readLock().lock();
            try {
                return command.get();
            }
            finally {
                lock.readLock().unlock();
            }
        }

        /** Returns once what this thread wrote is in the journal on file (at once inside a write: it follows). */
        void awaitDurable() {
            if (lock.getReadHoldCount() == 0) {
                journalWrites.awaitDurable();
            }
        }

        /** Commits the file with every write finished so far, and empties the journal. */
        void checkpoint() {
            lock.writeLock().lock();
            try {
                store.commit();
                changes.checkpointed();
            }
            finally {
                lock.writeLock().unlock();
            }
        }

        /**
         * Rewrites the live pages of the least filled chunks, beside the writes; when much of the file is free, moves
         * chunks at its end into the gaps so that it shrinks (a megabyte a pass at most), with writes held.
         */
        private void compact() {
            // a rewrite changes no document, only where pages live (H2's own background writer does it beside writes):
            // it needs no gate, and the next checkpoint commits what it rewrote; under the gate it had held every write
            // for 40-60 ms of each second under load, as long as the commit itself
            store.compact(COMPACT_BELOW_FILL_RATE, COMPACT_BYTES_PER_PASS);
            if (store.getFileStore() instanceof RandomAccessStore
                    && store.getFileStore().getFillRate() < SHRINK_BELOW_FILL_RATE) {
                lock.writeLock().lock();
                try {
                    // 101: whatever the fill rate, checked just above
                    ((RandomAccessStore) store.getFileStore()).compactMoveChunks(101, COMPACT_BYTES_PER_PASS, store);
                }
                finally {
                    lock.writeLock().unlock();
                }
            }
        }

        private void housekeepQuietly() {
            try {
                if (!store.isClosed()) {
                    checkpoint();
                    compact();
                }
            }
            catch (RuntimeException ex) {
                // closed meanwhile (stopped or crashed): nothing left to write
            }
        }

        /** Lets a checkpoint under way finish: interrupted, its write would close the file under the store. */
        @Override
        public void close() {
            background.shutdown();
            try {
                if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
                    background.shutdownNow();
                }
            }
            catch (InterruptedException ex) {
                background.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    static final String LOOKUP_FIELDS = "onenet.lookups";
    static final String FIELD_SEPARATOR = "\0";
    private static final int CACHE_MB = 128;
    /**
     * Pages split beyond this many bytes (H2's default is 4 kB). Orders are keyed by random ids (a hash of the
     * channel's own id), so their writes land all over the map, and each commit writes every page a write touched
     * and the pages above it. Smaller pages hold one order each and make that path shorter in bytes: at 100 orders a
     * second for 180 s the file was a quarter smaller than with 4 kB (269 against 355 MB) and the store's CPU about 8 %
     * lower (single runs; 512 bytes and 2 kB did no better).
     */
    static final int PAGE_SPLIT_BYTES = 1024;
    private static final int RETENTION_MS = 1_000;
    static final String JOURNAL_SUFFIX = ".journal";
    /** Rewrite chunks once less than half of what they hold is live: above that, rewriting cost more CPU than it saved. */
    private static final int COMPACT_BELOW_FILL_RATE = 50;
    private static final int COMPACT_BYTES_PER_PASS = 1024 * 1024;
    /** H2's auto-compact fill rate: a file less full than this is worth shrinking. */
    private static final int SHRINK_BELOW_FILL_RATE = 90;
    private static final String BSON_SUFFIX = ".bson";
    /** Unique-index maps with {@link KeyOrder}'s BSON keys; {@link #LEGACY_INDEX_SUFFIX} held them Java-serialized. */
    static final String INDEX_SUFFIX = ".bsonkeys";
    static final String LEGACY_INDEX_SUFFIX = ".byvalue";

    /** {@code document} in BSON, mongo-java-server's own wire encoding; throws if BSON cannot hold one of its values. */
    static byte[] bson(Document document) {
        ByteBuf encoded = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, encoded);
            return ByteBufUtil.getBytes(encoded);
        }
        finally {
            encoded.release();
        }
    }

    /** The document written as BSON in {@code length} bytes of {@code bytes} from {@code offset}. */
    static Document document(byte[] bytes, int offset, int length) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes, offset, length));
    }

    /**
     * The document with only its top-level fields that {@code wanted} accepts, the others skipped over undecoded
     * (an order's timeline is most of its bytes, and most queries never look at it); every field if {@code wanted}
     * is null.
     */
    static Document document(byte[] bytes, Predicate<String> wanted) {
        if (wanted == null) {
            return document(bytes, 0, bytes.length);
        }
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        Document document = new Document();
        buffer.skipBytes(4);
        for (byte type = buffer.readByte(); type != 0; type = buffer.readByte()) {
            String name = BsonDecoder.decodeCString(buffer);
            if (wanted.test(name)) {
                document.put(name, BsonDecoder.decodeValue(type, buffer));
            }
            else if (!skipValue(type, buffer)) {
                return document(bytes, 0, bytes.length);
            }
        }
        return document;
    }

    /** Moves past a value of BSON type {@code type}; false for a type this doesn't know. */
    private static boolean skipValue(byte type, ByteBuf buffer) {
        switch (type) {
            case 0x06: // undefined
            case 0x0A: // null
            case (byte) 0xFF: // min key
            case 0x7F: // max key
                return true;
            case 0x08: // boolean
                buffer.skipBytes(1);
                return true;
            case 0x10: // int32
                buffer.skipBytes(4);
                return true;
            case 0x01: // double
            case 0x09: // date
            case 0x11: // timestamp
            case 0x12: // int64
                buffer.skipBytes(8);
                return true;
            case 0x07: // object id
                buffer.skipBytes(12);
                return true;
            case 0x13: // decimal128
                buffer.skipBytes(16);
                return true;
            case 0x02: // string
            case 0x0D: // JavaScript
            case 0x0E: // symbol
                buffer.skipBytes(buffer.readIntLE());
                return true;
            case 0x03: // document
            case 0x04: // array
            case 0x0F: // JavaScript with scope
                buffer.skipBytes(buffer.readIntLE() - 4);
                return true;
            case 0x05: // binary: length, subtype, bytes
                buffer.skipBytes(buffer.readIntLE() + 1);
                return true;
            case 0x0B: // regular expression: pattern, options
                BsonDecoder.decodeCString(buffer);
                BsonDecoder.decodeCString(buffer);
                return true;
            default:
                return false;
        }
    }

    /**
     * The top-level fields a query reads, added to {@code fields}; false if it can't tell (an operator at its top
     * other than {@code $and}, {@code $or}, {@code $nor}, such as {@code $expr}).
     */
    static boolean fieldsOf(Document query, Set<String> fields) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String key = condition.getKey();
            if (key.equals("$and") || key.equals("$or") || key.equals("$nor")) {
                if (!(condition.getValue() instanceof Collection)) {
                    return false;
                }
                for (Object part : (Collection<?>) condition.getValue()) {
                    if (!(part instanceof Document) || !fieldsOf((Document) part, fields)) {
                        return false;
                    }
                }
            }
            else if (key.startsWith("$")) {
                return false;
            }
            else {
                fields.add(topLevel(key));
            }
        }
        return true;
    }

    /**
     * Which top-level fields to decode to check {@code query} and to give what {@code projection} keeps; null (all
     * of them) if either can't tell or there is no projection.
     */
    static Predicate<String> fieldsFor(Document query, Document projection) {
        if (projection == null || projection.isEmpty()) {
            return null;
        }
        Set<String> queried = new HashSet<>();
        Set<String> named = new HashSet<>();
        boolean excluding = false;
        boolean including = false;
        for (Map.Entry<String, Object> field : projection.entrySet()) {
            Object value = field.getValue();
            if (!(value instanceof Number || value instanceof Boolean)) {
                return null; // $slice, $elemMatch, an expression: left to mongo-java-server's projection as it is
            }
            boolean keep = value instanceof Boolean ? (Boolean) value : ((Number) value).doubleValue() != 0;
            if (field.getKey().equals("_id")) {
                continue;
            }
            if (keep) {
                including = true;
                named.add(topLevel(field.getKey()));
            }
            else if (field.getKey().indexOf('.') < 0) {
                excluding = true;
                named.add(field.getKey());
            }
            else {
                return null;
            }
        }
        if ((including && excluding) || !fieldsOf(query, queried)) {
            return null;
        }
        if (including) {
            return name -> name.equals("_id") || named.contains(name) || queried.contains(name);
        }
        return name -> !named.contains(name) || queried.contains(name);
    }

    /**
     * Which top-level fields to decode to check {@code query} and sort by {@code orderBy} (empty for a count); null
     * for all of them.
     */
    static Predicate<String> fieldsRead(Document query, Document orderBy) {
        Set<String> fields = new HashSet<>();
        if (!fieldsOf(query, fields)) {
            return null;
        }
        orderBy.keySet().forEach(path -> fields.add(topLevel(path)));
        return name -> name.equals("_id") || fields.contains(name);
    }

    private static String topLevel(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** A BSON document in an H2 page: its length, then its bytes. */
    private static void writeSized(WriteBuffer buffer, byte[] bson) {
        buffer.putVarInt(bson.length);
        buffer.put(bson);
    }

    private static byte[] readSized(ByteBuffer buffer) {
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Documents as BSON, mongo-java-server's own wire encoding of them (what a client sent is what is stored), so
     * every value a client can store comes back as it was. H2's default for values it does not know is Java
     * serialization, many times slower and larger. The map holds the bytes ({@link BsonH2Collection}); on file a
     * document is its length, then its bytes.
     */
    static final class BsonBytes extends BasicDataType<byte[]> {

        /** The array's header and length: what the page cache and page splits count. */
        @Override
        public int getMemory(byte[] bson) {
            return 16 + bson.length;
        }

        @Override
        public void write(WriteBuffer buffer, byte[] bson) {
            writeSized(buffer, bson);
        }

        @Override
        public byte[] read(ByteBuffer buffer) {
            return readSized(buffer);
        }

        @Override
        public byte[][] createStorage(int size) {
            return new byte[size][];
        }
    }

    /**
     * Whether the write's concern asks for it to be on disk before the answer, as MongoDB reads it: {@code w:
     * "majority"} (on a replica set it implies the journal) or {@code j: true}. A plain {@code w: 1} write is answered
     * once applied; the next commit writes it, about a second later at most.
     */
    static boolean asksForDisk(Document command) {
        Object concern = command.get("writeConcern");
        if (!(concern instanceof Document)) {
            return false;
        }
        Document writeConcern = (Document) concern;
        return "majority".equals(writeConcern.get("w")) || Boolean.TRUE.equals(writeConcern.get("j"))
                || (writeConcern.get("w") instanceof Number && ((Number) writeConcern.get("w")).intValue() > 1);
    }

    /** The commands that change data (a failed one may have changed some before failing). */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");
    /** The writes that change documents only (the journal's); the others change the catalog. */
    private static final Set<String> DOCUMENT_WRITES = Set.of("insert", "update", "delete", "findandmodify");

    /**
     * Group commit: a writer whose change is applied waits until a commit that began after it has finished. One
     * writer at a time commits, for itself and for everyone who finished before that commit began; the others
     * wait for it, or commit next for those who came later.
     */
    static final class GroupCommit {

        private final Runnable commit;
        private long applied;
        private long durable;
        private boolean committing;

        GroupCommit(Runnable commit) {
            this.commit = commit;
        }

        void awaitDurable() {
            long ticket;
            synchronized (this) {
                ticket = ++applied;
            }
            while (true) {
                long upTo;
                synchronized (this) {
                    while (committing && durable < ticket) {
                        try {
                            wait();
                        }
                        catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("Interrupted waiting for a commit", ex);
                        }
                    }
                    if (durable >= ticket) {
                        return;
                    }
                    committing = true;
                    upTo = applied;
                }
                boolean done = false;
                try {
                    commit.run();
                    done = true;
                }
                finally {
                    synchronized (this) {
                        committing = false;
                        if (done) {
                            durable = Math.max(durable, upTo);
                        }
                        notifyAll();
                    }
                }
            }
        }
    }

    /**
     * The positions of the documents {@code query} may match, through the {@code _id} index or a field's lookup;
     * null if neither narrows it down (the collection reads every document, as mongo-java-server does).
     */
    static <P> Iterable<P> candidates(AbstractMongoCollection<P> collection, FieldLookups<P> lookups, Document query,
            FieldLookups.AllDocuments<P> all) {
        List<Object> ids = idsIn(query);
        Index<P> byId = ids == null ? null : idIndex(collection);
        if (byId != null && ids.size() == 1) {
            return byId.getPositions(new Document("_id", ids.get(0))); // a write pinned to its id: the usual case
        }
        if (byId != null) {
            Set<P> positions = new LinkedHashSet<>();
            for (Object id : ids) {
                byId.getPositions(new Document("_id", id)).forEach(positions::add);
            }
            return positions;
        }
        return lookups.candidates(query, collection.getIndexes(), all);
    }

    /**
     * The {@code _id} values {@code query} is confined to: a plain value with further conditions (a plain {@code _id}
     * alone mongo-java-server answers through its index), or a list of plain values ({@code $in}), with or without
     * further conditions (the relay's batch lease); else null.
     */
    static List<Object> idsIn(Document query) {
        Object id = query.get("_id");
        if (query.size() >= 2 && plain(id)) {
            return List.of(id);
        }
        if (id instanceof Document operators && operators.size() == 1 && operators.get("$in") instanceof Collection<?> values
                && values.stream().allMatch(IdIndexedBackends::plain)) {
            return List.copyOf(values);
        }
        return null;
    }

    private static boolean plain(Object id) {
        return id != null && !(id instanceof Document) && !(id instanceof Collection)
                && !BsonRegularExpression.isRegularExpression(id);
    }

    private static <P> Index<P> idIndex(AbstractMongoCollection<P> collection) {
        for (Index<P> index : collection.getIndexes()) {
            if (index.isUnique() && index.getKeys().stream().map(IndexKey::getKey).toList().equals(ID)) {
                return index;
            }
        }
        return null;
    }

    static final class IdIndexedMemoryCollection extends MemoryCollection {

        IdIndexedMemoryCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        private final FieldLookups<Integer> lookups = new FieldLookups<>();

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            Iterable<Integer> candidates = candidates(this, lookups, query, fields -> streamAllDocumentsWithPosition());
            return candidates == null ? super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector)
                    : matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            Integer position = super.addDocumentInternal(document);
            lookups.added(position, document);
            return position;
        }

        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument);
            lookups.updated(position, newDocument);
        }

        @Override
        protected void removeDocument(Integer position) {
            super.removeDocument(position);
            lookups.removed(position);
        }
    }

    static final class IdIndexedH2Database extends H2Database {

        private static final Field MV_STORE;

        static {
            try {
                MV_STORE = H2Database.class.getDeclaredField("mvStore");
                MV_STORE.setAccessible(true);
            }
            catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        private static final Constructor<H2UniqueIndex> UNIQUE_INDEX;

        static {
            try {
                UNIQUE_INDEX = H2UniqueIndex.class.getDeclaredConstructor(MVMap.class, String.class, List.class, boolean.class);
                UNIQUE_INDEX.setAccessible(true);
            }
            catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        private final Changes changes;

        IdIndexedH2Database(String name, MVStore store, CursorRegistry cursors, Changes changes) {
            super(name, store, cursors);
            this.changes = changes;
        }

        /** None yet while the super constructor opens the database's collections (the writes of that are committed). */
        Changes changes() {
            return changes == null ? Changes.NONE : changes;
        }

        /** The collection, created if need be, to apply a journal record to. */
        MongoCollection<Object> collectionToReplay(String collectionName) {
            return resolveOrCreateCollection(collectionName);
        }

        /**
         * Opens the collection's maps as {@link H2Database} does ({@code meta.<ns>}), but keeps the documents as BSON
         * ({@code databases.<ns>.bson}, {@link BsonBytes}) instead of Java-serializing them: every commit
         * serializes the pages it changed, every page read from the file deserializes them. A data file written
         * before holds them in {@code databases.<ns>}; they are moved over, under the same keys, when opened.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore store = store();
            String namespace = getFullCollectionNamespace(collectionName);
            return new IdIndexedH2Collection(this, collectionName, options, documents(store, namespace),
                    store.openMap("meta." + namespace), cursorRegistry);
        }

        private static MVMap<Object, byte[]> documents(MVStore store, String namespace) {
            String legacy = "databases." + namespace;
            String name = legacy + BSON_SUFFIX;
            boolean fresh = !store.hasMap(name);
            MVMap<Object, byte[]> documents = openDocuments(store, name);
            if (fresh && store.hasMap(legacy)) {
                MVMap<Object, Document> old = store.openMap(legacy);
                old.forEach((key, document) -> documents.put(key, bson(document)));
                store.removeMap(old);
                store.commit();
            }
            return documents;
        }

        private static MVMap<Object, byte[]> openDocuments(MVStore store, String name) {
            return store.openMap(name, new MVMap.Builder<Object, byte[]>().valueType(new BsonBytes()));
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            MVStore store = store();
            String name = "databases." + getFullCollectionNamespace(collectionName) + BSON_SUFFIX;
            if (store.hasMap(name)) {
                store.removeMap(name);
            }
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            MVStore store = store();
            String from = "databases." + collection.getFullName() + BSON_SUFFIX;
            super.moveCollection(oldDatabase, collection, newCollectionName);
            if (store.hasMap(from)) {
                store.renameMap(openDocuments(store, from),
                        "databases." + getFullCollectionNamespace(newCollectionName) + BSON_SUFFIX);
            }
        }

        /**
         * A unique index (every collection's {@code _id} index among them) as a map whose keys compare by value
         * ({@link KeyOrder}). {@link H2Database} opens it with H2's default key type, which compares keys it does not
         * know — mongo-java-server's {@link KeyValue} — by Java-serializing both sides on every comparison: each
         * lookup by id serialized a dozen objects, the largest single cost of the store under load. The map has
         * its own name ({@code …._index_<name>.bsonkeys}): a data file written before holds an older map (dropped
         * here), this one starts empty there and is filled from the collection's documents when the index is opened.
         * Updates that keep the index's fields pass it by ({@link SteadyKeysIndex}).
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVStore store = store();
            // a file from before BSON keys: its Java-serialized map is rebuilt under the new name; drop the old one
            String legacy = uniqueIndexMap(collectionName, indexName, LEGACY_INDEX_SUFFIX);
            if (store.hasMap(legacy)) {
                store.removeMap(legacy);
            }
            MVMap<KeyValue, Object> map = store.openMap(uniqueIndexMap(collectionName, indexName, INDEX_SUFFIX),
                    new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder()));
            try {
                @SuppressWarnings("unchecked")
                Index<Object> index = (Index<Object>) (Index<?>) UNIQUE_INDEX.newInstance(map, indexName, keys, sparse);
                return new SteadyKeysIndex<>(index, indexName, keys, sparse);
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("Cannot open the unique index " + indexName + " of " + collectionName, ex);
            }
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            MVStore store = store();
            String name = uniqueIndexMap(collection.getCollectionName(), indexName, INDEX_SUFFIX);
            if (store.hasMap(name)) {
                store.removeMap(name);
            }
        }

        private String uniqueIndexMap(String collectionName, String indexName, String suffix) {
            return getDatabaseName() + "." + collectionName + "._index_" + indexName + suffix;
        }

        /** Called from the super constructor too, before any field of this class is set: read H2Database's. */
        private MVStore store() {
            try {
                return (MVStore) MV_STORE.get(this);
            }
            catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /**
     * Orders unique-index keys by their values, as MongoDB orders values ({@link ValueComparator}), and writes them
     * as BSON: H2's default Java-serialized each key (a list of values) whenever a commit wrote its page, a tenth of
     * the store's time under load. A key of one string (every id and tracking number) is written as H2 writes
     * strings, its characters as they are: encoding it as a BSON document again on every commit that wrote its page
     * was a seventh of the checkpoint's time. A key BSON cannot hold (mongo-java-server's marker for a missing field),
     * and anything else, keeps H2's default. A tag byte says which; keys written as BSON before are read as ever.
     */
    static final class KeyOrder extends ObjectDataType {

        private static final byte STRING_KEY = 2;
        private static final byte BSON_KEY = 1;
        private static final byte DEFAULT = 0;
        /** A key and its list of values; a value of a type H2 has no estimate for (a date, a document, …). */
        private static final int KEY_MEMORY = 48;
        private static final int VALUE_MEMORY = 64;

        @Override
        public void write(WriteBuffer buffer, Object key) {
            if (key instanceof KeyValue value && value.size() == 1 && value.get(0) instanceof String string) {
                buffer.put(STRING_KEY).putVarInt(string.length()).putStringData(string, string.length());
                return;
            }
            byte[] bson = key instanceof KeyValue ? bsonOf((KeyValue) key) : null;
            if (bson == null) {
                buffer.put(DEFAULT);
                super.write(buffer, key);
                return;
            }
            buffer.put(BSON_KEY);
            writeSized(buffer, bson);
        }

        @Override
        public Object read(ByteBuffer buffer) {
            byte tag = buffer.get();
            if (tag == STRING_KEY) {
                return new KeyValue(DataUtils.readString(buffer));
            }
            if (tag != BSON_KEY) {
                return super.read(buffer);
            }
            byte[] bson = readSized(buffer);
            return new KeyValue((List<?>) document(bson, 0, bson.length).get("k"));
        }

        /**
         * What a key takes in memory, as H2 counts it to split pages and fill its cache. H2's default guesses 10 kB
         * for any object it did not serialize itself, which these keys never are: every index page then split at
         * one or two keys (an index of 50,000 ids 14 levels deep instead of 9, each insert rewriting a page per level
         * at the next commit), and each index page counted 10-20 kB against the 128 MB cache.
         */
        @Override
        public int getMemory(Object key) {
            if (!(key instanceof KeyValue)) {
                return super.getMemory(key);
            }
            int memory = KEY_MEMORY;
            for (Object value : (KeyValue) key) {
                // H2's own estimate for strings and whole numbers; for the rest it would guess 10 kB again
                memory += value instanceof String || value instanceof Long || value instanceof Integer
                        ? super.getMemory(value) : VALUE_MEMORY;
            }
            return memory;
        }

        private static byte[] bsonOf(KeyValue key) {
            List<Object> values = new ArrayList<>(key.size());
            key.forEach(values::add);
            try {
                return bson(new Document("k", values));
            }
            catch (RuntimeException notBson) {
                return null;
            }
        }

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue && b instanceof KeyValue) {
                KeyValue left = (KeyValue) a;
                KeyValue right = (KeyValue) b;
                int common = Math.min(left.size(), right.size());
                for (int i = 0; i < common; i++) {
                    int order = compareValues(left.get(i), right.get(i));
                    if (order != 0) {
                        return order;
                    }
                }
                return Integer.compare(left.size(), right.size());
            }
            return super.compare(a, b);
        }

        /**
         * MongoDB's order of values, as mongo-java-server's comparator has it, with the common cases first: ids are
         * strings (or numbers), and every index lookup compares a key some sixteen times.
         */
        static int compareValues(Object a, Object b) {
            if (a instanceof String && b instanceof String) {
                return ((String) a).compareTo((String) b);
            }
            if (a instanceof Long && b instanceof Long) {
                return Long.compare((Long) a, (Long) b);
            }
            if (a instanceof Integer && b instanceof Integer) {
                return Integer.compare((Integer) a, (Integer) b);
            }
            return ValueComparator.asc().compare(a, b);
        }
    }

    static final class IdIndexedH2Collection extends BsonH2Collection {

        IdIndexedH2Collection(MongoDatabase database, String name, CollectionOptions options,
                MVMap<Object, byte[]> data, MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        private final FieldLookups<Object> lookups = new FieldLookups<>(this::lookupsBuilt);

        private Changes changes() {
            return ((IdIndexedH2Database) getDatabase()).changes();
        }

        @Override
        protected Iterable<Object> candidates(Document query) {
            Iterable<Object> candidates = IdIndexedBackends.candidates(this, lookups, query, this::streamWithFields);
            return candidates == null ? super.candidates(query) : candidates;
        }

        /** Through the lookups, when they hold exactly the matches. */
        @Override
        protected int exactCount(Document query) {
            return lookups.count(query, getIndexes(), this::streamWithFields, count());
        }

        /** Through the field's lookup, when every document holds one date there. */
        @Override
        protected List<Object> inOrderOf(String field, boolean descending, int documents) {
            return lookups.inOrderOf(field, descending, documents);
        }

        @Override
        protected List<Object> inOrderWithin(String field, boolean descending, Document operators) {
            return lookups.inOrderWithin(field, descending, operators);
        }

        /**
         * Noted in the file (at the next checkpoint), for {@link #prepareLookups} when the store opens again, and
         * told in the log, beside the slow queries when it took as long as one: a query that builds a lookup holds
         * the collection while it reads every document.
         */
        private void lookupsBuilt(Set<String> fields, Set<String> added, int documents, long nanos) {
            lookupFields(((IdIndexedH2Database) getDatabase()).store()).put(getFullName(),
                    String.join(FIELD_SEPARATOR, new TreeSet<>(fields)));
            log.atLevel(nanos >= SLOW_QUERY_NANOS ? Level.INFO : Level.DEBUG).log(
                    "Lookups of {} built on {}: {} documents read in {} ms", getFullName(),
                    String.join(", ", new TreeSet<>(added)), documents, nanos / 1_000_000);
        }

        /** Builds, in one pass, the lookups that the collection had when the store last ran. */
        void prepareLookups(String fields) {
            lookups.prepare(List.of(fields.split(FIELD_SEPARATOR)), getIndexes(), this::streamWithFields);
        }

        /** The fields with a lookup now. */
        Set<String> fieldsWithLookups() {
            return lookups.fields();
        }

        /** A new document has no lookup entries yet: replacing them is adding them. */
        @Override
        protected void stored(Object position, Document document, byte[] bson) {
            lookups.updated(position, document);
            changes().written(getFullName(), position, bson);
        }

        @Override
        protected void removeDocument(Object position) {
            super.removeDocument(position);
            lookups.removed(position);
            changes().removed(getFullName(), position);
        }
    }
}
