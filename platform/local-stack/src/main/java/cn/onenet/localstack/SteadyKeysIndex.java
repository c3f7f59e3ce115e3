package cn.onenet.localstack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A unique index that passes over an update leaving each of its fields as it was. mongo-java-server's unique index
 * works that out itself, by computing the keys of the document before and after (each field's path split with a regular
 * expression, the values normalised and collected through streams), twice for every update of every document: once to
 * check the update, once to apply it. Most updates (a status, a lease, a counter) keep the id and the other unique
 * fields, so those four computations for each index were a sixth of the store's command threads' profile samples at 100
 * requests a second (JFR, eighteenth session). A field at the top level whose value is equal before and after (or
 * absent both times) gives equal keys; anything else (a dotted path, a value that changed or came or went) goes to the
 * index, which decides as before.
 */
final class SteadyKeysIndex<P> extends Index<P> {

    private final Index<P> index;
    /** The index's fields, when all of them are at the top level; else null (every update goes to the index). */
    private final String[] fields;

    SteadyKeysIndex(Index<P> index, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.index = index;
        String[] names = keys.stream().map(IndexKey::getKey).toArray(String[]::new);
        this.fields = Arrays.stream(names).anyMatch(key -> key.indexOf('.') >= 0) ? null : names;
    }

    /** Whether each field the index keys is, at the top level, absent from both documents or equal in both. */
    boolean keysUnchanged(Document before, Document after) {
        if (fields == null) {
            return false;
        }
        for (String field : fields) {
            boolean had = before.containsKey(field);
            if (had != after.containsKey(field) || had && !Objects.equals(before.get(field), after.get(field))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        if (!keysUnchanged(oldDocument, newDocument)) {
            index.checkUpdate(oldDocument, newDocument, collection);
        }
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        if (!keysUnchanged(oldDocument, newDocument)) {
            index.updateInPlace(oldDocument, newDocument, position, collection);
        }
    }

    @Override
    public P getPosition(Document document) {
        return index.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        index.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        index.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return index.remove(document);
    }

    @Override
    public boolean canHandle(Document query) {
        return index.canHandle(query);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return index.getPositions(query);
    }

    @Override
    public long getCount() {
        return index.getCount();
    }

    @Override
    public long getDataSize() {
        return index.getDataSize();
    }

    @Override
    public boolean isUnique() {
        return index.isUnique();
    }

    @Override
    public void drop() {
        index.drop();
    }

    @Override
    public String toString() {
        return index.toString();
    }
}
