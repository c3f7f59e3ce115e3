package cn.onenet.intake.submission.messaging;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.stereotype.Component;

/**
 * Intake's producer listener, in place of Spring Kafka's {@code LoggingProducerListener}: a send that fails is
 * already answered (the 503), logged in one line and counted ({@code onenet_intake_unavailable_total}) where it is
 * handled, so a broker outage is not also an ERROR with a stack trace per request. At DEBUG for whoever wants it.
 */
@Component
class HandledSendFailures implements ProducerListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(HandledSendFailures.class);

    @Override
    public void onError(ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
        log.debug("Send to {} (key {}) failed; answered and counted by the submission log", record.topic(),
                record.key(), exception);
    }
}
