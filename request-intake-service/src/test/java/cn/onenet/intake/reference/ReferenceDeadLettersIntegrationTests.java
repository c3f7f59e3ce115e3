package cn.onenet.intake.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.EventTypes;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.reference.ReferenceDataPublished;
import cn.onenet.contracts.reference.ReferenceDataPublished.CategoryRef;
import cn.onenet.intake.IntakeIntegrationTestSupport;
import cn.onenet.platform.kafka.admin.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reference snapshot intake cannot read is parked and waits for a replay until routing publishes a newer one;
 * replaying all sends it once however often it was parked; once a newer snapshot is published it is superseded:
 * listed as such, left out of what waits (the list and the gauge) and never published again, which would have put
 * the older snapshot back in the compacted topic for every intake to read on its next start.
 */
class ReferenceDeadLettersIntegrationTests extends IntakeIntegrationTestSupport {

    static final String ADMIN = "/api/v1/admin/dead-letters";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @Test
    void anUnreadableSnapshotIsSentOnceAndOnceANewerOneSupersedesItNeverAgain() throws Exception {
        loadReferenceData();
        String unreadableId = sendUnreadableSnapshot();
        JsonNode parked = await().atMost(Duration.ofSeconds(15))
            .until(() -> letters(unreadableId), letters -> letters.size() == 1).get(0);
        assertThat(parked.get("cause").asString()).endsWith("EventDecodingException");
        assertThat(parked.get("supersededBy").isNull()).as("the newest snapshot: nothing newer yet").isTrue();
        assertThat(catalog.hasCategory("elderly-care")).as("the last snapshot read is kept").isTrue();

        // intake reads the topic from its start at every start: a restart parks the same record once more
        parkAgain(parked.get("offset").asLong());
        await().atMost(Duration.ofSeconds(15)).until(() -> letters(unreadableId).size() == 2);
        assertThat(referenceTopic().get("pending").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(deadLetters.sizes().get(Topics.REFERENCE_DATA)[1]).isGreaterThanOrEqualTo(2);

        // replaying all sends the snapshot once: the second dead letter of it is superseded by the first's replay
        long end = endOfReferenceTopic();
        JsonNode sentOnce = replay("{\"topic\":\"" + Topics.REFERENCE_DATA + "\"}");
        assertThat(sentOnce.get("replayed")).hasSize(1);
        assertThat(endOfReferenceTopic()).isEqualTo(end + 1);
        // still unreadable (no fix deployed): parked once more
        await().atMost(Duration.ofSeconds(15)).until(() -> letters(unreadableId).size() == 3);
        assertThat(letters(unreadableId)).extracting(letter -> !letter.get("replay").isNull() ? "replayed"
                : letter.get("supersededBy").isNull() ? "waits" : "superseded")
            .as("the second parking superseded by the first's replay; the replay, parked, waits")
            .containsExactly("replayed", "superseded", "waits");

        // routing publishes a newer snapshot (one more category): intake reads it
        long newerOffset = publishWithCategory(new CategoryRef("street-lighting", "路灯照明", "Street lighting"));
        await().atMost(Duration.ofSeconds(15)).until(() -> catalog.hasCategory("street-lighting"));

        List<JsonNode> outdated = letters(unreadableId).stream().filter(letter -> letter.get("replay").isNull())
            .toList();
        assertThat(outdated).hasSize(2)
            .allSatisfy(letter -> assertThat(letter.get("supersededBy").asLong()).isEqualTo(newerOffset));
        JsonNode topic = referenceTopic();
        assertThat(topic.get("pending").asLong()).as("nothing of the reference topic waits").isZero();
        assertThat(topic.get("superseded").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(get(ADMIN + "?topic=" + Topics.REFERENCE_DATA + "&pendingOnly=true").get("topics").get(0)
            .get("deadLetters")).isEmpty();
        assertThat(deadLetters.sizes().get(Topics.REFERENCE_DATA)[1]).as("the gauge's waiting count").isZero();

        // replaying one is refused; replaying all leaves them; the topic gets nothing, intake keeps the newer snapshot
        JsonNode last = outdated.get(1);
        HttpResponse<String> one = post(ADMIN + "/replay", "{\"topic\":\"" + Topics.REFERENCE_DATA
                + "\",\"partition\":" + last.get("partition").asInt() + ",\"offset\":" + last.get("offset").asLong()
                + "}");
        assertThat(one.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(one.body()).get("detail").asString()).contains("superseded by the newer record")
            .contains("offset " + newerOffset);
        JsonNode none = replay("{\"topic\":\"" + Topics.REFERENCE_DATA + "\"}");
        assertThat(none.get("replayed")).isEmpty();
        assertThat(none.get("superseded").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(none.get("alreadyReplayed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(endOfReferenceTopic()).as("no record published again").isEqualTo(newerOffset + 1);
        assertThat(catalog.hasCategory("street-lighting")).isTrue();
    }

    /**
     * Intake reads the reference topic from its start at every start, and met its unreadable snapshot again each
     * time: parked once more and counted as another dead letter at every restart. It is parked once.
     */
    @Test
    void anUnreadableSnapshotMetAgainAtTheNextStartIsNotParkedAgain() throws Exception {
        loadReferenceData();
        String unreadableId = sendUnreadableSnapshot();
        await().atMost(Duration.ofSeconds(15)).until(() -> letters(unreadableId).size() == 1);
        double counted = meters.counter("onenet.kafka.dead.letters", "topic", Topics.REFERENCE_DATA).count();

        // a restart of the reader: it reads the topic from its start again, past the unreadable snapshot
        MessageListenerContainer reader = listeners.getListenerContainer("intake-reference-data");
        reader.stop();
        reader.start();
        String category = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        publishWithCategory(new CategoryRef(category, "重启后", "After the restart"));
        await().atMost(Duration.ofSeconds(15)).until(() -> catalog.hasCategory(category));

        assertThat(letters(unreadableId)).as("parked once, not at every start").hasSize(1);
        assertThat(meters.counter("onenet.kafka.dead.letters", "topic", Topics.REFERENCE_DATA).count())
            .as("no dead letter counted again").isEqualTo(counted);
    }

    /** Sends a snapshot cut off by the producer's bug, under the snapshot's type and key; answers its event id. */
    private String sendUnreadableSnapshot() throws Exception {
        String eventId = UUID.randomUUID().toString();
        kafka.send(codec.record(Topics.REFERENCE_DATA, "snapshot", EventTypes.nameOf(ReferenceDataPublished.class),
                eventId, Arrays.copyOf(codec.toJson(REFERENCE_DATA), 40), "reference-test")).get();
        return eventId;
    }

    /** Publishes a newer snapshot, as routing would, with one more category; answers its offset. */
    private long publishWithCategory(CategoryRef category) throws Exception {
        List<CategoryRef> categories = new ArrayList<>(REFERENCE_DATA.categories());
        categories.add(category);
        ReferenceDataPublished newer = new ReferenceDataPublished(UUID.randomUUID(), Instant.now(), categories,
                REFERENCE_DATA.communities());
        return kafka.send(codec.encode(Topics.REFERENCE_DATA, "snapshot", newer)).get().getRecordMetadata().offset();
    }

    /** Writes the dead letter at that offset to the dead-letter topic again, as a consumer parking it anew would. */
    private void parkAgain(long offset) throws Exception {
        TopicPartition partition = new TopicPartition(Topics.deadLetter(Topics.REFERENCE_DATA), 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", brokers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(10))
                .until(() -> consumer.poll(Duration.ofMillis(200)).records(partition), records -> !records.isEmpty())
                .get(0);
            kafka.send(new ProducerRecord<>(partition.topic(), 0, record.key(), record.value(), record.headers()))
                .get();
        }
    }

    private JsonNode replay(String body) throws Exception {
        HttpResponse<String> response = post(ADMIN + "/replay", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode referenceTopic() throws Exception {
        return get(ADMIN + "?topic=" + Topics.REFERENCE_DATA).get("topics").get(0);
    }

    /** The dead letters of the event with that id, oldest first. */
    private List<JsonNode> letters(String eventId) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        for (JsonNode letter : referenceTopic().get("deadLetters")) {
            if (eventId.equals(letter.path("eventId").asString(null))) {
                letters.add(letter);
            }
        }
        return letters;
    }

    private long endOfReferenceTopic() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", brokers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.REFERENCE_DATA, 0);
            consumer.assign(List.of(partition)); // the client warns of offsets asked for a partition not assigned
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
