package cn.onenet.routing.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.reference.ReferenceDataPublished;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

class ReferenceDataIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    EventCodec codec;

    @Test
    void servesTheDistrictsDemoCatalogueWithDepartmentsAndServiceLevels() {
        JsonNode catalogue = get("/api/v1/catalogue").body();
        assertThat(catalogue.size()).isGreaterThanOrEqualTo(15);
        JsonNode elderlyCare = find(catalogue, "elderly-care");
        assertThat(elderlyCare.get("name").asString()).contains("养老");
        assertThat(elderlyCare.get("nameEn").asString()).isNotBlank();
        assertThat(elderlyCare.get("department").asString()).isEqualTo("civil-affairs");
        assertThat(elderlyCare.get("sla").get("URGENT").get("acknowledgeWithinHours").asInt()).isPositive();
        assertThat(elderlyCare.get("sla").get("NORMAL").get("resolveWithinWorkingDays").asInt()).isPositive();

        JsonNode departments = get("/api/v1/departments").body();
        assertThat(departments.size()).isGreaterThanOrEqualTo(8);
        for (JsonNode category : catalogue) {
            if (!category.get("department").isNull()) {
                assertThat(departments).extracting(d -> d.get("code").asString())
                    .contains(category.get("department").asString());
            }
        }
        assertThat(get("/api/v1/communities").body()).extracting(c -> c.get("code").asString())
            .contains("xingzhou", "hupan", "dejia");
        assertThat(get("/api/v1/channels").body()).extracting(c -> c.get("code").asString())
            .containsExactly("PARTY_BUILDING", "LIVELIHOOD", "GOVERNANCE", "COURT", "LAWYER", "POLICE", "HOTLINE");
    }

    @Test
    void publishesTheCatalogueSoIntakeValidatesAgainstWhatRoutingRoutesBy() {
        AtomicReference<ReferenceDataPublished> latest = latestSnapshot(snapshot -> true);
        assertThat(latest.get().categories()).extracting(ReferenceDataPublished.CategoryRef::code)
            .contains("elderly-care", "legal-aid", "other");
        assertThat(latest.get().communities()).extracting(ReferenceDataPublished.CommunityRef::code)
            .contains("xingzhou", "hupan", "dejia");
    }

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void anAdministratorAddsADepartmentACategoryAndACommunityThatRoutingAndIntakeUseAtOnce() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        String department = "street-office-" + suffix;
        String category = "noise-" + suffix;
        String community = "qiushi-" + suffix;

        Response added = put("/api/v1/departments/" + department,
                "{\"name\":\"求是街道办事处\",\"nameEn\":\"Qiushi Street Office\",\"kind\":\"STREET\"}", "admin");
        assertThat(added.status()).isEqualTo(201);
        assertThat(put("/api/v1/departments/" + department,
                "{\"name\":\"求是街道\",\"kind\":\"STREET\"}", "admin").status()).isEqualTo(200);
        assertThat(put("/api/v1/catalogue/" + category, "{\"name\":\"夜间施工噪音\",\"department\":\"" + department
                + "\",\"sla\":{\"NORMAL\":{\"acknowledgeWithinHours\":12,\"resolveWithinWorkingDays\":3}}}", "admin")
            .status()).isEqualTo(201);
        assertThat(put("/api/v1/communities/" + community, "{\"name\":\"求是社区\",\"street\":\"求是街道\",\"committee\":\""
                + department + "\",\"grids\":[{\"code\":\"" + community + "-01\",\"name\":\"第一网格\"}]}", "admin")
            .status()).isEqualTo(201);

        JsonNode listed = find(get("/api/v1/catalogue").body(), category);
        assertThat(listed.get("department").asString()).isEqualTo(department);
        assertThat(listed.get("sla").get("URGENT").get("acknowledgeWithinHours").asInt())
            .as("an urgency without its own level takes the normal one").isEqualTo(12);
        assertThat(find(get("/api/v1/departments").body(), department).get("name").asString()).isEqualTo("求是街道");
        assertThat(find(get("/api/v1/communities").body(), community).get("grids").get(0).get("code").asString())
            .isEqualTo(community + "-01");

        // intake hears of it: the latest snapshot on the reference-data topic holds the new category and community
        latestSnapshot(snapshot -> snapshot.categories().stream().anyMatch(c -> c.code().equals(category))
                && snapshot.communities().stream().anyMatch(c -> c.code().equals(community)));

        // and routing routes by it
        UUID id = UUID.randomUUID();
        RequestSubmitted submitted = new RequestSubmitted(UUID.randomUUID(), id,
                String.format("%017d", Math.abs(id.getMostSignificantBits() % 100_000_000_000_000_000L)), Channel.HOTLINE,
                null, null, category, "夜间施工", "工地每晚施工到凌晨两点", Urgency.NORMAL,
                new Location(community, "求是社区5幢", null, null, community + "-01"), new Requester("李四", "13900001111"),
                Instant.now());
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, id.toString(), submitted)).get();
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/requests/" + id).status() == 200);
        assertThat(get("/api/v1/requests/" + id).body().get("department").asString()).isEqualTo(department);

        JsonNode audit = get("/api/v1/reference-data/audit?limit=10").body();
        assertThat(audit).extracting(change -> change.get("kind").asString() + " " + change.get("code").asString())
            .contains("department " + department, "category " + category, "community " + community);
        // one entry's trail: its kind and code
        assertThat(get("/api/v1/reference-data/audit?kind=department&code=" + department).body())
            .extracting(change -> change.get("kind").asString() + " " + change.get("code").asString())
            .isNotEmpty().containsOnly("department " + department);
        // a code no entry has is not found; an entry never changed since the demo data has an empty trail
        Response unknown = get("/api/v1/reference-data/audit?kind=department&code=no-such-office");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asString()).isEqualTo("No department has the code no-such-office");
        assertThat(get("/api/v1/reference-data/audit?code=no-such-office").status()).isEqualTo(404);
        assertThat(get("/api/v1/reference-data/audit?kind=category&code=" + department).status()).isEqualTo(404);
        assertThat(get("/api/v1/reference-data/audit?kind=department&code=justice-office").body()).isEmpty();
        assertThat(get("/api/v1/reference-data/audit?kind=category").body())
            .extracting(change -> change.get("kind").asString()).containsOnly("category");
        assertThat(get("/api/v1/reference-data/audit?kind=planet&limit=0").body().get("errors"))
            .extracting(error -> error.get("field").asString()).containsExactlyInAnyOrder("kind", "limit");
        JsonNode renamed = audit.get(audit.size() - 1);
        for (JsonNode change : audit) {
            if (change.get("code").asString().equals(department) && !change.get("before").isNull()) {
                renamed = change;
            }
        }
        assertThat(renamed.get("actor").asString()).isEqualTo("admin");
        assertThat(renamed.get("before").get("name").asString()).isEqualTo("求是街道办事处");
        assertThat(renamed.get("after").get("name").asString()).isEqualTo("求是街道");
    }

    @Test
    void refusesBadReferenceDataNamingEveryFieldAndChangesNothing() {
        Response category = put("/api/v1/catalogue/Bad_Code", "{\"name\":\" \",\"department\":\"nobody\",\"sla\":"
                + "{\"URGENT\":{\"acknowledgeWithinHours\":0,\"resolveWithinWorkingDays\":3}}}", "admin");
        assertThat(category.status()).isEqualTo(400);
        // one answer names them all: the path's code, the blank name, the unknown department, the missing normal level
        // and the bad hours (the codes and the normal level used to wait until the rest was right)
        assertThat(fieldsOf(category)).containsExactlyInAnyOrder("code", "name", "department", "sla.NORMAL",
                "sla.URGENT.acknowledgeWithinHours");
        // an urgency that is none, and a level of the wrong type, named beside a bad level
        Response levels = put("/api/v1/catalogue/ok-code", "{\"name\":\"k\",\"sla\":{\"NORMAL\":"
                + "{\"acknowledgeWithinHours\":-1,\"resolveWithinWorkingDays\":3},\"SUPER\":{},\"EMERGENCY\":5}}", "admin");
        assertThat(fieldsOf(levels)).containsExactlyInAnyOrder("sla.NORMAL.acknowledgeWithinHours", "sla.SUPER",
                "sla.EMERGENCY");
        Response valid = put("/api/v1/catalogue/ok-code", "{\"name\":\"x\",\"department\":\"nobody\",\"sla\":"
                + "{\"URGENT\":{\"acknowledgeWithinHours\":2,\"resolveWithinWorkingDays\":3}}}", "admin");
        assertThat(valid.status()).isEqualTo(400);
        assertThat(fieldsOf(valid)).containsExactlyInAnyOrder("department", "sla.NORMAL");
        Response community = put("/api/v1/communities/c1", "{\"name\":\"社区\",\"street\":\"街道\",\"committee\":\"nobody\","
                + "\"grids\":[{\"code\":\"g-1\",\"name\":\"一\"},{\"code\":\"g-1\",\"name\":\"二\"}]}", "admin");
        assertThat(fieldsOf(community)).containsExactlyInAnyOrder("committee", "grids[1].code");
        Response grids = put("/api/v1/communities/C2", "{\"name\":\" \",\"street\":\"街道\",\"committee\":\"nobody\","
                + "\"grids\":[{\"code\":\"G 1\",\"name\":\"一\"},{\"code\":\"g-2\",\"name\":\"二\"},"
                + "{\"code\":\"g-2\",\"name\":\"三\"}]}", "admin");
        assertThat(fieldsOf(grids)).containsExactlyInAnyOrder("code", "name", "committee", "grids[0].code",
                "grids[2].code");
        assertThat(fieldsOf(put("/api/v1/departments/d1", "{\"name\":\"部门\",\"kind\":\"SHOP\"}", "admin")))
            .containsExactly("kind");
        assertThat(fieldsOf(put("/api/v1/departments/D_1", "{\"name\":\"\",\"kind\":\"SHOP\"}", "admin")))
            .containsExactlyInAnyOrder("code", "name", "kind");
        assertThat(get("/api/v1/catalogue").body()).extracting(c -> c.get("code").asString()).doesNotContain("ok-code");
        assertThat(get("/api/v1/communities").body()).extracting(c -> c.get("code").asString()).doesNotContain("c1");
    }

    /** Reads the reference-data topic from the start until its latest snapshot satisfies {@code wanted}. */
    private AtomicReference<ReferenceDataPublished> latestSnapshot(Predicate<ReferenceDataPublished> wanted) {
        AtomicReference<ReferenceDataPublished> latest = new AtomicReference<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(Topics.REFERENCE_DATA, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> latest.set((ReferenceDataPublished) codec.decode(record)));
                return latest.get() != null && wanted.test(latest.get());
            });
        }
        return latest;
    }

    private static List<String> fieldsOf(Response problem) {
        List<String> fields = new java.util.ArrayList<>();
        problem.body().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static JsonNode find(JsonNode array, String code) {
        for (JsonNode node : array) {
            if (code.equals(node.get("code").asString())) {
                return node;
            }
        }
        throw new AssertionError("no " + code);
    }
}
