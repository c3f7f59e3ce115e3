package cn.onenet.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.localstack.IdentityClient;
import cn.onenet.localstack.Suite;
import cn.onenet.systemtests.Gateway.Response;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole suite — real Kafka broker, document store, identity provider, intake, routing and the gateway as separate
 * processes — driven only through the gateway's public contract, as channel, department and dispatcher systems use
 * it, each with a real token from the identity provider: client credentials for the systems, the authorization-code
 * flow with PKCE (through the login form) for operators, dispatchers and supervisors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneWindowSystemIntegrationTests {

    static Suite suite;
    /** without a token */
    static Gateway anonymous;
    /** a supervisor: sees every order */
    static Gateway gateway;
    static Gateway operator;
    static Gateway dispatcher;
    static IdentityClient identity;
    static final Map<String, Gateway> SYSTEMS = new ConcurrentHashMap<>();
    /** POLICE's allowance is cut so that a burst of it meets the rate limit */
    static final int POLICE_LIMIT = 10;
    static LifecycleLog lifecycle;
    /** Where every process exports its spans, as to Zipkin in production */
    static SpanCollector spans;
    static final Map<String, String> RESPONSIBLE = new HashMap<>();

    /** A category per channel, so each channel's request lands at a different department. */
    static final Map<String, String> CATEGORY_BY_CHANNEL = Map.of("PARTY_BUILDING", "party-services", "LIVELIHOOD",
            "elderly-care", "GOVERNANCE", "neighbour-dispute", "COURT", "litigation-guidance", "LAWYER", "legal-aid",
            "POLICE", "public-security", "HOTLINE", "sanitation");

    @BeforeAll
    static void startTheSuite() {
        Path home = Path.of(System.getProperty("onenet.home", "../.."));
        spans = new SpanCollector();
        List<String> jvmOptions = new ArrayList<>(Suite.DEFAULT_JVM_OPTIONS);
        jvmOptions.addAll(List.of("-Dmanagement.tracing.export.zipkin.enabled=true",
                "-Dmanagement.tracing.export.zipkin.endpoint=" + spans.endpoint()));
        suite = Suite.builder(home).dataDir(Path.of("target", "suite-" + UUID.randomUUID())).inMemoryStore(true)
            // as ./run.sh runs them: from extracted jars, the classes archived by the suite before it (see README)
            .classDataSharing(Path.of("target", "class-data"))
            .jvmOptions(jvmOptions)
            .gatewayArgs(List.of(
                    "--onenet.gateway.security.rate-limit.clients.channel-police.limit-for-period=" + POLICE_LIMIT,
                    "--onenet.gateway.security.rate-limit.clients.channel-police.refresh-period=60s"))
            .build();
        suite.start();
        anonymous = new Gateway(suite.gatewayUrl());
        identity = new IdentityClient(suite.issuerUrl());
        gateway = person("supervisor");
        operator = person("operator");
        dispatcher = person("dispatcher");
        lifecycle = new LifecycleLog(suite.broker().bootstrapServers(), "system-test-" + UUID.randomUUID());
        for (JsonNode category : gateway.get("/api/v1/catalogue").json()) {
            RESPONSIBLE.put(category.get("code").asString(),
                    category.get("department").isNull() ? null : category.get("department").asString());
        }
    }

    @AfterAll
    static void stopTheSuite() {
        if (lifecycle != null) {
            lifecycle.close();
        }
        if (suite != null) {
            suite.close();
        }
        if (spans != null) {
            spans.close();
        }
    }

    /** A person signed in on the console's client, through the login form. */
    static Gateway person(String username) {
        return anonymous.as(identity.login(username, username + "-demo", "onenet-console", suite.gatewayUrl() + "/"));
    }

    /** A machine client (client credentials), e.g. {@code channel-livelihood} or {@code department-housing}. */
    static Gateway system(String clientId) {
        return SYSTEMS.computeIfAbsent(clientId, id -> anonymous.as(identity.clientCredentials(id, id + "-secret")));
    }

    /** Who submits on a channel: its channel system, or for HOTLINE an operator. */
    static Gateway submitter(String channel) {
        return channel.equals("HOTLINE") ? operator : system("channel-" + channel.toLowerCase().replace('_', '-'));
    }

    static Response submit(String channel, String body) {
        return submitter(channel).post("/api/v1/requests", body);
    }

    @Test
    @Order(1)
    void acceptsOnEveryChannelAndDispatchesEachToTheCataloguesDepartment() {
        Map<String, String> idByChannel = new HashMap<>();
        for (var entry : CATEGORY_BY_CHANNEL.entrySet()) {
            String channel = entry.getKey();
            Response accepted = submit(channel,
                    request(channel, channel.equals("HOTLINE") ? null : channel + "-" + UUID.randomUUID(), entry.getValue()));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(accepted.header("Location")).isEqualTo("/api/v1/requests/" + accepted.text("id"));
            idByChannel.put(channel, accepted.text("id"));
        }
        idByChannel.forEach((channel, id) -> {
            JsonNode order = awaitStatus(id, "DISPATCHED");
            assertThat(order.get("channel").asString()).isEqualTo(channel);
            assertThat(order.get("department").asString()).isEqualTo(RESPONSIBLE.get(CATEGORY_BY_CHANNEL.get(channel)));
            assertThat(order.get("deadlines").get("acknowledgeBy").isNull()).isFalse();
            assertThat(order.get("deadlines").get("resolveBy").isNull()).isFalse();
        });
    }

    @Test
    @Order(2)
    void followsAnOrderFromSignForToASatisfiedCallbackAndClosure() {
        String id = acceptAndAwaitDispatch("LIVELIHOOD", "elderly-care");
        String department = RESPONSIBLE.get("elderly-care");

        assertThat(report(id, "ACKNOWLEDGED", department, "\"note\":\"已签收\"").status()).isEqualTo(200);
        assertThat(report(id, "STARTED", department, "\"note\":\"已联系社区助餐点\"").status()).isEqualTo(200);
        Response resolved = report(id, "RESOLVED", department, "\"note\":\"已安排每日送餐上门\"");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.text("status")).isEqualTo("RESOLVED");
        Response closed = operator.post("/api/v1/requests/" + id + "/feedback",
                "{\"satisfaction\":\"SATISFIED\",\"comment\":\"送餐已安排，很满意\"}");

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        assertThat(closed.json().get("timeline")).extracting(entry -> entry.get("type").asString())
            .containsExactly("RECEIVED", "DISPATCHED", "ACKNOWLEDGED", "STARTED", "RESOLVED", "CLOSED");
        // the callback names the operator who made it; RECEIVED is the acceptance the channel was told of
        assertThat(closed.json().get("timeline").get(5).get("actor").asString()).isEqualTo("operator:operator");
        assertThat(OffsetDateTime.parse(closed.json().get("timeline").get(0).get("at").asString()).toInstant())
            .isEqualTo(OffsetDateTime.parse(closed.text("acceptedAt")).toInstant());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lifecycle.typesOf(id))
            .containsExactly("received", "dispatched", "acknowledged", "started", "resolved", "closed"));
        assertThat(lifecycle.of(id)).extracting(LifecycleLog.Event::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    /**
     * One trace from the channel's POST to the department's dispatch, as an operator reads it in Zipkin: the gateway's
     * span is the caller's child, intake's the gateway's, routing's work follows over Kafka, and the DISPATCHED record
     * the department's system consumes carries the trace; no span's parent is missing.
     */
    @Test
    @Order(2)
    void tracesAChannelsRequestFromItsPostToTheDepartmentsDispatch() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callersSpan = traceId.substring(0, 16);
        Response accepted = submitter("LIVELIHOOD").post("/api/v1/requests",
                request("LIVELIHOOD", "LIVELIHOOD-" + UUID.randomUUID(), "elderly-care"),
                Map.of("traceparent", "00-" + traceId + "-" + callersSpan + "-01"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.text("id");
        awaitStatus(id, "DISPATCHED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(lifecycle.of(id)).filteredOn(event -> event.type().contains("dispatched")).singleElement()
                .satisfies(event -> assertThat(event.traceparent()).startsWith("00-" + traceId + "-"));
            List<JsonNode> trace = spans.trace(traceId);
            assertThat(trace).filteredOn(span -> callersSpan.equals(span.path("parentId").asString(null)))
                .singleElement().satisfies(span -> {
                    assertThat(span.at("/localEndpoint/serviceName").asString()).isEqualTo("gateway");
                    assertThat(span.path("kind").asString()).isEqualTo("SERVER");
                    assertThat(span.path("name").asString()).isEqualTo("http post intake-submit");
                });
            List<String> ids = trace.stream().map(span -> span.path("id").asString()).toList();
            assertThat(trace).allSatisfy(span -> assertThat(span.path("parentId").asString())
                .as("the parent of %s", span).isIn(concat(ids, callersSpan)));
            assertThat(trace).extracting(span -> span.at("/localEndpoint/serviceName").asString())
                .contains("gateway", "request-intake-service", "routing-service");
            // nothing the suite does every few seconds buries the traces: no health check's, no scheduled task's
            assertThat(spans.all()).noneMatch(span -> span.at("/tags/http.url").asString("").startsWith("/actuator")
                    || span.path("name").asString().startsWith("task "));
            // the lifecycle record the department consumes was sent in the trace
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.at("/localEndpoint/serviceName").asString()).isEqualTo("routing-service");
                assertThat(span.path("kind").asString()).isEqualTo("PRODUCER");
                assertThat(span.toString()).contains(Topics.REQUESTS_LIFECYCLE);
            });
        });
    }

    private static List<String> concat(List<String> values, String value) {
        List<String> all = new ArrayList<>(values);
        all.add(value);
        return all;
    }

    /**
     * 来电催办: the requester calls again; the operator records it on the open order, which changes nothing else, and
     * the department holding it reads it in its feed. A channel's system passes on its own requester's; no one else.
     */
    @Test
    @Order(3)
    void aRequesterCallingAgainIsRecordedByTheOperatorAndReachesTheDepartment() {
        String id = acceptAndAwaitDispatch("LIVELIHOOD", "elderly-care");
        String department = RESPONSIBLE.get("elderly-care");

        Response followedUp = operator.post("/api/v1/requests/" + id + "/follow-ups",
                "{\"note\":\"来电催促：仍未送餐\"}");

        assertThat(followedUp.status()).isEqualTo(200);
        assertThat(followedUp.text("status")).isEqualTo("DISPATCHED");
        assertThat(followedUp.json().get("followUps").asInt()).isEqualTo(1);
        JsonNode timeline = followedUp.json().get("timeline");
        assertThat(timeline.get(timeline.size() - 1).get("type").asString()).isEqualTo("FOLLOWED_UP");
        assertThat(timeline.get(timeline.size() - 1).get("actor").asString()).isEqualTo("operator:operator");
        assertThat(dispatcher.post("/api/v1/requests/" + id + "/follow-ups", "{\"note\":\"催办\"}").status())
            .isEqualTo(403);
        // the channel's own app passes on its requester asking again; another channel's system can't touch the order
        Response fromTheApp = system("channel-livelihood").post("/api/v1/requests/" + id + "/follow-ups",
                "{\"note\":\"民生网用户点击催办\"}");
        assertThat(fromTheApp.status()).isEqualTo(200);
        assertThat(fromTheApp.json().get("followUps").asInt()).isEqualTo(2);
        JsonNode steps = fromTheApp.json().get("timeline");
        assertThat(steps.get(steps.size() - 1).get("actor").asString()).isEqualTo("channel:LIVELIHOOD");
        assertThat(system("channel-police").post("/api/v1/requests/" + id + "/follow-ups", "{\"note\":\"催办\"}")
            .status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lifecycle.typesOf(id))
            .containsExactly("received", "dispatched", "followed-up", "followed-up"));
        Gateway departmentSystem = system("department-" + department);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(departmentSystem
                .get("/api/v1/feed?target=department:" + department + "&limit=500").json().get("items"))
            .filteredOn(entry -> entry.get("orderId").asString().equals(id))
            .extracting(entry -> entry.get("type").asString())
            .contains("cn.onenet.request.followed-up.v1"));
        // the supervisor lists the department's orders the callers asked after, and the summary counts it (催办件)
        assertThat(gateway.get("/api/v1/requests?followedUp=true&dispatchedTo=" + department + "&size=100").json()
            .get("content")).extracting(order -> order.get("id").asString()).contains(id);
        assertThat(gateway.get("/api/v1/requests?followedUp=false&dispatchedTo=" + department + "&size=100").json()
            .get("content")).extracting(order -> order.get("id").asString()).doesNotContain(id);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(gateway.get("/api/v1/stats/summary")
                .json().get("rows"))
            .filteredOn(row -> department.equals(row.get("key").asString()))
            .singleElement().satisfies(row -> {
                assertThat(row.get("followedUp").asLong()).isPositive();
                // asked after twice: by the operator and through the channel's app (催办次数)
                assertThat(row.get("followUps").asLong()).isGreaterThanOrEqualTo(row.get("followedUp").asLong() + 1);
            }));
    }

    @Test
    @Order(3)
    void aDissatisfiedCallbackReopensTheOrderWithItsDepartment() {
        String id = acceptAndAwaitDispatch("GOVERNANCE", "neighbour-dispute");
        String department = RESPONSIBLE.get("neighbour-dispute");
        report(id, "ACKNOWLEDGED", department, "\"note\":\"已签收\"");
        report(id, "RESOLVED", department, "\"note\":\"已调解\"");

        Response reopened = operator.post("/api/v1/requests/" + id + "/feedback",
                "{\"satisfaction\":\"DISSATISFIED\",\"comment\":\"噪音还在\"}");

        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.text("status")).isEqualTo("REOPENED");
        assertThat(reopened.text("department")).isEqualTo(department);
        assertThat(report(id, "ACKNOWLEDGED", department, "\"note\":\"重新签收\"").text("status")).isEqualTo("ACKNOWLEDGED");
    }

    /**
     * A department the order was taken from is told so (409), whenever its report comes; sending again a report it
     * made before, under its key, says the report was applied without showing the order as another department has it.
     */
    @Test
    @Order(3)
    void aDepartmentAnOrderWasTakenFromIsToldSoAndNoLongerReadsIt() {
        String id = acceptAndAwaitDispatch("GOVERNANCE", "neighbour-dispute");
        String department = RESPONSIBLE.get("neighbour-dispute");
        String other = department.equals("housing") ? "urban-management" : "housing";
        Gateway lead = system("department-" + department);
        String events = "/api/v1/requests/" + id + "/events";
        String signFor = "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\",\"note\":\"已签收\"}";
        assertThat(lead.post(events, signFor, Map.of("Idempotency-Key", "sign-for-1")).status()).isEqualTo(200);
        Response transferred = dispatcher.post("/api/v1/requests/" + id + "/transfer",
                "{\"department\":\"" + other + "\",\"reason\":\"不属本单位职责\"}");
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(200);

        Response again = lead.post(events, signFor, Map.of("Idempotency-Key", "sign-for-1"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("applied").asBoolean()).isTrue();
        assertThat(again.json().has("timeline")).isFalse();
        Response late = lead.post(events, "{\"type\":\"STARTED\",\"department\":\"" + department + "\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("applied").asBoolean()).isFalse();
        assertThat(late.text("orderStatus")).isEqualTo("DISPATCHED");
        assertThat(lead.get("/api/v1/requests/" + id).status()).isEqualTo(404);
        // a department that never had it still can't tell it exists
        String stranger = department.equals("party-affairs") ? "court-xihu" : "party-affairs";
        assertThat(system("department-" + stranger).post(events, "{\"type\":\"STARTED\",\"department\":\""
                + stranger + "\"}").status()).isEqualTo(404);
    }

    /**
     * A return the rules re-route at once to another department answers with the order as the department returned it,
     * never as the other department now has it — nor does a repeat of it sent at the same moment (each such repeat
     * is told the return was applied, 409).
     */
    @Test
    @Order(3)
    void aReturnReRoutedAtOnceAnswersWithTheOrderAsTheDepartmentLeftIt() throws Exception {
        // the demo rule for elderly care in 湖畔: the community's committee leads, civil affairs assists
        Response accepted = submit("LIVELIHOOD", request("LIVELIHOOD", "LIVELIHOOD-" + UUID.randomUUID(),
                "elderly-care").replace("\"community\":\"xingzhou\"", "\"community\":\"hupan\""));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.text("id");
        assertThat(awaitStatus(id, "DISPATCHED").get("department").asString()).isEqualTo("hupan-committee");
        Gateway committee = system("department-hupan-committee");
        String giveBack = "{\"type\":\"RETURNED\",\"department\":\"hupan-committee\",\"reason\":\"应由民政主办\"}";

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(pool.submit(() -> committee.post("/api/v1/requests/" + id + "/events", giveBack,
                    Map.of("Idempotency-Key", "return-" + id))));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : sent) {
            answers.add(answer.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(answers).filteredOn(answer -> answer.status() == 200).singleElement().satisfies(applied -> {
            assertThat(applied.text("status")).isEqualTo("RETURNED");
            assertThat(applied.json().hasNonNull("department")).isFalse();
            assertThat(applied.json().path("coDepartments")).isEmpty();
        });
        assertThat(answers).filteredOn(answer -> answer.status() != 200).allSatisfy(repeat -> {
            assertThat(repeat.status()).as(repeat.body()).isEqualTo(409);
            assertThat(repeat.json().get("applied").asBoolean()).isTrue();
            assertThat(repeat.json().has("timeline")).isFalse();
        });
        // meanwhile the rules gave it to civil affairs, the committee's return remembered
        JsonNode order = gateway.get("/api/v1/requests/" + id).json();
        assertThat(order.get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(order.get("department").asString()).isEqualTo("civil-affairs");
        assertThat(committee.get("/api/v1/requests/" + id).status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void theSameExternalIdPostedTwiceAndConcurrentlyIsOneOrder() throws Exception {
        String body = request("LAWYER", "LS-" + UUID.randomUUID(), "legal-aid");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<Response>> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posts.add(pool.submit(() -> submit("LAWYER", body)));
        }
        List<String> ids = new ArrayList<>();
        for (Future<Response> post : posts) {
            assertThat(post.get().status()).isEqualTo(202);
            ids.add(post.get().text("id"));
        }
        pool.shutdown();
        Response again = submit("LAWYER", body);

        assertThat(ids).containsOnly(again.text("id"));
        String id = ids.get(0);
        JsonNode order = awaitStatus(id, "DISPATCHED");
        assertThat(order.get("timeline")).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lifecycle.typesOf(id)).contains("dispatched"));
        assertThat(lifecycle.typesOf(id)).containsExactly("received", "dispatched");

        // an Idempotency-Key is its sender's: an operator and the hotline's system choosing the same key are two
        // calls (the second was answered as a repeat of the first, and its citizen's request dropped)
        String key = "call-" + UUID.randomUUID();
        String call = request("HOTLINE", null, "elderly-care");
        Response byOperator = operator.post("/api/v1/requests", call, Map.of("Idempotency-Key", key));
        Response bySystem = system("channel-hotline").post("/api/v1/requests", call, Map.of("Idempotency-Key", key));
        Response byOperatorAgain = operator.post("/api/v1/requests", call, Map.of("Idempotency-Key", key));
        assertThat(List.of(byOperator.status(), bySystem.status(), byOperatorAgain.status())).containsOnly(202);
        assertThat(bySystem.text("id")).isNotEqualTo(byOperator.text("id"));
        assertThat(byOperatorAgain.text("id")).isEqualTo(byOperator.text("id"));
    }

    @Test
    @Order(5)
    void answersBadBodiesWithEveryOffendingField() {
        Response missing = submit("COURT", "{\"channel\":\"COURT\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(missing)).contains("externalId", "category", "title", "description", "location", "requester");

        ObjectNode bad = (ObjectNode) Gateway.JSON.readTree(request("COURT", "FY-" + UUID.randomUUID(), "litigation-guidance"));
        bad.put("category", "time-travel");
        bad.put("description", "很".repeat(2001));
        ((ObjectNode) bad.get("requester")).put("phone", "not-a-phone");
        Response invalid = submit("COURT", bad.toString());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid)).containsExactlyInAnyOrder("category", "description", "requester.phone");

        ObjectNode sneaky = (ObjectNode) Gateway.JSON.readTree(request("COURT", "FY-" + UUID.randomUUID(), "litigation-guidance"));
        sneaky.put("department", "court-xihu");
        Response unknown = submit("COURT", sneaky.toString());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("department");
    }

    @Test
    @Order(6)
    void refusesUnknownOrdersForbiddenReportersAndImpossibleSteps() {
        assertThat(gateway.get("/api/v1/requests/" + UUID.randomUUID()).status()).isEqualTo(404);
        // a number that could have been given but was not: 404; one a digit of which was misheard: 400 saying so
        assertThat(gateway.get("/api/v1/requests/by-tracking-number/12345678901234569").status()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/requests/by-tracking-number/12345678901234567").status()).isEqualTo(400);

        String id = acceptAndAwaitDispatch("POLICE", "public-security");
        // another department's order answers as one that doesn't exist, so ids can't be probed
        Response otherDepartment = report(id, "ACKNOWLEDGED", "court-xihu", "\"note\":\"签收\"");
        assertThat(otherDepartment.status()).isEqualTo(404);
        assertThat(otherDepartment.text("type")).isEqualTo("https://onenet.cn/problems/not-found");
        assertThat(system("department-court-xihu").get("/api/v1/requests/" + id).status()).isEqualTo(404);
        assertThat(system("department-" + RESPONSIBLE.get("public-security")).get("/api/v1/requests/" + id).status()).isEqualTo(200);
        assertThat(system("channel-livelihood").get("/api/v1/requests/" + id).status()).isEqualTo(404);
        // a channel system asking for another channel's orders is told, not handed its own as if they were those
        Response otherChannels = system("channel-livelihood").get("/api/v1/requests?channel=POLICE");
        assertThat(otherChannels.status()).isEqualTo(400);
        assertThat(fields(otherChannels)).containsExactly("channel");
        assertThat(system("channel-livelihood").get("/api/v1/requests?channel=LIVELIHOOD&size=100").json()
            .get("content")).allSatisfy(order -> assertThat(order.get("channel").asString()).isEqualTo("LIVELIHOOD"));
        assertThat(system("department-court-xihu").get("/api/v1/requests?size=100").json().get("content"))
            .allSatisfy(order -> assertThat(order.get("department").asString().equals("court-xihu")
                    || order.get("coDepartments").valueStream().anyMatch(co -> co.asString().equals("court-xihu")))
                .isTrue());

        Response refused = report(id, "RESOLVED", RESPONSIBLE.get("public-security"), "\"note\":\"跳过签收\"");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("https://onenet.cn/problems/transition-refused");
        assertThat(gateway.get("/api/v1/requests/" + id).text("status")).isEqualTo("DISPATCHED");
    }

    @Test
    @Order(7)
    void anUnroutableRequestLandsInTriageAndADispatcherSendsItOn() {
        Response accepted = submit("HOTLINE", request("HOTLINE", null, "other"));
        String id = accepted.text("id");
        awaitStatus(id, "TRIAGE");
        assertThat(gateway.get("/api/v1/requests?status=TRIAGE&size=100").json().get("content"))
            .anyMatch(order -> order.get("id").asString().equals(id));

        Response twice = dispatcher.post("/api/v1/requests/" + id + "/dispatch",
                "{\"department\":\"wenxin-street\",\"coDepartments\":[\"wenxin-street\",\"civil-affairs\","
                        + "\"civil-affairs\"]}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(fields(twice)).containsExactly("coDepartments[0]", "coDepartments[2]");
        Response dispatched = dispatcher.post("/api/v1/requests/" + id + "/dispatch",
                "{\"department\":\"wenxin-street\",\"coDepartments\":[\"civil-affairs\"],\"note\":\"街道统筹处理\"}");

        assertThat(dispatched.status()).isEqualTo(200);
        assertThat(dispatched.text("department")).isEqualTo("wenxin-street");
        // among several dispatchers, the timeline says which one decided
        JsonNode timeline = dispatched.json().get("timeline");
        assertThat(timeline.get(timeline.size() - 1).get("actor").asString()).isEqualTo("dispatcher:dispatcher");
        Response byNumber = gateway.get("/api/v1/requests/by-tracking-number/" + accepted.text("trackingNumber"));
        assertThat(byNumber.text("status")).isEqualTo("DISPATCHED");
        // the lead and the department assisting it both find it in their own lists
        for (String department : List.of("wenxin-street", "civil-affairs")) {
            assertThat(system("department-" + department).get("/api/v1/requests?size=100").json().get("content"))
                .anyMatch(order -> order.get("id").asString().equals(id));
        }
        assertThat(system("department-civil-affairs").get("/api/v1/requests?department=wenxin-street&size=100")
            .json().get("content"))
            .anyMatch(order -> order.get("id").asString().equals(id))
            .allSatisfy(order -> assertThat(order.get("department").asString()).isEqualTo("wenxin-street"));
    }

    @Test
    @Order(8)
    void carriesTheCallersCorrelationIdAndServesTheOpenApiDocuments() {
        Response response = operator.post("/api/v1/requests", request("HOTLINE", null, "employment"),
                Map.of("X-Correlation-Id", "call-center-4711"));
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.header("X-Correlation-Id")).isEqualTo("call-center-4711");
        assertThat(gateway.get("/api/v1/requests/" + UUID.randomUUID()).header("X-Correlation-Id")).isNotBlank();

        assertThat(anonymous.get("/v3/api-docs/intake").json().get("paths").has("/api/v1/requests")).isTrue();
        assertThat(anonymous.get("/v3/api-docs/routing").json().get("paths").has("/api/v1/requests/{id}/events")).isTrue();
    }

    @Test
    @Order(9)
    void refusesCallsWithoutAValidTokenAtTheGatewayAndAtEachService() throws Exception {
        Response noToken = anonymous.get("/api/v1/catalogue");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noToken.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(noToken.text("type")).isEqualTo("https://onenet.cn/problems/unauthorized");
        assertThat(anonymous.post("/api/v1/requests", request("LIVELIHOOD", "MS-" + UUID.randomUUID(), "elderly-care"))
            .status()).isEqualTo(401);

        // signed with the identity provider's own key, but expired
        RSAKey identityKey = RSAKey.parse(Files.readString(suite.signingKeyFile()));
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = sign(identityKey, claims("channel-livelihood", "LIVELIHOOD").issueTime(Date.from(past))
            .expirationTime(Date.from(past.plus(Duration.ofMinutes(30)))));
        assertThat(anonymous.as(expired).get("/api/v1/catalogue").status()).isEqualTo(401);
        // well formed and current, but signed by a key the identity provider doesn't have
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(identityKey.getKeyID()).generate();
        Response forged = anonymous.as(sign(otherKey, claims("channel-livelihood", "LIVELIHOOD"))).get("/api/v1/catalogue");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.text("type")).isEqualTo("https://onenet.cn/problems/unauthorized");
        // the control: the same claims signed with the right key pass
        assertThat(anonymous.as(sign(identityKey, claims("channel-livelihood", "LIVELIHOOD"))).get("/api/v1/catalogue")
            .status()).isEqualTo(200);

        // the services check tokens themselves: going round the gateway gets nowhere without one
        Gateway intakeDirect = new Gateway(suite.service(Suite.INTAKE).baseUrl());
        Gateway routingDirect = new Gateway(suite.service(Suite.ROUTING).baseUrl());
        assertThat(intakeDirect.post("/api/v1/requests", request("LIVELIHOOD", "MS-" + UUID.randomUUID(), "elderly-care"))
            .status()).isEqualTo(401);
        assertThat(routingDirect.get("/api/v1/catalogue").status()).isEqualTo(401);
        assertThat(routingDirect.as(sign(otherKey, claims("channel-livelihood", "LIVELIHOOD"))).get("/api/v1/catalogue")
            .status()).isEqualTo(401);
        assertThat(routingDirect.as(sign(identityKey, claims("channel-livelihood", "LIVELIHOOD"))).get("/api/v1/catalogue")
            .status()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void keepsAChannelSystemToItsOwnChannelAndEachRoleToItsWork() {
        Response otherChannel = system("channel-livelihood").post("/api/v1/requests",
                request("POLICE", "JW-" + UUID.randomUUID(), "public-security"));
        assertThat(otherChannel.status()).isEqualTo(403);
        assertThat(otherChannel.text("type")).isEqualTo("https://onenet.cn/problems/forbidden");
        // intake's own guard, for a call that goes round the gateway
        Response direct = new Gateway(suite.service(Suite.INTAKE).baseUrl())
            .as(identity.clientCredentials("channel-livelihood", "channel-livelihood-secret"))
            .post("/api/v1/requests", request("POLICE", "JW-" + UUID.randomUUID(), "public-security"));
        assertThat(direct.status()).isEqualTo(403);
        assertThat(direct.text("type")).isEqualTo("https://onenet.cn/problems/forbidden");

        assertThat(operator.post("/api/v1/requests", request("COURT", "FY-" + UUID.randomUUID(), "litigation-guidance"))
            .status()).isEqualTo(403);
        String id = acceptAndAwaitDispatch("LIVELIHOOD", "elderly-care");
        assertThat(system("channel-livelihood").post("/api/v1/requests/" + id + "/dispatch",
                "{\"department\":\"housing\"}").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/stats/summary").status()).isEqualTo(403);
        assertThat(system("department-civil-affairs").post("/api/v1/requests/" + id + "/events",
                "{\"type\":\"ACKNOWLEDGED\",\"department\":\"housing\"}").status()).isEqualTo(403);
        // routing's own guard: a field the caller may not set is refused, not ignored, also round the gateway
        Response reportedAsAnother = new Gateway(suite.service(Suite.ROUTING).baseUrl())
            .as(identity.clientCredentials("department-civil-affairs", "department-civil-affairs-secret"))
            .post("/api/v1/requests/" + id + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\"housing\"}");
        assertThat(reportedAsAnother.status()).isEqualTo(403);
        assertThat(reportedAsAnother.text("detail")).startsWith("department:");
        assertThat(gateway.get("/api/v1/requests/" + id).text("status")).isEqualTo("DISPATCHED");

        // the gateway's table holds at each service's own port too: a channel system administers no webhooks, reads
        // no statistics, no dead letters and no other system's feed there either
        Gateway routingAsChannel = new Gateway(suite.service(Suite.ROUTING).baseUrl())
            .as(identity.clientCredentials("channel-livelihood", "channel-livelihood-secret"));
        Gateway intakeAsChannel = new Gateway(suite.service(Suite.INTAKE).baseUrl())
            .as(identity.clientCredentials("channel-livelihood", "channel-livelihood-secret"));
        assertThat(routingAsChannel.put("/api/v1/webhooks/department:housing",
                "{\"url\":\"http://127.0.0.1:9/x\",\"secret\":\"0123456789abcdef\"}").status()).isEqualTo(403);
        for (String path : List.of("/api/v1/webhooks", "/api/v1/stats/summary", "/api/v1/admin/dead-letters",
                "/api/v1/feed?target=channel:POLICE")) {
            assertThat(routingAsChannel.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(routingAsChannel.get("/api/v1/feed?target=channel:LIVELIHOOD").status()).isEqualTo(200);
        assertThat(intakeAsChannel.get("/api/v1/admin/dead-letters").status()).isEqualTo(403);
        assertThat(intakeAsChannel.post("/api/v1/admin/dead-letters/replay", "{\"topic\":\"onenet.reference.v1\"}")
            .status()).isEqualTo(403);

        // through the gateway an administrator reads each service's dead letters, per topic it consumes; no one else
        Gateway admin = person("admin");
        assertThat(admin.get("/api/v1/admin/dead-letters").json().findValuesAsString("topic"))
            .containsExactly("onenet.requests.lifecycle.v1", "onenet.requests.submitted.v1");
        Response intakes = admin.get("/api/v1/admin/intake/dead-letters?pendingOnly=true");
        assertThat(intakes.status()).isEqualTo(200);
        assertThat(intakes.json().findValuesAsString("topic")).containsExactly("onenet.reference.v1");
        assertThat(intakes.json().get("topics").get(0).get("pending").asLong()).isZero();
        assertThat(dispatcher.get("/api/v1/admin/intake/dead-letters").status()).isEqualTo(403);
        assertThat(system("channel-livelihood").post("/api/v1/admin/intake/dead-letters/replay",
                "{\"topic\":\"onenet.reference.v1\"}").status()).isEqualTo(403);
    }

    @Test
    @Order(11)
    void aBurstBeyondAClientsRateLimitGets429WhileAnotherClientIsStillAccepted() {
        Gateway police = system("channel-police");
        List<Response> burst = new ArrayList<>();
        for (int i = 0; i < 2 * POLICE_LIMIT + 5; i++) {
            burst.add(police.get("/api/v1/channels"));
        }

        List<Response> refused = burst.stream().filter(response -> response.status() == 429).toList();
        assertThat(refused).hasSizeGreaterThanOrEqualTo(5);
        assertThat(refused).allSatisfy(response -> {
            assertThat(response.header("Retry-After")).isEqualTo("60");
            assertThat(response.text("type")).isEqualTo("https://onenet.cn/problems/too-many-requests");
        });
        Response other = submit("LIVELIHOOD", request("LIVELIHOOD", "MS-" + UUID.randomUUID(), "elderly-care"));
        assertThat(other.status()).as(other.body()).isEqualTo(202);
    }

    /** A caller's numbers used by the personal-data tests, and searched for in every log line and event at the end. */
    static final String PRIVATE_PHONE = "13912345678";
    static final String PRIVATE_ID_NUMBER = "11010519491231002X";
    /** Numbers the caller gives in the description, as operators type them: masked there, kept only sealed. */
    static final String FREE_TEXT_PHONE = "13712340099";
    static final String FREE_TEXT_ID_NUMBER = "330106199003071236";

    @Test
    @Order(12)
    void showsPersonalDataInClearOnlyToThoseWhoNeedItAndAuditsEveryClearRead() {
        ObjectNode call = (ObjectNode) Gateway.JSON.readTree(request("HOTLINE", null, "sanitation"));
        ((ObjectNode) call.get("requester")).put("phone", PRIVATE_PHONE).put("idNumber", PRIVATE_ID_NUMBER);
        String description = "请回电" + FREE_TEXT_PHONE + "找她女儿，身份证" + FREE_TEXT_ID_NUMBER;
        call.put("description", description);
        Response accepted = operator.post("/api/v1/requests", call.toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.text("id");
        JsonNode order = awaitStatus(id, "DISPATCHED");
        String department = order.get("department").asString();
        assertThat(order.get("requester").get("phone").asString()).isEqualTo("139****5678");
        assertThat(order.get("requester").get("idNumber").asString()).isEqualTo("110***********002X");
        assertThat(order.get("timeline").get(0).get("actor").asString()).isEqualTo("operator:operator");
        assertThat(order.get("description").asString()).isEqualTo("请回电137****0099找她女儿，身份证330***********1236");

        String why = "{\"reason\":\"回访：核实来电人身份\"}";
        // the operator who took the call, and the department the order is dispatched to
        Response byOperator = operator.post("/api/v1/requests/" + id + "/personal-data", why);
        assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(200);
        assertThat(byOperator.text("phone")).isEqualTo(PRIVATE_PHONE);
        assertThat(byOperator.text("idNumber")).isEqualTo(PRIVATE_ID_NUMBER);
        assertThat(byOperator.text("description")).isEqualTo(description);
        assertThat(byOperator.header("Cache-Control")).contains("no-store");
        Response byDepartment = system("department-" + department).post("/api/v1/requests/" + id + "/personal-data", why);
        assertThat(byDepartment.status()).as(byDepartment.body()).isEqualTo(200);
        assertThat(byDepartment.text("phone")).isEqualTo(PRIVATE_PHONE);

        // everyone else: masked only
        assertThat(dispatcher.post("/api/v1/requests/" + id + "/personal-data", why).status()).isEqualTo(403);
        assertThat(gateway.post("/api/v1/requests/" + id + "/personal-data", why).status()).isEqualTo(403);
        assertThat(system("channel-livelihood").post("/api/v1/requests/" + id + "/personal-data", why).status()).isEqualTo(403);
        String other = department.equals("housing") ? "civil-affairs" : "housing";
        assertThat(system("department-" + other).post("/api/v1/requests/" + id + "/personal-data", why).status())
            .as("another department's order is not there for it").isEqualTo(404);
        assertThat(operator.post("/api/v1/requests/" + id + "/personal-data", "{}").status()).isEqualTo(400);

        // the supervisor reads who saw what, when and why; nobody else does
        Response audit = gateway.get("/api/v1/personal-data-access?orderId=" + id);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.json().get("totalElements").asLong()).isEqualTo(2);
        assertThat(audit.json().get("content")).extracting(entry -> entry.get("actor").asString())
            .containsExactly("department-" + department, "operator");
        assertThat(audit.json().get("content")).allSatisfy(entry -> {
            assertThat(entry.get("reason").asString()).isEqualTo("回访：核实来电人身份");
            assertThat(entry.get("fields")).extracting(JsonNode::asString)
                .containsExactly("name", "phone", "idNumber", "description");
        });
        assertThat(operator.get("/api/v1/personal-data-access?orderId=" + id).status()).isEqualTo(403);
        assertThat(system("department-" + department).get("/api/v1/personal-data-access").status()).isEqualTo(403);

        // the operator finds the caller's earlier requests by the number they call from
        Response earlier = operator.get("/api/v1/requests?phone=" + PRIVATE_PHONE);
        assertThat(earlier.json().get("content")).extracting(entry -> entry.get("id").asString()).contains(id);
    }

    @Test
    @Order(13)
    void anAdministratorAddsADepartmentAndACategoryThatChannelsCanUseAtOnce() {
        Gateway admin = person("admin");
        String suffix = Long.toString(System.nanoTime(), 36);
        String department = "night-works-" + suffix;
        String category = "night-noise-" + suffix;
        assertThat(admin.put("/api/v1/departments/" + department,
                "{\"name\":\"夜间施工管理办公室\",\"kind\":\"BUREAU\"}").status()).isEqualTo(201);
        Response added = admin.put("/api/v1/catalogue/" + category, "{\"name\":\"夜间施工噪音\",\"department\":\""
                + department + "\",\"sla\":{\"NORMAL\":{\"acknowledgeWithinHours\":8,\"resolveWithinWorkingDays\":2}}}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(gateway.put("/api/v1/catalogue/" + category, "{}").status()).as("a supervisor may not").isEqualTo(403);
        assertThat(gateway.get("/api/v1/reference-data/audit").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/reference-data/audit").json()).anySatisfy(change -> {
            assertThat(change.get("code").asString()).isEqualTo(category);
            assertThat(change.get("actor").asString()).isEqualTo("admin");
        });

        // intake learns of the category from the published snapshot; the channel's request is routed by it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response accepted = submit("LIVELIHOOD", request("LIVELIHOOD", "LIVELIHOOD-" + UUID.randomUUID(), category));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(awaitStatus(accepted.text("id"), "DISPATCHED").get("department").asString()).isEqualTo(department);
        });
    }

    @Test
    @Order(14)
    void anAdministratorRegistersADepartmentSystemWhoseSecretGetsItTokensUntilDisabled() {
        Gateway admin = person("admin");
        String code = "street-office-" + Long.toString(System.nanoTime(), 36);
        // identity asks routing for its departments: a code no department has is refused
        Response unknown = admin.post("/api/v1/clients", "{\"kind\":\"DEPARTMENT_SYSTEM\",\"department\":\"" + code
                + "\"}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactly("department");
        Response department = admin.put("/api/v1/departments/" + code,
                "{\"name\":\"第二街道办事处\",\"kind\":\"STREET\"}");
        assertThat(department.status()).as(department.body()).isEqualTo(201);

        Response created = admin.post("/api/v1/clients", "{\"kind\":\"DEPARTMENT_SYSTEM\",\"department\":\"" + code + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.text("clientId");
        assertThat(clientId).isEqualTo("department-" + code);
        String token = identity.clientCredentials(clientId, created.text("clientSecret"));
        assertThat(anonymous.as(token).get("/api/v1/catalogue").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/clients").json()).anySatisfy(client -> {
            assertThat(client.get("clientId").asString()).isEqualTo(clientId);
            assertThat(client.has("clientSecret")).isFalse();
        });
        assertThat(gateway.get("/api/v1/clients").status()).as("a supervisor may not").isEqualTo(403);
        assertThat(admin.delete("/api/v1/clients/" + clientId).status()).isEqualTo(204);
        assertThatThrownBy(() -> identity.clientCredentials(clientId, created.text("clientSecret")))
            .as("a disabled client gets no more tokens").isInstanceOf(RuntimeException.class);
    }

    /**
     * Prometheus scrapes the gateway as the {@code monitoring} client (client credentials): its token reads the
     * gateway's metrics — the traffic of this run is in them — and nothing else.
     */
    @Test
    @Order(15)
    void theMetricsScraperReadsTheGatewaysMetricsAndNothingElse() {
        Gateway scraper = system("monitoring");
        Response scrape = scraper.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("application=\"gateway\"")
            .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"202\"");
        assertThat(scraper.get("/api/v1/requests").status()).isEqualTo(403);
        assertThat(scraper.get("/api/v1/catalogue").status()).isEqualTo(403);
        assertThat(gateway.get("/actuator/prometheus").status()).as("a supervisor may not").isEqualTo(403);
    }

    /**
     * Only the gateway and the identity provider answer from the network: intake and routing, whose health details and
     * metrics need no token, listen on the loopback, where the gateway reaches them.
     */
    @Test
    @Order(16)
    void intakeAndRoutingAnswerOnTheLoopbackOnlyTheGatewayFromTheNetwork() throws Exception {
        InetAddress external = NetworkInterface.networkInterfaces()
            .filter(network -> isUp(network) && !isLoopback(network))
            .flatMap(NetworkInterface::inetAddresses).filter(address -> address instanceof Inet4Address)
            .findFirst().orElse(null);
        Assumptions.assumeTrue(external != null, "this machine has no network address but the loopback");
        assertThat(answers(external, suite.gatewayUrl())).as("the gateway at %s", external).isTrue();
        assertThat(answers(external, suite.issuerUrl())).as("the identity provider at %s", external).isTrue();
        for (String service : List.of(Suite.INTAKE, Suite.ROUTING)) {
            assertThat(answers(external, suite.service(service).baseUrl())).as("%s at %s", service, external)
                .isFalse();
            assertThat(answers(InetAddress.getLoopbackAddress(), suite.service(service).baseUrl()))
                .as("%s on the loopback", service).isTrue();
        }
    }

    private static boolean answers(InetAddress address, String url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, URI.create(url).getPort()), 2000);
            return true;
        }
        catch (IOException refused) {
            return false;
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        }
        catch (SocketException ex) {
            return false;
        }
    }

    private static boolean isLoopback(NetworkInterface network) {
        try {
            return network.isLoopback();
        }
        catch (SocketException ex) {
            return true;
        }
    }

    /**
     * After every flow of this test — submissions on every channel, the whole lifecycle, refusals, clear reads, the
     * broker outage — no log line of any service and no record on any Kafka topic holds a phone or ID number in clear,
     * neither the requester's nor one typed into a description.
     */
    @Test
    @Order(30)
    void noLogLineAndNoKafkaRecordHoldsAPhoneOrIdNumberInClear() throws Exception {
        List<String> secrets = List.of(PRIVATE_PHONE, PRIVATE_ID_NUMBER, "13800138000", "11010519491231002",
                FREE_TEXT_PHONE, FREE_TEXT_ID_NUMBER);
        for (String service : List.of(Suite.GATEWAY, Suite.INTAKE, Suite.ROUTING, Suite.IDENTITY)) {
            Path log = suite.service(service).logFile();
            String text = Files.readString(log);
            assertThat(text).as("%s's log", service).contains("Started");
            for (String secret : secrets) {
                assertThat(text).as("%s's log %s", service, log).doesNotContain(secret);
            }
        }
        int records = 0;
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", suite.broker().bootstrapServers()));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                        suite.broker().bootstrapServers(), "key.deserializer", ByteArrayDeserializer.class.getName(),
                        "value.deserializer", ByteArrayDeserializer.class.getName(), "enable.auto.commit", "false"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicDescription topic : admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()) {
                topic.partitions().forEach(partition -> partitions.add(new TopicPartition(topic.name(), partition.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                    StringBuilder headers = new StringBuilder();
                    record.headers().forEach(header -> headers.append(new String(header.value(), StandardCharsets.UTF_8)));
                    for (String secret : secrets) {
                        assertThat(value + headers).as("a record on %s", record.topic()).doesNotContain(secret);
                    }
                }
            }
            // to the end each had when reading began: the suite may have written more since (a late event)
            assertThat(partitions).allSatisfy(partition -> assertThat(consumer.position(partition))
                .as("read %s to its end", partition).isGreaterThanOrEqualTo(end.get(partition)));
        }
        assertThat(records).as("records read").isGreaterThan(50);
    }

    static JWTClaimsSet.Builder claims(String clientId, String channel) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(suite.issuerUrl()).subject(clientId).audience("onenet")
            .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
            .claim("client_id", clientId).claim("roles", List.of("CHANNEL_SYSTEM")).claim("channel", channel);
    }

    static String sign(RSAKey key, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    @Order(20)
    void losesNoEventWhenTheBrokerIsDownAndRoutingDiesBeforePublishing() {
        String id = acceptAndAwaitDispatch("PARTY_BUILDING", "party-services");
        String department = RESPONSIBLE.get("party-services");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lifecycle.typesOf(id)).hasSize(2));

        suite.broker().stop();
        try {
            Response refused = submit("HOTLINE", request("HOTLINE", null, "employment"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.took()).isLessThan(Duration.ofSeconds(10));

            Response acknowledged = report(id, "ACKNOWLEDGED", department, "\"note\":\"断网期间签收\"");
            assertThat(acknowledged.status()).isEqualTo(200);
            suite.service(Suite.ROUTING).kill();
        }
        finally {
            suite.broker().start();
        }
        suite.service(Suite.ROUTING).start();
        suite.service(Suite.ROUTING).awaitHealthy(Duration.ofSeconds(120));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lifecycle.typesOf(id))
            .containsSubsequence("received", "dispatched", "acknowledged"));
        assertThat(gateway.get("/api/v1/requests/" + id).text("status")).isEqualTo("ACKNOWLEDGED");
        await().atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(submit("HOTLINE", request("HOTLINE", null, "employment")).status())
                .isEqualTo(202));
    }

    private static String acceptAndAwaitDispatch(String channel, String category) {
        Response accepted = submit(channel,
                request(channel, channel.equals("HOTLINE") ? null : channel + "-" + UUID.randomUUID(), category));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        awaitStatus(accepted.text("id"), "DISPATCHED");
        return accepted.text("id");
    }

    private static JsonNode awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Response order = gateway.get("/api/v1/requests/" + id);
            assertThat(order.status()).isEqualTo(200);
            assertThat(order.text("status")).isEqualTo(status);
        });
        return gateway.get("/api/v1/requests/" + id).json();
    }

    private static Response report(String id, String type, String department, String extra) {
        return system("department-" + department).post("/api/v1/requests/" + id + "/events",
                "{\"type\":\"" + type + "\",\"department\":\"" + department + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    private static List<String> fields(Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    static String request(String channel, String externalId, String category) {
        ObjectNode body = Gateway.JSON.createObjectNode();
        body.put("channel", channel);
        if (externalId != null) {
            body.put("externalId", externalId);
        }
        body.put("category", category);
        body.put("title", "独居老人需要助餐服务");
        body.put("description", "星洲社区3幢的独居老人行动不便，希望每天有人送餐。");
        body.put("urgency", "NORMAL");
        ObjectNode location = body.putObject("location");
        location.put("community", "xingzhou");
        location.put("address", "星洲社区3幢2单元");
        ObjectNode requester = body.putObject("requester");
        requester.put("name", "张三");
        requester.put("phone", "13800138000");
        return body.toString();
    }
}
