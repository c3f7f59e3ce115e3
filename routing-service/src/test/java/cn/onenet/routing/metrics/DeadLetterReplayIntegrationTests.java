package cn.onenet.routing.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.EventTypes;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.kafka.admin.DeadLetters;
import cn.onenet.platform.observability.KafkaBacklogMetrics;
import cn.onenet.routing.CapturedLogs;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A poison record is parked in the dead-letter topic and counted, the partition keeps flowing past it, an operator
 * sees it with its failure and replays it corrected, and a dead letter is replayed at most once.
 */
class DeadLetterReplayIntegrationTests extends RoutingIntegrationTestSupport {

    static final String ADMIN = "/api/v1/admin/dead-letters";

    @Autowired
    EventCodec codec;

    @Autowired
    KafkaBacklogMetrics kafkaMetrics;

    @Test
    void poisonIsParkedCountedSkippedPastAndReplayedOnceWhenCorrected() throws Exception {
        kafkaMetrics.refresh();
        double parkedBefore = counter("onenet_kafka_dead_letters_total");
        double replayedBefore = counter("onenet_kafka_dead_letters_replayed_total");

        RequestSubmitted poison = Scrapes.submitted("elderly-care");
        RequestSubmitted good = Scrapes.submitted("elderly-care");
        // the producer's bug: a cut-off payload under a valid event type
        byte[] cutOff = new String(codec.toJson(poison), StandardCharsets.UTF_8).substring(0, 40).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> poisonRecord = onPartitionZero(codec.record(Topics.REQUESTS_SUBMITTED,
                poison.requestId().toString(), EventTypes.nameOf(RequestSubmitted.class), poison.eventId().toString(),
                cutOff, "poison-test"));
        ProducerRecord<String, byte[]> goodRecord = onPartitionZero(codec.encode(Topics.REQUESTS_SUBMITTED,
                good.requestId().toString(), good, good.eventId().toString()));
        try (KafkaProducer<String, byte[]> producer = Scrapes.plainProducer(brokers)) {
            producer.send(poisonRecord).get();
            producer.send(goodRecord).get();
        }

        // the record after the poison on the same partition is processed: the partition keeps flowing
        awaitStatus(good, "DISPATCHED");
        await().atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertThat(counter("onenet_kafka_dead_letters_total")).isEqualTo(parkedBefore + 1));
        assertThat(get("/api/v1/requests/" + poison.requestId()).status()).isEqualTo(404);

        JsonNode parked = deadLetterOf(poison, false);
        assertThat(parked.get("originalTopic").asString()).isEqualTo(Topics.REQUESTS_SUBMITTED);
        assertThat(parked.get("originalPartition").asInt()).isZero();
        assertThat(parked.get("exception").asString()).isNotBlank();
        assertThat(parked.get("message").asString()).contains("RequestSubmitted");
        assertThat(parked.get("eventType").asString()).isEqualTo(EventTypes.nameOf(RequestSubmitted.class));
        assertThat(parked.get("payload").asString()).isEqualTo(new String(cutOff, StandardCharsets.UTF_8));
        assertThat(parked.get("replay").isNull()).isTrue();
        kafkaMetrics.refresh();
        assertThat(Scrapes.value(Scrapes.scrape(port), "onenet_kafka_dead_letters_pending",
                Map.of("topic", Topics.REQUESTS_SUBMITTED))).hasValueSatisfying(pending -> assertThat(pending).isGreaterThanOrEqualTo(1));

        // the operator replays it with the corrected event
        String replay = "{\"topic\":\"" + Topics.REQUESTS_SUBMITTED + "\",\"partition\":" + parked.get("partition").asInt()
                + ",\"offset\":" + parked.get("offset").asLong() + ",\"payload\":"
                + new String(codec.toJson(poison), StandardCharsets.UTF_8) + "}";
        Response replayed;
        try (CapturedLogs logs = CapturedLogs.of(DeadLetters.class)) {
            replayed = postAs(ADMIN + "/replay", replay, "ops-chen");
            // who replayed which dead letter, in the log
            assertThat(logs.containing("Replayed dead letter " + Topics.deadLetter(Topics.REQUESTS_SUBMITTED) + "/"
                    + parked.get("partition").asInt() + "/" + parked.get("offset").asLong(), "with a corrected payload",
                    "by ops-chen")).hasSize(1);
        }
        assertThat(replayed.status()).isEqualTo(200);
        JsonNode sent = replayed.body().get("replayed").get(0);
        assertThat(sent.get("replay").get("corrected").asBoolean()).isTrue();
        assertThat(sent.get("replay").get("topic").asString()).isEqualTo(Topics.REQUESTS_SUBMITTED);
        awaitStatus(poison, "DISPATCHED");
        assertThat(counter("onenet_kafka_dead_letters_replayed_total")).isEqualTo(replayedBefore + 1);

