package cn.onenet.platform.kafka.admin;

/**
 * A dead letter of a topic that keeps only the newest record of each key, outdated by a newer record of its key:
 * publishing it again would put the older record in the newer one's place.
 */
public class Superseded extends RuntimeException {

    public Superseded(DeadLetter deadLetter) {
        super("Dead letter at partition " + deadLetter.partition() + " offset " + deadLetter.offset() + " (key "
                + deadLetter.key() + ") is superseded by the newer record at " + deadLetter.originalTopic()
                + " partition " + deadLetter.originalPartition() + " offset " + deadLetter.supersededBy()
                + ", which the consumer has read; replaying it would put the older record back.");
    }
}
