package cn.onenet.routing.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import cn.onenet.routing.workorder.WorkOrderService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The consuming side of a trace: a submission carrying intake's W3C {@code traceparent} header is routed within
 * that trace, so the dispatch's log lines carry the trace id of the channel's POST (intake's tests show the POST
 * putting its trace on the record), and the lifecycle events the dispatch publishes through the outbox carry
 * that trace on to the departments' consumers.
 */
class TraceAcrossKafkaIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    EventCodec codec;

    @Test
    void routingDispatchesWithinTheTraceOfTheChannelsPost() throws Exception {
        recordLifecycle();
        String traceId = hex(16);
        String parentSpanId = hex(8);
        RequestSubmitted submitted = Scrapes.submitted("elderly-care");
        ProducerRecord<String, byte[]> record = codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(),
                submitted, submitted.eventId().toString());
        record.headers().add("traceparent", ("00-" + traceId + "-" + parentSpanId + "-01").getBytes(StandardCharsets.UTF_8));

        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(WorkOrderService.class);
        logger.addAppender(logged);
        try (KafkaProducer<String, byte[]> producer = Scrapes.plainProducer(brokers)) {
            producer.send(record).get();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(created(logged, submitted)).isNotEmpty());
        }
        finally {
            logger.detachAppender(logged);
        }

        ILoggingEvent dispatched = created(logged, submitted).get(0);
        assertThat(dispatched.getFormattedMessage()).contains("DISPATCHED", "civil-affairs");
        assertThat(dispatched.getMDCPropertyMap()).containsEntry("traceId", traceId);
        assertThat(dispatched.getMDCPropertyMap().get("spanId")).matches("[0-9a-f]{16}").isNotEqualTo(parentSpanId);
        assertThat(dispatched.getMDCPropertyMap()).containsKey("correlationId");

        // the outbox relay publishes RECEIVED and DISPATCHED later, on its own thread, still within the POST's trace
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lifecycleOf(submitted.requestId().toString()))
            .extracting(published -> EventCodec.header(published.headers(), EventCodec.TYPE))
            .contains("cn.onenet.request.received.v1", "cn.onenet.request.dispatched.v1"));
        for (var published : lifecycleOf(submitted.requestId().toString())) {
            assertThat(EventCodec.header(published.headers(), "traceparent"))
                .as("traceparent of " + EventCodec.header(published.headers(), EventCodec.TYPE))
                .startsWith("00-" + traceId + "-")
                .doesNotContain(parentSpanId);
        }
    }

    private static List<ILoggingEvent> created(ListAppender<ILoggingEvent> logged, RequestSubmitted submitted) {
        return logged.list.stream()
            .filter(event -> event.getFormattedMessage().contains("Work order " + submitted.requestId() + " created"))
            .toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
