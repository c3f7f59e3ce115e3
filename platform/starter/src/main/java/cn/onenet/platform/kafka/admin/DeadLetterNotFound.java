package cn.onenet.platform.kafka.admin;

/** No record at that partition and offset of the dead-letter topic. */
public class DeadLetterNotFound extends RuntimeException {

    public DeadLetterNotFound(String deadLetterTopic, int partition, long offset) {
        super("No dead letter at " + deadLetterTopic + " partition " + partition + " offset " + offset + ".");
    }
}
