package cn.onenet.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.contracts.EventTypes;
import cn.onenet.platform.web.CorrelationId;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event a producer writes is read back, equal, by a consumer of the same contract. */
class EventCodecTests {

    final EventCodec producerSide = new EventCodec("request-intake-service");
    final EventCodec consumerSide = new EventCodec("routing-service");

    static Stream<Class<?>> everyEventType() {
        return EventTypes.all().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    void aConsumerReadsBackExactlyWhatAProducerWrote(Class<?> type) throws Exception {
        Object event = sample(type);
        CorrelationId.set("corr-42");
        ProducerRecord<String, byte[]> written;
        try {
            written = producerSide.encode("onenet.test.v1", "key-1", event);
        }
        finally {
            CorrelationId.clear();
        }

        ConsumerRecord<String, byte[]> read = asConsumed(written);

        assertThat(consumerSide.decode(read)).isEqualTo(event);
        assertThat(EventCodec.header(read.headers(), EventCodec.TYPE)).isEqualTo(EventTypes.nameOf(type));
        assertThat(EventCodec.header(read.headers(), EventCodec.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(EventCodec.header(read.headers(), EventCodec.SOURCE)).isEqualTo("/onenet/request-intake-service");
        assertThat(EventCodec.header(read.headers(), CorrelationId.KAFKA_HEADER)).isEqualTo("corr-42");
    }

    @Test
    void aConsumerToleratesFieldsANewerProducerAdded() {
        Object event = sample(cn.onenet.contracts.requests.RequestRejected.class);
        String json = new String(producerSide.toJson(event), StandardCharsets.UTF_8);
        String newer = json.substring(0, json.length() - 1) + ",\"addedLater\":\"x\"}";
        ProducerRecord<String, byte[]> written = producerSide.record("t", "k", EventTypes.nameOf(event.getClass()),
                "id-1", newer.getBytes(StandardCharsets.UTF_8), null);

        assertThat(consumerSide.decode(asConsumed(written))).isEqualTo(event);
    }

    /** A request submitted before free text was masked (and before operators were named) is read without them. */
    @Test
    void aConsumerReadsARequestSubmittedWithoutTheFieldsAddedSince() {
        String older = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"requestId\":\"" + UUID.randomUUID()
                + "\",\"trackingNumber\":\"20261128123456780\",\"channel\":\"HOTLINE\",\"category\":\"noise\","
                + "\"title\":\"噪音\",\"description\":\"夜间施工\",\"urgency\":\"NORMAL\","
                + "\"requester\":{\"name\":\"张三\",\"phone\":\"pii:v1:abc\"},"
                + "\"acceptedAt\":\"2026-11-28T02:15:30Z\"}";
        ProducerRecord<String, byte[]> written = producerSide.record("t", "k",
                EventTypes.nameOf(cn.onenet.contracts.requests.RequestSubmitted.class), "id-1",
                older.getBytes(StandardCharsets.UTF_8), null);

        var read = (cn.onenet.contracts.requests.RequestSubmitted) consumerSide.decode(asConsumed(written));

        assertThat(read.title()).isEqualTo("噪音");
        assertThat(read.requester().idNumber()).isNull();
        assertThat(read.takenBy()).isNull();
        assertThat(read.titleSealed()).isNull();
        assertThat(read.descriptionSealed()).isNull();
    }

    @Test
    void refusesRecordsThatCanNeverBeRead() {
        ProducerRecord<String, byte[]> unknownType = producerSide.record("t", "k", "cn.onenet.unknown.v9", "id", new byte[] { '{', '}' }, null);
        ProducerRecord<String, byte[]> garbage = producerSide.record("t", "k", EventTypes.nameOf(cn.onenet.contracts.requests.RequestSubmitted.class),
                "id", "not json".getBytes(StandardCharsets.UTF_8), null);

        assertThatThrownBy(() -> consumerSide.decode(asConsumed(unknownType))).isInstanceOf(EventDecodingException.class)
            .hasMessageContaining("Unknown event type");
        assertThatThrownBy(() -> consumerSide.decode(asConsumed(garbage))).isInstanceOf(EventDecodingException.class);
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0, record.key(), record.value(),
                new RecordHeaders(record.headers().toArray()), java.util.Optional.empty());
    }

    /** A record of {@code type} with a distinct, non-null value in every component. */
    static Object sample(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return List.of(sample(parameterized.getActualTypeArguments()[0]));
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return "星洲-" + UUID.randomUUID().toString().substring(0, 6);
        }
        if (raw == UUID.class) {
            return UUID.randomUUID();
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-11-28T02:15:30.123Z");
        }
        if (raw == long.class || raw == Long.class) {
            return 7L;
        }
        if (raw == int.class || raw == Integer.class) {
            return 3;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == Double.class || raw == double.class) {
            return 30.27;
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = sample(components[i].getGenericType());
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> constructor = raw.getDeclaredConstructor(types);
                return constructor.newInstance(values);
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
        throw new IllegalArgumentException("No sample for " + type);
    }
}
