package cn.onenet.routing.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.EventTypes;
import cn.onenet.contracts.requests.ExtensionDecided;
import cn.onenet.platform.kafka.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventBodiesTests {

    static final EventCodec CODEC = new EventCodec("tests");
    static final EventBodies BODIES = new EventBodies(ZoneId.of("Asia/Shanghai"));

    @Test
    void givesEveryTimeOfTheEventInTheDistrictsZoneWithTheSameInstant() {
        ExtensionDecided decided = new ExtensionDecided(UUID.randomUUID(), UUID.randomUUID(), 4,
                Instant.parse("2026-12-01T02:40:24.275Z"), "supervisor", "housing",
                Instant.parse("2026-12-15T10:00:00Z"), true, "同意");

        JsonNode event = BODIES.event(delivery(EventTypes.nameOf(ExtensionDecided.class), json(decided)));

        assertThat(event.get("occurredAt").asString()).isEqualTo("2026-12-01T10:40:24.275+08:00");
        assertThat(event.get("until").asString()).isEqualTo("2026-12-15T18:00:00+08:00");
        assertThat(event.get("department").asString()).isEqualTo("housing");
        assertThat(event.get("approved").asBoolean()).isTrue();
    }

    @Test
    void passesOnWhatItCantTurnAsPublished() {
        String newer = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-12-01T02:40:24Z\",\"x\":1}";

        assertThat(BODIES.event(delivery("cn.onenet.request.not-yet-known.v1", newer)).get("occurredAt").asString())
            .isEqualTo("2026-12-01T02:40:24Z");
        assertThat(BODIES.event(delivery(EventTypes.nameOf(ExtensionDecided.class), newer)).get("x").asInt())
            .as("a field a newer producer added is kept").isEqualTo(1);
        assertThat(BODIES.format(Instant.parse("2026-12-15T10:00:00Z"))).isEqualTo("2026-12-15T18:00:00+08:00");
    }

    private static String json(Object event) {
        return new String(CODEC.toJson(event), StandardCharsets.UTF_8);
    }

    private static Delivery delivery(String type, String payload) {
        return Delivery.create(Target.parse("department:housing"), UUID.randomUUID(), UUID.randomUUID(), 4, type,
                Instant.now(), payload, DeliveryState.PULL_ONLY, null, null, Instant.now());
    }
}
