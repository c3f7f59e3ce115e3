package cn.onenet.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What an operator reads while the broker is away: a line per topic now and then, not a stack trace per record. */
class SendFailureLogTests {

    private final AtomicLong now = new AtomicLong();
    private final SendFailureLog listener = new SendFailureLog(Duration.ofSeconds(30), now::get);
    private final Logger logger = (Logger) LoggerFactory.getLogger(SendFailureLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    @Test
    void aBrokerOutageIsSaidOncePerTopicThenEveryHalfMinuteWithTheCountThenOnceWhenSendsSucceedAgain() {
        for (int i = 0; i < 200; i++) {
            listener.onError(record("onenet.requests.lifecycle.v1"), null,
                    new TimeoutException("Expiring 200 records"));
        }
        listener.onError(record("onenet.reference.v1"), null, new TimeoutException("Expiring 1 record"));
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        for (int i = 0; i < 50; i++) {
            listener.onError(record("onenet.requests.lifecycle.v1"), null,
                    new TimeoutException("Expiring 50 records"));
        }
        listener.onSuccess(record("onenet.requests.lifecycle.v1"), null);
        listener.onSuccess(record("onenet.requests.lifecycle.v1"), null);

        List<String> said = lines.list.stream().map(line -> line.getLevel() + " " + line.getFormattedMessage())
            .toList();
        assertThat(said).containsExactly(
                "WARN Sends to onenet.requests.lifecycle.v1 fail: org.apache.kafka.common.errors.TimeoutException: "
                        + "Expiring 200 records (the sender retries or answers it; said again at most every 30 s)",
                "WARN Sends to onenet.reference.v1 fail: org.apache.kafka.common.errors.TimeoutException: Expiring 1 "
                        + "record (the sender retries or answers it; said again at most every 30 s)",
                "WARN Sends to onenet.requests.lifecycle.v1 still fail: 200 in the last 31 s; last: "
                        + "org.apache.kafka.common.errors.TimeoutException: Expiring 50 records",
                "INFO Sends to onenet.requests.lifecycle.v1 succeed again, after 250 failed");
        assertThat(lines.list).allSatisfy(line -> assertThat(line.getThrowableProxy()).isNull());
    }

    private static ProducerRecord<Object, Object> record(String topic) {
        return new ProducerRecord<>(topic, "key", new byte[0]);
    }
}
