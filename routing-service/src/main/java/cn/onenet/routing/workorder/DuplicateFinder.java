package cn.onenet.routing.workorder;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the open orders a new one probably repeats: same community and category, arrived within the window,
 * with similar text. Similarity is the Jaccard index of character bigrams of title and description, which
 * works for Chinese without a word segmenter.
 *
 * <p>The open orders of the window are kept in memory, grouped by community and category (the newest
 * {@code onenet.duplicates.per-group} of each, 1,000 by default: the log says when a group first passes it), each
 * with its bigrams packed in a sorted
 * array, so an arriving order is compared without touching the store. The index is loaded from the store on
 * first use; this instance adds the orders it creates, and the lifecycle topic (read by every instance) brings
 * the orders other instances create and removes those closed, rejected or merged.
 */
@Component
public class DuplicateFinder {

    private static final Logger log = LoggerFactory.getLogger(DuplicateFinder.class);
    private static final Pattern IGNORED = Pattern.compile("[\\s\\p{Punct}，。！？、；：“”‘’（）《》]+");

    private final WorkOrderStore store;
    private final DuplicateSettings settings;
    private final Map<String, Deque<Recent>> groups = new ConcurrentHashMap<>();
    private final Map<UUID, String> groupOf = new ConcurrentHashMap<>();
    /** the groups that have passed the bound: said once each */
    private final Set<String> overflowed = ConcurrentHashMap.newKeySet();
    private final int perGroup;
    private volatile boolean loaded;

    public DuplicateFinder(WorkOrderStore store, DuplicateSettings settings) {
        this.store = store;
        this.settings = settings;
        this.perGroup = settings.perGroup();
    }

    /** An open order as the index keeps it. */
    record Recent(UUID id, String trackingNumber, Instant acceptedAt, long[] grams) {
    }

    private static final Comparator<Recent> OLDEST_FIRST = Comparator.comparing(Recent::acceptedAt);

    List<Duplicates.Candidate> candidatesFor(WorkOrder order, Instant now) {
        if (order.community() == null) {
            return List.of();
        }
        try {
            ensureLoaded(now);
        }
        catch (RuntimeException ex) {
            // candidates help a dispatcher; they never hold up an order: the next arrival tries loading again
            log.warn("Duplicate index not loaded yet, no candidates for order {}: {}", order.id(), ex.toString());
            return List.of();
        }
        long[] text = packedBigrams(order.title() + " " + order.description());
        Instant since = now.minus(settings.window());
        Deque<Recent> group = groups.get(key(order.community(), order.category()));
        if (group == null) {
            return List.of();
        }
        List<Duplicates.Candidate> candidates = new ArrayList<>();
        synchronized (group) {
            for (Recent other : group) {
                if (other.id().equals(order.id()) || other.acceptedAt().isBefore(since)) {
                    continue;
                }
                double score = round(similarity(text, other.grams()));
                if (score >= settings.threshold()) {
                    candidates.add(new Duplicates.Candidate(other.id(), other.trackingNumber(), score));
                }
            }
        }
        return candidates.stream()
            .sorted(Comparator.comparingDouble(Duplicates.Candidate::score).reversed())
            .limit(settings.limit())
            .toList();
    }

    /** A new open order, created here or by another instance; a repeat changes nothing. */
    public void remember(UUID id, String trackingNumber, String community, String category, String title,
            String description, Instant acceptedAt) {
        if (community == null || groupOf.containsKey(id)) {
            return;
        }
        remember(key(community, category),
                new Recent(id, trackingNumber, acceptedAt, packedBigrams(title + " " + description)));
    }

    private void remember(String key, Recent recent) {
        Deque<Recent> group = groups.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (group) {
            if (groupOf.putIfAbsent(recent.id(), key) != null) {
                return;
            }
            group.addLast(recent);
            while (group.size() > perGroup) {
                Recent dropped = group.removeFirst();
                groupOf.remove(dropped.id());
                overflowed(key, dropped);
            }
            Instant since = recent.acceptedAt().minus(settings.window());
            while (!group.isEmpty() && group.peekFirst().acceptedAt().isBefore(since)) {
                groupOf.remove(group.removeFirst().id());
            }
        }
    }

    public void remember(WorkOrder order) {
        WorkOrder.State state = order.state();
        remember(state.id(), state.trackingNumber(), order.community(), state.category(), state.title(),
                state.description(), state.acceptedAt());
    }

    /** The order is closed, rejected or merged: no longer a candidate. */
    public void forget(UUID id) {
        String key = groupOf.remove(id);
        Deque<Recent> group = key == null ? null : groups.get(key);
        if (group != null) {
            synchronized (group) {
                group.removeIf(recent -> recent.id().equals(id));
            }
        }
    }

