package cn.onenet.platform.kafka.admin;

import java.util.List;

/**
 * The dead letters of one consumed topic.
 *
 * @param topic the consumed (original) topic
 * @param deadLetterTopic where its dead letters are parked
 * @param parked how many records the dead-letter topic holds now
 * @param pending how many of them wait for a replay: not replayed, not superseded
 * @param superseded how many of them are outdated by a newer record of their key (topics that keep the newest record
 *        of each key only): left alone, never replayed
 * @param deadLetters the dead letters listed (oldest first per partition; at most the limit asked for)
 * @param truncated whether more records matched than are listed
 */
public record DeadLetterTopic(String topic, String deadLetterTopic, long parked, long pending, long superseded,
        List<DeadLetter> deadLetters, boolean truncated) {
}
