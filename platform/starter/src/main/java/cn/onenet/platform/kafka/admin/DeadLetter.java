package cn.onenet.platform.kafka.admin;

import java.time.Instant;

/**
 * One record parked in a dead-letter topic, with why it failed and, once replayed, where it went.
 *
 * @param partition partition of the dead-letter topic
 * @param offset offset in that partition: with the partition, the dead letter's identity
 * @param originalTopic where the record was consumed from, and where a replay sends it
 * @param exception class of the failure, {@code message} its text, {@code cause} the class of its root cause
 * @param payload the record's value as text (cut at 4,000 characters)
 * @param replay null until the dead letter is replayed
 * @param supersededBy for a topic that keeps only the newest record of each key (the reference snapshot): the offset
 *        in the original partition of a newer record with the same key, which the consumer has read since; such a
 *        dead letter is not replayed (it would put the older record back). Null otherwise, and once replayed
 */
public record DeadLetter(int partition, long offset, String key, Instant parkedAt, String originalTopic,
        Integer originalPartition, Long originalOffset, String consumerGroup, String exception, String message,
        String cause, String eventType, String eventId, String payload, Replay replay, Long supersededBy) {

    /**
     * A replay: when, whether the payload was corrected, and the record it became.
     */
    public record Replay(Instant at, boolean corrected, String topic, int partition, long offset) {
    }
}
