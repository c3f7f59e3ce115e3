package cn.onenet.platform.kafka.admin;

import java.util.List;

/**
 * What a replay call did.
 *
 * @param replayed the dead letters published again by this call, with where each went
 * @param alreadyReplayed dead letters left alone because an earlier call had replayed them
 */
public record ReplayOutcome(String topic, List<DeadLetter> replayed, long alreadyReplayed) {
}
