package cn.onenet.routing.delivery.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestLifecycleEvent;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.kafka.EventDecodingException;
import cn.onenet.platform.kafka.FollowerFetch;
import cn.onenet.routing.delivery.DeliveryPlanner;
import cn.onenet.routing.delivery.DeliveryPlanner.Published;
import cn.onenet.platform.web.CorrelationId;
import cn.onenet.routing.messaging.ListenerCommits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Reads the lifecycle of every order in its own consumer group and stores the deliveries the events make, a
 * poll's worth at a time. It never calls an endpoint: storing takes milliseconds whatever the endpoints do, so
 * the topic never backs up behind a slow webhook. A record that can't be read goes to the dead-letter topic (the
 * starter's error handler) and the rest of its batch is planned. Each delivery keeps the correlation id and the W3C
 * {@code traceparent} of its event's record (a batch listener gets no per-record log context from the starter, so
 * they are read here), for its attempts' log lines and requests.
 */
@Component
class LifecycleDeliveryListener {

    private static final String TRACEPARENT = "traceparent";
    private static final Pattern W3C_TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final DeliveryPlanner planner;
    private final EventCodec codec;

    LifecycleDeliveryListener(DeliveryPlanner planner, EventCodec codec) {
        this.planner = planner;
        this.codec = codec;
    }

    @KafkaListener(id = ListenerCommits.DELIVERIES, groupId = ListenerCommits.DELIVERIES,
            topics = Topics.REQUESTS_LIFECYCLE, concurrency = "${onenet.delivery.consumers:2}",
            autoStartup = "${onenet.delivery.enabled:true}", batch = "true",
            properties = { FollowerFetch.MIN_BYTES, FollowerFetch.MAX_WAIT })
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<Published> events = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, byte[]> record = records.get(index);
            try {
                if (!(codec.decode(record) instanceof RequestLifecycleEvent event)) {
                    throw new EventDecodingException("Not a lifecycle event: " + record.topic() + "@" + record.offset());
                }
                events.add(new Published(event, EventCodec.header(record.headers(), EventCodec.TYPE),
                        new String(record.value(), StandardCharsets.UTF_8), correlationId(record),
                        traceparent(record)));
            }
            catch (EventDecodingException ex) {
                // what came before it is planned (and committed); it goes to the dead letters; what follows comes again
                planner.plan(events);
                throw new BatchListenerFailedException(ex.getMessage(), ex, index);
            }
        }
        planner.plan(events);
    }

    /** The record's correlation id when it has a well-formed one (a header is never trusted blindly), else null. */
    private static String correlationId(ConsumerRecord<String, byte[]> record) {
        String header = EventCodec.header(record.headers(), CorrelationId.KAFKA_HEADER);
        return header == null ? null : CorrelationId.acceptOrCreate(header).equals(header) ? header : null;
    }

    private static String traceparent(ConsumerRecord<String, byte[]> record) {
        String header = EventCodec.header(record.headers(), TRACEPARENT);
        return header != null && W3C_TRACEPARENT.matcher(header).matches() ? header : null;
    }
}
