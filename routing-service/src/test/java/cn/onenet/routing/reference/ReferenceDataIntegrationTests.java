package cn.onenet.routing.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.reference.ReferenceDataPublished;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
        AtomicReference<ReferenceDataPublished> latest = new AtomicReference<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(Topics.REFERENCE_DATA, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                    .forEach(record -> latest.set((ReferenceDataPublished) codec.decode(record)));
                return latest.get() != null;
            });
        }
        assertThat(latest.get().categories()).extracting(ReferenceDataPublished.CategoryRef::code)
            .contains("elderly-care", "legal-aid", "other");
        assertThat(latest.get().communities()).extracting(ReferenceDataPublished.CommunityRef::code)
            .contains("xingzhou", "hupan", "dejia");
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
