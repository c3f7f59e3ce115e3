package cn.onenet.routing.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.pii.PersonalData;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The requester's phone and ID numbers at rest: sealed in the store, masked in views, found by its keyed hash; shown in
 * clear only with a reason, every such read in the access audit. So too free text as submitted, where intake masked
 * numbers in it.
 */
class PersonalDataIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PersonalData personalData;

    @Test
    void thePhoneNumberIsSealedInTheStoreMaskedInViewsAndFoundByItsHash() throws Exception {
        String phone = "139" + String.format("%08d", (int) (Math.random() * 100_000_000));
        UUID clearInEvent = submit(phone);
        UUID sealedInEvent = submit(personalData.seal(phone));

        for (UUID id : new UUID[] { clearInEvent, sealedInEvent }) {
            Document raw = mongo.getCollection("work_orders").find(new Document("_id", id.toString())).first();
            assertThat(raw).isNotNull();
            assertThat(raw.toJson()).doesNotContain(phone).doesNotContain(phone.substring(3));
            String stored = raw.get("requester", Document.class).getString("phone");
            assertThat(stored).startsWith(PersonalData.PREFIX);
            assertThat(personalData.open(stored)).isEqualTo(phone);

            JsonNode view = get("/api/v1/requests/" + id).body();
            assertThat(view.get("requester").get("phone").asString()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
            assertThat(view.get("requester").get("name").asString()).isEqualTo("钱*");
        }

        JsonNode found = get("/api/v1/requests?phone=" + phone.substring(0, 3) + "%20" + phone.substring(3, 7) + "%20"
                + phone.substring(7)).body();
        assertThat(found.get("content")).extracting(order -> order.get("id").asString())
            .containsExactlyInAnyOrder(clearInEvent.toString(), sealedInEvent.toString());
        // typed in full-width mode (an operator's input method left so), the same caller
        String fullWidth = phone.chars().mapToObj(digit -> String.valueOf((char) (digit - '0' + '０')))
            .collect(java.util.stream.Collectors.joining());
        JsonNode foundAgain = get("/api/v1/requests?phone=" + java.net.URLEncoder.encode(
                fullWidth.substring(0, 3) + "－" + fullWidth.substring(3), java.nio.charset.StandardCharsets.UTF_8))
            .body();
        assertThat(foundAgain.get("content")).extracting(order -> order.get("id").asString())
            .containsExactlyInAnyOrder(clearInEvent.toString(), sealedInEvent.toString());
        assertThat(get("/api/v1/requests?phone=abc").status()).isEqualTo(400);
    }

    @Test
    void theIdNumberIsSealedAndMaskedAndAClearReadIsAuditedBeforeItIsShown() throws Exception {
        String phone = "137" + String.format("%08d", (int) (Math.random() * 100_000_000));
        String idNumber = "11010519491231002X";
        UUID id = submit(phone, idNumber);

        Document raw = mongo.getCollection("work_orders").find(new Document("_id", id.toString())).first();
        assertThat(raw.toJson()).doesNotContain(idNumber).doesNotContain(phone);
        assertThat(personalData.open(raw.get("requester", Document.class).getString("idNumber"))).isEqualTo(idNumber);
        JsonNode masked = get("/api/v1/requests/" + id).body().get("requester");
        assertThat(masked.get("idNumber").asString()).isEqualTo("110***********002X");

        // a reason is required, and without one nothing is shown and nothing recorded
        Response noReason = post("/api/v1/requests/" + id + "/personal-data", "{\"reason\":\" \"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().toString()).contains("reason");
        assertThat(get("/api/v1/personal-data-access?orderId=" + id).body().get("totalElements").asLong()).isZero();

        Response clear = post("/api/v1/requests/" + id + "/personal-data", "{\"reason\":\"回访核实住址\"}");
        assertThat(clear.status()).isEqualTo(200);
        assertThat(clear.body().get("phone").asString()).isEqualTo(phone);
        assertThat(clear.body().get("idNumber").asString()).isEqualTo(idNumber);
        assertThat(clear.body().get("name").asString()).isEqualTo("钱七");

        JsonNode audit = get("/api/v1/personal-data-access?orderId=" + id).body();
        assertThat(audit.get("totalElements").asLong()).isEqualTo(1);
        JsonNode record = audit.get("content").get(0);
        assertThat(record.get("id").asString()).isEqualTo(clear.body().get("auditId").asString());
        assertThat(record.get("reason").asString()).isEqualTo("回访核实住址");
        assertThat(record.get("actor").asString()).isEqualTo("anonymous");
        assertThat(record.get("fields")).extracting(JsonNode::asString).containsExactly("name", "phone", "idNumber");
        assertThat(record.get("trackingNumber").asString()).isEqualTo(get("/api/v1/requests/" + id).body().get("trackingNumber").asString());
        assertThat(record.toString()).doesNotContain(phone).doesNotContain(idNumber);

        assertThat(post("/api/v1/requests/" + UUID.randomUUID() + "/personal-data", "{\"reason\":\"x\"}").status()).isEqualTo(404);
        assertThat(get("/api/v1/personal-data-access?orderId=nope").status()).isEqualTo(400);
        assertThat(get("/api/v1/personal-data-access?orderId=bad&from=xx&to=yy").body().get("errors"))
            .extracting(error -> error.get("field").asString()).containsExactly("from", "orderId", "to");
    }

    @Test
    void theAuditIsReadOnFromWhereAPageEndedWhileMoreReadsAreRecorded() throws Exception {
        UUID id = submit("133" + String.format("%08d", (int) (Math.random() * 100_000_000)));
        for (int i = 1; i <= 5; i++) {
            assertThat(post("/api/v1/requests/" + id + "/personal-data", "{\"reason\":\"回访 " + i + "\"}").status())
                .isEqualTo(200);
        }
        String list = "/api/v1/personal-data-access?orderId=" + id;
        List<String> all = reasons(get(list + "&size=100").body());
        assertThat(all).containsExactlyInAnyOrder("回访 1", "回访 2", "回访 3", "回访 4", "回访 5");
        String trackingNumber = get("/api/v1/requests/" + id).body().get("trackingNumber").asString();
        assertThat(reasons(get("/api/v1/personal-data-access?size=100&trackingNumber=%20" + trackingNumber).body()))
            .isEqualTo(all);

        JsonNode first = get(list + "&size=2").body();
        List<String> paged = new ArrayList<>(reasons(first));
        // reads recorded while the supervisor reads on: newer than where the page ended, so not on the pages after it
        for (int i = 6; i <= 7; i++) {
            post("/api/v1/requests/" + id + "/personal-data", "{\"reason\":\"回访 " + i + "\"}");
        }
        String next = first.get("next").asString();
        for (int pages = 0; next != null && pages < 10; pages++) {
            JsonNode page = get(list + "&size=2&after=" + next).body();
            assertThat(page.get("totalElements").asLong()).isEqualTo(7);
            paged.addAll(reasons(page));
            next = page.get("next").isNull() ? null : page.get("next").asString();
        }
        assertThat(next).isNull();
        assertThat(paged).isEqualTo(all);

        Response garbled = get(list + "&after=bm90LWEtcGxhY2U");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.body().get("errors").get(0).get("field").asString()).isEqualTo("after");
        Response both = get(list + "&page=1&after=" + first.get("next").asString());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().get("errors").get(0).get("field").asString()).isEqualTo("page");
    }

    private static List<String> reasons(JsonNode page) {
        List<String> reasons = new ArrayList<>();
        page.get("content").forEach(record -> reasons.add(record.get("reason").asString()));
        return reasons;
    }

    @Test
    void freeTextAsSubmittedIsKeptSealedShownMaskedAndReadInClearOnlyThroughTheAudit() throws Exception {
        String phone = "136" + String.format("%08d", (int) (Math.random() * 100_000_000));
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        String title = "噪音 回电" + phone;
        // as long as a description may be (2,000 characters), in characters of four bytes: the sealed text fits
        String longest = "𠀀".repeat(2000 - 36);
        String description = "请回电" + phone + "，身份证11010519491231002X" + longest;
        String maskedDescription = "请回电" + masked + "，身份证110***********002X" + longest;
        // as intake publishes it: the title's original sealed, the description's (an older producer's) in clear
        UUID id = submit(new Requester("钱七", phone, null), "噪音 回电" + masked, maskedDescription,
                personalData.seal(title), description);

        Document raw = mongo.getCollection("work_orders").find(new Document("_id", id.toString())).first();
        assertThat(raw.toJson()).doesNotContain(phone).doesNotContain("11010519491231002X");
        assertThat(raw.getString("title")).isEqualTo("噪音 回电" + masked);
        assertThat(personalData.open(raw.getString("titleSealed"))).isEqualTo(title);
        assertThat(raw.getString("descriptionSealed")).startsWith(PersonalData.PREFIX);
        assertThat(personalData.open(raw.getString("descriptionSealed"))).isEqualTo(description);
        assertThat(description.codePointCount(0, description.length())).isEqualTo(2000);

        JsonNode view = get("/api/v1/requests/" + id).body();
        assertThat(view.get("title").asString()).isEqualTo("噪音 回电" + masked);
        assertThat(view.get("description").asString()).isEqualTo(maskedDescription);
        assertThat(view.has("titleSealed")).isFalse();
        assertThat(view.toString()).doesNotContain(phone).doesNotContain(PersonalData.PREFIX);
        assertThat(get("/api/v1/requests?channel=HOTLINE&size=100").body().toString()).doesNotContain(phone)
            .doesNotContain(PersonalData.PREFIX);

        Response clear = post("/api/v1/requests/" + id + "/personal-data", "{\"reason\":\"回访\"}");
        assertThat(clear.status()).isEqualTo(200);
        assertThat(clear.body().get("title").asString()).isEqualTo(title);
        assertThat(clear.body().get("description").asString()).isEqualTo(description);
        JsonNode record = get("/api/v1/personal-data-access?orderId=" + id).body().get("content").get(0);
        assertThat(record.get("fields")).extracting(JsonNode::asString)
            .containsExactly("name", "phone", "title", "description");
        assertThat(record.toString()).doesNotContain(phone);
    }

    @Test
    void aClearReadOfAnOrderWithNothingMaskedInItsTextNamesNoTextField() throws Exception {
        UUID id = submit("135" + String.format("%08d", (int) (Math.random() * 100_000_000)));

        Response clear = post("/api/v1/requests/" + id + "/personal-data", "{\"reason\":\"回访\"}");
        assertThat(clear.status()).isEqualTo(200);
        assertThat(clear.body().has("title")).isFalse();
        assertThat(clear.body().has("description")).isFalse();
        assertThat(clear.body().get("fields")).extracting(JsonNode::asString).containsExactly("name", "phone");
    }

    private UUID submit(String phone) throws Exception {
        return submit(phone, null);
    }

    private UUID submit(String phone, String idNumber) throws Exception {
        return submit(new Requester("钱七", phone, idNumber), "垃圾清运不及时", "小区垃圾两天没人收", null, null);
    }

    private UUID submit(Requester requester, String title, String description, String titleSealed,
            String descriptionSealed) throws Exception {
        UUID id = UUID.randomUUID();
        String tracking = String.format("%017d", Math.abs(id.getLeastSignificantBits() % 100_000_000_000_000_000L));
        RequestSubmitted submitted = new RequestSubmitted(UUID.randomUUID(), id, tracking, Channel.HOTLINE, null, null,
                "sanitation", title, description, Urgency.NORMAL, new Location("dejia", "德加社区", null, null),
                requester, Instant.now(), null, titleSealed, descriptionSealed);
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, id.toString(), submitted)).get();
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/requests/" + id).status() == 200);
        return id;
    }
}
