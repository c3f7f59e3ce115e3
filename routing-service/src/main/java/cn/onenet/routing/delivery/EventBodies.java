package cn.onenet.routing.delivery;

import cn.onenet.contracts.EventTypes;
import cn.onenet.routing.sla.SlaProperties;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code event} of a webhook body, a feed entry and a delivery view: the lifecycle event with every time in
 * the district's zone ({@code onenet.sla.time-zone}), as the envelope around it gives its {@code occurredAt}, so
 * that a receiver reads one clock. The topic keeps UTC (other consumers read it as it is) and a delivery keeps the
 * payload as published; the times are turned here, when a body is made, so deliveries stored before read the same.
 */
@Component
public class EventBodies {

    private static final Logger log = LoggerFactory.getLogger(EventBodies.class);

    private final ZoneId zone;
    /** Reads as the consumers of the topic do: a field a newer producer added is no reason to fail. */
    private final JsonMapper reader = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
    private final JsonMapper writer;

    @Autowired
    EventBodies(SlaProperties sla) {
        this(sla.timeZone());
    }

    EventBodies(ZoneId zone) {
        this.zone = zone;
        this.writer = JsonMapper.builder().addModule(new SimpleModule("district-times")
            .addSerializer(Instant.class, new DistrictTime(zone))).build();
    }

    /** An instant as every body gives it: an offset date-time in the district's zone, seconds always written. */
    public String format(Instant instant) {
        return instant == null ? null : DistrictTime.FORMAT.format(instant.atZone(zone));
    }

    /**
     * The event of a delivery with its times in the district's zone; {@code null} without a payload. One of a type
     * this service does not know, or that it can't read, is given as published rather than not at all.
     */
    public JsonNode event(Delivery delivery) {
        if (delivery.payload() == null) {
            return null;
        }
        JsonNode published = reader.readTree(delivery.payload());
        Optional<Class<?>> type = Optional.ofNullable(delivery.type()).flatMap(EventTypes::classOf);
        if (type.isEmpty() || !(published instanceof ObjectNode event)) {
            return published;
        }
        try {
            JsonNode zoned = writer.valueToTree(reader.treeToValue(published, type.get()));
            // over the published fields, so that one the record doesn't know (a newer producer's) is still passed on
            return event.deepCopy().setAll((ObjectNode) zoned);
        }
        catch (JacksonException | IllegalArgumentException ex) {
            log.warn("Event of delivery {} ({}) is given as published, times in UTC: {}", delivery.id(),
                    delivery.type(), ex.toString());
            return published;
        }
    }

    private static final class DistrictTime extends ValueSerializer<Instant> {

        static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

        private final ZoneId zone;

        DistrictTime(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(FORMAT.format(value.atZone(zone)));
        }
    }
}
