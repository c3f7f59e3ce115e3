package cn.onenet.localstack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

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

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return dataMap.entrySet().stream().map(entry -> new DocumentWithPosition<>(
                IdIndexedBackends.document(entry.getValue(), 0, entry.getValue().length), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        Stream<Document> documents;
        if (isNaturalDescending(orderBy)) {
            documents = streamAllDocumentsWithPosition()
                .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                .map(DocumentWithPosition::getDocument);
        }
        else {
            documents = dataMap.values().stream().map(bson -> IdIndexedBackends.document(bson, 0, bson.length));
        }
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
