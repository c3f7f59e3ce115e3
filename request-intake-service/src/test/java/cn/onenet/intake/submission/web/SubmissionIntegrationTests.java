package cn.onenet.intake.submission.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.intake.IntakeIntegrationTestSupport;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.pii.PersonalData;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionIntegrationTests extends IntakeIntegrationTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    final List<ConsumerRecord<String, byte[]>> submitted = new CopyOnWriteArrayList<>();

    @Autowired
    PersonalData personalData;

    @BeforeAll
    void publishReferenceDataAndRecordSubmissions() throws Exception {
        loadReferenceData();

        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ConsumerConfig.GROUP_ID_CONFIG, "test-reader",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
                consumer.subscribe(List.of(Topics.REQUESTS_SUBMITTED));
                while (true) {
                    consumer.poll(Duration.ofMillis(200)).forEach(submitted::add);
                }
            }
            catch (RuntimeException ex) {
                // the JVM is ending
            }
        }, "submitted-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void acceptsFromEveryChannelOnlyOnceTheBrokerHasTheRequest(Channel channel) {
        String externalId = channel == Channel.HOTLINE ? null : channel.name() + "-" + UUID.randomUUID();
        HttpResponse<String> response = post(body(channel, externalId), Map.of());

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(response.body());
        String id = accepted.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/requests/" + id);
        assertThat(accepted.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(accepted.get("trackingNumber").asString()).matches("\\d{17}");
        assertThat(accepted.get("acceptedAt").asString()).endsWith("+08:00");
        assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsFor(id)).hasSize(1));
        RequestSubmitted event = (RequestSubmitted) codec.decode(recordsFor(id).get(0));
        assertThat(event.channel()).isEqualTo(channel);
        assertThat(event.externalId()).isEqualTo(externalId);
        assertThat(event.trackingNumber()).isEqualTo(accepted.get("trackingNumber").asString());
        assertThat(event.location().community()).isEqualTo("xingzhou");
        assertThat(EventCodec.header(recordsFor(id).get(0).headers(), "onenet_correlation_id"))
            .isEqualTo(response.headers().firstValue("X-Correlation-Id").orElseThrow());
    }

    @Test
    void theSameChannelIdSentTwiceEvenConcurrentlyIsTheSameRequest() throws Exception {
        String body = body(Channel.LIVELIHOOD, "MS-" + UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(pool.submit(() -> post(body, Map.of())));
        }
        List<String> ids = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (Future<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(202);
            ids.add(JSON.readTree(response.get().body()).get("id").asString());
            numbers.add(JSON.readTree(response.get().body()).get("trackingNumber").asString());
        }
        pool.shutdown();
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(numbers).containsOnly(numbers.get(0));
    }

    @Test
    void itsOpenApiDocumentSaysASubmissionIsAnswered202() throws Exception {
        HttpResponse<String> docs = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(docs.body()).at("/paths/~1api~1v1~1requests/post/responses").propertyNames())
            .containsExactly("202");
    }

    @Test
    void anIdempotencyKeyMakesRepeatedHotlineCallsOneRequest() {
        String key = "call-" + UUID.randomUUID();
        String first = JSON.readTree(post(body(Channel.HOTLINE, null), Map.of("Idempotency-Key", key)).body()).get("id").asString();
        String second = JSON.readTree(post(body(Channel.HOTLINE, null), Map.of("Idempotency-Key", key)).body()).get("id").asString();
        String unkeyed = JSON.readTree(post(body(Channel.HOTLINE, null), Map.of()).body()).get("id").asString();

        assertThat(second).isEqualTo(first);
        assertThat(unkeyed).isNotEqualTo(first);
    }

    @Test
    void listsEveryMissingFieldInOneAnswer() {
        HttpResponse<String> response = post("{\"channel\":\"LIVELIHOOD\"}", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://onenet.cn/problems/validation");
        assertThat(fields(problem)).containsExactlyInAnyOrder("externalId", "category", "title", "description", "location", "requester");
        assertThat(recordsWithTitle(null)).isEmpty();
    }

    /** A number as an operator types it while it is read out is taken, and kept in one form. */
    @Test
    void takesAPhoneNumberAsItIsReadOut() {
        Map<String, String> kept = Map.of("139 1234 5678", "13912345678", "139-1234-5678", "13912345678",
                "+86 139 1234 5678", "13912345678", "0571 87654321", "057187654321", "(0571)87654321", "057187654321",
                "0571-87654321", "0571-87654321",
                // typed with a Chinese input method in full-width mode
                "１３９\u3000１２３４－５６７８", "13912345678", "（０５７１）８７６５４３２１", "057187654321");
        kept.forEach((asReadOut, asKept) -> {
            ObjectNode body = (ObjectNode) JSON.readTree(body(Channel.LAWYER, "LS-" + UUID.randomUUID()));
            ((ObjectNode) body.get("requester")).put("phone", asReadOut);
            HttpResponse<String> response = post(body.toString(), Map.of());
            assertThat(response.statusCode()).as(asReadOut + ": " + response.body()).isEqualTo(202);
            String id = JSON.readTree(response.body()).get("id").asString();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsFor(id)).hasSize(1));
            RequestSubmitted event = (RequestSubmitted) codec.decode(recordsFor(id).get(0));
            assertThat(personalData.open(event.requester().phone())).as(asReadOut).isEqualTo(asKept);
        });
    }

    @Test
    void thePhoneAndIdNumbersLeaveIntakeSealed() {
        ObjectNode body = (ObjectNode) JSON.readTree(body(Channel.LAWYER, "LS-" + UUID.randomUUID()));
        // typed in full-width mode, it is the number it stands for
        ((ObjectNode) body.get("requester")).put("idNumber", "１１０１０５１９４９１２３１００２ｘ");
        HttpResponse<String> response = post(body.toString(), Map.of());
        assertThat(response.statusCode()).isEqualTo(202);
        String id = JSON.readTree(response.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsFor(id)).hasSize(1));

        assertThat(new String(recordsFor(id).get(0).value(), java.nio.charset.StandardCharsets.UTF_8))
            .doesNotContain("13800138000").doesNotContain("11010519491231002");
        RequestSubmitted event = (RequestSubmitted) codec.decode(recordsFor(id).get(0));
        assertThat(event.requester().phone()).startsWith(PersonalData.PREFIX);
        assertThat(personalData.open(event.requester().phone())).isEqualTo("13800138000");
        assertThat(event.requester().idNumber()).startsWith(PersonalData.PREFIX);
        assertThat(personalData.open(event.requester().idNumber())).isEqualTo("11010519491231002X");
        assertThat(event.takenBy()).as("no operator takes a channel system's request").isNull();
    }

    @Test
    void numbersTypedIntoFreeTextLeaveIntakeMaskedWithTheTextAsSubmittedSealed() {
        ObjectNode body = (ObjectNode) JSON.readTree(body(Channel.LAWYER, "LS-" + UUID.randomUUID()));
        body.put("title", "噪音 回电13912340000");
        body.put("description", "请回电139 1234 0000或0571-87654321，身份证11010519491231002X");
        HttpResponse<String> response = post(body.toString(), Map.of());
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(response.body());
        assertThat(accepted.propertyNames()).containsExactlyInAnyOrder("id", "trackingNumber", "status", "acceptedAt");
        String id = accepted.get("id").asString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsFor(id)).hasSize(1));

        assertThat(new String(recordsFor(id).get(0).value(), StandardCharsets.UTF_8))
            .doesNotContain("13912340000").doesNotContain("1234 0000").doesNotContain("87654321")
            .doesNotContain("11010519491231002");
        RequestSubmitted event = (RequestSubmitted) codec.decode(recordsFor(id).get(0));
        assertThat(event.title()).isEqualTo("噪音 回电139****0000");
        assertThat(event.description()).isEqualTo("请回电139****0000或0571****4321，身份证110***********002X");
        assertThat(event.titleSealed()).startsWith(PersonalData.PREFIX);
        assertThat(personalData.open(event.titleSealed())).isEqualTo("噪音 回电13912340000");
        assertThat(personalData.open(event.descriptionSealed()))
            .isEqualTo("请回电139 1234 0000或0571-87654321，身份证11010519491231002X");
    }

    @Test
    void freeTextWithoutPersonalNumbersTravelsAsItIsWithNothingSealed() {
        ObjectNode body = (ObjectNode) JSON.readTree(body(Channel.LAWYER, "LS-" + UUID.randomUUID()));
        body.put("description", "受理编号20261128123456780的回访：面积130平方米，共2000户");
        String id = JSON.readTree(post(body.toString(), Map.of()).body()).get("id").asString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsFor(id)).hasSize(1));

        RequestSubmitted event = (RequestSubmitted) codec.decode(recordsFor(id).get(0));
        assertThat(event.title()).isEqualTo("独居老人需要助餐服务");
        assertThat(event.description()).isEqualTo("受理编号20261128123456780的回访：面积130平方米，共2000户");
        assertThat(event.titleSealed()).isNull();
        assertThat(event.descriptionSealed()).isNull();
    }

    @Test
    void refusesAnIdNumberWithAWrongCheckDigitOrBirthDate() {
        for (String wrong : List.of("110105194912310021", "11010519491331002X", "1101051949123100", "ABCDEFGHIJKLMNOPQR")) {
            ObjectNode body = (ObjectNode) JSON.readTree(body(Channel.COURT, "FY-" + UUID.randomUUID()));
            ((ObjectNode) body.get("requester")).put("idNumber", wrong);
            HttpResponse<String> response = post(body.toString(), Map.of());
            assertThat(response.statusCode()).as(wrong).isEqualTo(400);
            assertThat(fields(JSON.readTree(response.body()))).as(wrong).containsExactly("requester.idNumber");
            assertThat(response.body()).as("the refusal doesn't echo the number").doesNotContain(wrong);
        }
    }

    @Test
    void aGridMustBeOneOfTheCommunitysGridsAndTravelsWithTheRequest() {
        ObjectNode body = (ObjectNode) JSON.readTree(body(Channel.GOVERNANCE, "ZZ-" + UUID.randomUUID()));
        ((ObjectNode) body.get("location")).put("grid", "hupan-01");
        HttpResponse<String> refused = post(body.toString(), Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fields(JSON.readTree(refused.body()))).containsExactly("location.grid");

        ((ObjectNode) body.get("location")).put("grid", "xingzhou-02");
        HttpResponse<String> accepted = post(body.toString(), Map.of());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsFor(id)).hasSize(1));
        assertThat(((RequestSubmitted) codec.decode(recordsFor(id).get(0))).location().grid()).isEqualTo("xingzhou-02");
    }

    @Test
    void refusesUnknownCategoriesCommunitiesBadPhonesAndOversizedText() {
        ObjectNode body = (ObjectNode) JSON.readTree(body(Channel.COURT, "FY-" + UUID.randomUUID()));
        body.put("category", "flying-cars");
        body.put("title", "长".repeat(101));
        ((ObjectNode) body.get("location")).put("community", "atlantis");
        ((ObjectNode) body.get("location")).put("latitude", 91);
        ((ObjectNode) body.get("requester")).put("phone", "12345");

        HttpResponse<String> response = post(body.toString(), Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fields(JSON.readTree(response.body())))
            .containsExactlyInAnyOrder("category", "title", "location.community", "location.latitude", "requester.phone");

        // a blank id or phone is said to be missing, once, not also to be of the wrong form
        ObjectNode blank = (ObjectNode) JSON.readTree(body(Channel.COURT, "  "));
        ((ObjectNode) blank.get("requester")).put("phone", "");
        JsonNode refused = JSON.readTree(post(blank.toString(), Map.of()).body());
        assertThat(fields(refused)).containsExactlyInAnyOrder("externalId", "requester.phone");
        assertThat(refused.get("errors")).extracting(error -> error.get("message").asString())
            .containsExactlyInAnyOrder("is required for every channel but HOTLINE (or send an Idempotency-Key header)",
                    "must not be blank");
    }

    @Test
    void refusesFieldsAClientMustNotSetAndValuesOfTheWrongKind() throws Exception {
        // what the suite sets itself is refused, not ignored: each named
        for (String field : List.of("status", "id", "trackingNumber", "department", "takenBy", "acceptedAt", "deadlines")) {
            ObjectNode withField = (ObjectNode) JSON.readTree(body(Channel.POLICE, "JW-" + UUID.randomUUID()));
            withField.put(field, "CLOSED");
            HttpResponse<String> unknown = post(withField.toString(), Map.of());
            assertThat(unknown.statusCode()).as(field).isEqualTo(400);
            assertThat(fields(JSON.readTree(unknown.body()))).as(field).containsExactly(field);
        }
        ObjectNode nested = (ObjectNode) JSON.readTree(body(Channel.POLICE, "JW-" + UUID.randomUUID()));
        ((ObjectNode) nested.get("requester")).put("phoneHash", "abc");
        assertThat(fields(JSON.readTree(post(nested.toString(), Map.of()).body()))).containsExactly("requester.phoneHash");

        ObjectNode badEnum = (ObjectNode) JSON.readTree(body(Channel.POLICE, "JW-" + UUID.randomUUID()));
        badEnum.put("urgency", "YESTERDAY");
        HttpResponse<String> wrongValue = post(badEnum.toString(), Map.of());
        assertThat(wrongValue.statusCode()).isEqualTo(400);
        assertThat(fields(JSON.readTree(wrongValue.body()))).containsExactly("urgency");
        assertThat(JSON.readTree(wrongValue.body()).get("detail").asString()).contains("NORMAL", "URGENT", "EMERGENCY");

        HttpResponse<String> malformed = post("{\"channel\": ", Map.of());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("type").asString()).isEqualTo("https://onenet.cn/problems/invalid-body");

        HttpResponse<String> longKey = post(body(Channel.HOTLINE, null), Map.of("Idempotency-Key", "k".repeat(129)));
        assertThat(longKey.statusCode()).isEqualTo(400);

        // the header sent twice: which key? refused, not joined into a third ("K1,K2") that made another order
        String title = "twice-" + UUID.randomUUID();
        HttpRequest twice = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/requests"))
            .header("Content-Type", "application/json").header("Idempotency-Key", "K1-" + title)
            .header("Idempotency-Key", "K2-" + title)
            .POST(HttpRequest.BodyPublishers.ofString(titled(body(Channel.HOTLINE, null), title))).build();
        HttpResponse<String> refused = HTTP.send(twice, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fields(JSON.readTree(refused.body()))).containsExactly("Idempotency-Key");
        assertThat(recordsWithTitle(title)).isEmpty();
    }

    @Test
    void aHotlineCallSentAgainUnderTheKeyTheGatewayGaveItIsOneRequest() {
        // the gateway gives a keyless write a key and names it in its 503 when it could not learn the outcome
        String gatewaysKey = "gateway-" + UUID.randomUUID();
        HttpResponse<String> first = post(body(Channel.HOTLINE, null), Map.of("OneNet-Gateway-Key", gatewaysKey));
        HttpResponse<String> again = post(body(Channel.HOTLINE, null), Map.of("Idempotency-Key", gatewaysKey));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).get("id").asString())
            .isEqualTo(JSON.readTree(first.body()).get("id").asString());
        assertThat(JSON.readTree(again.body()).get("trackingNumber").asString())
            .isEqualTo(JSON.readTree(first.body()).get("trackingNumber").asString());
        // the caller's own key wins over the gateway's
        HttpResponse<String> own = post(body(Channel.HOTLINE, null),
                Map.of("OneNet-Gateway-Key", gatewaysKey, "Idempotency-Key", "own-" + gatewaysKey));
        assertThat(JSON.readTree(own.body()).get("id").asString())
            .isNotEqualTo(JSON.readTree(first.body()).get("id").asString());

        // it makes a write repeatable; it is no id of the channel's, which every channel but the hotline must give
        String title = "gateway-keyed-" + gatewaysKey;
        HttpResponse<String> livelihood = post(titled(body(Channel.LIVELIHOOD, null), title),
                Map.of("OneNet-Gateway-Key", gatewaysKey));
        assertThat(livelihood.statusCode()).isEqualTo(400);
        assertThat(fields(JSON.readTree(livelihood.body()))).containsExactly("externalId");
        assertThat(recordsWithTitle(title)).isEmpty();
    }

    @Test
    void anIdempotencyKeyStandsInForTheChannelsOwnIdOnEveryChannel() {
        String key = "MS-KEY-" + UUID.randomUUID();
        HttpResponse<String> first = post(body(Channel.LIVELIHOOD, null), Map.of("Idempotency-Key", key));
        HttpResponse<String> again = post(body(Channel.LIVELIHOOD, null), Map.of("Idempotency-Key", key));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        String id = JSON.readTree(first.body()).get("id").asString();
        assertThat(JSON.readTree(again.body()).get("id").asString()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsFor(id)).isNotEmpty());
        RequestSubmitted event = (RequestSubmitted) codec.decode(recordsFor(id).get(0));
        assertThat(event.externalId()).isNull();
        assertThat(event.idempotencyKey()).isEqualTo(key);

        HttpResponse<String> neither = post(titled(body(Channel.LIVELIHOOD, null), "neither-" + key), Map.of());
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(fields(JSON.readTree(neither.body()))).containsExactly("externalId");
        assertThat(JSON.readTree(neither.body()).get("detail").asString()).contains("Idempotency-Key");
        assertThat(recordsWithTitle("neither-" + key)).isEmpty();
    }

    @Test
    void answersAnIdempotencyKeyThatIsNotAsciiWith400NamingIt() throws Exception {
        for (byte[] key : List.of("中文".getBytes(StandardCharsets.UTF_8), "ключ".getBytes(StandardCharsets.UTF_8),
                new byte[] { 'k', (byte) 0x85 }, "é".getBytes(StandardCharsets.ISO_8859_1))) {
            String title = "key-" + UUID.randomUUID();
            String answer = rawPost(titled(body(Channel.HOTLINE, null), title), key);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
            JsonNode problem = JSON.readTree(answer.substring(answer.indexOf('{'), answer.lastIndexOf('}') + 1));
            assertThat(problem.get("type").asString()).isEqualTo("https://onenet.cn/problems/validation");
            assertThat(fields(problem)).containsExactly("Idempotency-Key");
            assertThat(recordsWithTitle(title)).isEmpty();
        }
    }

    @Test
    void listsEveryOffendingFieldWhenSomeCantBeRead() {
        String title = "all-" + UUID.randomUUID();
        ObjectNode badValues = (ObjectNode) JSON.readTree(titled(body(Channel.COURT, "FY-" + UUID.randomUUID()),
                title));
        badValues.put("urgency", "HIGH");
        badValues.put("category", "flying-cars");
        ((ObjectNode) badValues.get("location")).put("community", "atlantis");
        ((ObjectNode) badValues.get("requester")).put("phone", "12345");
        assertRefused(post(badValues.toString(), Map.of()), "urgency", "category", "location.community",
                "requester.phone");

        ObjectNode unknown = (ObjectNode) JSON.readTree(titled(body(Channel.COURT, "FY-" + UUID.randomUUID()),
                title));
        ((ObjectNode) unknown.get("location")).put("foo", 1);
        unknown.put("status", "CLOSED");
        unknown.putObject("bar").put("x", "y");
        assertRefused(post(unknown.toString(), Map.of()), "location.foo", "status", "bar");

        ObjectNode wrongTypes = (ObjectNode) JSON.readTree(body(Channel.COURT, null));
        wrongTypes.putArray("title").add("x");
        wrongTypes.put("externalId", 123);
        ((ObjectNode) wrongTypes.get("location")).put("latitude", "north");
        wrongTypes.put("description", "");
        assertRefused(post(wrongTypes.toString(), Map.of()), "title", "externalId", "location.latitude",
                "description");
        assertThat(recordsWithTitle(title)).isEmpty();
    }

    @Test
    void convertsNoStringNumberOrBooleanIntoAnotherAndRefusesAKeyGivenTwice() {
        String title = "strict-" + UUID.randomUUID();
        ObjectNode numberTitle = (ObjectNode) JSON.readTree(body(Channel.POLICE, "JW-" + UUID.randomUUID()));
        numberTitle.put("title", 123);
        assertRefused(post(numberTitle.toString(), Map.of()), "title");

        ObjectNode booleanDescription = (ObjectNode) JSON.readTree(titled(body(Channel.POLICE, "JW-1"), title));
        booleanDescription.put("description", true);
        assertRefused(post(booleanDescription.toString(), Map.of()), "description");

        ObjectNode textLatitude = (ObjectNode) JSON.readTree(titled(body(Channel.POLICE, "JW-2"), title));
        ((ObjectNode) textLatitude.get("location")).put("latitude", "30.1");
        assertRefused(post(textLatitude.toString(), Map.of()), "location.latitude");

        ObjectNode numberPhone = (ObjectNode) JSON.readTree(titled(body(Channel.POLICE, "JW-3"), title));
        ((ObjectNode) numberPhone.get("requester")).put("phone", 13800138000L);
        assertRefused(post(numberPhone.toString(), Map.of()), "requester.phone");

        String twice = titled(body(Channel.POLICE, "V-15"), title).replace("\"externalId\":\"V-15\"",
                "\"externalId\":\"V-15\",\"externalId\":\"V-16\"");
        assertRefused(post(twice, Map.of()), "externalId");

        assertThat(recordsWithTitle(title)).isEmpty();
        assertThat(recordsWithTitle("123")).isEmpty();
    }

    @Test
    void countsTextLengthsInCharactersNotUtf16Units() {
        for (String character : List.of("\uD840\uDC00", "\uD83D\uDE00")) {
            String title = character.repeat(60) + UUID.randomUUID();
            ObjectNode body = (ObjectNode) JSON.readTree(titled(body(Channel.LIVELIHOOD, "MS-" + UUID.randomUUID()),
                    title));
            ((ObjectNode) body.get("requester")).put("name", character.repeat(50));
            ((ObjectNode) body.get("location")).put("address", character.repeat(200));
            HttpResponse<String> accepted = post(body.toString(), Map.of());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

            body.put("title", character.repeat(101));
            HttpResponse<String> tooLong = post(body.toString(), Map.of());
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(fields(JSON.readTree(tooLong.body()))).containsExactly("title");
            assertThat(JSON.readTree(tooLong.body()).get("detail").asString())
                .isEqualTo("title: size must be between 0 and 100");
        }
    }

    /** Text that is no text (a NUL, half a surrogate pair) is refused, not stored changed. */
    @Test
    void refusesTextThatIsNoText() {
        String body = body(Channel.LIVELIHOOD, "MS-" + UUID.randomUUID());
        for (String title : List.of("\\u0000路灯", "路灯\\ud800", "\\udc00", "路灯\\u001b[31m")) {
            HttpResponse<String> refused = post(body.replace("\"title\":\"", "\"title\":\"" + title), Map.of());
            assertThat(refused.statusCode()).as(title).isEqualTo(400);
            assertThat(fields(JSON.readTree(refused.body()))).containsExactly("title");
        }
        HttpResponse<String> lines = post(body.replace("\"title\":\"", "\"title\":\"第一行\\n第二行\\t"), Map.of());
        assertThat(lines.statusCode()).isEqualTo(202);
    }

    @Test
    void answersAChannelThatIsNoneOfTheChannelsWith400NamingIt() {
        for (String channel : List.of("FAX", "livelihood")) {
            ObjectNode body = (ObjectNode) JSON.readTree(body(Channel.LIVELIHOOD, "MS-" + UUID.randomUUID()));
            body.put("channel", channel);
            HttpResponse<String> response = post(body.toString(), Map.of());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(fields(JSON.readTree(response.body()))).containsExactly("channel");
            assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("LIVELIHOOD", "HOTLINE");
        }
    }

    private void assertRefused(HttpResponse<String> response, String... fields) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("type").asString())
            .isEqualTo("https://onenet.cn/problems/invalid-body");
        assertThat(fields(JSON.readTree(response.body()))).as(response.body()).containsExactlyInAnyOrder(fields);
    }

    private static String titled(String body, String title) {
        ObjectNode node = (ObjectNode) JSON.readTree(body);
        node.put("title", title);
        return node.toString();
    }

    /** A submission with an Idempotency-Key of raw bytes, which Java's HTTP client would not send. */
    private String rawPost(String json, byte[] key) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nIdempotency-Key: ")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(key);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<ConsumerRecord<String, byte[]>> recordsFor(String id) {
        return submitted.stream().filter(record -> id.equals(record.key())).toList();
    }

    private List<ConsumerRecord<String, byte[]>> recordsWithTitle(String title) {
        return submitted.stream().filter(record -> {
            RequestSubmitted event = (RequestSubmitted) codec.decode(record);
            return title == null ? event.title() == null : title.equals(event.title());
        }).toList();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    static String body(Channel channel, String externalId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", channel.name());
        if (externalId != null) {
            body.put("externalId", externalId);
        }
        body.put("category", "elderly-care");
        body.put("title", "独居老人需要助餐服务");
        body.put("description", "星洲社区3幢的独居老人行动不便，希望每天有人送餐。");
        body.put("urgency", "NORMAL");
        ObjectNode location = body.putObject("location");
        location.put("community", "xingzhou");
        location.put("address", "星洲社区3幢2单元");
        location.put("latitude", 30.27);
        location.put("longitude", 120.15);
        ObjectNode requester = body.putObject("requester");
        requester.put("name", "张三");
        requester.put("phone", "13800138000");
        return body.toString();
    }

    private HttpResponse<String> post(String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/requests"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
