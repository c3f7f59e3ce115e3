package cn.onenet.platform.kafka.admin;

/** A topic this service doesn't consume, so it keeps no dead letters of it. */
public class UnknownDeadLetterTopic extends RuntimeException {

    public UnknownDeadLetterTopic(String topic, java.util.Collection<String> known) {
        super("This service keeps no dead letters of " + topic + "; it consumes " + String.join(", ", known) + ".");
    }
}
