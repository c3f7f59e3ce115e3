package cn.onenet.routing.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.EventTypes;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.TrackingNumber;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestClosed;
import cn.onenet.contracts.requests.RequestDispatched;
import cn.onenet.contracts.requests.RequestFollowedUp;
import cn.onenet.contracts.requests.RequestReceived;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import cn.onenet.routing.sla.Deadlines;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

class WorkOrderIntegrationTests extends RoutingIntegrationTestSupport {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    WorkOrderStore store;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void recordEvents() {
        recordLifecycle();
    }

    @Test
    void turnsASubmissionIntoAnOrderDispatchedToTheCataloguesDepartment() throws Exception {
        RequestSubmitted submitted = submitted("elderly-care", Urgency.NORMAL);
        submit(submitted);

        JsonNode order = awaitOrder(submitted.requestId(), "DISPATCHED");
        assertThat(order.get("department").asString()).isEqualTo("civil-affairs");
        assertThat(order.get("trackingNumber").asString()).isEqualTo(submitted.trackingNumber());
        assertThat(order.get("requester").get("phone").asString()).isEqualTo("138****8000");
        assertThat(order.get("requester").get("name").asString()).isEqualTo("张*");
        assertThat(order.get("deadlines").get("resolveBy").asString()).endsWith("+08:00");
        assertThat(order.get("timeline")).extracting(entry -> entry.get("type").asString())
            .containsExactly("RECEIVED", "DISPATCHED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(types(submitted.requestId()))
            .containsExactly(EventTypes.nameOf(RequestReceived.class), EventTypes.nameOf(RequestDispatched.class)));
        RequestDispatched dispatched = (RequestDispatched) codec.decode(lifecycleOf(submitted.requestId().toString()).get(1));
        assertThat(dispatched.department()).isEqualTo("civil-affairs");
        assertThat(dispatched.sequence()).isEqualTo(2);
    }

    @Test
    void aRedeliveredSubmissionChangesNothing() throws Exception {
        RequestSubmitted submitted = submitted("sanitation", Urgency.URGENT);
        submit(submitted);
        awaitOrder(submitted.requestId(), "DISPATCHED");
        double duplicatesBefore = meters.counter("onenet.routing.submissions.duplicate").count();

        submit(submitted);
        submit(new RequestSubmitted(UUID.randomUUID(), submitted.requestId(), submitted.trackingNumber(),
                submitted.channel(), submitted.externalId(), null, submitted.category(), "另一个标题", "x",
                submitted.urgency(), submitted.location(), submitted.requester(), Instant.now()));

        await().atMost(Duration.ofSeconds(10))
            .until(() -> meters.counter("onenet.routing.submissions.duplicate").count() >= duplicatesBefore + 2);
        JsonNode order = get("/api/v1/requests/" + submitted.requestId()).body();
        assertThat(order.get("title").asString()).isEqualTo(submitted.title());
        assertThat(order.get("timeline")).hasSize(2);
        assertThat(get("/api/v1/requests?category=sanitation&size=100").body().get("content"))
            .filteredOn(entry -> entry.get("id").asString().equals(submitted.requestId().toString()))
            .hasSize(1);
    }

