package cn.onenet.routing.workorder;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Finds the open orders a new one probably repeats: same community and category, arrived within the window,
 * with similar text. Similarity is the Jaccard index of character bigrams of title and description, which
 * works for Chinese without a word segmenter.
 */
@Component
public class DuplicateFinder {

    private final WorkOrderStore store;
    private final DuplicateSettings settings;

    public DuplicateFinder(WorkOrderStore store, DuplicateSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    List<Duplicates.Candidate> candidatesFor(WorkOrder order, Instant now) {
        if (order.community() == null) {
            return List.of();
        }
        Set<String> text = bigrams(order.title() + " " + order.description());
        return store.openOrdersLike(order.community(), order.category(), now.minus(settings.window())).stream()
            .filter(other -> !other.id().equals(order.id()))
            .map(other -> new Duplicates.Candidate(other.id(), other.trackingNumber(),
                    round(similarity(text, bigrams(other.title() + " " + other.description())))))
            .filter(candidate -> candidate.score() >= settings.threshold())
            .sorted(Comparator.comparingDouble(Duplicates.Candidate::score).reversed())
            .limit(settings.limit())
            .toList();
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

    static Set<String> bigrams(String text) {
        String normalized = text.replaceAll("[\\s\\p{Punct}，。！？、；：“”‘’（）《》]+", "").toLowerCase(java.util.Locale.ROOT);
        Set<String> grams = new HashSet<>();
        int[] codePoints = normalized.codePoints().toArray();
        for (int i = 0; i + 1 < codePoints.length; i++) {
            grams.add(new String(codePoints, i, 2));
        }
        return grams;
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }
}
