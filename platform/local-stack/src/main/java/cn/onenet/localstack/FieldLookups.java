package cn.onenet.localstack;

import java.time.Instant;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The positions of a collection's documents by the value of each top-level field that one of its indexes names,
 * kept in memory beside the collection. mongo-java-server keeps no data for an index that is not unique, so every
 * query on such a field — a department's deliveries of one order, the parked deliveries of a target, the orders due
 * for escalation — read the whole collection, and grew slower with every order stored. With these lookups a query
 * reads only the documents that can match when it
 * <ul>
 * <li>pins an indexed field to a string, a number, a date or null ({@code {position: null}}: the deliveries not yet
 * in their feed), or to one of several with {@code $in};</li>
 * <li>bounds a number or a date with {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} ({@code {escalateAt:
 * {$lte: now}}}, {@code {pendingCount: {$gt: 0}}});</li>
 * <li>excludes strings with {@code $ne} or {@code $nin} (the documents holding anything else);</li>
 * <li>or does one of these in each branch of an {@code $or}, or in any part of an {@code $and}.</li>
 * </ul>
 * Of several such conditions that must all hold, only the documents found for every one are read (a feed's
 * {@code {target: …, position: null}} reads that target's deliveries not yet in its feed, not every target's).
 *
 * <p>A field's lookup is built the first time a query can use it, from one pass over the collection for every
 * indexed field the query names that has none yet (a pass reads every document of the collection: on a day's data,
 * seconds), or ahead of any query by {@link #prepare}; from then on it is kept in step by the collection's adds,
 * updates and removals (the collection calls {@link #added}, {@link #updated} and {@link #removed} under its own
 * lock). Whoever made the lookups is told which fields have one ({@code built}), so that a store opened again can
 * prepare the same. The query's conditions are still checked on every document found, so a lookup has only to hold
 * every position whose document may match; it never holds a position that no longer exists. Numbers are filed by
 * their {@code double} value, as mongo-java-server compares them; numbers a double does not hold exactly (NaN, longs
 * beyond its precision, decimals) are unordered, taken for every number asked for. A range's bounds are therefore
 * exact, and {@code $gt} and {@code $lt} leave out the bound itself: {@code {pendingCount: {$gt: 0}}} took every
 * order with nothing pending as well, and the outbox sweep read all of them.
 *
 * @param <P> how the collection addresses a document (an H2 key, a list index)
 */
final class FieldLookups<P> {

    /** Every document of the collection with its position, holding at least {@code fields} (and {@code _id}). */
    @FunctionalInterface
    interface AllDocuments<P> {
        Stream<DocumentWithPosition<P>> withFields(Set<String> fields);
    }

    /** The key of the {@code {field: null}} bucket: equal to no value a document holds. */
    private static final Object NULL = new Object();
    private static final Set<String> RANGE = Set.of("$gt", "$gte", "$lt", "$lte");

    /** field → the positions by value */
    private final Map<String, Lookup<P>> byField = new HashMap<>();
    /** position → the buckets it is in, to take it out again without reading its old document */
    private final Map<P, Bucket<?>[]> bucketsOf = new HashMap<>();
    /** told whenever lookups are built */
    private final Built built;

    /** Told, after each pass that built lookups, what it built and what it took. */
    @FunctionalInterface
    interface Built {
        /**
         * @param fields the fields with a lookup now
         * @param added those the pass built
         * @param documents the documents it read
         * @param nanos the time it took
         */
        void built(Set<String> fields, Set<String> added, int documents, long nanos);
    }

    FieldLookups() {
        this((fields, added, documents, nanos) -> { });
    }

    FieldLookups(Built built) {
        this.built = built;
    }

    /**
     * Positions with one value; a bucket that empties leaves its map, so a field of ever new dates doesn't grow. Most
     * hold one position (a date, a sequence number): such a bucket is one small object, not a set with a table and
     * an entry, so that a day's lookups are not millions of objects for the collector to trace. In no order: the
     * candidates are sorted once narrowed.
     */
    private static final class Bucket<P> extends AbstractSet<P> {

        private final Map<?, ?> owner;
        private final Object key;
        /** the position, while the bucket holds one */
        private P one;
        /** the positions, once it has held more than one */
        private Set<P> many;

        Bucket(Map<?, ?> owner, Object key) {
            this.owner = owner;
            this.key = key;
        }

        @Override
        public boolean add(P position) {
            if (many != null) {
                return many.add(position);
            }
            if (one == null) {
                one = position;
                return true;
            }
            if (one.equals(position)) {
                return false;
            }
            many = new HashSet<>(4);
            many.add(one);
            many.add(position);
            one = null;
            return true;
        }

        @Override
        public boolean remove(Object position) {
            if (many != null) {
                return many.remove(position);
            }
            if (one != null && one.equals(position)) {
                one = null;
                return true;
            }
            return false;
        }

        @Override
        public boolean contains(Object position) {
            return many != null ? many.contains(position) : one != null && one.equals(position);
        }

        @Override
        public int size() {
            return many != null ? many.size() : one == null ? 0 : 1;
        }

        @Override
        public Iterator<P> iterator() {
            if (many != null) {
                return Collections.unmodifiableSet(many).iterator();
            }
            return one == null ? Collections.emptyIterator() : List.of(one).iterator();
        }

        void drop(P position) {
            if (remove(position) && isEmpty() && owner != null) {
                owner.remove(key, this);
            }
        }
    }

    /** One field's positions, by the kind of value held there (or by each element of an array held there). */
    private static final class Lookup<P> {
        /** strings, and {@link #NULL} for a missing field, null, or an array holding null */
        final Map<Object, Bucket<P>> equal = new HashMap<>();
        final NavigableMap<Double, Bucket<P>> numbers = new TreeMap<>();
        /** numbers that no range orders: NaN, longs beyond a double's precision */
        final Bucket<P> unorderedNumbers = new Bucket<>(null, null);
        final NavigableMap<Instant, Bucket<P>> instants = new TreeMap<>();
        /** any other value: documents, booleans, binary data, empty arrays */
        final Bucket<P> other = new Bucket<>(null, null);
    }

    /**
     * The positions of the documents that may match {@code query}, in the collection's order; null if no indexed
     * field narrows it (the caller scans, as before).
     *
     * @param all every document with its position, given the fields whose lookups are built (the documents need
     *            hold only those fields)
     */
    synchronized List<P> candidates(Document query, Collection<? extends Index<P>> indexes, AllDocuments<P> all) {
        Set<String> fields = indexed(indexes);
        Set<String> named = new LinkedHashSet<>();
        named(query, named);
        named.retainAll(fields);
        build(named, all);
        Collection<P> found = narrow(query, fields);
        if (found == null) {
            return null;
        }
        List<P> positions = new ArrayList<>(found);
        // positions are list indexes or, in H2, the documents' ids: sorted, they come in the order a scan reads them
        positions.sort(IdIndexedBackends.KeyOrder::compareValues);
        return positions;
    }

    /**
     * The positions of every document of the collection in the order of its date in {@code field} (descending: the
     * latest first), a lookup's dates being kept in order; positions of one date in the collection's order, as a
     * stable sort of the collection leaves them. Null unless the field has a lookup (none is built for a sort: each
     * costs every write) and each of the {@code documents} holds exactly one date there (none missing, null, of
     * another kind or an array of several): the caller sorts instead.
     */
    synchronized List<P> inOrderOf(String field, boolean descending, int documents) {
        Lookup<P> lookup = byField.get(field);
        if (lookup == null || !lookup.equal.isEmpty() || !lookup.numbers.isEmpty()
                || !lookup.unorderedNumbers.isEmpty() || !lookup.other.isEmpty()) {
            return null;
        }
        List<P> positions = inOrder(lookup.instants, descending, documents);
        // as many as there are documents, each filed somewhere: each filed once
        return positions.size() == documents ? positions : null;
    }

    /**
     * The positions in {@code values}' buckets, in the order of their values (descending: the greatest first), those
     * of one value in the collection's order, as a stable sort of the collection leaves them.
     */
    private static <P> List<P> inOrder(NavigableMap<?, Bucket<P>> values, boolean descending, int expected) {
        List<P> positions = new ArrayList<>(expected);
        for (Bucket<P> bucket : (descending ? values.descendingMap() : values).values()) {
            if (bucket.size() == 1) {
                positions.add(bucket.iterator().next());
            }
            else {
                List<P> tied = new ArrayList<>(bucket);
                tied.sort(IdIndexedBackends.KeyOrder::compareValues);
                positions.addAll(tied);
            }
        }
        return positions;
    }

    /**
     * The positions of the documents whose number or date in {@code field} lies within the bounds {@code operators}
     * gives ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}; all numbers or all dates), in the order of that
     * value (descending: the greatest first), positions of one value in the collection's order: a limited query
     * sorted on the field it bounds (a feed read after a position) walks just those, from its bound. A document
     * outside them holds nothing the bounds match. Null unless the field has a lookup, the operators are bounds
     * alone, every number there is ordered and no document is filed under two values (an array): the caller sorts.
     */
    synchronized List<P> inOrderWithin(String field, boolean descending, Document operators) {
        Lookup<P> lookup = byField.get(field);
        if (lookup == null || operators.isEmpty() || !RANGE.containsAll(operators.keySet())) {
            return null;
        }
        NavigableMap<?, Bucket<P>> values;
        if (operators.values().stream().allMatch(Number.class::isInstance) && lookup.unorderedNumbers.isEmpty()) {
            values = bounded(lookup.numbers, operators, bound -> ordered((Number) bound), Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY);
        }
        else if (operators.values().stream().allMatch(Instant.class::isInstance)) {
            values = bounded(lookup.instants, operators, Instant.class::cast, Instant.MIN, Instant.MAX);
        }
        else {
            return null;
        }
        if (values == null) {
            return null;
        }
        List<P> positions = inOrder(values, descending, 16);
        // a document filed under two values (an array) would be walked twice
        return new HashSet<>(positions).size() == positions.size() ? positions : null;
    }

    /**
     * How many of the collection's {@code documents} match {@code query}, when the lookups hold exactly those: each
     * of its conditions pins an indexed top-level field to a string, or to one of several ({@code $in}), and a
     * string's bucket holds exactly the documents MongoDB's equality matches (the value, or an array holding it); or
     * bounds a field in which every document holds exactly one date by dates ({@code $gte}, {@code $lt}, …): those
     * within the bounds are exactly the matches (a window of acceptance, alone or with a department, was counted by
     * reading every order in it: 0.5 s for two days of 57,000). -1 for any other query: the caller reads and checks
     * the candidates.
     */
    synchronized int count(Document query, Collection<? extends Index<P>> indexes, AllDocuments<P> all,
            int documents) {
        if (query.isEmpty()) {
            return -1;
        }
        Set<String> fields = indexed(indexes);
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            if (!fields.contains(condition.getKey())
                    || !pinnedToStrings(condition.getValue()) && !boundedByDates(condition.getValue())) {
                return -1;
            }
        }
        build(query.keySet(), all);
        Collection<P> found = null;
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            Lookup<P> lookup = byField.get(condition.getKey());
            if (lookup == null || !pinnedToStrings(condition.getValue()) && !oneDateEach(lookup, documents)) {
                return -1;
            }
            Collection<P> matches = matching(lookup, condition.getValue());
            if (matches == null) {
                return -1;
            }
            // each a set (a bucket, or the values within a range): the positions in both, exactly
            found = inBoth(found, matches);
        }
        return found == null ? -1 : found.size();
    }

    /** A field's conditions that are bounds alone, each a date. */
    private static boolean boundedByDates(Object condition) {
        return condition instanceof Document operators && !operators.isEmpty()
                && RANGE.containsAll(operators.keySet())
                && operators.values().stream().allMatch(Instant.class::isInstance);
    }

    /** Whether each of the collection's {@code documents} is filed under exactly one date in {@code lookup}. */
    private static <P> boolean oneDateEach(Lookup<P> lookup, int documents) {
        if (!lookup.equal.isEmpty() || !lookup.numbers.isEmpty() || !lookup.unorderedNumbers.isEmpty()
                || !lookup.other.isEmpty()) {
            return false;
        }
        long filed = 0;
        for (Bucket<P> bucket : lookup.instants.values()) {
            filed += bucket.size();
        }
        return filed == documents;
    }

    private static boolean pinnedToStrings(Object condition) {
        if (condition instanceof String) {
            return true;
        }
        if (!(condition instanceof Document operators) || operators.size() != 1) {
            return false;
        }
        if (operators.containsKey("$eq")) {
            return operators.get("$eq") instanceof String;
        }
        return operators.get("$in") instanceof Collection<?> values
                && values.stream().allMatch(String.class::isInstance);
    }

    /** Builds, in one pass, the lookups of those of {@code fields} that an index names and that have none yet. */
    synchronized void prepare(Collection<String> fields, Collection<? extends Index<P>> indexes, AllDocuments<P> all) {
        Set<String> wanted = new LinkedHashSet<>(fields);
        wanted.retainAll(indexed(indexes));
        build(wanted, all);
    }

    /** The fields with a lookup. */
    synchronized Set<String> fields() {
        return Set.copyOf(byField.keySet());
    }

    /** The top-level fields other than {@code _id} that the indexes name: those a lookup may be kept for. */
    private static <P> Set<String> indexed(Collection<? extends Index<P>> indexes) {
        Set<String> fields = new LinkedHashSet<>();
        for (Index<P> index : indexes) {
            for (IndexKey key : index.getKeys()) {
                String field = key.getKey();
                if (!field.equals("_id") && field.indexOf('.') < 0) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /** The fields {@code query} puts conditions on, at its top level and within {@code $and} and {@code $or}. */
    private static void named(Document query, Set<String> fields) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            if ((condition.getKey().equals("$and") || condition.getKey().equals("$or"))
                    && condition.getValue() instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document document) {
                        named(document, fields);
                    }
                }
            }
            else if (!condition.getKey().startsWith("$")) {
                fields.add(condition.getKey());
            }
        }
    }

    synchronized void added(P position, Document document) {
        for (Map.Entry<String, Lookup<P>> field : byField.entrySet()) {
            add(field.getValue(), field.getKey(), document, position);
        }
    }

    synchronized void updated(P position, Document newDocument) {
        removed(position);
        added(position, newDocument);
    }

    synchronized void removed(P position) {
        Bucket<?>[] buckets = bucketsOf.remove(position);
        if (buckets != null) {
            for (Bucket<?> bucket : buckets) {
                @SuppressWarnings("unchecked")
                Bucket<P> held = (Bucket<P>) bucket;
                held.drop(position);
            }
        }
    }

    /**
     * The candidates the conditions of {@code query} give together; null if none narrows. The lookups of the fields
     * it names are built already ({@link #candidates}).
     */
    private Collection<P> narrow(Document query, Set<String> fields) {
        Collection<P> narrowest = null;
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String key = condition.getKey();
            Collection<P> found;
            if (key.equals("$and") && condition.getValue() instanceof List<?> parts) {
                found = narrowestPart(parts, fields);
            }
            else if (key.equals("$or") && condition.getValue() instanceof List<?> branches) {
                found = union(branches, fields);
            }
            else if (fields.contains(key) && byField.containsKey(key)) {
                found = matching(byField.get(key), condition.getValue());
            }
            else {
                continue;
            }
            narrowest = inBoth(narrowest, found);
        }
        return narrowest;
    }

    private Collection<P> narrowestPart(List<?> parts, Set<String> fields) {
        Collection<P> narrowest = null;
        for (Object part : parts) {
            narrowest = inBoth(narrowest, part instanceof Document document ? narrow(document, fields) : null);
        }
        return narrowest;
    }

    /**
     * The candidates of two conditions that both hold: those in both sets, either of which may be null (not narrowed).
     * The smaller is walked; the sets themselves (a bucket may be one) are left as they are.
     */
    private static <P> Collection<P> inBoth(Collection<P> narrowest, Collection<P> found) {
        if (found == null || narrowest == null) {
            return found == null ? narrowest : found;
        }
        Collection<P> smaller = found.size() < narrowest.size() ? found : narrowest;
        Collection<P> larger = smaller == found ? narrowest : found;
        if (!(larger instanceof Set)) {
            return smaller;
        }
        Set<P> common = new LinkedHashSet<>();
        for (P position : smaller) {
            if (larger.contains(position)) {
                common.add(position);
            }
        }
        return common;
    }

    /** Every branch must narrow, or the union can't promise to hold every match. */
    private Collection<P> union(List<?> branches, Set<String> fields) {
        Set<P> union = new LinkedHashSet<>();
        for (Object branch : branches) {
            Collection<P> found = branch instanceof Document document ? narrow(document, fields) : null;
            if (found == null) {
                return null;
            }
            union.addAll(found);
        }
        return union;
    }

    /** The positions whose value of the field may satisfy {@code condition}; null if the lookup can't tell. */
    private Collection<P> matching(Lookup<P> lookup, Object condition) {
        if (!(condition instanceof Document operators)) {
            return equalTo(lookup, List.of(key(condition)));
        }
        if (operators.isEmpty() || !operators.keySet().stream().allMatch(key -> key.startsWith("$"))) {
            return null; // a whole embedded document asked for
        }
        // the operators of one field all hold: any one of them narrows the answer
        Collection<P> range = inRange(lookup, operators);
        if (range != null) {
            return range;
        }
        if (operators.containsKey("$eq")) {
            return equalTo(lookup, List.of(key(operators.get("$eq"))));
        }
        if (operators.get("$in") instanceof Collection<?> values) {
            return equalTo(lookup, values.stream().map(FieldLookups::key).toList());
        }
        if (operators.get("$ne") instanceof String excluded) {
            return allBut(lookup, Set.of(excluded));
        }
        if (operators.get("$nin") instanceof Collection<?> values
                && values.stream().allMatch(String.class::isInstance)) {
            return allBut(lookup, new LinkedHashSet<>(values));
        }
        return null;
    }

    /**
     * The positions holding any of the keys. One string, null or date gives its bucket itself, not a copy: the
     * caller copies only the narrowest result, and a department's deliveries may be thousands.
     */
    private Collection<P> equalTo(Lookup<P> lookup, Collection<?> keys) {
        if (keys.size() == 1) {
            Object key = keys.iterator().next();
            if (key == NULL || key instanceof String) {
                return orEmpty(lookup.equal.get(key));
            }
            if (key instanceof Instant) {
                return orEmpty(lookup.instants.get(key));
            }
        }
        Set<P> found = new LinkedHashSet<>();
        for (Object key : keys) {
            if (key == NULL || key instanceof String) {
                addAll(found, lookup.equal.get(key));
            }
            else if (key instanceof Number number) {
                Double value = ordered(number);
                if (value != null) {
                    addAll(found, lookup.numbers.get(value));
                }
                else {
                    lookup.numbers.values().forEach(found::addAll);
                }
                found.addAll(lookup.unorderedNumbers);
            }
            else if (key instanceof Instant instant) {
                addAll(found, lookup.instants.get(instant));
            }
            else {
                return null; // documents, arrays, patterns, booleans: not looked up
            }
        }
        return found;
    }

    /** The numbers or dates within the operators' bounds; null if there are no bounds or they are of other kinds. */
    private Collection<P> inRange(Lookup<P> lookup, Document operators) {
        List<Object> bounds = operators.entrySet().stream().filter(entry -> RANGE.contains(entry.getKey()))
            .map(Map.Entry::getValue).toList();
        if (bounds.isEmpty()) {
            return null;
        }
        if (bounds.stream().allMatch(Number.class::isInstance)) {
            return within(lookup.numbers, operators, bound -> ordered((Number) bound), Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, lookup.unorderedNumbers);
        }
        if (bounds.stream().allMatch(Instant.class::isInstance)) {
            return within(lookup.instants, operators, Instant.class::cast, Instant.MIN, Instant.MAX, Set.of());
        }
        return null;
    }

    /** The positions of the values within the operators' bounds, and {@code always}. */
    private static <K extends Comparable<K>, P> Collection<P> within(NavigableMap<K, Bucket<P>> values,
            Document operators, Function<Object, K> keyOf, K lowest, K highest, Set<P> always) {
        NavigableMap<K, Bucket<P>> bounded = bounded(values, operators, keyOf, lowest, highest);
        if (bounded == null) {
            return null;
        }
        Set<P> found = new LinkedHashSet<>(always);
        bounded.values().forEach(found::addAll);
        return found;
    }

    /** The values within the operators' bounds (a view); null if a bound is of no order. */
    private static <K extends Comparable<K>, P> NavigableMap<K, Bucket<P>> bounded(NavigableMap<K, Bucket<P>> values,
            Document operators, Function<Object, K> keyOf, K lowest, K highest) {
        K low = lowest;
        K high = highest;
        boolean fromLow = true;
        boolean toHigh = true;
        for (String operator : RANGE) {
            if (!operators.containsKey(operator)) {
                continue;
            }
            K bound = keyOf.apply(operators.get(operator));
            if (bound == null) {
                return null;
            }
            if (operator.startsWith("$g")) {
                int compared = bound.compareTo(low);
                if (compared > 0) {
                    low = bound;
                    fromLow = operator.equals("$gte");
                }
                else if (compared == 0 && operator.equals("$gt")) {
                    fromLow = false;
                }
            }
            else {
                int compared = bound.compareTo(high);
                if (compared < 0) {
                    high = bound;
                    toHigh = operator.equals("$lte");
                }
                else if (compared == 0 && operator.equals("$lt")) {
                    toHigh = false;
                }
            }
        }
        int span = low.compareTo(high);
        return span < 0 || span == 0 && fromLow && toHigh ? values.subMap(low, fromLow, high, toHigh)
                : Collections.emptyNavigableMap();
    }

    /** Every document holding a value of the field other than these strings (missing and null included). */
    private Collection<P> allBut(Lookup<P> lookup, Set<?> excluded) {
        Set<P> found = new LinkedHashSet<>();
        lookup.equal.forEach((key, bucket) -> {
            if (!excluded.contains(key)) {
                found.addAll(bucket);
            }
        });
        lookup.numbers.values().forEach(found::addAll);
        found.addAll(lookup.unorderedNumbers);
        lookup.instants.values().forEach(found::addAll);
        found.addAll(lookup.other);
        return found;
    }

    /** The lookups of those of {@code fields} that have none yet, from one pass over the collection. */
    private void build(Set<String> fields, AllDocuments<P> all) {
        Map<String, Lookup<P>> missing = new LinkedHashMap<>();
        for (String field : fields) {
            if (!byField.containsKey(field)) {
                missing.put(field, new Lookup<>());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        int[] read = { 0 };
        try (Stream<DocumentWithPosition<P>> documents = all.withFields(Set.copyOf(missing.keySet()))) {
            documents.forEach(found -> {
                read[0]++;
                missing.forEach((field, lookup) -> add(lookup, field, found.getDocument(), found.getPosition()));
            });
        }
        byField.putAll(missing);
        built.built(Set.copyOf(byField.keySet()), Set.copyOf(missing.keySet()), read[0], System.nanoTime() - started);
    }

    /**
     * Files the position under the value the field holds, or under each element of an array, as MongoDB matches;
     * under {@link #NULL} where {@code {field: null}} matches: the field missing or null, or an array holding null.
     */
    private void add(Lookup<P> lookup, String field, Document document, P position) {
        Object value = document.get(field);
        if (value instanceof Collection<?> elements) {
            if (elements.isEmpty()) {
                file(lookup.other, position);
            }
            for (Object element : elements) {
                fileValue(lookup, element, position);
            }
        }
        else {
            fileValue(lookup, value, position);
        }
    }

    private void fileValue(Lookup<P> lookup, Object value, P position) {
        if (value == null || value instanceof String) {
            file(bucket(lookup.equal, key(value)), position);
        }
        else if (value instanceof Number number) {
            Double ordered = ordered(number);
            file(ordered == null ? lookup.unorderedNumbers : bucket(lookup.numbers, ordered), position);
        }
        else if (value instanceof Instant instant) {
            file(bucket(lookup.instants, instant), position);
        }
        else {
            file(lookup.other, position);
        }
    }

    /** A queried value as the lookups file it: null as {@link #NULL}. */
    private static Object key(Object value) {
        return value == null ? NULL : value;
    }

    private static <P> Collection<P> orEmpty(Bucket<P> bucket) {
        return bucket == null ? Set.of() : bucket;
    }

    private static <P> void addAll(Set<P> found, Bucket<P> bucket) {
        if (bucket != null) {
            found.addAll(bucket);
        }
    }

    private static <K, P> Bucket<P> bucket(Map<K, Bucket<P>> map, K key) {
        return map.computeIfAbsent(key, ignored -> new Bucket<>(map, key));
    }

    private void file(Bucket<P> bucket, P position) {
        if (bucket.add(position)) {
            bucketsOf.merge(position, new Bucket<?>[] { bucket }, FieldLookups::joined);
        }
    }

    /** An array, not a list: a position is in a few buckets, and a day's orders are hundreds of thousands. */
    private static Bucket<?>[] joined(Bucket<?>[] held, Bucket<?>[] more) {
        Bucket<?>[] all = Arrays.copyOf(held, held.length + more.length);
        System.arraycopy(more, 0, all, held.length, more.length);
        return all;
    }

    /**
     * The number as a double that ranges can order, -0.0 as 0.0; null for NaN, longs a double can't hold and numbers
     * of other kinds (decimals), whose double is not their value.
     */
    private static Double ordered(Number number) {
        if (number instanceof Long value && (long) (double) value != value) {
            return null;
        }
        if (!(number instanceof Long || number instanceof Integer || number instanceof Double
                || number instanceof Float || number instanceof Short || number instanceof Byte)) {
            return null;
        }
        double value = number.doubleValue();
        if (Double.isNaN(value)) {
            return null;
        }
        return value == 0.0 ? 0.0 : value;
    }
}