    @Test
    void anUnroutableRequestWaitsInTriageUntilADispatcherSendsIt() throws Exception {
        RequestSubmitted submitted = submitted("other", Urgency.NORMAL);
        submit(submitted);
        awaitOrder(submitted.requestId(), "TRIAGE");

        Response dispatched = post("/api/v1/requests/" + submitted.requestId() + "/dispatch",
                "{\"department\":\"xingzhou-committee\",\"note\":\"社区先行处理\"}");

        assertThat(dispatched.status()).isEqualTo(200);
        assertThat(dispatched.body().get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(dispatched.body().get("department").asString()).isEqualTo("xingzhou-committee");
        assertThat(dispatched.body().get("deadlines").get("acknowledgeBy").isNull()).isFalse();
        assertThat(get("/api/v1/requests?status=TRIAGE&size=100").body().get("content"))
            .noneMatch(entry -> entry.get("id").asString().equals(submitted.requestId().toString()));
    }

    @Test
    void eventsLeftPendingWhenTheServiceDiedArePublishedAfterwards() {
        // the state a crash between the database write and the publish leaves: an order with unpublished events
        RequestSubmitted submitted = submitted("legal-aid", Urgency.NORMAL);
        WorkOrder order = WorkOrder.receive(submitted, Instant.now());
        order.dispatch("justice-office", List.of(), new Deadlines(Instant.now().plus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(5))), null, "routing", false,
                Instant.now());
        assertThat(store.insert(order)).isTrue();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(types(submitted.requestId()))
            .containsExactly(EventTypes.nameOf(RequestReceived.class), EventTypes.nameOf(RequestDispatched.class)));
    }

    @Test
    void aBurstOfOrdersHasEveryEventPublishedOnceAndInOrder() throws Exception {
        List<RequestSubmitted> burst = new ArrayList<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RequestSubmitted submitted = submitted("elderly-care", Urgency.NORMAL);
            burst.add(submitted);
            sent.add(kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted,
                    submitted.eventId().toString())));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(burst).allSatisfy(submitted ->
                assertThat(types(submitted.requestId()))
                    .containsExactly(EventTypes.nameOf(RequestReceived.class), EventTypes.nameOf(RequestDispatched.class))));
        // the relay took waiting orders together rather than one broker round trip each
        assertThat(meters.get("onenet.routing.outbox.batch").summary().max()).isGreaterThan(1);
    }

    @Test
    void concurrentReportsOnOneOrderAreAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 5; round++) {
            RequestSubmitted submitted = submitted("employment", Urgency.NORMAL);
            submit(submitted);
            awaitOrder(submitted.requestId(), "DISPATCHED");
            String path = "/api/v1/requests/" + submitted.requestId() + "/events";
            assertThat(post(path, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"human-resources\"}").status()).isEqualTo(200);
            String until = workingDayAhead(30).toString();

            // two steps that don't exclude each other, at the same moment: neither may be lost
            Future<Response> started = pool.submit(() -> post(path, "{\"type\":\"STARTED\",\"department\":\"human-resources\"}"));
            Future<Response> extension = pool.submit(() -> post(path, "{\"type\":\"EXTENSION_REQUESTED\","
                    + "\"department\":\"human-resources\",\"reason\":\"需要协调\",\"until\":\"" + until + "\"}"));
            assertThat(started.get().status()).isEqualTo(200);
            assertThat(extension.get().status()).isEqualTo(200);

            JsonNode order = get("/api/v1/requests/" + submitted.requestId()).body();
            assertThat(order.get("status").asString()).isEqualTo("IN_PROGRESS");
            assertThat(order.get("timeline")).extracting(entry -> entry.get("type").asString())
                .containsExactlyInAnyOrder("RECEIVED", "DISPATCHED", "ACKNOWLEDGED", "STARTED", "EXTENSION_REQUESTED");
            assertThat(order.get("timeline")).extracting(entry -> entry.get("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(order.get("supervision").get("extensionRequestedUntil").isNull()).isFalse();
        }
        pool.shutdown();
    }

    @Test
    void refusesWhatTheStateMachineOrTheAssignmentDoesNotAllow() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        String events = eventsOfDispatched(submitted);

        Response otherDepartment = post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"police-wenxin\"}");
        assertThat(otherDepartment.status()).isEqualTo(403);
        assertThat(otherDepartment.contentType()).startsWith("application/problem+json");

        Response tooEarly = post("/api/v1/requests/" + submitted.requestId() + "/feedback", "{\"satisfaction\":\"SATISFIED\"}");
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.body().get("type").asString()).isEqualTo("https://onenet.cn/problems/transition-refused");
        assertThat(tooEarly.body().get("currentStatus").asString()).isEqualTo("DISPATCHED");

        Response unknownField = post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"urban-management\",\"status\":\"CLOSED\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().has("errors")).as(unknownField.body().toString()).isTrue();
        assertThat(unknownField.body().get("errors").get(0).get("field").asString()).isEqualTo("status");

        Response untilWithoutExtension = post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"urban-management\","
                + "\"until\":\"2030-01-02T10:00:00+08:00\"}");
        assertThat(untilWithoutExtension.status()).isEqualTo(400);
        assertThat(untilWithoutExtension.body().get("errors").get(0).get("field").asString()).isEqualTo("until");

        Response returnWithoutReason = post(events, "{\"type\":\"RETURNED\",\"department\":\"urban-management\"}");
        assertThat(returnWithoutReason.status()).isEqualTo(400);
        assertThat(returnWithoutReason.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");

        Response unknownDepartment = post("/api/v1/requests/" + submitted.requestId() + "/dispatch", "{\"department\":\"nobody\"}");
        assertThat(unknownDepartment.status()).isEqualTo(400);

        assertThat(get("/api/v1/requests/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(get("/api/v1/requests/not-an-id").status()).isEqualTo(404);
        assertThat(get("/api/v1/requests/by-tracking-number/00000000000000000").status()).isEqualTo(404);
        assertThat(get("/api/v1/requests?status=NOPE").status()).isEqualTo(400);
        assertThat(get("/api/v1/requests/" + submitted.requestId()).body().get("status").asString()).isEqualTo("DISPATCHED");
    }

    /** Every view says from when the order is late as it stands: the console marks what the overdue lists count. */
    @Test
    void anOrderSaysFromWhenItIsLateAsItStands() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        submit(submitted);
        JsonNode dispatched = awaitOrder(submitted.requestId(), "DISPATCHED").get("deadlines");
        String events = "/api/v1/requests/" + submitted.requestId() + "/events";

        assertThat(dispatched.get("lateFrom").asString()).isEqualTo(dispatched.get("acknowledgeBy").asString());
        JsonNode acknowledged = post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"urban-management\"}")
            .body().get("deadlines");
        assertThat(acknowledged.get("lateFrom").asString()).isEqualTo(acknowledged.get("resolveBy").asString());
        assertThat(get("/api/v1/requests?department=urban-management&size=100").body().get("content"))
            .filteredOn(entry -> entry.get("id").asString().equals(submitted.requestId().toString()))
            .singleElement()
            .satisfies(entry -> assertThat(entry.get("deadlines").get("lateFrom").asString())
                .isEqualTo(acknowledged.get("resolveBy").asString()));
        JsonNode resolved = post(events, "{\"type\":\"RESOLVED\",\"department\":\"urban-management\","
                + "\"note\":\"已处理\"}").body().get("deadlines");
        assertThat(resolved.get("lateFrom").isNull()).as("no clock runs once resolved").isTrue();
    }

    /** A note of 生僻字 or emoji counts each once, as a department's staff count them (and as intake does). */
    @Test
    void textLimitsCountCharactersNotUtf16Units() throws Exception {
        String events = eventsOfDispatched(submitted("noise", Urgency.NORMAL));
        String rare = "𠀀".repeat(600);

        Response tooLong = post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"urban-management\","
                + "\"note\":\"" + "😀".repeat(1001) + "\"}");
        Response signedFor = post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"urban-management\","
                + "\"note\":\"" + rare + "\"}");

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("errors").get(0).get("field").asString()).isEqualTo("note");
        assertThat(signedFor.status()).as("600 characters of a 1,000 limit").isEqualTo(200);
        assertThat(signedFor.body().get("timeline").get(2).get("note").asString()).isEqualTo(rare);
    }

    /** A deadline on a day off would pass unwatched: the department is told which working day to ask for. */
    @Test
    void anExtensionUntilADayOffIsRefusedNamingTheNextWorkingDay() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        String events = eventsOfDispatched(submitted);
        post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"urban-management\"}");
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate sunday = today.plusDays(40).with(TemporalAdjusters.next(DayOfWeek.SUNDAY));
        while (!"WEEKEND".equals(day(sunday).get("kind").asString())) {
            sunday = sunday.plusWeeks(1);
        }
        LocalDate holiday = today.plusDays(1);
        while (holiday.isBefore(today.plusDays(400)) && !"HOLIDAY".equals(day(holiday).get("kind").asString())) {
            holiday = holiday.plusDays(1);
        }

        // 01:30 on Sunday in Shanghai is Saturday evening in UTC: the day counted is Shanghai's
        String sundayEarly = sunday.atTime(1, 30).atOffset(ZoneOffset.ofHours(8)).withOffsetSameInstant(ZoneOffset.UTC)
            .toString();
        Response weekend = post(events, extension(sundayEarly));
        assertThat(weekend.status()).as(weekend.body().toString()).isEqualTo(400);
        assertThat(weekend.body().get("errors").get(0).get("field").asString()).isEqualTo("until");
        assertThat(weekend.body().get("errors").get(0).get("message").asString())
            .isEqualTo("falls on Sunday " + sunday + " (Asia/Shanghai), a day off (a weekend): ask for a working day,"
                + " such as " + nextWorkingDay(sunday).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + " " + nextWorkingDay(sunday));
        if (holiday.isBefore(today.plusDays(400))) {
            Response festival = post(events, extension(holiday.atTime(10, 0).atOffset(ZoneOffset.ofHours(8))
                .toString()));
            assertThat(festival.status()).isEqualTo(400);
            assertThat(festival.body().get("errors").get(0).get("message").asString())
                .contains("a day off (" + day(holiday).get("name").asString() + ")")
                .contains(nextWorkingDay(holiday).toString());
        }

        JsonNode order = get("/api/v1/requests/" + submitted.requestId()).body();
        assertThat(order.get("supervision").get("extensionRequestedUntil").isNull()).isTrue();
        Response working = post(events, extension(nextWorkingDay(sunday).atTime(1, 30)
            .atOffset(ZoneOffset.ofHours(8)).toString()));
        assertThat(working.status()).as(working.body().toString()).isEqualTo(200);
        assertThat(working.body().get("supervision").get("extensionRequestedUntil").isNull()).isFalse();
    }

    /** Submits the order and waits for its dispatch; the path of its department's reports. */
    private String eventsOfDispatched(RequestSubmitted submitted) throws Exception {
        submit(submitted);
        awaitOrder(submitted.requestId(), "DISPATCHED");
        return "/api/v1/requests/" + submitted.requestId() + "/events";
    }

    private static String extension(String until) {
        return "{\"type\":\"EXTENSION_REQUESTED\",\"department\":\"urban-management\",\"reason\":\"需要协调\","
            + "\"until\":\"" + until + "\"}";
    }

    private JsonNode day(LocalDate date) {
        return get("/api/v1/calendar/days?from=" + date + "&to=" + date).body().get(0);
    }

    private LocalDate nextWorkingDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!day(next).get("working").asBoolean()) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The order a step answers with is the one read back afterwards, to the millisecond. */
    @Test
    void aStepsAnswerIsWhatIsReadBack() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        submit(submitted);
        JsonNode dispatched = awaitOrder(submitted.requestId(), "DISPATCHED");
        String department = dispatched.get("department").asString();

        Response signed = post("/api/v1/requests/" + submitted.requestId() + "/events",
                "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\"}");

        assertThat(signed.status()).isEqualTo(200);
        JsonNode readBack = get("/api/v1/requests/" + submitted.requestId()).body();
        assertThat(readBack.get("timeline")).isEqualTo(signed.body().get("timeline"));
        assertThat(readBack.get("supervision")).isEqualTo(signed.body().get("supervision"));
        assertThat(readBack.get("supervision").get("deadline").asString()).isEqualTo("RESOLVE");
    }

    /** A number said during the callback is shown masked, and the events sent on hold it masked too. */
    @Test
    void aNumberSaidInTheCallbackIsShownMasked() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        String department = dispatchedTo(submitted);
        String events = "/api/v1/requests/" + submitted.requestId() + "/events";
        post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\"}");
        post(events, "{\"type\":\"RESOLVED\",\"department\":\"" + department + "\",\"note\":\"已回电13912345678\"}");

        Response feedback = post("/api/v1/requests/" + submitted.requestId() + "/feedback",
                "{\"satisfaction\":\"SATISFIED\",\"comment\":\"我的电话13800138000谢谢\"}");

        assertThat(feedback.status()).isEqualTo(200);
        String timeline = get("/api/v1/requests/" + submitted.requestId()).body().get("timeline").toString();
        assertThat(timeline).contains("\"SATISFIED: 我的电话138****8000谢谢\"", "\"已回电139****5678\"")
            .doesNotContain("13800138000", "13912345678");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(types(submitted.requestId()))
            .contains(EventTypes.nameOf(RequestClosed.class)));
        assertThat(lifecycleOf(submitted.requestId().toString())).map(record -> codec.decode(record).toString())
            .noneMatch(event -> event.contains("13800138000") || event.contains("13912345678"));
    }

    /**
     * 催办: the requester calling again about an open order is recorded on it (who took the call, what was said, a
     * number masked), changes nothing else, is counted, goes to the department holding the order (its feed) on the
     * lifecycle topic in order, and is refused on a closed order and without a note.
     */
    @Test
    void aRequesterAskingAgainIsRecordedCountedAndToldToTheDepartmentHoldingTheOrder() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        String department = dispatchedTo(submitted);
        String order = "/api/v1/requests/" + submitted.requestId();
        JsonNode before = get(order).body();

        Response first = post(order + "/follow-ups", "{\"note\":\"来电催促：噪音仍在，回电13912345678\"}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(first.body().get("department").asString()).isEqualTo(department);
        assertThat(first.body().get("deadlines")).isEqualTo(before.get("deadlines"));
        assertThat(first.body().get("followUps").asInt()).isEqualTo(1);
        JsonNode step = first.body().get("timeline").get(first.body().get("timeline").size() - 1);
        assertThat(step.get("type").asString()).isEqualTo("FOLLOWED_UP");
        assertThat(step.get("actor").asString()).isEqualTo("operator");
        assertThat(step.get("department").asString()).isEqualTo(department);
        assertThat(step.get("note").asString()).isEqualTo("来电催促：噪音仍在，回电139****5678");

        Response second = post(order + "/follow-ups", "{\"note\":\"第二次来电催办\"}");
        assertThat(second.body().get("followUps").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/requests?status=DISPATCHED&size=200").body().get("content"))
            .filteredOn(summary -> summary.get("id").asString().equals(submitted.requestId().toString()))
            .singleElement().satisfies(summary -> assertThat(summary.get("followUps").asInt()).isEqualTo(2));
        // the list of the orders asked after (催办件), and of the others
        String mine = "/api/v1/requests?status=DISPATCHED&category=noise&size=100&followedUp=";
        assertThat(get(mine + "true").body().get("content")).extracting(summary -> summary.get("id").asString())
            .contains(submitted.requestId().toString())
            .allSatisfy(id -> assertThat(get("/api/v1/requests/" + id).body().get("followUps").asInt()).isPositive());
        assertThat(get(mine + "false").body().get("content")).extracting(summary -> summary.get("id").asString())
            .doesNotContain(submitted.requestId().toString());
        Response unreadable = get(mine + "often");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.body().get("errors").get(0).get("field").asString()).isEqualTo("followedUp");

        String followedUp = EventTypes.nameOf(RequestFollowedUp.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(types(submitted.requestId()))
            .endsWith(followedUp, followedUp));
        RequestFollowedUp last = (RequestFollowedUp) codec.decode(lifecycleOf(submitted.requestId().toString())
            .get(lifecycleOf(submitted.requestId().toString()).size() - 1));
        assertThat(last.count()).isEqualTo(2);
        assertThat(last.department()).isEqualTo(department);
        assertThat(last.note()).isEqualTo("第二次来电催办");
        assertThat(last.sequence()).isEqualTo(second.body().get("timeline").size());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                get("/api/v1/feed?target=department:" + department + "&limit=500").body().get("items"))
            .filteredOn(entry -> entry.get("orderId").asString().equals(submitted.requestId().toString()))
            .extracting(entry -> entry.get("type").asString())
            .endsWith(followedUp, followedUp));
        assertThat(lifecycleOf(submitted.requestId().toString())).map(record -> codec.decode(record).toString())
            .noneMatch(event -> event.contains("13912345678"));

        Response blank = post(order + "/follow-ups", "{\"note\":\"  \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().get("errors").get(0).get("field").asString()).isEqualTo("note");
        String events = order + "/events";
        post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\"}");
        post(events, "{\"type\":\"RESOLVED\",\"department\":\"" + department + "\",\"note\":\"已处理\"}");
        assertThat(post(order + "/feedback", "{\"satisfaction\":\"SATISFIED\"}").body().get("status").asString())
            .isEqualTo("CLOSED");
        Response closed = post(order + "/follow-ups", "{\"note\":\"又来电\"}");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(get(order).body().get("followUps").asInt()).isEqualTo(2);
    }

    /** Several statuses asked for list the orders in any of them; only the first counted before. */
    @Test
    void listsTheOrdersOfEveryStatusAskedFor() throws Exception {
        RequestSubmitted waiting = submitted("noise", Urgency.NORMAL);
        RequestSubmitted signed = submitted("noise", Urgency.NORMAL);
        submit(waiting);
        submit(signed);
        awaitOrder(waiting.requestId(), "DISPATCHED");
        String department = awaitOrder(signed.requestId(), "DISPATCHED").get("department").asString();
        post("/api/v1/requests/" + signed.requestId() + "/events",
                "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\"}");

        for (String both : List.of("status=ACKNOWLEDGED&status=DISPATCHED", "status=DISPATCHED,ACKNOWLEDGED")) {
            assertThat(ids(get("/api/v1/requests?size=100&" + both)))
                .contains(waiting.requestId().toString(), signed.requestId().toString());
        }
        assertThat(ids(get("/api/v1/requests?size=100&status=ACKNOWLEDGED&status=")))
            .contains(signed.requestId().toString())
            .doesNotContain(waiting.requestId().toString());
        Response unknown = get("/api/v1/requests?status=ACKNOWLEDGED&status=NOPE");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(unknown.body().get("errors").get(0).get("message").asString())
            .startsWith("must be one of RECEIVED, TRIAGE, DISPATCHED");
    }

    private static List<String> ids(Response page) {
        assertThat(page.status()).isEqualTo(200);
        return page.body().get("content").valueStream().map(order -> order.get("id").asString()).toList();
    }

    /**
     * A department system retrying a report with the same Idempotency-Key gets the order as it stands, and nothing
     * is applied twice: not a second sign-for, and not a resolution of the order reopened since.
     */
    @Test
    void aReportSentAgainUnderItsKeyIsAnsweredNotApplied() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        String department = dispatchedTo(submitted);
        String events = "/api/v1/requests/" + submitted.requestId() + "/events";
        String signFor = "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\"}";
        String resolve = "{\"type\":\"RESOLVED\",\"department\":\"" + department + "\",\"note\":\"已处理\"}";

        assertThat(postWithKey(events, signFor, "ack-1").status()).isEqualTo(200);
        Response again = postWithKey(events, signFor, "ack-1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(post(events, signFor).status()).as("the same report without its key").isEqualTo(409);
        Response reused = postWithKey(events, resolve, "ack-1");
        assertThat(reused.status()).as("another report under a key used already: not taken as a repeat").isEqualTo(422);
        assertThat(reused.body().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(reused.body().get("errors").get(0).get("message").asString()).contains("acknowledged", "resolved");
        assertThat(postWithKey(events, resolve, "res-1").status()).isEqualTo(200);
        assertThat(post("/api/v1/requests/" + submitted.requestId() + "/feedback",
                "{\"satisfaction\":\"DISSATISFIED\",\"comment\":\"没有解决\"}").status()).isEqualTo(200);

        Response late = postWithKey(events, resolve, "res-1");

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.body().get("status").asString()).isEqualTo("REOPENED");
        JsonNode order = get("/api/v1/requests/" + submitted.requestId()).body();
        assertThat(order.get("timeline")).extracting(entry -> entry.get("type").asString())
            .containsExactly("RECEIVED", "DISPATCHED", "ACKNOWLEDGED", "RESOLVED", "REOPENED");
        assertThat(postWithKey(events, signFor, "bad key").status()).isEqualTo(400);
    }

    /**
     * A report sent without a key goes on from the gateway under one of the gateway's; when the gateway could not
     * learn the outcome, its 503 names that key, and the report sent again under it is answered, not refused (409).
     */
    @Test
    void aReportSentAgainUnderTheKeyTheGatewayGaveItIsAnsweredNotRefused() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        String department = dispatchedTo(submitted);
        String events = "/api/v1/requests/" + submitted.requestId() + "/events";
        String signFor = "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\"}";
        String gatewaysKey = "gateway-" + UUID.randomUUID();

        assertThat(post(events, signFor, Map.of("OneNet-Gateway-Key", gatewaysKey)).status()).isEqualTo(200);
        Response again = postWithKey(events, signFor, gatewaysKey);

        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.body().get("timeline")).extracting(entry -> entry.get("type").asString())
            .containsExactly("RECEIVED", "DISPATCHED", "ACKNOWLEDGED");
        assertThat(post(events, signFor).status()).as("sent again without the key").isEqualTo(409);
    }

    /**
     * An operator's callback, resent under its key after a lost answer — with the If-Match of the order as it was
     * decided on — is answered with the order as it stands (not 412 "decide again": it was taken), and taken once.
     */
    @Test
    void aPersonsStepSentAgainUnderItsKeyIsAnsweredNotTakenTwice() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        String department = dispatchedTo(submitted);
        String order = "/api/v1/requests/" + submitted.requestId();
        post(order + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\"}");
        long version = post(order + "/events", "{\"type\":\"RESOLVED\",\"department\":\"" + department
                + "\",\"note\":\"已处理\"}").body().get("version").asLong();
        String callback = "{\"satisfaction\":\"SATISFIED\",\"comment\":\"满意\"}";

        Response first = postWithKey(order + "/feedback", callback, "cb-1", "\"" + version + "\"");
        Response again = postWithKey(order + "/feedback", callback, "cb-1", "\"" + version + "\"");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.body().get("status").asString()).isEqualTo("CLOSED");
        assertThat(again.body().get("timeline")).extracting(entry -> entry.get("type").asString())
            .containsExactly("RECEIVED", "DISPATCHED", "ACKNOWLEDGED", "RESOLVED", "CLOSED");
        assertThat(postWithKey(order + "/feedback", callback, "cb-2", "\"" + version + "\"").status())
            .as("another callback on the version decided on: that one is outdated").isEqualTo(412);
    }

    /** Submits the request and waits for the rules to dispatch it: the department it went to. */
    private String dispatchedTo(RequestSubmitted submitted) throws Exception {
        submit(submitted);
        return awaitOrder(submitted.requestId(), "DISPATCHED").get("department").asString();
    }

    private Response postWithKey(String path, String json, String key) {
        return postWithKey(path, json, key, null);
    }

    private Response postWithKey(String path, String json, String key, String ifMatch) {
        return post(path, json, ifMatch == null ? Map.of("Idempotency-Key", key)
                : Map.of("Idempotency-Key", key, "If-Match", ifMatch));
    }

    /** A page past every order is empty, however far (a page times the size beyond an int listed the first). */
    @Test
    void aPageFarBeyondEveryOrderIsEmpty() throws Exception {
        RequestSubmitted submitted = submitted("noise", Urgency.NORMAL);
        submit(submitted);
        awaitOrder(submitted.requestId(), "DISPATCHED");

        for (String page : List.of("21474837&size=100", "42949673&size=100", "1073741824&size=2")) {
            Response far = get("/api/v1/requests?page=" + page);
            assertThat(far.status()).isEqualTo(200);
            assertThat(far.body().get("content")).isEmpty();
            assertThat(far.body().get("totalElements").asLong()).isPositive();
        }
        assertThat(get("/api/v1/requests/duplicates?page=21474837&size=100").body().get("content")).isEmpty();
    }

    @Test
    void findsAnOrderByItsTrackingNumberAsACallerReadsItOut() throws Exception {
        RequestSubmitted submitted = submitted("fraud-report", Urgency.EMERGENCY);
        submit(submitted);
        awaitOrder(submitted.requestId(), "DISPATCHED");
        String spoken = submitted.trackingNumber().substring(0, 4) + " " + submitted.trackingNumber().substring(4, 8) + "-"
                + submitted.trackingNumber().substring(8);

        Response found = get("/api/v1/requests/by-tracking-number/" + spoken.replace(" ", "%20"));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("id").asString()).isEqualTo(submitted.requestId().toString());
        assertThat(found.body().get("emergency").asBoolean()).isTrue();
        // a digit misheard is said to be so, not answered as if there were no such order
        String tracking = submitted.trackingNumber();
        String misheard = tracking.substring(0, 5) + (char) ('0' + (tracking.charAt(5) - '0' + 1) % 10)
                + tracking.substring(6);
        Response wrong = get("/api/v1/requests/by-tracking-number/" + misheard);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().get("errors").get(0).get("field").asString()).isEqualTo("trackingNumber");
        assertThat(wrong.body().get("errors").get(0).get("message").asString()).contains("misheard");
        assertThat(get("/api/v1/requests/by-tracking-number/12345").body().get("errors").get(0).get("message")
            .asString()).endsWith("this has 5 digits");
        // typed with a Chinese input method: full-width digits and dash
        StringBuilder fullWidth = new StringBuilder();
        tracking.chars().forEach(c -> fullWidth.append((char) (c - '0' + '０')));
        fullWidth.insert(4, '－');
        assertThat(get("/api/v1/requests/by-tracking-number/" + java.net.URLEncoder.encode(fullWidth.toString(),
                java.nio.charset.StandardCharsets.UTF_8)).body().get("id").asString())
            .isEqualTo(submitted.requestId().toString());
    }

    private List<String> types(UUID orderId) {
        return lifecycleOf(orderId.toString()).stream()
            .map(record -> EventCodec.header(record.headers(), EventCodec.TYPE))
            .toList();
    }

    private JsonNode awaitOrder(UUID id, String status) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Response response = get("/api/v1/requests/" + id);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("status").asString()).isEqualTo(status);
        });
        return get("/api/v1/requests/" + id).body();
    }

    private void submit(RequestSubmitted submitted) throws Exception {
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted,
                submitted.eventId().toString())).get();
    }

    static RequestSubmitted submitted(String category, Urgency urgency) {
        UUID id = UUID.randomUUID();
        // as intake gives them: 16 digits and a check digit
        String digits = String.format("%016d", Math.abs(id.getMostSignificantBits() % 10_000_000_000_000_000L));
        String tracking = digits + TrackingNumber.checkDigit(digits);
        return new RequestSubmitted(UUID.randomUUID(), id, tracking, Channel.LIVELIHOOD, "MS-" + id, null, category,
                "独居老人需要助餐服务", "星洲社区3幢的独居老人行动不便，希望每天有人送餐。", urgency,
                new Location("xingzhou", "星洲社区3幢2单元", 30.27, 120.15), new Requester("张三", "13800138000"),
                Instant.now());
    }

}
