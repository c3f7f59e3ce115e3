package cn.onenet.platform.kafka;

import cn.onenet.contracts.EventTypes;
import cn.onenet.platform.web.CorrelationId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns contract records into Kafka records and back, following the CloudEvents Kafka binding in binary
 * mode: the payload is the event as JSON, the metadata travels in {@code ce_*} headers. Readers are
 * tolerant (unknown fields are ignored, so producers may add fields compatibly); the type comes from the
 * stable wire name in {@link EventTypes}, never from a Java class name.
 */
public class EventCodec {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    private final JsonMapper json;
    private final String source;

    public EventCodec(String source) {
        this.source = source;
        this.json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    }

    public ProducerRecord<String, byte[]> encode(String topic, String key, Object event) {
        return encode(topic, key, event, UUID.randomUUID().toString());
    }

    /** Encodes with a given event id, so a relayed event keeps the id it was stored with. */
    public ProducerRecord<String, byte[]> encode(String topic, String key, Object event, String eventId) {
        return record(topic, key, EventTypes.nameOf(event.getClass()), eventId, toJson(event), CorrelationId.current());
    }

    /** A record from an already serialized event, e.g. one kept in an outbox, with its original ids. */
    public ProducerRecord<String, byte[]> record(String topic, String key, String type, String eventId, byte[] payload,
            String correlationId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload);
        Headers headers = record.headers();
        add(headers, SPEC_VERSION, "1.0");
        add(headers, ID, eventId);
        add(headers, SOURCE, "/onenet/" + source);
        add(headers, TYPE, type);
        add(headers, TIME, Instant.now().toString());
        add(headers, SUBJECT, key);
        add(headers, CONTENT_TYPE, "application/json");
        if (correlationId != null) {
            add(headers, CorrelationId.KAFKA_HEADER, correlationId);
        }
        return record;
    }

    public byte[] toJson(Object event) {
        return json.writeValueAsBytes(event);
    }

    public <T> T fromJson(byte[] payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        }
        catch (JacksonException ex) {
            throw new EventDecodingException("Payload is not a valid " + type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /** Reads a record into its contract record; an unknown type or unreadable payload can never succeed later. */
    public Object decode(ConsumerRecord<String, byte[]> record) {
        String type = header(record.headers(), TYPE);
        if (type == null) {
            throw new EventDecodingException("Record has no " + TYPE + " header");
        }
        Class<?> target = EventTypes.classOf(type)
            .orElseThrow(() -> new EventDecodingException("Unknown event type " + type));
        if (record.value() == null) {
            throw new EventDecodingException("Record of type " + type + " has no payload");
        }
        return fromJson(record.value(), target);
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