        // once only: the same dead letter again is refused, and a replay of everything leaves it alone
        Response again = post(ADMIN + "/replay", replay);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        Response all = post(ADMIN + "/replay", "{\"topic\":\"" + Topics.REQUESTS_SUBMITTED + "\"}");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().get("alreadyReplayed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(StreamSupport.stream(all.body().get("replayed").spliterator(), false)
            .noneMatch(deadLetter -> poison.requestId().toString().equals(deadLetter.get("key").asString()))).isTrue();
        assertThat(counter("onenet_kafka_dead_letters_replayed_total")).isEqualTo(replayedBefore + 1
                + all.body().get("replayed").size());
        assertThat(deadLetterOf(poison, false).get("replay").get("at").asString()).isNotBlank();
        assertThat(get(ADMIN + "?topic=" + Topics.REQUESTS_SUBMITTED + "&pendingOnly=true").body().get("topics").get(0)
            .get("deadLetters").findValuesAsString("key")).doesNotContain(poison.requestId().toString());
    }

    @Test
    void refusesTopicsTheServiceDoesNotConsumeAndHalfAddresses() {
        Response unknown = post(ADMIN + "/replay", "{\"topic\":\"onenet.nothing.v1\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors").get(0).get("field").asString()).isEqualTo("topic");

        Response halfAddress = post(ADMIN + "/replay", "{\"topic\":\"" + Topics.REQUESTS_SUBMITTED + "\",\"offset\":3}");
        assertThat(halfAddress.status()).isEqualTo(400);
        assertThat(halfAddress.body().get("errors").findValuesAsString("field")).containsExactly("partition");

        Response missing = post(ADMIN + "/replay", "{\"topic\":\"" + Topics.REQUESTS_SUBMITTED
                + "\",\"partition\":0,\"offset\":999999}");
        assertThat(missing.status()).isEqualTo(404);
        // a correction that is no event, and a listing's unknown topic beside its other bad parameters: one 400 each
        Response notAnEvent = post(ADMIN + "/replay", "{\"topic\":\"" + Topics.REQUESTS_SUBMITTED
                + "\",\"partition\":0,\"offset\":0,\"payload\":\"notobject\"}");
        assertThat(notAnEvent.status()).isEqualTo(400);
        assertThat(notAnEvent.body().get("errors").findValuesAsString("field")).containsExactly("payload");
        assertThat(get(ADMIN + "?limit=0&pendingOnly=maybe&topic=onenet.nothing.v1").body().get("errors")
            .findValuesAsString("field")).containsExactlyInAnyOrder("limit", "pendingOnly", "topic");
        assertThat(get(ADMIN + "?limit=0&topic=onenet.nothing.v1").body().get("errors").findValuesAsString("field"))
            .containsExactlyInAnyOrder("limit", "topic");

        Response listing = get(ADMIN);
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.body().get("topics").findValuesAsString("topic"))
            .contains(Topics.REQUESTS_SUBMITTED, Topics.REQUESTS_LIFECYCLE);
    }

    private JsonNode deadLetterOf(RequestSubmitted submitted, boolean pendingOnly) {
        Response listing = get(ADMIN + "?topic=" + Topics.REQUESTS_SUBMITTED + "&pendingOnly=" + pendingOnly);
        assertThat(listing.status()).isEqualTo(200);
        JsonNode topic = listing.body().get("topics").get(0);
        assertThat(topic.get("deadLetterTopic").asString()).isEqualTo(Topics.deadLetter(Topics.REQUESTS_SUBMITTED));
        return StreamSupport.stream(topic.get("deadLetters").spliterator(), false)
            .filter(deadLetter -> submitted.requestId().toString().equals(deadLetter.get("key").asString()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no dead letter of " + submitted.requestId() + " in " + topic));
    }

    private void awaitStatus(RequestSubmitted submitted, String status) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Response order = get("/api/v1/requests/" + submitted.requestId());
            assertThat(order.status()).isEqualTo(200);
            assertThat(order.body().get("status").asString()).isEqualTo(status);
        });
    }

    private double counter(String name) {
        return Scrapes.value(Scrapes.scrape(port), name, Map.of("topic", Topics.REQUESTS_SUBMITTED)).orElse(0.0);
    }

    private static ProducerRecord<String, byte[]> onPartitionZero(ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(record.topic(), 0, record.key(), record.value(), record.headers());
    }
}
