package cn.onenet.routing.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.EventTypes;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.ExtensionDecided;
import cn.onenet.contracts.requests.ExtensionRequested;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestAcknowledged;
import cn.onenet.contracts.requests.RequestClosed;
import cn.onenet.contracts.requests.RequestDispatched;
import cn.onenet.contracts.requests.RequestEscalated;
import cn.onenet.contracts.requests.RequestLifecycleEvent;
import cn.onenet.contracts.requests.RequestReceived;
import cn.onenet.contracts.requests.RequestRejected;
import cn.onenet.contracts.requests.RequestReopened;
import cn.onenet.contracts.requests.RequestStarted;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.observability.StoredTraces;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import cn.onenet.routing.CapturedLogs;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import cn.onenet.routing.workorder.TestOrders;
import cn.onenet.routing.workorder.WorkOrder;
import cn.onenet.routing.workorder.WorkOrderStore;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Results back to channels and departments, end to end: lifecycle events on the topic, deliveries stored by the
 * listener, sent by the worker to webhooks on the JDK's HTTP server, and the feed. Each test has targets of its own
 * and looks only at its own orders (other tests' events reach the same store).
 */
class DeliveryIntegrationTests extends RoutingIntegrationTestSupport {

    static final String SECRET = "s3cret-for-tests-0123456789";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeliveryStore deliveryStore;

    @Autowired
    EndpointDirectory directory;

    @Autowired
    WebhookSender sender;

    @Autowired
    DeliverySettings settings;

    @Autowired
    StoredTraces traces;

    @Autowired
    Clock clock;

    @Autowired
    WorkOrderStore workOrderStore;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    BulkheadRegistry bulkheads;

    @Test
    void deliversEveryEventOfEveryOrderInOrderOnceTheReceiverRecovers() throws Exception {
        String target = "channel:COURT";
        double deliveredBefore = outcomes("delivered");
        try (WebhookReceiver receiver = WebhookReceiver.failingFirst(3, SECRET)) {
            register(target, receiver.url());
            List<UUID> orders = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();
            List<List<RequestLifecycleEvent>> lifecycles = orders.stream()
                .map(order -> List.<RequestLifecycleEvent>of(received(order, Channel.COURT), dispatched(order, 2, "court-xihu"),
                        acknowledged(order, 3, "court-xihu"), started(order, 4, "court-xihu"),
                        extensionRequested(order, 5, "court-xihu")))
                .toList();
            for (int step = 0; step < 5; step++) {
                for (List<RequestLifecycleEvent> lifecycle : lifecycles) {
                    publish(lifecycle.get(step));
                }
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(orders)
                .allSatisfy(order -> assertThat(receiver.acceptedFor(order)).hasSize(5)));

            assertThat(receiver.calls()).as("the first three calls failed and were retried").isGreaterThanOrEqualTo(23);
            for (int i = 0; i < orders.size(); i++) {
                List<WebhookReceiver.Accepted> calls = receiver.acceptedFor(orders.get(i));
                assertThat(calls).extracting(WebhookReceiver.Accepted::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
                for (int step = 0; step < 5; step++) {
                    RequestLifecycleEvent event = lifecycles.get(i).get(step);
                    WebhookReceiver.Accepted call = calls.get(step);
                    String type = EventTypes.nameOf(event.getClass());
                    assertThat(call.signatureValid()).isTrue();
                    assertThat(call.deliveryId()).isEqualTo(Delivery.idOf(event.eventId(), Target.parse(target)))
                        .isEqualTo(call.body().get("deliveryId").asString());
                    assertThat(call.eventType()).isEqualTo(type).isEqualTo(call.body().get("type").asString());
                    assertThat(call.eventId()).isEqualTo(event.eventId().toString());
                    assertThat(call.body().get("target").asString()).isEqualTo(target);
                    // in the district's zone, as the feed gives it
                    assertThat(OffsetDateTime.parse(call.body().get("occurredAt").asString()))
                        .isEqualTo(event.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                            .atZone(java.time.ZoneId.of("Asia/Shanghai")).toOffsetDateTime());
                    assertThat(call.body().get("event").get("requestId").asString()).isEqualTo(orders.get(i).toString());
                    // the event's own times read on the same clock as the envelope's, the same instants as published
                    assertDistrictTime(call.body().get("event").get("occurredAt"), event.occurredAt());
                    if (event instanceof RequestDispatched dispatched) {
                        assertDistrictTime(call.body().get("event").get("acknowledgeBy"), dispatched.acknowledgeBy());
                        assertDistrictTime(call.body().get("event").get("resolveBy"), dispatched.resolveBy());
                    }
                    assertThat(Long.parseLong(call.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                            org.assertj.core.data.Offset.offset(60L));
                }
            }
            JsonNode delivery = get("/api/v1/webhooks/deliveries/" + receiver.acceptedFor(orders.get(0)).get(0).deliveryId()).body();
            assertThat(delivery.get("state").asString()).isEqualTo("DELIVERED");
            assertThat(delivery.get("event").get("channel").asString()).isEqualTo("COURT");
            assertDistrictTime(delivery.get("event").get("occurredAt"), lifecycles.get(0).get(0).occurredAt());
            // the receiver has a delivery a moment before the worker has recorded the answer
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(outcomes("delivered")).isGreaterThanOrEqualTo(deliveredBefore + 20);
                assertThat(outcomes("failed")).isGreaterThanOrEqualTo(3);
            });
        }
        finally {
            unregister(target);
        }
    }

    /**
     * A delivery sent on a kept-alive connection its endpoint had closed (an HTTP/1.0 server, its idle timeout) is
     * sent again at once on a new one: each such delivery waited out the first backoff (5 s) before.
     */
    @Test
    void aDeliveryMeetingAConnectionTheEndpointClosedIsSentAgainAtOnce() throws Exception {
        String target = "channel:LIVELIHOOD";
        try (OneAnswerPerConnection endpoint = new OneAnswerPerConnection()) {
            register(target, endpoint.url());
            UUID order = UUID.randomUUID();
            publish(received(order, Channel.LIVELIHOOD));
            publish(dispatched(order, 2, "civil-affairs"));
            publish(acknowledged(order, 3, "civil-affairs"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    deliveries("DELIVERED", target, order)).hasSize(3));
            assertThat(endpoint.closedUnanswered()).as("deliveries that met a closed connection").isPositive();
            assertThat(deliveries(null, target, order)).extracting(delivery -> delivery.get("attempts").asInt())
                .as("each delivered at its first attempt").containsOnly(1);
        }
        finally {
            unregister(target);
        }
    }

    /**
     * What an operator asked "did department X get order Y?" finds in the logs: a line per attempt under the
     * correlation id of the event's record — WARN for the failed one with its status and when the next is due, INFO
     * for the delivered one — and the department's system gets the same correlation id and the event's trace, whose
     * id the lines carry.
     */
    @Test
    void logsEveryAttemptUnderTheEventsCorrelationIdAndSendsItWithTheTrace() throws Exception {
        String target = "department:xingzhou-committee";
        UUID order = UUID.randomUUID();
        RequestDispatched dispatched = dispatched(order, 2, "xingzhou-committee");
        String correlationId = "corr-" + order;
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpanId = "00f067aa0ba902b7";
        String deliveryId = Delivery.idOf(dispatched.eventId(), Target.parse(target));
        try (WebhookReceiver receiver = WebhookReceiver.failingFirst(1, SECRET);
                CapturedLogs logs = CapturedLogs.of(DeliveryWorker.class)) {
            register(target, receiver.url());
            ProducerRecord<String, byte[]> record = codec.record(Topics.REQUESTS_LIFECYCLE, order.toString(),
                    EventTypes.nameOf(RequestDispatched.class), dispatched.eventId().toString(),
                    codec.toJson(dispatched), correlationId);
            record.headers().add("traceparent", ("00-" + traceId + "-" + parentSpanId + "-01").getBytes(UTF_8));
            try (KafkaProducer<String, byte[]> producer = plainProducer()) {
                producer.send(record).get();
            }

            await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(logs.containing(deliveryId, "Delivered")).hasSize(1));
            WebhookReceiver.Accepted call = receiver.acceptedFor(order).get(0);
            assertThat(call.correlationId()).isEqualTo(correlationId);
            assertThat(call.traceparent()).as("a span of the event's trace, not the producer's own")
                .startsWith("00-" + traceId + "-").doesNotContain(parentSpanId);

            ILoggingEvent failed = logs.containing(deliveryId, "failed on attempt 1").get(0);
            assertThat(failed.getLevel()).isEqualTo(Level.WARN);
            assertThat(failed.getFormattedMessage()).contains(order.toString(), target, "sequence 2", "HTTP 500",
                    "next attempt at");
            assertThat(failed.getMDCPropertyMap()).containsEntry("correlationId", correlationId)
                .as("the trace the department's request carries a span of").containsEntry("traceId", traceId);
            assertThat(CapturedLogs.fields(failed)).containsEntry("delivery.orderId", order.toString())
                .containsEntry("delivery.target", target)
                .containsEntry("delivery.eventType", EventTypes.nameOf(RequestDispatched.class))
                .containsEntry("delivery.sequence", 2L)
                .containsEntry("delivery.attempt", 1)
                .containsEntry("http.response.status_code", 500)
                .containsKeys("event.duration", "delivery.nextAttemptAt", "error.message");

            ILoggingEvent delivered = logs.containing(deliveryId, "Delivered").get(0);
            assertThat(delivered.getLevel()).isEqualTo(Level.INFO);
            assertThat(delivered.getFormattedMessage()).contains(order.toString(), target, "on attempt 2", "HTTP 200");
            assertThat(delivered.getMDCPropertyMap()).containsEntry("correlationId", correlationId)
                .containsEntry("traceId", traceId);
            assertThat(CapturedLogs.fields(delivered)).containsEntry("delivery.attempt", 2)
                .containsEntry("http.response.status_code", 200)
                .containsEntry("delivery.outcome", "delivered");
            // never the body: a lifecycle event may carry what the resident wrote
            assertThat(logs.containing(deliveryId)).isNotEmpty()
                .noneMatch(line -> (line.getFormattedMessage() + CapturedLogs.fields(line)).contains("acknowledgeBy"));
            assertThat(get("/api/v1/webhooks/deliveries/" + deliveryId).body().get("correlationId").asString())
                .isEqualTo(correlationId);
        }
        finally {
            unregister(target);
        }
    }

    @Test
    void parksWhatKeepsFailingShowsItAndDeliversItWhenRetried() throws Exception {
        String target = "channel:POLICE";
        double parkedBefore = outcomes("parked");
        try (WebhookReceiver receiver = WebhookReceiver.alwaysFailing(SECRET)) {
            register(target, receiver.url());
            List<CircuitBreaker.State> breakerStates = new CopyOnWriteArrayList<>();
            circuitBreakers.find("webhook:" + target).orElseThrow().getEventPublisher()
                .onStateTransition(event -> breakerStates.add(event.getStateTransition().getToState()));
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            for (UUID order : List.of(first, second)) {
                publish(received(order, Channel.POLICE));
                publish(dispatched(order, 2, "wenxin-street"));
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveries("PARKED", target, first, second))
                .hasSize(4)
                .allSatisfy(parked -> {
                    assertThat(parked.get("attempts").asInt()).isEqualTo(4);
                    assertThat(parked.get("lastError").asString()).isEqualTo("HTTP 500");
                    assertThat(parked.get("parkedAt").isNull()).isFalse();
                }));
            assertThat(receiver.accepted()).isEmpty();
            await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(outcomes("parked")).isGreaterThanOrEqualTo(parkedBefore + 4));
            assertThat(meters.get("onenet.delivery.parked").gauge().value()).isGreaterThanOrEqualTo(4);
            assertThat(breakerStates).as("the endpoint's breaker opened (held calls back without using up attempts)")
                .contains(CircuitBreaker.State.OPEN);
            assertThat(meters.find("resilience4j.circuitbreaker.calls").tag("name", "webhook:" + target).meters()).isNotEmpty();
            assertThat(meters.find("resilience4j.bulkhead.available.concurrent.calls").tag("name", "webhook:" + target).meters())
                .isNotEmpty();

            receiver.recover();
            List<JsonNode> firstOrder = deliveries("PARKED", target, first);
            firstOrder.sort((a, b) -> Long.compare(a.get("sequence").asLong(), b.get("sequence").asLong()));
            for (JsonNode parked : firstOrder) {
                Response retried = post("/api/v1/webhooks/deliveries/" + parked.get("id").asString() + "/retry", "");
                assertThat(retried.status()).isEqualTo(200);
                assertThat(retried.body().get("attempts").asInt()).isZero();
            }
            Response all = post("/api/v1/webhooks/deliveries/retry?target=" + target, "");
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.body().get("requeued").asInt()).isGreaterThanOrEqualTo(2);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(receiver.acceptedFor(first)).extracting(WebhookReceiver.Accepted::sequence).containsExactly(1L, 2L);
                assertThat(receiver.acceptedFor(second)).extracting(WebhookReceiver.Accepted::sequence).containsExactly(1L, 2L);
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(null, target, first, second))
                .extracting(delivery -> delivery.get("state").asString()).containsOnly("DELIVERED"));

            String delivered = receiver.acceptedFor(first).get(0).deliveryId();
            Response again = post("/api/v1/webhooks/deliveries/" + delivered + "/retry", "");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body().get("currentState").asString()).isEqualTo("DELIVERED");
            assertThat(post("/api/v1/webhooks/deliveries/" + UUID.randomUUID() + "/retry", "").status()).isEqualTo(404);
        }
        finally {
            unregister(target);
        }
    }

    /**
     * Once the endpoint is fixed, a delivery waiting out a long backoff need not wait: a retry of it (or of its
     * target) has it attempted at once — after the order's earlier deliveries, still strictly in sequence.
     */
    @Test
    void aPendingDeliveryWaitingOutItsBackoffIsAttemptedSoonAfterARetry() throws Exception {
        String target = "department:justice-office";
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (WebhookReceiver receiver = WebhookReceiver.accepting(SECRET);
                CapturedLogs logs = CapturedLogs.of(Deliveries.class)) {
            // held while the endpoint is disabled, then left as a failed attempt leaves them: next attempt in an hour
            assertThat(put("/api/v1/webhooks/" + target, body(receiver.url(), SECRET, false)).status()).isIn(200, 201);
            publish(dispatched(first, 2, "justice-office"));
            publish(new RequestEscalated(UUID.randomUUID(), first, 3, Instant.now(), "system:escalation",
                    "justice-office", "ACKNOWLEDGE", "WARNING", Instant.now().plus(Duration.ofHours(2))));
            publish(dispatched(second, 2, "justice-office"));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(deliveries("PENDING", target, first,
                    second)).hasSize(3));
            Instant now = Instant.now();
            String firstHead = deliveryOf(target, first, 2);
            String secondHead = deliveryOf(target, second, 2);
            for (String waiting : List.of(firstHead, secondHead)) {
                assertThat(deliveryStore.markFailed(waiting, 1, "HTTP 500", now, now.plus(Duration.ofHours(1))))
                    .isTrue();
            }
            register(target, receiver.url());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.acceptedFor(first).isEmpty() && receiver.acceptedFor(second).isEmpty());

            // the later one of the first order: it and the head it waits behind are attempted now, in sequence
            Response hurried = postAs("/api/v1/webhooks/deliveries/" + deliveryOf(target, first, 3) + "/retry", "",
                    "ops-zhang");
            assertThat(hurried.status()).as(String.valueOf(hurried.body())).isEqualTo(200);
            assertThat(hurried.body().get("state").asString()).isEqualTo("PENDING");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.acceptedFor(first))
                .extracting(WebhookReceiver.Accepted::sequence).containsExactly(2L, 3L));
            assertThat(receiver.acceptedFor(second)).as("another order's wait is its own").isEmpty();
            assertThat(logs.containing(deliveryOf(target, first, 3), "hurried by ops-zhang", "1 pending")).hasSize(1);

            // the whole target: the second order's head too
            Response all = postAs("/api/v1/webhooks/deliveries/retry?target=" + target, "", "ops-zhang");
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.body().get("requeued").asInt()).isZero();
            assertThat(all.body().get("hurried").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.acceptedFor(second))
                .extracting(WebhookReceiver.Accepted::sequence).containsExactly(2L));
            assertThat(logs.containing("Deliveries to " + target + " retried by ops-zhang: 0 re-queued from parked,"
                    + " 1 pending brought forward")).hasSize(1);
        }
        finally {
            unregister(target);
        }
    }

    @Test
    void aDeadDepartmentEndpointHoldsUpNeitherAnotherEndpointNorRouting() throws Exception {
        try (WebhookReceiver dead = WebhookReceiver.hanging(SECRET); WebhookReceiver healthy = WebhookReceiver.accepting(SECRET)) {
            register("department:housing", dead.url());
            register("department:party-affairs", healthy.url());
            List<UUID> toDead = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
            List<UUID> toHealthy = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
            for (UUID order : toDead) {
                publish(received(order, Channel.PARTY_BUILDING));
                publish(dispatched(order, 2, "housing"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> dead.calls() >= 2);
            for (UUID order : toHealthy) {
                publish(received(order, Channel.PARTY_BUILDING));
                publish(dispatched(order, 2, "party-affairs"));
            }
            RequestSubmitted submitted = submitted("legal-aid");
            kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted,
                    submitted.eventId().toString())).get();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(toHealthy)
                .allSatisfy(order -> assertThat(healthy.acceptedFor(order)).hasSize(1)));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    get("/api/v1/requests/" + submitted.requestId()).body().get("status").asString()).isEqualTo("DISPATCHED"));
            assertThat(dead.accepted()).isEmpty();
            Bulkhead deadBulkhead = bulkheads.find("webhook:department:housing").orElseThrow();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deadBulkhead.getMetrics()
                .getAvailableConcurrentCalls()).as("the dead endpoint uses up its own bulkhead, no more").isZero());
            assertThat(healthy.acceptedFor(toHealthy.get(0)).get(0).body().get("event").get("department").asString())
                .isEqualTo("party-affairs");
        }
        finally {
            unregister("department:housing");
            unregister("department:party-affairs");
        }
    }

    @Test
    void twoInstancesShareTheWorkAndEachOrderStaysInOrder() throws Exception {
        String target = "channel:GOVERNANCE";
        // a second routing-service instance: its own worker, lease owner, breakers and bulkheads, the same store
        AtomicInteger secondSends = new AtomicInteger();
        AtomicInteger secondInFlight = new AtomicInteger();
        AtomicInteger secondMaxInFlight = new AtomicInteger();
        WebhookSender secondSender = (endpoint, delivery) -> {
            secondSends.incrementAndGet();
            secondMaxInFlight.accumulateAndGet(secondInFlight.incrementAndGet(), Math::max);
            return sender.send(endpoint, delivery).whenComplete((status, failure) -> secondInFlight.decrementAndGet());
        };
        DeliveryWorker secondInstance = new DeliveryWorker(deliveryStore, directory, secondSender, settings, clock,
                CircuitBreakerRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(), new SimpleMeterRegistry(), traces);
        try (WebhookReceiver receiver = WebhookReceiver.holding(SECRET)) {
            register(target, receiver.url());
            List<UUID> orders = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
            for (UUID order : orders) {
                publish(received(order, Channel.GOVERNANCE));
                publish(dispatched(order, 2, "wenxin-street"));
                publish(acknowledged(order, 3, "wenxin-street"));
            }

            // while the receiver holds every call, the second instance fills its own bulkhead with other orders
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                secondInstance.poll();
                assertThat(secondSends.get()).isGreaterThanOrEqualTo(2);
            });
            receiver.release();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                secondInstance.poll();
                assertThat(orders).allSatisfy(order -> assertThat(firstAcceptances(receiver, order)).hasSize(3));
            });
            assertThat(secondMaxInFlight.get()).isLessThanOrEqualTo(2);
            for (UUID order : orders) {
                assertThat(firstAcceptances(receiver, order)).extracting(WebhookReceiver.Accepted::sequence)
                    .containsExactly(1L, 2L, 3L);
            }
        }
        finally {
            secondInstance.destroy();
            unregister(target);
        }
    }

    /**
     * Each delivery's first arrival, in arrival order. A call the receiver held past the sender's timeout is sent
     * again (at least once): receivers drop the repeat by its delivery id, and so does this test.
     */
    private static List<WebhookReceiver.Accepted> firstAcceptances(WebhookReceiver receiver, UUID order) {
        Set<String> seen = new HashSet<>();
        return receiver.acceptedFor(order).stream().filter(call -> seen.add(call.deliveryId())).toList();
    }

    @Test
    void aRedeliveredRecordMakesNoSecondDelivery() throws Exception {
        String target = "channel:LAWYER";
        try (WebhookReceiver receiver = WebhookReceiver.accepting(SECRET)) {
            register(target, receiver.url());
            UUID order = UUID.randomUUID();
            RequestReceived received = received(order, Channel.LAWYER);
            RequestDispatched dispatched = dispatched(order, 2, "dejia-committee");
            publish(received);
            publish(dispatched);
            publish(received);
            publish(dispatched);
            publish(acknowledged(order, 3, "dejia-committee"));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(receiver.acceptedFor(order))
                .extracting(WebhookReceiver.Accepted::sequence).contains(3L));

            assertThat(receiver.acceptedFor(order)).extracting(WebhookReceiver.Accepted::sequence).containsExactly(1L, 2L, 3L);
            assertThat(deliveries(null, target, order)).hasSize(3);
            assertThat(deliveries(null, "department:dejia-committee", order)).singleElement()
                .satisfies(pullOnly -> assertThat(pullOnly.get("state").asString()).isEqualTo("PULL_ONLY"));
        }
        finally {
            unregister(target);
        }
    }

    /** The departments a step takes the order from hear it, as the one a transfer takes it from always did. */
    @Test
    void everyDepartmentAStepTakesTheOrderFromHearsIt() throws Exception {
        UUID order = UUID.randomUUID();
        publish(received(order, Channel.GOVERNANCE));
        publish(new RequestDispatched(UUID.randomUUID(), order, 2, Instant.now(), "routing", "housing",
                Instant.now().plus(Duration.ofHours(4)), Instant.now().plus(Duration.ofDays(5)), null,
                List.of("party-affairs"), false));
        publish(new RequestRejected(UUID.randomUUID(), order, 3, Instant.now(), "dispatcher", "非政府职能", "OTHER",
                List.of("housing", "party-affairs")));

        for (String department : List.of("department:housing", "department:party-affairs")) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(deliveries(null, department, order))
                .extracting(delivery -> delivery.get("sequence").asLong()).containsExactlyInAnyOrder(2L, 3L));
        }
    }

    /** The departments that handled an order hear it closed, with the callback's outcome: they kept it open before. */
    @Test
    void theDepartmentsThatHandledAnOrderHearItClosed() throws Exception {
        Instant accepted = Instant.now().minus(Duration.ofDays(2));
        WorkOrder handled = WorkOrder.receive(TestOrders.accepted(accepted), accepted);
        handled.dispatch("housing", List.of("party-affairs"), TestOrders.deadlines(accepted), null, "dispatcher",
                false, accepted.plusSeconds(60));
        assertThat(workOrderStore.insert(handled)).isTrue();
        UUID order = handled.id();
        publish(new RequestClosed(UUID.randomUUID(), order, 9, Instant.now(), "callback:operator",
                Satisfaction.SATISFIED, "处理及时"));

        // (the order's stored dispatch reaches them too, through its outbox, sooner or later)
        for (String department : List.of("department:housing", "department:party-affairs")) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(deliveries(null, department, order))
                .filteredOn(delivery -> !delivery.get("type").asString().equals("cn.onenet.request.dispatched.v1"))
                .singleElement().satisfies(closed -> {
                    assertThat(closed.get("type").asString()).isEqualTo("cn.onenet.request.closed.v1");
                    assertThat(closed.get("sequence").asLong()).isEqualTo(9);
                }));
        }
        assertThat(deliveries(null, "department:civil-affairs", order)).isEmpty();
    }

    /** A reopened order is the co-departments' again too, and every department learns its fresh deadlines. */
    @Test
    void aReopeningGoesToTheCoDepartmentsWithTheFreshDeadlines() throws Exception {
        UUID order = UUID.randomUUID();
        Instant resolveBy = Instant.now().plus(Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(received(order, Channel.GOVERNANCE));
        publish(new RequestDispatched(UUID.randomUUID(), order, 2, Instant.now(), "routing", "housing",
                Instant.now().plus(Duration.ofHours(4)), Instant.now().plus(Duration.ofDays(5)), null,
                List.of("party-affairs"), false));
        publish(new RequestReopened(UUID.randomUUID(), order, 3, Instant.now(), "callback", Satisfaction.DISSATISFIED,
                "没解决", "housing", Instant.now().plus(Duration.ofHours(4)), resolveBy, List.of("party-affairs")));

        for (String department : List.of("department:housing", "department:party-affairs")) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(deliveries(null, department, order))
                .extracting(delivery -> delivery.get("sequence").asLong()).containsExactlyInAnyOrder(2L, 3L));
        }
        assertThat(readFeed("department:party-affairs", 100))
            .filteredOn(entry -> entry.get("orderId").asString().equals(order.toString())
                    && entry.get("sequence").asLong() == 3)
            .singleElement()
            .satisfies(entry -> assertDistrictTime(entry.get("event").get("resolveBy"), resolveBy));
    }

    @Test
    void pagesATargetsFeedInOrderWithACursor() throws Exception {
        String target = "department:hupan-committee";
        List<UUID> orders = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        Map<UUID, ExtensionDecided> extensions = new java.util.HashMap<>();
        for (UUID order : orders) {
            publish(received(order, Channel.PARTY_BUILDING));
            publish(dispatched(order, 2, "hupan-committee"));
            publish(new RequestEscalated(UUID.randomUUID(), order, 3, Instant.now(), "system:escalation", "hupan-committee",
                    "ACKNOWLEDGE", "WARNING", Instant.now().plus(Duration.ofHours(2))));
            ExtensionDecided extension = new ExtensionDecided(UUID.randomUUID(), order, 4, Instant.now(), "supervisor",
                    "hupan-committee", Instant.now().plus(Duration.ofDays(3)), true, "同意");
            extensions.put(order, extension);
            publish(extension);
            publish(new RequestReopened(UUID.randomUUID(), order, 5, Instant.now(), "callback", Satisfaction.DISSATISFIED,
                    "没解决", "hupan-committee"));
        }

        List<JsonNode> entries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            entries.clear();
            entries.addAll(readFeed(target, 5));
            assertThat(entries.stream().filter(entry -> orders.contains(UUID.fromString(entry.get("orderId").asString()))))
                .hasSize(12);
        });

        assertThat(entries).extracting(entry -> entry.get("position").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(entries).extracting(entry -> entry.get("deliveryId").asString()).doesNotHaveDuplicates();
        for (UUID order : orders) {
            assertThat(entries).filteredOn(entry -> entry.get("orderId").asString().equals(order.toString()))
                .extracting(entry -> entry.get("sequence").asLong()).containsExactly(2L, 3L, 4L, 5L);
            // the new deadline on the clock the department works by, as every other time of the entry
            assertThat(entries).filteredOn(entry -> entry.get("orderId").asString().equals(order.toString())
                    && entry.get("sequence").asLong() == 4)
                .singleElement()
                .satisfies(entry -> {
                    assertDistrictTime(entry.get("occurredAt"), extensions.get(order).occurredAt()
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                    assertDistrictTime(entry.get("event").get("occurredAt"), extensions.get(order).occurredAt());
                    assertDistrictTime(entry.get("event").get("until"), extensions.get(order).until());
                });
        }
        JsonNode middle = entries.get(entries.size() / 2);
        JsonNode after = get("/api/v1/feed?target=" + target + "&cursor=" + middle.get("position").asLong() + "&limit=500").body();
        assertThat(after.get("items")).extracting(entry -> entry.get("position").asLong())
            .allSatisfy(position -> assertThat(position).isGreaterThan(middle.get("position").asLong()));
        assertThat(after.get("items").get(0).get("deliveryId").asString())
            .isEqualTo(entries.get(entries.size() / 2 + 1).get("deliveryId").asString());
        assertThat(after.get("items").get(0).get("event").get("eventId").asString())
            .isEqualTo(entries.get(entries.size() / 2 + 1).get("eventId").asString());

        JsonNode channelFeed = get("/api/v1/feed?target=channel:PARTY_BUILDING&limit=500").body();
        assertThat(channelFeed.get("items")).filteredOn(entry -> entry.get("orderId").asString().equals(orders.get(0).toString()))
            .extracting(entry -> entry.get("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);

        assertThat(get("/api/v1/feed?target=" + target + "&cursor=abc").status()).isEqualTo(400);
        JsonNode last = get("/api/v1/feed?target=" + target + "&cursor=" + middle.get("position").asLong()
                + "&limit=500").body();
        String head = last.get("nextCursor").asString();
        assertThat(get("/api/v1/feed?target=" + target + "&cursor=" + head).status()).isEqualTo(200);
        for (String ahead : List.of("999999", Long.toString(Long.MAX_VALUE))) {
            Response refused = get("/api/v1/feed?target=" + target + "&cursor=" + ahead);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
        }
        Response badTarget = get("/api/v1/feed?target=fax:1");
        assertThat(badTarget.status()).isEqualTo(400);
        assertThat(badTarget.body().get("errors").get(0).get("field").asString()).isEqualTo("target");
        assertThat(get("/api/v1/feed?target=" + target + "&limit=0").status()).isEqualTo(400);
        // a department the district does not have has no feed (it would stay empty for ever); one target a call;
        // a cursor that can't be read is named beside a limit that can't be
        Response nobody = get("/api/v1/feed?target=department:nobody");
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.body().get("errors").get(0).get("message").asString()).contains("not a known department");
        Response twice = get("/api/v1/feed?target=" + target + "&target=department:housing");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body().get("errors").get(0).get("field").asString()).isEqualTo("target");
        assertThat(get("/api/v1/feed?target=" + target + "&limit=abc&cursor=xyz").body().get("errors"))
            .extracting(error -> error.get("field").asString()).containsExactly("cursor", "limit");
    }

    @Test
    void aRecordThatCantBeReadGoesToTheDeadLettersAndTheOrdersOtherEventsAreDelivered() throws Exception {
        UUID order = UUID.randomUUID();
        publish(received(order, Channel.PARTY_BUILDING));
        kafka.send(codec.record(Topics.REQUESTS_LIFECYCLE, order.toString(), "cn.onenet.request.unheard-of.v1",
                UUID.randomUUID().toString(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), null)).get();
        publish(dispatched(order, 2, "dejia-committee"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(deliveries(null, "channel:PARTY_BUILDING", order)).extracting(delivery -> delivery.get("sequence").asLong())
                .containsExactlyInAnyOrder(1L, 2L);
            assertThat(deliveries(null, "department:dejia-committee", order)).hasSize(1);
        });
        Properties config = new Properties();
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ConsumerConfig.GROUP_ID_CONFIG,
                "dead-letter-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        try (KafkaConsumer<String, byte[]> deadLetters = new KafkaConsumer<>(config)) {
            deadLetters.subscribe(List.of(Topics.deadLetter(Topics.REQUESTS_LIFECYCLE)));
            List<String> groups = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (order.toString().equals(record.key())) {
                        groups.add(EventCodec.header(record.headers(), KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP));
                    }
                });
                assertThat(groups).contains("routing-delivery");
            });
        }
    }

    /**
     * An administrator reads through the parked deliveries a page at a time while more are made: with the position
     * each page gives ({@code after=<next>}), every one there was is seen once, newest first, none made since slipping
     * in; one event's deliveries to two targets (one moment, order and sequence) are told apart by id. A position the
     * list did not give, or a page beside one, is a 400 naming it.
     */
    @Test
    void pagesTheDeliveriesOnFromWhereAPageEndedWhileMoreAreMade() {
        Instant moment = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID earlier = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        List<Delivery> made = List.of(
                parked(Target.department("police-wenxin"), event, first, 2, moment),
                parked(Target.department("court-xihu"), event, first, 2, moment),
                parked(Target.department("police-wenxin"), UUID.randomUUID(), first, 3, moment),
                parked(Target.department("police-wenxin"), UUID.randomUUID(), second, 1, moment),
                parked(Target.department("police-wenxin"), UUID.randomUUID(), earlier, 1, moment.minusMillis(1)),
                parked(Target.department("court-xihu"), UUID.randomUUID(), earlier, 4, moment.minusMillis(2)));
        made.forEach(delivery -> assertThat(deliveryStore.add(delivery)).isTrue());
        List<String> expected = made.stream()
            .sorted(Comparator.comparing(Delivery::createdAt).reversed()
                .thenComparing(delivery -> delivery.orderId().toString())
                .thenComparing(Comparator.comparingLong(Delivery::sequence).reversed())
                .thenComparing(Delivery::id))
            .map(Delivery::id).toList();
        Set<String> ours = new HashSet<>(expected);

        List<String> seen = new ArrayList<>();
        Set<String> newer = new HashSet<>();
        JsonNode page = get("/api/v1/webhooks/deliveries?state=PARKED&size=2").body();
        for (int pages = 1;; pages++) {
            page.get("content").forEach(delivery -> seen.add(delivery.get("id").asString()));
            if (pages == 1) {
                // made while the first page was read: newer than every delivery after it
                for (int i = 0; i < 3; i++) {
                    Delivery later = parked(Target.department("police-wenxin"), UUID.randomUUID(), first, 10 + i,
                            Instant.now());
                    deliveryStore.add(later);
                    newer.add(later.id());
                }
            }
            if (page.get("next").isNull()) {
                break;
            }
            assertThat(page.get("content")).hasSize(2);
            assertThat(pages).as("pages read (a list that never ends)").isLessThan(500);
            page = get("/api/v1/webhooks/deliveries?state=PARKED&size=2&after=" + page.get("next").asString()).body();
        }
        assertThat(seen.stream().filter(ours::contains).toList()).isEqualTo(expected);
        assertThat(seen).doesNotHaveDuplicates().doesNotContainAnyElementsOf(newer);

        Response garbled = get("/api/v1/webhooks/deliveries?after=not-a-position");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.body().get("errors").get(0).get("field").asString()).isEqualTo("after");
        String next = get("/api/v1/webhooks/deliveries?state=PARKED&size=1").body().get("next").asString();
        Response both = get("/api/v1/webhooks/deliveries?state=PARKED&size=1&page=1&after=" + next);
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().get("errors").get(0).get("field").asString()).isEqualTo("page");
    }

    private static Delivery parked(Target target, UUID event, UUID order, long sequence, Instant createdAt) {
        return Delivery.create(target, event, order, sequence, "RequestDispatched", createdAt, "{}", DeliveryState.PARKED,
                null, null, createdAt);
    }

    @Test
    void aDeliveryLeftWithoutAPositionByACrashStillJoinsTheFeed() {
        // the state a crash between storing a delivery and handing out its position leaves behind
        Target target = Target.department("wenxin-street");
        UUID order = UUID.randomUUID();
        RequestDispatched dispatched = dispatched(order, 2, "wenxin-street");
        Delivery orphan = Delivery.create(target, dispatched.eventId(), order, 2, EventTypes.nameOf(RequestDispatched.class),
                dispatched.occurredAt(), new String(codec.toJson(dispatched), java.nio.charset.StandardCharsets.UTF_8),
                DeliveryState.PULL_ONLY, null, null, Instant.now());
        assertThat(deliveryStore.add(orphan)).isTrue();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(readFeed(target.toString(), 100))
            .anySatisfy(entry -> assertThat(entry.get("deliveryId").asString()).isEqualTo(orphan.id())));
    }

    @Test
    void managesWebhooksAsDataAndNeverShowsTheSecret() throws Exception {
        String target = "channel:HOTLINE";
        Response invalid = put("/api/v1/webhooks/" + target, "{\"url\":\"ftp://example.org/hook\",\"secret\":\"short\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors")).extracting(error -> error.get("field").asString()).containsExactly("secret", "url");
        // a value of the wrong type or a bad target no longer hides the rest
        Response everything = put("/api/v1/webhooks/department:nobody",
                "{\"url\":\"ftp://x\",\"secret\":\"short\",\"enabled\":\"yes\"}");
        assertThat(everything.status()).isEqualTo(400);
        assertThat(everything.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactly("enabled", "secret", "target", "url");
        assertThat(put("/api/v1/webhooks/channel:NOPE", "{\"url\":\"ftp://x\"}").body().get("errors"))
            .extracting(error -> error.get("field").asString()).containsExactly("target", "url");
        Response unknownDepartment = put("/api/v1/webhooks/department:nobody", body("http://127.0.0.1:9/hook", SECRET, false));
        assertThat(unknownDepartment.status()).isEqualTo(400);
        assertThat(unknownDepartment.body().get("errors").get(0).get("field").asString()).isEqualTo("target");
        assertThat(put("/api/v1/webhooks/fax:1", body("http://127.0.0.1:9/hook", SECRET, false)).status()).isEqualTo(400);
        for (String unreachable : List.of("http://127.0.0.1:99999/hook", "http://localhost:0/hook")) {
            Response port = put("/api/v1/webhooks/" + target, body(unreachable, SECRET, false));
            assertThat(port.status()).isEqualTo(400);
            assertThat(port.body().get("errors").get(0).get("field").asString()).isEqualTo("url");
        }
        assertThat(put("/api/v1/webhooks/" + target, "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"" + SECRET
                + "\",\"owner\":\"me\"}").status()).isEqualTo(400);
        assertThat(put("/api/v1/webhooks/" + target, "{\"url\":\"http://127.0.0.1:9/hook\"}").status())
            .as("a new webhook needs a secret").isEqualTo(400);

        CapturedLogs logs = CapturedLogs.of(Webhooks.class);
        try {
            Response created = put("/api/v1/webhooks/" + target, body("http://127.0.0.1:9/hook", SECRET, false),
                    "ops-li");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().get("target").asString()).isEqualTo(target);
            assertThat(created.body().get("secretSet").asBoolean()).isTrue();
            assertThat(created.body().get("enabled").asBoolean()).isFalse();
            assertThat(created.body().has("secret")).isFalse();

            Response changed = put("/api/v1/webhooks/" + target,
                    "{\"url\":\"https://hotline.example.org/onenet?token=abc\",\"enabled\":false}", "ops-wang");
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.body().get("url").asString()).isEqualTo("https://hotline.example.org/onenet?token=abc");
            assertThat(changed.body().get("secretSet").asBoolean()).isTrue();

            Response read = get("/api/v1/webhooks/" + target);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().toString()).doesNotContain(SECRET);
            assertThat(get("/api/v1/webhooks").body()).extracting(endpoint -> endpoint.get("target").asString()).contains(target);
            assertThat(get("/api/v1/webhooks").body().toString()).doesNotContain(SECRET);
        }
        finally {
            assertThat(deleteAs("/api/v1/webhooks/" + target, "ops-zhao").status()).isEqualTo(204);
            logs.close();
        }
        // who changed which webhook, and where it points now: never the secret, nor a path or query that may hold one
        assertThat(logs.containing("Webhook of " + target + " registered by ops-li: http://127.0.0.1:9, disabled"))
            .hasSize(1);
        assertThat(logs.containing("Webhook of " + target + " changed by ops-wang: URL http://127.0.0.1:9 ->"
                + " https://hotline.example.org")).hasSize(1);
        assertThat(logs.containing("Webhook of " + target + " removed by ops-zhao (it was"
                + " https://hotline.example.org)")).hasSize(1);
        assertThat(logs.containing(target)).noneMatch(line -> line.getFormattedMessage().contains(SECRET)
                || line.getFormattedMessage().contains("token=") || line.getFormattedMessage().contains("/onenet"));
        assertThat(get("/api/v1/webhooks/" + target).status()).isEqualTo(404);
        assertThat(delete("/api/v1/webhooks/" + target).status()).isEqualTo(404);
        assertThat(get("/api/v1/webhooks/deliveries?state=NOPE").status()).isEqualTo(400);
        assertThat(get("/api/v1/webhooks/deliveries/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void documentsTheWebhookDeliveryAndFeedEndpoints() {
        Response docs = get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").propertyNames()).contains("/api/v1/webhooks", "/api/v1/webhooks/{target}",
                "/api/v1/webhooks/deliveries", "/api/v1/webhooks/deliveries/{id}/retry", "/api/v1/feed");
    }

    // --- helpers

    private List<JsonNode> readFeed(String target, int limit) {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            JsonNode feed = get("/api/v1/feed?target=" + target + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor)).body();
            List<JsonNode> items = StreamSupport.stream(feed.get("items").spliterator(), false).toList();
            assertThat(items).hasSizeLessThanOrEqualTo(limit);
            if (items.isEmpty()) {
                assertThat(feed.get("nextCursor").asString()).isEqualTo(cursor == null ? "0" : cursor);
                return entries;
            }
            entries.addAll(items);
            cursor = feed.get("nextCursor").asString();
            assertThat(cursor).isEqualTo(Long.toString(items.get(items.size() - 1).get("position").asLong()));
        }
        throw new AssertionError("the feed did not end");
    }

    /** The id of the order's delivery of the event with {@code sequence} to the target. */
    private String deliveryOf(String target, UUID order, long sequence) {
        return deliveries(null, target, order).stream()
            .filter(delivery -> delivery.get("sequence").asLong() == sequence)
            .findFirst().orElseThrow().get("id").asString();
    }

    private List<JsonNode> deliveries(String state, String target, UUID... orders) {
        Set<String> ids = new HashSet<>();
        for (UUID order : orders) {
            ids.add(order.toString());
        }
        List<JsonNode> found = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonNode result = get("/api/v1/webhooks/deliveries?size=100&page=" + page + "&target=" + target
                    + (state == null ? "" : "&state=" + state)).body();
            result.get("content").forEach(delivery -> {
                if (ids.contains(delivery.get("orderId").asString())) {
                    found.add(delivery);
                }
            });
            if ((long) (page + 1) * 100 >= result.get("totalElements").asLong()) {
                return found;
            }
        }
    }

    /** A time as bodies give it: an offset date-time in the district's zone ({@code +08:00}) of the instant. */
    private static void assertDistrictTime(JsonNode time, Instant instant) {
        assertThat(time.asString()).endsWith("+08:00");
        assertThat(OffsetDateTime.parse(time.asString()).toInstant()).isEqualTo(instant);
    }

    private double outcomes(String outcome) {
        return meters.counter("onenet.delivery.deliveries", "outcome", outcome).count();
    }

    private void register(String target, String url) {
        Response response = put("/api/v1/webhooks/" + target, body(url, SECRET, true));
        assertThat(response.status()).as(String.valueOf(response.body())).isIn(200, 201);
    }

    private void unregister(String target) {
        delete("/api/v1/webhooks/" + target);
    }

    private static String body(String url, String secret, boolean enabled) {
        return JSON.writeValueAsString(Map.of("url", url, "secret", secret, "enabled", enabled));
    }

    /** A producer without observation: a record carries exactly the headers the test gives it. */
    private KafkaProducer<String, byte[]> plainProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    private void publish(RequestLifecycleEvent event) throws Exception {
        kafka.send(codec.encode(Topics.REQUESTS_LIFECYCLE, event.requestId().toString(), event, event.eventId().toString()))
            .get();
    }

    private Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response deleteAs(String path, String actor) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Actor", actor)
            .DELETE());
    }

    private Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).DELETE());
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers().firstValue("Content-Type").orElse(""));
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static RequestReceived received(UUID order, Channel channel) {
        return new RequestReceived(UUID.randomUUID(), order, 1, Instant.now(), "intake", tracking(order), channel,
                "EXT-" + order, "other", "xingzhou", Urgency.NORMAL);
    }

    static RequestDispatched dispatched(UUID order, long sequence, String department) {
        return new RequestDispatched(UUID.randomUUID(), order, sequence, Instant.now(), "routing", department,
                Instant.now().plus(Duration.ofHours(4)), Instant.now().plus(Duration.ofDays(5)), null, List.of(), false);
    }

    static RequestAcknowledged acknowledged(UUID order, long sequence, String department) {
        return new RequestAcknowledged(UUID.randomUUID(), order, sequence, Instant.now(), department, department, "已签收");
    }

    static RequestStarted started(UUID order, long sequence, String department) {
        return new RequestStarted(UUID.randomUUID(), order, sequence, Instant.now(), department, department, "办理中");
    }

    static ExtensionRequested extensionRequested(UUID order, long sequence, String department) {
        return new ExtensionRequested(UUID.randomUUID(), order, sequence, Instant.now(), department, department,
                Instant.now().plus(Duration.ofDays(10)), "需要协调");
    }

    static RequestSubmitted submitted(String category) {
        UUID id = UUID.randomUUID();
        return new RequestSubmitted(UUID.randomUUID(), id, tracking(id), Channel.HOTLINE, null, null, category,
                "邻居纠纷需要调解", "楼上楼下因漏水产生纠纷，希望有人调解。", Urgency.NORMAL,
                new Location("xingzhou", "星洲社区5幢", 30.27, 120.15), new Requester("李四", "13900139000"), Instant.now());
    }

    private static String tracking(UUID id) {
        return String.format("%017d", Math.abs(id.getMostSignificantBits() % 100_000_000_000_000_000L));
    }
}
