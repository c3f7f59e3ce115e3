package cn.onenet.platform.kafka.admin;

import java.util.List;

/**
 * What a replay call did.
 *
 * @param replayed the dead letters published again by this call, with where each went
 * @param alreadyReplayed dead letters left alone because an earlier call had replayed them
 * @param superseded dead letters left alone because a newer record of their key has taken their place
 */
public record ReplayOutcome(String topic, List<DeadLetter> replayed, long alreadyReplayed, long superseded) {
}
