package cn.onenet.routing.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.observability.KafkaBacklogMetrics;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/** What a supervisor looks at, read from a real Prometheus scrape after requests flowed through routing. */
class FlowMetricsIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    OrderBacklogMetrics backlogMetrics;

    @Autowired
    KafkaBacklogMetrics kafkaMetrics;

    @Test
    void aSupervisorSeesAcceptToDispatchOpenOrdersLagAndDeadLettersInPrometheus() throws Exception {
        String before = Scrapes.scrape(port);
        RequestSubmitted first = Scrapes.submitted("elderly-care");
        RequestSubmitted second = Scrapes.submitted("elderly-care");
        RequestSubmitted returned = Scrapes.submitted("elderly-care");
        for (RequestSubmitted submitted : new RequestSubmitted[] { first, second, returned }) {
            kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted,
                    submitted.eventId().toString())).get();
        }
        for (RequestSubmitted submitted : new RequestSubmitted[] { first, second, returned }) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Response order = get("/api/v1/requests/" + submitted.requestId());
                assertThat(order.status()).isEqualTo(200);
                assertThat(order.body().get("status").asString()).isEqualTo("DISPATCHED");
            });
        }
        // the requester of the first asks after it (来电催办): a step the dashboard shows per minute
        assertThat(post("/api/v1/requests/" + first.requestId() + "/follow-ups", "{\"note\":\"来电催办\"}").status())
            .isEqualTo(200);
        // the department holding the third returns it: counted for that department, wherever the order goes next
        String returning = get("/api/v1/requests/" + returned.requestId()).body().get("department").asString();
        assertThat(post("/api/v1/requests/" + returned.requestId() + "/events",
                "{\"type\":\"RETURNED\",\"department\":\"" + returning + "\",\"reason\":\"不属本部门职责\"}").status())
            .isEqualTo(200);
        backlogMetrics.refresh();

        String scrape = Scrapes.scrape(port);
        String department = get("/api/v1/requests/" + first.requestId()).body().get("department").asString();
        // counted for the department holding the order: whose requesters are calling again
        Map<String, String> followUps = Map.of("step", "followed-up", "department", department);
        assertThat(Scrapes.value(scrape, "onenet_routing_transitions_total", followUps).orElse(0.0)
                - Scrapes.value(before, "onenet_routing_transitions_total", followUps).orElse(0.0))
            .as("follow-ups counted").isEqualTo(1.0);
        Map<String, String> returns = Map.of("step", "returned", "department", returning);
        assertThat(Scrapes.value(scrape, "onenet_routing_transitions_total", returns).orElse(0.0)
                - Scrapes.value(before, "onenet_routing_transitions_total", returns).orElse(0.0))
            .as("the return counted for the department that returned it").isEqualTo(1.0);
        assertThat(Scrapes.value(scrape, "onenet_orders_followed_up", Map.of("department", department)))
            .as("the department's open orders asked after").hasValueSatisfying(value -> assertThat(value).isPositive());
        // other tests of this context submit requests accepted long ago: judge only what these two added
        double count = delta(before, scrape, "onenet_routing_accept_to_dispatch_seconds_count");
        double seconds = delta(before, scrape, "onenet_routing_accept_to_dispatch_seconds_sum");
        assertThat(count).isGreaterThanOrEqualTo(2);
        // other tests' orders (accepted years ago) may be rerouted in the same window: count ours by the histogram
        double withinThirtySeconds = Scrapes.value(scrape, "onenet_routing_accept_to_dispatch_seconds_bucket", Map.of("le", "30.0"))
            .orElse(0.0) - Scrapes.value(before, "onenet_routing_accept_to_dispatch_seconds_bucket", Map.of("le", "30.0")).orElse(0.0);
        assertThat(seconds).isPositive();
        assertThat(withinThirtySeconds).as("this test's two requests dispatched within 30 s of acceptance").isGreaterThanOrEqualTo(2);
        assertThat(Scrapes.exports(scrape, "onenet_routing_accept_to_dispatch_seconds_bucket"))
            .as("accept → dispatch publishes a histogram for p50/p99").isTrue();
        assertThat(Scrapes.value(scrape, "onenet_orders_open",
                Map.of("department", "civil-affairs", "status", "DISPATCHED", "application", "routing-service")))
            .hasValueSatisfying(open -> assertThat(open).isGreaterThanOrEqualTo(2));
        assertThat(Scrapes.value(scrape, "onenet_orders_overdue", Map.of("department", "civil-affairs")))
            .hasValueSatisfying(overdue -> assertThat(overdue).isGreaterThanOrEqualTo(0));
        assertThat(Scrapes.value(scrape, "onenet_orders_backlog_age_seconds", Map.of()))
            .hasValueSatisfying(age -> assertThat(age).isBetween(0.0, 30.0));
        assertThat(Scrapes.value(scrape, "onenet_delivery_deliveries_total", Map.of("outcome", "delivered"))).isPresent();
        // both orders' RECEIVED and DISPATCHED events go out through the outbox (just after the order is stored),
        // and then nothing waits for a relay thread
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String relayed = Scrapes.scrape(port);
            assertThat(delta(before, relayed, "onenet_routing_outbox_published_total")).isGreaterThanOrEqualTo(4);
            assertThat(Scrapes.value(relayed, "onenet_routing_outbox_queued", Map.of())).hasValue(0.0);
        });
        assertThat(Scrapes.exports(scrape, "jvm_memory_used_bytes")).isTrue();
        assertThat(Scrapes.exports(scrape, "http_server_requests_seconds_bucket")).isTrue();
        // record listeners (observed) and batch listeners (timed) both reach Prometheus, under two names
        assertThat(Scrapes.value(scrape, "spring_kafka_listener_seconds_count",
                Map.of("messaging_kafka_consumer_group", "routing-submissions", "error", "none"))).isPresent();
        assertThat(Scrapes.value(scrape, "spring_kafka_listener_batch_seconds_count", Map.of("result", "success")))
            .isPresent();

        // the records were processed and committed: the submissions group catches up to zero lag
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            kafkaMetrics.refresh();
            String now = Scrapes.scrape(port);
            assertThat(Scrapes.value(now, "onenet_kafka_consumer_lag",
                    Map.of("group", "routing-submissions", "topic", Topics.REQUESTS_SUBMITTED)))
                .hasValue(0.0);
        });
        String afterLag = Scrapes.scrape(port);
        assertThat(Scrapes.value(afterLag, "onenet_kafka_consumer_lag", Map.of("topic", Topics.REQUESTS_LIFECYCLE)))
            .hasValueSatisfying(lag -> assertThat(lag).isGreaterThanOrEqualTo(0));
        assertThat(Scrapes.value(afterLag, "onenet_kafka_dead_letters_total", Map.of("topic", Topics.REQUESTS_SUBMITTED)))
            .isPresent();
        assertThat(Scrapes.value(afterLag, "onenet_kafka_dead_letters_replayed_total",
                Map.of("topic", Topics.REQUESTS_SUBMITTED))).isPresent();
        assertThat(Scrapes.value(afterLag, "onenet_kafka_dead_letters_pending", Map.of("topic", Topics.REQUESTS_SUBMITTED)))
            .hasValueSatisfying(pending -> assertThat(pending).isGreaterThanOrEqualTo(0));
        Scrapes.keep(afterLag, "routing-service");

        // the Grafana dashboard queries only what is exported (intake's own metrics are checked in intake's tests)
        Set<String> queried = Scrapes.dashboardMetrics();
        assertThat(queried).contains("onenet_routing_accept_to_dispatch_seconds_bucket", "onenet_orders_open",
                "onenet_orders_overdue", "onenet_kafka_consumer_lag", "onenet_intake_accepted_total",
                "onenet_routing_transitions_total", "onenet_orders_followed_up");
        Set<String> missing = queried.stream()
            .filter(name -> !name.startsWith("onenet_intake_"))
            .filter(name -> !Scrapes.exports(afterLag, name))
            .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).as("queried by the dashboard but not in routing-service's scrape").isEmpty();
    }

    private static double delta(String before, String after, String name) {
        return Scrapes.value(after, name, Map.of()).orElse(0.0) - Scrapes.value(before, name, Map.of()).orElse(0.0);
    }
}
