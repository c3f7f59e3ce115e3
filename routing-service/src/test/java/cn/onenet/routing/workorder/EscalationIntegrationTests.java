package cn.onenet.routing.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * With a test clock (the instants passed in), an order walks 预警 → 催办 → 督办 exactly once each while two
 * scanners — as two routing-service instances would — race on it at every step.
 */
class EscalationIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    WorkOrderService workOrders;

    @Autowired
    EscalationPolicy policy;

    @Autowired
    WorkOrderStore store;

    @Autowired
    MongoTemplate mongo;

    @Test
    void twoInstancesRacingEscalateEachLevelExactlyOnce() throws Exception {
        recordLifecycle();
        RequestSubmitted submitted = WorkOrderIntegrationTests.submitted("sanitation", Urgency.NORMAL);
        JsonNode order = submitAndAwait(submitted);
        Instant dispatchedAt = OffsetDateTime.parse(order.get("timeline").get(1).get("at").asString()).toInstant();
        Instant due = OffsetDateTime.parse(order.get("deadlines").get("acknowledgeBy").asString()).toInstant();
        Instant nearlyDue = dispatchedAt.plusMillis((long) (Duration.between(dispatchedAt, due).toMillis() * 0.9));

        ExecutorService instances = Executors.newFixedThreadPool(2);
        for (Instant now : List.of(nearlyDue, due.plusSeconds(60), due.plus(policy.grace()).plusSeconds(60))) {
            for (int repeat = 0; repeat < 3; repeat++) {
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> first = instances.submit(() -> {
                    start.await();
                    return workOrders.escalate(submitted.requestId(), policy, now);
                });
                Future<Boolean> second = instances.submit(() -> {
                    start.await();
                    return workOrders.escalate(submitted.requestId(), policy, now);
                });
                start.countDown();
                int moved = (first.get() ? 1 : 0) + (second.get() ? 1 : 0);
                assertThat(moved).isLessThanOrEqualTo(1);
            }
        }
        instances.shutdown();

        JsonNode escalated = get("/api/v1/requests/" + submitted.requestId()).body();
        assertThat(escalated.get("timeline")).filteredOn(entry -> entry.get("type").asString().equals("ESCALATED"))
            .extracting(entry -> entry.get("note").asString().split(":")[0])
            .containsExactly("预警 WARNING", "催办 REMINDER", "督办 SUPERVISION");
        assertThat(escalated.get("supervision").get("escalation").asString()).isEqualTo("SUPERVISION");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lifecycleOf(submitted.requestId().toString()))
            .filteredOn(record -> "cn.onenet.request.escalated.v1".equals(EventCodec.header(record.headers(), EventCodec.TYPE)))
            .hasSize(3));
    }

    @Test
    void theScanReadsAnOrderOnlyWhenItsNextLevelIsDue() throws Exception {
        RequestSubmitted submitted = WorkOrderIntegrationTests.submitted("sanitation", Urgency.NORMAL);
        JsonNode order = submitAndAwait(submitted);
        Instant dispatchedAt = OffsetDateTime.parse(order.get("timeline").get(1).get("at").asString()).toInstant();
        Instant due = OffsetDateTime.parse(order.get("deadlines").get("acknowledgeBy").asString()).toInstant();
        Instant warning = dispatchedAt.plusMillis((long) Math.ceil(Duration.between(dispatchedAt, due).toMillis() * policy.warnAt()));

        assertThat(dueAt(dispatchedAt.plusSeconds(1))).doesNotContain(submitted.requestId());
        assertThat(dueAt(warning.minusMillis(1))).doesNotContain(submitted.requestId());
        assertThat(dueAt(warning)).contains(submitted.requestId());

        assertThat(workOrders.escalate(submitted.requestId(), policy, warning)).isTrue();
        assertThat(dueAt(warning)).doesNotContain(submitted.requestId());
        assertThat(dueAt(due.minusMillis(1))).doesNotContain(submitted.requestId());
        assertThat(dueAt(due)).contains(submitted.requestId());

        // signed for: the sign-for clock stops and the resolution clock starts from nothing reached
        post("/api/v1/requests/" + submitted.requestId() + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\""
                + order.get("department").asString() + "\"}");
        JsonNode acknowledged = get("/api/v1/requests/" + submitted.requestId()).body();
        assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        Instant resolveBy = OffsetDateTime.parse(acknowledged.get("deadlines").get("resolveBy").asString()).toInstant();
        assertThat(dueAt(due)).doesNotContain(submitted.requestId());
        assertThat(dueAt(resolveBy)).contains(submitted.requestId());
    }

    @Test
    void anOrderStoredBeforeItWasScheduledIsLookedAtOnceThenScheduled() throws Exception {
        RequestSubmitted submitted = WorkOrderIntegrationTests.submitted("sanitation", Urgency.NORMAL);
        submitAndAwait(submitted);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(submitted.requestId().toString())),
                new Update().unset("escalateAt").unset("escalationPolicy"), "work_orders");
        Instant now = Instant.now();

        assertThat(dueAt(now)).contains(submitted.requestId());
        assertThat(workOrders.escalate(submitted.requestId(), policy, now)).isFalse();
        assertThat(dueAt(now)).doesNotContain(submitted.requestId());
        JsonNode order = get("/api/v1/requests/" + submitted.requestId()).body();
        Instant due = OffsetDateTime.parse(order.get("deadlines").get("acknowledgeBy").asString()).toInstant();
        assertThat(dueAt(due)).contains(submitted.requestId());
    }

    /** Publishes the submission and answers the order once routing has it. */
    private JsonNode submitAndAwait(RequestSubmitted submitted) throws Exception {
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted)).get();
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/requests/" + submitted.requestId()).status() == 200);
        return get("/api/v1/requests/" + submitted.requestId()).body();
    }

    private List<UUID> dueAt(Instant now) {
        List<UUID> due = new ArrayList<>();
        UUID after = null;
        for (List<UUID> page; !(page = store.dueForEscalation(now, after, 500)).isEmpty(); after = page.get(page.size() - 1)) {
            due.addAll(page);
        }
        return due;
    }

    @Test
    void aSupervisorApprovesAnExtensionAndTheDeadlineMoves() throws Exception {
        RequestSubmitted submitted = WorkOrderIntegrationTests.submitted("employment", Urgency.NORMAL);
        submitAndAwait(submitted);
        String path = "/api/v1/requests/" + submitted.requestId();
        post(path + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\"human-resources\"}");
        String until = workingDayAhead(60).toString();
        post(path + "/events", "{\"type\":\"EXTENSION_REQUESTED\",\"department\":\"human-resources\",\"reason\":\"需跨部门协调\",\"until\":\"" + until + "\"}");

        Response approved = post(path + "/extension", "{\"approved\":true,\"note\":\"同意延期\"}");
        Response again = post(path + "/extension", "{\"approved\":true}");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(approved.body().get("deadlines").get("resolveBy").asString()).toInstant())
            .isEqualTo(OffsetDateTime.parse(until).toInstant());
        assertThat(approved.body().get("timeline").get(approved.body().get("timeline").size() - 1).get("type").asString())
            .isEqualTo("EXTENSION_APPROVED");
        assertThat(again.status()).isEqualTo(409);
        assertThat(post(path + "/extension", "{}").status()).isEqualTo(400);
    }

    @Test
    void aWaitingExtensionRequestIsListedForSupervisorsUntilDecided() throws Exception {
        RequestSubmitted submitted = WorkOrderIntegrationTests.submitted("employment", Urgency.NORMAL);
        JsonNode order = submitAndAwait(submitted);
        String id = submitted.requestId().toString();
        String path = "/api/v1/requests/" + id;
        post(path + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\"human-resources\"}");
        OffsetDateTime until = workingDayAhead(60);
        Response requested = post(path + "/events", "{\"type\":\"EXTENSION_REQUESTED\","
            + "\"department\":\"human-resources\",\"reason\":\"需跨部门协调\",\"until\":\"" + until + "\"}");
        assertThat(requested.status()).as(requested.body().toString()).isEqualTo(200);

        JsonNode waiting = waitingExtension(id);
        assertThat(waiting).as("listed in /api/v1/supervision/extensions").isNotNull();
        assertThat(waiting.get("trackingNumber").asString()).isEqualTo(order.get("trackingNumber").asString());
        assertThat(waiting.get("category").asString()).isEqualTo("employment");
        assertThat(waiting.get("title").asString()).isEqualTo(order.get("title").asString());
        assertThat(waiting.get("urgency").asString()).isEqualTo("NORMAL");
        assertThat(waiting.get("department").asString()).isEqualTo("human-resources");
        assertThat(waiting.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(waiting.get("deadline").asString()).isEqualTo("RESOLVE");
        assertThat(waiting.get("due").asString())
            .isEqualTo(requested.body().get("deadlines").get("resolveBy").asString());
        assertThat(OffsetDateTime.parse(waiting.get("requestedUntil").asString())).isAtSameInstantAs(until);
        assertThat(waiting.get("requestedUntil").asString()).endsWith("+08:00");
        assertThat(waiting.get("reason").asString()).isEqualTo("需跨部门协调");
        JsonNode timeline = requested.body().get("timeline");
        assertThat(waiting.get("requestedAt").asString())
            .isEqualTo(timeline.get(timeline.size() - 1).get("at").asString());
        JsonNode listed = get("/api/v1/requests?department=human-resources&status=ACKNOWLEDGED&size=100").body();
        assertThat(listed.get("content")).filteredOn(entry -> entry.get("id").asString().equals(id)).singleElement()
            .satisfies(entry -> assertThat(OffsetDateTime.parse(entry.get("extensionRequestedUntil").asString()))
                .isAtSameInstantAs(until));

        assertThat(post(path + "/extension", "{\"approved\":false,\"note\":\"不同意\"}").status()).isEqualTo(200);

        assertThat(waitingExtension(id)).as("gone once decided").isNull();
        listed = get("/api/v1/requests?department=human-resources&status=ACKNOWLEDGED&size=100").body();
        assertThat(listed.get("content")).filteredOn(entry -> entry.get("id").asString().equals(id)).singleElement()
            .satisfies(entry -> assertThat(entry.get("extensionRequestedUntil").isNull()).isTrue());
        Response badPaging = get("/api/v1/supervision/extensions?page=-1&size=0");
        assertThat(badPaging.status()).isEqualTo(400);
        assertThat(badPaging.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactlyInAnyOrder("page", "size");
    }

    /** The order's entry in the supervisors' list of waiting extension requests, or null when it is not there. */
    private JsonNode waitingExtension(String id) {
        Response page = get("/api/v1/supervision/extensions?size=100");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("size").asInt()).isEqualTo(100);
        for (JsonNode entry : page.body().get("content")) {
            if (entry.get("id").asString().equals(id)) {
                return entry;
            }
        }
        return null;
    }
}
