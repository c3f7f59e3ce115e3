package cn.onenet.routing.workorder;

import java.util.List;
import java.util.UUID;

/**
 * Likely duplicates found when the order arrived (offered to the dispatcher with a score), and the events of
 * the original this order already followed after being merged (so a redelivered event is followed once).
 */
public record Duplicates(List<Candidate> candidates, List<String> followedEventIds) {

    public static final Duplicates NONE = new Duplicates(List.of(), List.of());

    public Duplicates {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        followedEventIds = followedEventIds == null ? List.of() : List.copyOf(followedEventIds);
    }

    /** An open order this one probably repeats; {@code score} from 0 to 1. */
    public record Candidate(UUID id, String trackingNumber, double score) {
    }
}
