package cn.onenet.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The positions of a collection's documents by the value (a string, or null) of each top-level field that one of
 * its indexes names, kept in memory beside the collection. mongo-java-server keeps no data for an index that is not
 * unique, so every query on such a field — a department's deliveries of one order, the parked deliveries of a
 * target — read the whole collection, and grew slower with every order stored. With these lookups a query that pins
 * an indexed field to a string, or to null ({@code {position: null}}: the deliveries not yet in their feed), reads
 * only the documents that can match.
 *
 * <p>A field's lookup is built from one pass over the collection the first time a query can use it, and from then
 * on kept in step by the collection's adds, updates and removals (the collection calls {@link #added},
 * {@link #updated} and {@link #removed} under its own lock). The query's conditions are still checked on every
 * document found, so a lookup has only to hold every position whose document has the value; it never holds a
 * position that no longer exists.
 *
 * @param <P> how the collection addresses a document (an H2 key, a list index)
 */
final class FieldLookups<P> {

    /** The key of the {@code {field: null}} bucket: equal to no value a document holds. */
    private static final Object NULL = new Object();

    /** field → value → positions */
    private final Map<String, Map<Object, Set<P>>> byField = new HashMap<>();
    /** position → the buckets it is in, to take it out again without reading its old document */
    private final Map<P, List<Set<P>>> bucketsOf = new HashMap<>();

    /**
     * The positions of the documents that may match {@code query}: those holding the query's string value of the
     * indexed field it pins most narrowly; null if it pins none (the caller scans, as before).
     *
     * @param all every document with its position, for a field's first use
     */
    synchronized List<P> candidates(Document query, Collection<? extends Index<P>> indexes,
            Supplier<Stream<DocumentWithPosition<P>>> all) {
        Set<P> narrowest = null;
        for (Index<P> index : indexes) {
            for (IndexKey key : index.getKeys()) {
                String field = key.getKey();
                if (field.equals("_id") || field.indexOf('.') >= 0 || !query.containsKey(field)) {
                    continue;
                }
                Object value = query.get(field);
                if (value != null && !(value instanceof String)) {
                    continue;
                }
                Set<P> bucket = lookup(field, all).getOrDefault(value == null ? NULL : value, Set.of());
                if (narrowest == null || bucket.size() < narrowest.size()) {
                    narrowest = bucket;
                }
            }
        }
        return narrowest == null ? null : new ArrayList<>(narrowest);
    }

    synchronized void added(P position, Document document) {
        for (Map.Entry<String, Map<Object, Set<P>>> field : byField.entrySet()) {
            add(field.getValue(), field.getKey(), document, position);
        }
    }

    synchronized void updated(P position, Document newDocument) {
        removed(position);
        added(position, newDocument);
    }

    synchronized void removed(P position) {
        List<Set<P>> buckets = bucketsOf.remove(position);
        if (buckets != null) {
            buckets.forEach(bucket -> bucket.remove(position));
        }
    }

    private Map<Object, Set<P>> lookup(String field, Supplier<Stream<DocumentWithPosition<P>>> all) {
        Map<Object, Set<P>> lookup = byField.get(field);
        if (lookup == null) {
            Map<Object, Set<P>> built = new HashMap<>();
            try (Stream<DocumentWithPosition<P>> documents = all.get()) {
                documents.forEach(found -> add(built, field, found.getDocument(), found.getPosition()));
            }
            byField.put(field, built);
            lookup = built;
        }
        return lookup;
    }

    /**
     * Files the position under each string the field holds — its value, or the strings of an array, as MongoDB
     * matches — and under {@link #NULL} where {@code {field: null}} matches: the field missing or null, or an array
     * holding null.
     */
    private void add(Map<Object, Set<P>> lookup, String field, Document document, P position) {
        Object value = document.get(field);
        if (value == null) {
            file(lookup, NULL, position);
        } else if (value instanceof String) {
            file(lookup, value, position);
        } else if (value instanceof Collection) {
            for (Object element : (Collection<?>) value) {
                if (element == null) {
                    file(lookup, NULL, position);
                } else if (element instanceof String) {
                    file(lookup, element, position);
                }
            }
        }
    }

    private void file(Map<Object, Set<P>> lookup, Object value, P position) {
        Set<P> bucket = lookup.computeIfAbsent(value, ignored -> new LinkedHashSet<>());
        if (bucket.add(position)) {
            bucketsOf.computeIfAbsent(position, ignored -> new ArrayList<>(4)).add(bucket);
        }
    }
}
