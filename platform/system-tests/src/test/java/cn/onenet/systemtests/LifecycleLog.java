package cn.onenet.systemtests;

import cn.onenet.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/** Reads the lifecycle topic as a downstream system would, from the beginning, in the background. */
final class LifecycleLog implements AutoCloseable {

    /** An event as a department's system reads it; {@code traceparent} the trace its record carries. */
    record Event(String orderId, String type, long sequence, JsonNode payload, String traceparent) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;

    LifecycleLog(String bootstrapServers, String group) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(Topics.REQUESTS_LIFECYCLE));
        thread = new Thread(this::run, "lifecycle-log-" + group);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode payload = Gateway.JSON.readTree(record.value());
                    events.add(new Event(record.key(), header(record, "ce_type"), payload.get("sequence").asLong(),
                            payload, header(record, "traceparent")));
                }
            }
        }
        catch (WakeupException ex) {
            // closing
        }
        finally {
            consumer.close();
        }
    }

    List<Event> of(String orderId) {
        return events.stream().filter(event -> orderId.equals(event.orderId())).toList();
    }

    List<String> typesOf(String orderId) {
        return of(orderId).stream().map(event -> event.type().replace("cn.onenet.request.", "").replace(".v1", "")).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.wakeup();
    }
}
