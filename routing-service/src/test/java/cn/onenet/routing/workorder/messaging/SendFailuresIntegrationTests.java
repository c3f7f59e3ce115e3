package cn.onenet.routing.workorder.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.platform.kafka.SendFailureLog;
import cn.onenet.routing.CapturedLogs;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * Routing's failed sends (the outbox relay's, while the broker is away) are said per topic in a line, not as an ERROR
 * with a stack trace for each record: a batch of 200 orders' events made 200 of them at every retry.
 */
class SendFailuresIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void aFailedSendIsOneWarningForItsTopicWithoutAStackTrace() throws Exception {
        try (CapturedLogs logs = CapturedLogs.of(LoggingProducerListener.class, SendFailureLog.class)) {
            for (int i = 0; i < 3; i++) {
                try {
                    // larger than max.request.size: the producer refuses it at once, as any send it can't make
                    kafka.send(new ProducerRecord<>("onenet.routing.send-failure.test", "key", new byte[2 << 20]))
                        .get();
                }
                catch (ExecutionException | RuntimeException expected) {
                    // the sender handles it (the relay retries it)
                }
            }
            assertThat(logs.containing("")).singleElement().satisfies(line -> {
                assertThat(line.getLoggerName()).isEqualTo(SendFailureLog.class.getName());
                assertThat(line.getFormattedMessage()).startsWith("Sends to onenet.routing.send-failure.test fail: ");
                assertThat(line.getThrowableProxy()).isNull();
            });
        }
    }
}
