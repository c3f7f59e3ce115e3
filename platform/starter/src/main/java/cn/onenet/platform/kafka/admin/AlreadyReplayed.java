package cn.onenet.platform.kafka.admin;

/** A dead letter is replayed at most once; it went again at an earlier call. */
public class AlreadyReplayed extends RuntimeException {

    public AlreadyReplayed(DeadLetter deadLetter) {
        super("Dead letter at partition " + deadLetter.partition() + " offset " + deadLetter.offset()
                + " was replayed at " + deadLetter.replay().at() + " to " + deadLetter.replay().topic() + " partition "
                + deadLetter.replay().partition() + " offset " + deadLetter.replay().offset() + ".");
    }
}
