package cn.onenet.routing.workorder.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.kafka.EventDecodingException;
import cn.onenet.routing.messaging.ListenerCommits;
import cn.onenet.routing.workorder.WorkOrderService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns accepted requests into work orders. Idempotent: a redelivered record finds its order and changes
 * nothing. A record that keeps failing goes to the dead-letter topic (the starter's error handler).
 */
@Component
class SubmissionListener {

    private final WorkOrderService workOrders;
    private final EventCodec codec;

    SubmissionListener(WorkOrderService workOrders, EventCodec codec) {
        this.workOrders = workOrders;
        this.codec = codec;
    }

    @KafkaListener(id = ListenerCommits.SUBMISSIONS, topics = Topics.REQUESTS_SUBMITTED,
            concurrency = "${onenet.routing.submission-consumers:3}")
    void on(ConsumerRecord<String, byte[]> record) {
        // RequestSubmitted is the only member of the sealed SubmissionEvent family (Java 17: no pattern switch)
        if (!(codec.decode(record) instanceof RequestSubmitted submitted)) {
            throw new EventDecodingException("Not a submission event: " + record.topic() + "@" + record.offset());
        }
        workOrders.receive(submitted);
    }
}