    /** Whether the order is indexed (created or seen here); the topic feed fetches the others. */
    public boolean knows(UUID id) {
        return groupOf.containsKey(id);
    }

    /**
     * Adds the loaded orders of a group to those remembered meanwhile (an arrival while the store was read), keeping
     * the group oldest first and its newest {@code perGroup}.
     */
    private void fill(String key, PriorityQueue<Recent> loaded) {
        Deque<Recent> group = groups.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (group) {
            List<Recent> all = new ArrayList<>(group);
            for (Recent recent : loaded) {
                if (groupOf.putIfAbsent(recent.id(), key) == null) {
                    all.add(recent);
                }
            }
            all.sort(OLDEST_FIRST);
            group.clear();
            int from = Math.max(0, all.size() - perGroup);
            if (from > 0) {
                overflowed(key, all.get(from - 1));
            }
            for (int i = 0; i < all.size(); i++) {
                if (i < from) {
                    groupOf.remove(all.get(i).id());
                }
                else {
                    group.addLast(all.get(i));
                }
            }
        }
    }

    /** Loads the open orders of the window from the store, once; later calls do nothing. */
    public void ensureLoaded(Instant now) {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            long started = System.nanoTime();
            int[] count = { 0 };
            // the store hands them in no order (sorting would read every one twice): each group keeps its newest
            // while they come (an older one is passed over before its bigrams are made) and is filled oldest first
            Map<String, PriorityQueue<Recent>> newest = new HashMap<>();
            store.openOrdersSince(now.minus(settings.window()), open -> {
                count[0]++;
                if (open.community() == null) {
                    return;
                }
                String key = key(open.community(), open.category());
                PriorityQueue<Recent> group = newest.computeIfAbsent(key, none -> new PriorityQueue<>(OLDEST_FIRST));
                if (group.size() == perGroup && !open.acceptedAt().isAfter(group.peek().acceptedAt())) {
                    overflowed(key, null);
                    return;
                }
                group.add(new Recent(open.id(), open.trackingNumber(), open.acceptedAt(),
                        packedBigrams(open.title() + " " + open.description())));
                if (group.size() > perGroup) {
                    group.poll();
                    overflowed(key, null);
                }
            });
            newest.forEach(this::fill);
            loaded = true;
            log.info("Duplicate index loaded: {} open orders of the last {} in {} ms", count[0], settings.window(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * A group holds more open orders of the window than it keeps: an arrival there is no longer compared with the
     * oldest of them. Said once for each group (WARN), with the bound's name, so that an operator can raise it.
     */
    private void overflowed(String key, Recent dropped) {
        if (overflowed.add(key)) {
            String[] parts = key.split("\u0000", 2);
            log.warn("Duplicates: community {}, category {} has more than {} open orders of the last {}; a new order "
                    + "there is compared with the newest {} only{} (onenet.duplicates.per-group)", parts[0], parts[1],
                    perGroup, settings.window(), perGroup,
                    dropped == null ? "" : " (those accepted after " + dropped.acceptedAt() + ")");
        }
    }

    private static String key(String community, String category) {
        return community + '\u0000' + category;
    }

    static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        long shared = a.stream().filter(b::contains).count();
        return (double) shared / union.size();
    }

    /** The same Jaccard index as {@link #similarity(Set, Set)}, on sorted arrays of packed bigrams. */
    static double similarity(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j]) {
                i++;
            }
            else {
                j++;
            }
        }
        return (double) shared / (a.length + b.length - shared);
    }

    static Set<String> bigrams(String text) {
        int[] codePoints = normalized(text);
        Set<String> grams = new HashSet<>();
        for (int i = 0; i + 1 < codePoints.length; i++) {
            grams.add(new String(codePoints, i, 2));
        }
        return grams;
    }

    /** Each bigram as one number (two code points of 21 bits), sorted, without repeats. */
    static long[] packedBigrams(String text) {
        int[] codePoints = normalized(text);
        if (codePoints.length < 2) {
            return new long[0];
        }
        long[] grams = new long[codePoints.length - 1];
        for (int i = 0; i + 1 < codePoints.length; i++) {
            grams[i] = ((long) codePoints[i] << 21) | codePoints[i + 1];
        }
        Arrays.sort(grams);
        int unique = 1;
        for (int i = 1; i < grams.length; i++) {
            if (grams[i] != grams[unique - 1]) {
                grams[unique++] = grams[i];
            }
        }
        return Arrays.copyOf(grams, unique);
    }

    private static int[] normalized(String text) {
        return IGNORED.matcher(text).replaceAll("").toLowerCase(Locale.ROOT).codePoints().toArray();
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    /** For tests: how many orders the index holds. */
    int size() {
        return groupOf.size();
    }
}
