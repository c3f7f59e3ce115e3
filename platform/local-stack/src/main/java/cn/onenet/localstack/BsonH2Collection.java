package cn.onenet.localstack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection of the file store, as mongo-java-server's {@code H2Collection} keeps it, except that the map holds
 * each document's BSON bytes instead of the document. The document is decoded when it is read and encoded once when
 * it is written. Kept as documents, the pages in H2's cache held objects several times the size of their BSON.
 * Orders are keyed by random ids, so the working set spans the whole map. Under load the cache then dropped pages
 * that were soon read again, and each page read decoded every document in it, wanted or not. Each commit also
 * encoded every document of every page it wrote. The file format is the same: a document is its length, then its
 * BSON ({@link IdIndexedBackends.BsonBytes}).
 *
 * <p>A document read is a copy: mongo-java-server changes the document it read in place when it updates it, and
 * then hands it back ({@link #handleUpdate}). So no page held by H2 changes under a commit writing it.
 *
 * <p>The data size that collection statistics report is counted from the stored bytes. mongo-java-server's own
 * count encodes the document once more for an insert and twice for an update.
 */
class BsonH2Collection extends AbstractSynchronizedMongoCollection<Object> {

    private static final String DATA_SIZE_KEY = "dataSize";
    private static final Document EVERYTHING = new Document();
    private static final Logger log = LoggerFactory.getLogger(BsonH2Collection.class);

    /**
     * A query taking this long in all is told to the log (see {@code Plan.finished}): a second, or the milliseconds
     * of the system property {@code onenet.store.slow-query-ms}.
     */
    static final long SLOW_QUERY_NANOS = Long.getLong("onenet.store.slow-query-ms", 1000) * 1_000_000;

    /** A batch ends once this many bytes of its documents have been read (MongoDB's at 16 MB). */
    static final int BATCH_BYTES = 4 << 20;

    private final MVMap<Object, byte[]> dataMap;
    private final MVMap<String, Object> metaMap;

    BsonH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, byte[]> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
        this.dataMap = dataMap;
        this.metaMap = metaMap;
        metaMap.putIfAbsent(DATA_SIZE_KEY, 0L);
    }

    /** Counted here, from the bytes stored and replaced ({@link #storedSizeChanged}). */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        synchronized (metaMap) {
            Number value = (Number) metaMap.get(DATA_SIZE_KEY);
            metaMap.put(DATA_SIZE_KEY, value.longValue() + sizeDelta);
        }
    }

    @Override
    protected int getDataSize() {
        return ((Number) metaMap.get(DATA_SIZE_KEY)).intValue();
    }

    private void storedSizeChanged(byte[] before, byte[] after) {
        int delta = (after == null ? 0 : after.length) - (before == null ? 0 : before.length);
        if (delta != 0) {
            updateDataSize(delta);
        }
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        byte[] bson = IdIndexedBackends.bson(document);
        byte[] previous = dataMap.putIfAbsent(Missing.ofNullable(key), bson);
        if (previous != null) {
            throw new IllegalStateException("Document with key '" + key + "' already existed in " + this);
        }
        storedSizeChanged(null, bson);
        stored(key, document, bson);
        return key;
    }

    /** Stores the document mongo-java-server has updated: encoded here, once. */
    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        byte[] bson = IdIndexedBackends.bson(newDocument);
        storedSizeChanged(dataMap.put(Missing.ofNullable(position), bson), bson);
        stored(position, newDocument, bson);
    }

    /** Called once a document is stored, inserted or updated, with the BSON it is stored as. */
    protected void stored(Object position, Document document, byte[] bson) {
    }

    @Override
    protected void removeDocument(Object position) {
        byte[] removed = dataMap.remove(position);
        if (removed == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
        storedSizeChanged(removed, null);
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] bson = dataMap.get(position);
        return bson == null ? null : IdIndexedBackends.document(bson, 0, bson.length);
    }

    @Override
    public int count() {
        return dataMap.size();
    }

    @Override
    public boolean isEmpty() {
        return dataMap.isEmpty();
    }

    /**
     * Every document with its position, holding only {@code fields} (and {@code _id}): what building lookups reads.
     * Decoding whole documents for it took a second or more for each field's first query after a restart on a day's
     * data.
     */
    protected Stream<DocumentWithPosition<Object>> streamWithFields(Set<String> fields) {
        return stream(name -> fields.contains(name) || name.equals("_id"));
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return stream(null);
    }

    /** Every document with its position, holding the top-level fields {@code wanted} accepts (null: all). */
    private Stream<DocumentWithPosition<Object>> stream(Predicate<String> wanted) {
        return dataMap.entrySet().stream()
            .map(entry -> new DocumentWithPosition<>(IdIndexedBackends.document(entry.getValue(), wanted), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        return queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The positions of the documents {@code query} may match, through an index that answers it; null if none does
     * (every document is read).
     */
    protected Iterable<Object> candidates(Document query) {
        for (Index<Object> index : getIndexes()) {
            if (index.canHandle(query)) {
                return index.getPositions(query);
            }
        }
        return null;
    }

    /**
     * Answers a query holding no more than a batch of documents decoded at a time, wherever many match. mongo-java-server collects every match (and, to sort them, every match whole) before it answers. A store
     * restarted after a day's orders then held all open orders decoded for each query that asked for them (routing's
     * duplicate index, the backlog figures, a count of a console list), and ran out of memory with the broker in it.
     *
     * <p>A query without a sort takes the keys it may match (from a lookup or an index, else every key) and reads
     * and checks the documents as the batches are taken: the first batch (of {@code batchSize}) now, the rest
     * through a cursor. A sorted query reads the fields it compares of every candidate once, sorts the matches' keys,
     * and reads the documents again as the batches are taken. A document read as a
     * batch is taken is checked against the query then, so one changed or removed meanwhile no longer comes back;
     * MongoDB's cursors do not promise a snapshot either. A {@code batchSize} of 0 (a query of mongo-java-server's
     * own: an update, a delete, a count, an aggregation) gets every match, read as it iterates.
     */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        Plan plan = plan(query, orderBy, numberToSkip, limit);
        if (batchSize <= 0) {
            return new QueryResult(() -> plan.reader(fieldSelector));
        }
        Reader reader = plan.reader(fieldSelector);
        List<Document> firstBatch = reader.take(batchSize);
        if (!reader.hasNext()) {
            return new QueryResult(firstBatch);
        }
        MatchCursor cursor = new MatchCursor(cursorRegistry.generateCursorId(), reader);
        cursorRegistry.add(cursor);
        return new QueryResult(firstBatch, cursor);
    }

    /**
     * Counted as the documents are read, under the collection's lock (mongo-java-server's count takes none). A
     * {@code limit} of 0 or less is none (the {@code count} command passes -1 for none).
     */
    @Override
    public synchronized int count(Document query, int numberToSkip, int limit) {
        int wanted = Math.max(0, limit);
        int exactly = query == null || query.isEmpty() ? dataMap.size() : exactCount(query);
        if (exactly >= 0) {
            int all = Math.max(0, exactly - numberToSkip);
            return wanted == 0 ? all : Math.min(all, wanted);
        }
        Reader reader = plan(query, null, numberToSkip, wanted).reader(IdIndexedBackends.fieldsRead(query, EVERYTHING));
        int count = 0;
        while (reader.hasNext()) {
            reader.next();
            count++;
        }
        return count;
    }

    /**
     * How many documents match {@code query}, when this collection can tell without reading them; -1 if not (the
     * default): a department's total of orders, counted among a day's, read each of them.
     */
    protected int exactCount(Document query) {
        return -1;
    }

    /** What a query reads: the keys it may match in the order asked, or its matches, sorted, skipped and limited. */
    private Plan plan(Document query, Document orderBy, int numberToSkip, int limit) {
        long started = System.nanoTime();
        DocumentComparator order = deriveComparator(orderBy);
        Iterable<Object> positions = candidates(query);
        List<Object> ordered = order == null || limit == 0
                || !walkPays(positions, (long) numberToSkip + Math.abs(limit)) ? null : inOrderOf(orderBy, query);
        if (ordered != null) {
            return orderBy.size() == 1
                    ? firstInOrder(ordered, positions, query, orderBy, numberToSkip, Math.abs(limit), started)
                    : firstInOrderThenBy(ordered, positions, query, orderBy, order, numberToSkip, Math.abs(limit),
                            started);
        }
        if (order == null) {
            List<Match> keys = new ArrayList<>();
            for (Object position : positions == null ? dataMap.keySet() : positions) {
                keys.add(new Match(position, null));
            }
            if (isNaturalDescending(orderBy)) {
                keys.sort((a, b) -> ValueComparator.desc().compare(a.position, b.position));
            }
            return new Plan(keys, query, orderBy, numberToSkip, Math.abs(limit), 0, System.nanoTime() - started);
        }
        List<Match> matches = new ArrayList<>();
        int read = 0;
        Iterator<Map.Entry<Object, byte[]>> stored = positions == null ? dataMap.entrySet().iterator()
                : new StoredAt(positions.iterator());
        // only what the query and the sort read; the matches taken are read again, whole or as projected
        Predicate<String> compared = IdIndexedBackends.fieldsRead(query, orderBy);
        while (stored.hasNext()) {
            Map.Entry<Object, byte[]> entry = stored.next();
            Document document = IdIndexedBackends.document(entry.getValue(), compared);
            read++;
            if (!documentMatchesQuery(document, query)) {
                continue;
            }
            matches.add(new Match(entry.getKey(), sortFields(document, orderBy)));
        }
        matches.sort((a, b) -> order.compare(a.sortFields, b.sortFields));
        int from = Math.min(numberToSkip, matches.size());
        int wanted = Math.abs(limit);
        int to = wanted == 0 ? matches.size() : (int) Math.min(matches.size(), (long) from + wanted);
        return new Plan(matches.subList(from, to), query, orderBy, 0, 0, read, System.nanoTime() - started);
    }

    /**
     * The matches a limited query sorted on one field takes, found by walking the collection in that field's order
     * ({@link #inOrderOf}) and reading documents until enough match: a console's first page of the latest orders
     * reads twenty documents, not every order's date to sort them. A document outside the query's candidates is
     * passed over without being read.
     */
    private Plan firstInOrder(List<Object> ordered, Iterable<Object> positions, Document query, Document orderBy,
            int numberToSkip, int wanted, long started) {
        List<Match> taken = new ArrayList<>(Math.min(wanted, 1024));
        int[] matched = { 0 };
        int read = walk(ordered, positions, query, EVERYTHING, (position, document) -> {
            if (matched[0]++ >= numberToSkip) {
                taken.add(new Match(position, null));
            }
            return taken.size() < wanted;
        });
        return new Plan(taken, query, orderBy, 0, 0, read, System.nanoTime() - started);
    }

    /**
     * The matches a limited query sorted on one field and then others takes (an admin's page of deliveries: newest
     * first, then by order and sequence), found by walking the collection in the first field's order: every match up
     * to the page's end is taken with the fields it is sorted by, and then those tied with the last of them on the
     * first field; sorted on every field, the page is cut from them. Before, each page read and sorted every
     * candidate (180,000 deliveries: 5 s).
     */
    private Plan firstInOrderThenBy(List<Object> ordered, Iterable<Object> positions, Document query,
            Document orderBy, DocumentComparator order, int numberToSkip, int wanted, long started) {
        Map.Entry<String, Object> firstKey = orderBy.entrySet().iterator().next();
        DocumentComparator onFirst = deriveComparator(new Document(firstKey.getKey(), firstKey.getValue()));
        long needed = (long) numberToSkip + wanted;
        List<Match> taken = new ArrayList<>();
        Document[] last = { null };
        int read = walk(ordered, positions, query, orderBy, (position, document) -> {
            Document sortFields = sortFields(document, orderBy);
            if (last[0] != null && onFirst.compare(last[0], sortFields) != 0) {
                return false;
            }
            taken.add(new Match(position, sortFields));
            if (last[0] == null && taken.size() >= needed) {
                last[0] = sortFields;
            }
            return true;
        });
        taken.sort((a, b) -> order.compare(a.sortFields, b.sortFields));
        int from = Math.min(numberToSkip, taken.size());
        int to = (int) Math.min(taken.size(), (long) from + wanted);
        return new Plan(taken.subList(from, to), query, orderBy, 0, 0, read, System.nanoTime() - started);
    }

    /** Told each match of a walk, with the fields read of it; answers whether to go on. */
    @FunctionalInterface
    private interface WalkStep {
        boolean next(Object position, Document document);
    }

    /**
     * Reads the candidates in {@code ordered}'s order (a document outside them is passed over without being read),
     * the query's fields and those {@code orderBy} names, and tells {@code step} each match until it says stop.
     * Answers how many documents were read.
     */
    private int walk(List<Object> ordered, Iterable<Object> positions, Document query, Document orderBy,
            WalkStep step) {
        Set<Object> candidates = candidatesOf(positions);
        Predicate<String> compared = IdIndexedBackends.fieldsRead(query, orderBy);
        int read = 0;
        for (Object position : ordered) {
            if (candidates != null && !candidates.contains(position)) {
                continue;
            }
            byte[] bson = dataMap.get(position);
            if (bson == null) {
                continue;
            }
            read++;
            Document document = IdIndexedBackends.document(bson, compared);
            if (documentMatchesQuery(document, query) && !step.next(position, document)) {
                break;
            }
        }
        return read;
    }

    /** The candidates' positions as a set, to pass over the others while walking; null for every document. */
    private static Set<Object> candidatesOf(Iterable<Object> positions) {
        if (positions == null || positions instanceof Set<Object>) {
            return (Set<Object>) positions;
        }
        Set<Object> candidates = new HashSet<>();
        positions.forEach(candidates::add);
        return candidates;
    }

    /**
     * Whether walking the collection in order beats sorting the candidates: the walk passes over every document and
     * reads about {@code needed} × documents / candidates of them; the sort reads every candidate. A department's
     * first page walks; its hundredth page, or a handful of candidates, sorts.
     */
    private boolean walkPays(Iterable<Object> positions, long needed) {
        double documents = dataMap.size();
        if (positions == null) {
            return needed < documents;
        }
        if (!(positions instanceof Collection<?> candidates)) {
            return false;
        }
        double found = candidates.size();
        return found * found > needed * documents;
    }

    /**
     * The positions of the documents in the order of the first field {@code orderBy} names, when that is a
     * top-level field and this collection can tell that order without sorting; else null (the default: none can).
     * Every document's, or, when {@code query} bounds that field, those within the bounds.
     */
    private List<Object> inOrderOf(Document orderBy, Document query) {
        if (orderBy.isEmpty()) {
            return null;
        }
        Map.Entry<String, Object> key = orderBy.entrySet().iterator().next();
        String field = key.getKey();
        if (field.startsWith("$") || field.indexOf('.') >= 0 || !(key.getValue() instanceof Number direction)) {
            return null;
        }
        boolean descending = direction.intValue() < 0;
        if (query.get(field) instanceof Document operators) {
            List<Object> within = inOrderWithin(field, descending, operators);
            if (within != null) {
                return within;
            }
        }
        return inOrderOf(field, descending, dataMap.size());
    }

    /**
     * The positions of the documents whose value of the top-level {@code field} lies within the bounds
     * {@code operators} gives, in that value's order, if this collection keeps them so; null if not (the default).
     */
    protected List<Object> inOrderWithin(String field, boolean descending, Document operators) {
        return null;
    }

    /**
     * The positions of all the collection's {@code documents} in the order of their value of the top-level
     * {@code field}, if this collection keeps them so; null if not (then the query sorts).
     */
    protected List<Object> inOrderOf(String field, boolean descending, int documents) {
        return null;
    }

    /** The values of the fields {@code orderBy} names, at their paths: what sorting the document compares. */
    private static Document sortFields(Document document, Document orderBy) {
        Document fields = new Document();
        for (String path : orderBy.keySet()) {
            Utils.copySubdocumentValue(document, fields, path);
        }
        return fields;
    }

    /** A key to read, with the fields a sorted query's match is sorted by. */
    private static final class Match {

        final Object position;
        final Document sortFields;

        Match(Object position, Document sortFields) {
            this.position = position;
            this.sortFields = sortFields;
        }
    }

    /**
     * The keys a query reads (checked against it, skipped and limited as they are read), or its matches (checked,
     * skipped and limited already: {@code skip} and {@code limit} 0).
     */
    private final class Plan {

        private final List<Match> matches;
        private final Document query;
        private final Document orderBy;
        private final int skip;
        private final int limit;
        /** Documents read, and the time taken, to plan (to sort: every candidate's sort fields) */
        private final int read;
        private final long nanos;

        Plan(List<Match> matches, Document query, Document orderBy, int skip, int limit, int read, long nanos) {
            this.matches = matches;
            this.query = query;
            this.orderBy = orderBy;
            this.skip = skip;
            this.limit = limit;
            this.read = read;
            this.nanos = nanos;
        }

        Reader reader(Document fieldSelector) {
            return new Reader(this, fieldSelector, IdIndexedBackends.fieldsFor(query, fieldSelector));
        }

        /** Reads only the top-level fields {@code read} accepts (null: all), returned as read. */
        Reader reader(Predicate<String> read) {
            return new Reader(this, null, read);
        }

        /**
         * Tells the log of a query that took {@link #SLOW_QUERY_NANOS} or more in all (its batches together): what
         * it filtered and sorted on (field names only, never values: they may be personal data), how many
         * documents it read and returned.
         */
        void finished(int readThen, int returned, long readingNanos) {
            long total = nanos + readingNanos;
            if (total < SLOW_QUERY_NANOS) {
                if (log.isDebugEnabled()) {
                    log.debug("Query on {}: {} documents read, {} returned in {} ms{}", getFullName(),
                            read + readThen, returned, total / 1_000_000,
                            orderBy == null || orderBy.isEmpty() ? "" : " (sorted by "
                                    + String.join(", ", orderBy.keySet()) + ")");
                }
                return;
            }
            Set<String> fields = new TreeSet<>();
            String filter = IdIndexedBackends.fieldsOf(query, fields) ? String.join(", ", fields) : "an expression";
            log.info("Slow query on {}: {} documents read, {} returned in {} ms (filter on {}{})", getFullName(),
                    read + readThen, returned, total / 1_000_000, filter.isEmpty() ? "nothing" : filter,
                    orderBy == null || orderBy.isEmpty() ? "" : "; sorted by " + String.join(", ", orderBy.keySet()));
        }
    }

    /** The stored bytes at each position an index gave, skipping any removed since. */
    private final class StoredAt implements Iterator<Map.Entry<Object, byte[]>> {

        private final Iterator<Object> positions;
        private Map.Entry<Object, byte[]> next;

        StoredAt(Iterator<Object> positions) {
            this.positions = positions;
        }

        @Override
        public boolean hasNext() {
            while (next == null && positions.hasNext()) {
                Object position = positions.next();
                byte[] bson = dataMap.get(position);
                next = bson == null ? null : new AbstractMap.SimpleImmutableEntry<>(position, bson);
            }
            return next != null;
        }

        @Override
        public Map.Entry<Object, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<Object, byte[]> entry = next;
            next = null;
            return entry;
        }
    }

    /**
     * A plan's documents, projected: each read (only the fields the query and the projection name, when they can
     * tell) and checked against the query (with a matcher of its own: a cursor's batches are taken outside the
     * collection's lock).
     */
    private final class Reader implements Iterator<Document> {

        private final Plan plan;
        private final Iterator<Match> matches;
        private final Document query;
        private final Document fieldSelector;
        private final DefaultQueryMatcher matcher = new DefaultQueryMatcher();
        private final Predicate<String> read;
        private final int limit;
        private int toSkip;
        private int returned;
        private long bytesReturned;
        private int documentsRead;
        private long readingNanos;
        private boolean finished;
        private Document next;

        Reader(Plan plan, Document fieldSelector, Predicate<String> read) {
            this.plan = plan;
            this.matches = plan.matches.iterator();
            this.query = plan.query;
            this.fieldSelector = fieldSelector;
            this.read = read;
            this.toSkip = plan.skip;
            this.limit = plan.limit;
        }

        @Override
        public boolean hasNext() {
            if (next != null || finished) {
                return next != null;
            }
            long started = System.nanoTime();
            while (next == null && matches.hasNext() && (limit == 0 || returned < limit)) {
                byte[] bson = dataMap.get(matches.next().position);
                if (bson == null) {
                    continue;
                }
                Document document = IdIndexedBackends.document(bson, read);
                documentsRead++;
                if (!matcher.matches(document, query)) {
                    continue;
                }
                bytesReturned += bson.length;
                if (toSkip > 0) {
                    toSkip--;
                    continue;
                }
                next = project(document);
                returned++;
            }
            readingNanos += System.nanoTime() - started;
            if (next == null) {
                finished = true;
                plan.finished(documentsRead, returned, readingNanos);
            }
            return next != null;
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Document document = next;
            next = null;
            return document;
        }

        /** Up to {@code count} documents, ending once {@value #BATCH_BYTES} bytes of them have been read. */
        List<Document> take(int count) {
            List<Document> batch = new ArrayList<>();
            long bytesBefore = bytesReturned;
            while (batch.size() < count && bytesReturned - bytesBefore < BATCH_BYTES && hasNext()) {
                batch.add(next());
            }
            return batch;
        }

        private Document project(Document document) {
            if (fieldSelector == null || fieldSelector.isEmpty()) {
                return document;
            }
            // mongo-java-server's projection is its own (package-private); its stream match applies it
            return matchDocumentsFromStream(Stream.of(document), EVERYTHING, null, 0, 0, 0, fieldSelector)
                .iterator().next();
        }
    }

    /** The rest of a query past its first batch, read batch by batch as the client takes them. */
    private final class MatchCursor extends AbstractCursor {

        private final Reader reader;

        MatchCursor(long id, Reader reader) {
            super(id);
            this.reader = reader;
        }

        @Override
        public boolean isEmpty() {
            synchronized (BsonH2Collection.this) {
                return !reader.hasNext();
            }
        }

        @Override
        public List<Document> takeDocuments(int numberToReturn) {
            synchronized (BsonH2Collection.this) {
                return reader.take(numberToReturn);
            }
        }

        @Override
        public String toString() {
            return "MatchCursor(id: " + id + ", " + reader.returned + " read)";
        }
    }
}
