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
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

class DuplicatesIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    DuplicateFinder duplicates;

    @Autowired
    WorkOrderStore store;

    @Autowired
    DuplicateSettings settings;

    @Test
    void offersLikelyDuplicatesAndAMergedDuplicateFollowsTheOriginalsOutcome() throws Exception {
        recordLifecycle();
        String token = UUID.randomUUID().toString().substring(0, 6);
        RequestSubmitted original = submitted(Channel.GOVERNANCE, "德加社区广场舞噪音扰民" + token, "每晚十点后广场舞音响声音很大，影响休息" + token);
        submit(original);
        awaitOrder(original.requestId());
        RequestSubmitted repeat = submitted(Channel.HOTLINE, "广场舞噪音扰民" + token, "德加社区每晚十点后广场舞音响太大，影响休息" + token);
        submit(repeat);
        RequestSubmitted unrelated = submitted(Channel.HOTLINE, "装修电钻噪音", "周末早上七点邻居装修电钻声" + UUID.randomUUID());
        submit(unrelated);

        JsonNode offered = awaitOrder(repeat.requestId());
        assertThat(offered.get("duplicateCandidates")).anySatisfy(candidate -> {
            assertThat(candidate.get("id").asString()).isEqualTo(original.requestId().toString());
            assertThat(candidate.get("score").asDouble()).isGreaterThanOrEqualTo(0.35);
        });
        assertThat(awaitOrder(unrelated.requestId()).get("duplicateCandidates"))
            .noneMatch(candidate -> candidate.get("id").asString().equals(original.requestId().toString()));
        assertThat(get("/api/v1/requests/duplicates?size=100").body().get("content"))
            .anyMatch(entry -> entry.get("id").asString().equals(repeat.requestId().toString()));

        String asRead = get("/api/v1/requests/" + original.requestId()).etag();
        Response merged = post("/api/v1/requests/" + repeat.requestId() + "/merge", "{\"into\":\"" + original.requestId() + "\"}");
        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.body().get("mergedInto").asString()).isEqualTo(original.requestId().toString());
        String events = "/api/v1/requests/" + original.requestId() + "/events";
        String department = get("/api/v1/requests/" + original.requestId()).body().get("department").asString();
        // the merge held the original without changing it: a step decided on it as read before stands (it was 412)
        assertThat(get("/api/v1/requests/" + original.requestId()).etag()).isEqualTo(asRead);
        Response signedFor = post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\"}", asRead);
        assertThat(signedFor.status()).as(String.valueOf(signedFor.body())).isEqualTo(200);
        assertThat(signedFor.etag()).isNotEqualTo(asRead);
        post(events, "{\"type\":\"RESOLVED\",\"department\":\"" + department + "\",\"note\":\"已约谈广场舞队，音响限时限音量\"}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode duplicate = get("/api/v1/requests/" + repeat.requestId()).body();
            assertThat(duplicate.get("status").asString()).isEqualTo("MERGED");
            assertThat(duplicate.get("timeline")).filteredOn(entry -> entry.get("type").asString().equals("ORIGINAL_PROGRESSED"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.get("note").asString()).isEqualTo("original RESOLVED: 已约谈广场舞队，音响限时限音量"));
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lifecycleOf(repeat.requestId().toString()))
            .extracting(record -> EventCodec.header(record.headers(), EventCodec.TYPE))
            .contains("cn.onenet.request.merged-original-progressed.v1"));
    }

    /**
     * Second merged into first, then first into third: when the third is resolved, both hear it, the second through
     * the first (the second heard nothing before).
     */
    @Test
    void anOrderMergedIntoOneMergedLaterHearsTheOutcomeToo() throws Exception {
        String token = UUID.randomUUID().toString().substring(0, 6);
        RequestSubmitted first = submitted(Channel.GOVERNANCE, "井盖缺失" + token, "德加社区北门井盖缺失" + token);
        RequestSubmitted second = submitted(Channel.HOTLINE, "北门井盖没了" + token, "北门口井盖不见了很危险" + token);
        RequestSubmitted third = submitted(Channel.LIVELIHOOD, "北门路面井盖" + token, "德加社区北门路面井盖丢失" + token);
        submitAndAwait(first, second, third);
        assertThat(post("/api/v1/requests/" + second.requestId() + "/merge",
                "{\"into\":\"" + first.requestId() + "\"}").status()).isEqualTo(200);
        assertThat(post("/api/v1/requests/" + first.requestId() + "/merge",
                "{\"into\":\"" + third.requestId() + "\"}").status()).isEqualTo(200);
        String events = "/api/v1/requests/" + third.requestId() + "/events";
        String department = get("/api/v1/requests/" + third.requestId()).body().get("department").asString();
        post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + department + "\"}");
        assertThat(post(events, "{\"type\":\"RESOLVED\",\"department\":\"" + department
                + "\",\"note\":\"已补装井盖\"}").status()).isEqualTo(200);

        for (RequestSubmitted duplicate : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode order = get("/api/v1/requests/" + duplicate.requestId()).body();
                assertThat(order.get("status").asString()).isEqualTo("MERGED");
                assertThat(order.get("timeline"))
                    .filteredOn(entry -> entry.get("type").asString().equals("ORIGINAL_PROGRESSED"))
                    .singleElement()
                    .satisfies(entry -> assertThat(entry.get("note").asString()).isEqualTo("original RESOLVED: 已补装井盖"));
            });
        }

        // the original's requester's callback comment is theirs: the duplicates hear that it closed, not what they said
        assertThat(post("/api/v1/requests/" + third.requestId() + "/feedback",
                "{\"satisfaction\":\"SATISFIED\",\"comment\":\"王先生很满意\"}").status()).isEqualTo(200);
        for (RequestSubmitted duplicate : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    get("/api/v1/requests/" + duplicate.requestId()).body().get("timeline"))
                .filteredOn(entry -> entry.get("type").asString().equals("ORIGINAL_PROGRESSED"))
                .extracting(entry -> entry.get("note").asString())
                .containsExactly("original RESOLVED: 已补装井盖", "original CLOSED"));
        }
    }

    /** Two dispatchers merging a pair into each other at once: one merge stands, the other is refused. */
    @Test
    void ofTwoMergesOfAPairIntoEachOtherAtOnceOneStands() throws Exception {
        ExecutorService dispatchers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                String token = UUID.randomUUID().toString().substring(0, 6);
                RequestSubmitted a = submitted(Channel.HOTLINE, "消防通道堵塞" + token, "小区消防通道被车辆堵塞" + token);
                RequestSubmitted b = submitted(Channel.GOVERNANCE, "消防通道被占" + token, "消防通道长期停车" + token);
                submitAndAwait(a, b);
                CountDownLatch start = new CountDownLatch(1);
                Future<Integer> aIntoB = dispatchers.submit(() -> {
                    start.await();
                    return post("/api/v1/requests/" + a.requestId() + "/merge",
                            "{\"into\":\"" + b.requestId() + "\"}").status();
                });
                Future<Integer> bIntoA = dispatchers.submit(() -> {
                    start.await();
                    return post("/api/v1/requests/" + b.requestId() + "/merge",
                            "{\"into\":\"" + a.requestId() + "\"}").status();
                });
                start.countDown();

                // never both: each would be merged into the other, out of every queue for good
                // (both may be refused when each keeps finding the other changed: a dispatcher tries again)
                List<Integer> answers = List.of(aIntoB.get(), bIntoA.get());
                assertThat(answers).contains(409).containsOnly(200, 409);
                List<String> statuses = List.of(
                        get("/api/v1/requests/" + a.requestId()).body().get("status").asString(),
                        get("/api/v1/requests/" + b.requestId()).body().get("status").asString());
                assertThat(statuses).isEqualTo(answers.contains(200) ? List.of(answers.get(0) == 200 ? "MERGED"
                        : "DISPATCHED", answers.get(0) == 200 ? "DISPATCHED" : "MERGED")
                        : List.of("DISPATCHED", "DISPATCHED"));
            }
        }
        finally {
            dispatchers.shutdownNow();
        }
    }

    @Test
    void aRejectedOrderIsNoLongerOfferedAsTheOriginal() throws Exception {
        String token = UUID.randomUUID().toString().substring(0, 6);
        RequestSubmitted first = submitted(Channel.GOVERNANCE, "德加社区路灯不亮" + token, "德加社区南门路灯连续三晚不亮，夜间出行不便" + token);
        submit(first);
        awaitOrder(first.requestId());
        assertThat(post("/api/v1/requests/" + first.requestId() + "/reject",
                "{\"code\":\"ABUSIVE\",\"reason\":\"测试\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !duplicates.knows(first.requestId()));

        RequestSubmitted again = submitted(Channel.HOTLINE, "路灯不亮" + token, "德加社区南门路灯连续三晚不亮，夜间出行不便" + token);
        submit(again);

        assertThat(awaitOrder(again.requestId()).get("duplicateCandidates"))
            .noneMatch(candidate -> candidate.get("id").asString().equals(first.requestId().toString()));
        assertThat(duplicates.knows(again.requestId())).isTrue();
    }

    /** A dispatcher is offered only candidates a merge may go into: not one rejected, closed or merged since. */
    @Test
    void theListOffersOnlyCandidatesStillOpen() throws Exception {
        String token = UUID.randomUUID().toString().substring(0, 6);
        RequestSubmitted first = submitted(Channel.GOVERNANCE, "德加社区垃圾桶满溢" + token, "德加社区北门垃圾桶连续两天满溢无人清运" + token);
        submitAndAwait(first);
        RequestSubmitted second = submitted(Channel.HOTLINE, "垃圾桶满溢" + token, "德加社区北门垃圾桶满溢两天没人清运" + token);
        submitAndAwait(second);
        RequestSubmitted third = submitted(Channel.HOTLINE, "北门垃圾桶满溢" + token, "德加社区北门垃圾桶连续两天满溢没人清运" + token);
        submitAndAwait(third);
        assertThat(candidates(listed(second.requestId()))).containsExactly(first.requestId().toString());
        assertThat(candidates(listed(third.requestId())))
            .containsExactlyInAnyOrder(first.requestId().toString(), second.requestId().toString());

        assertThat(post("/api/v1/requests/" + first.requestId() + "/reject",
                "{\"code\":\"ABUSIVE\",\"reason\":\"测试\"}").status()).isEqualTo(200);

        assertThat(listed(second.requestId())).as("its only candidate was rejected").isNull();
        assertThat(candidates(listed(third.requestId()))).containsExactly(second.requestId().toString());
        assertThat(get("/api/v1/requests/" + second.requestId()).body().get("duplicateCandidates")).isEmpty();
        assertThat(ids(get("/api/v1/requests/" + third.requestId()).body().get("duplicateCandidates")))
            .containsExactly(second.requestId().toString());
        assertThat(post("/api/v1/requests/" + third.requestId() + "/merge", "{\"into\":\"" + second.requestId() + "\"}")
            .status()).isEqualTo(200);
        assertThat(listed(third.requestId())).as("merged: no longer to merge").isNull();
    }

    private JsonNode listed(UUID id) {
        for (JsonNode entry : get("/api/v1/requests/duplicates?size=100").body().get("content")) {
            if (entry.get("id").asString().equals(id.toString())) {
                return entry;
            }
        }
        return null;
    }

    private static List<String> candidates(JsonNode entry) {
        assertThat(entry).isNotNull();
        return ids(entry.get("candidates"));
    }

    private static List<String> ids(JsonNode candidates) {
        List<String> ids = new ArrayList<>();
        candidates.forEach(candidate -> ids.add(candidate.get("id").asString()));
        return ids;
    }

    /** Routing started again loads the window's open orders from the store: the closed and rejected stay out. */
    @Test
    void aRestartedRoutingFindsTheWindowsOpenOrdersAgain() throws Exception {
        String token = UUID.randomUUID().toString().substring(0, 6);
        RequestSubmitted original = submitted(Channel.GOVERNANCE, "德加社区井盖缺失" + token, "德加社区东门井盖缺失，夜间行人容易踩空" + token);
        RequestSubmitted rejected = submitted(Channel.GOVERNANCE, "德加社区井盖松动" + token, "德加社区东门井盖缺失松动，夜间行人容易踩空" + token);
        submitAndAwait(original, rejected);
        assertThat(post("/api/v1/requests/" + rejected.requestId() + "/reject",
                "{\"code\":\"ABUSIVE\",\"reason\":\"测试\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !duplicates.knows(rejected.requestId()));
        RequestSubmitted repeat = submitted(Channel.HOTLINE, "井盖缺失" + token, "德加社区东门井盖缺失，夜间行人容易踩空" + token);
        submit(repeat);
        awaitOrder(repeat.requestId());

        DuplicateFinder restarted = new DuplicateFinder(store, settings);
        List<Duplicates.Candidate> found = restarted.candidatesFor(store.find(repeat.requestId()).orElseThrow(), Instant.now());

        assertThat(restarted.knows(original.requestId())).isTrue();
        assertThat(restarted.knows(rejected.requestId())).isFalse();
        assertThat(found).anySatisfy(candidate -> {
            assertThat(candidate.id()).isEqualTo(original.requestId());
            assertThat(candidate.trackingNumber()).isEqualTo(original.trackingNumber());
        });
        assertThat(found).noneMatch(candidate -> candidate.id().equals(rejected.requestId()));
    }

    private JsonNode awaitOrder(UUID id) {
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/requests/" + id).status() == 200);
        return get("/api/v1/requests/" + id).body();
    }

    /** Submits the orders, then waits until each is stored. */
    private void submitAndAwait(RequestSubmitted... orders) throws Exception {
        for (RequestSubmitted order : orders) {
            submit(order);
        }
        for (RequestSubmitted order : orders) {
            awaitOrder(order.requestId());
        }
    }

    private void submit(RequestSubmitted submitted) throws Exception {
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted)).get();
    }

    private static RequestSubmitted submitted(Channel channel, String title, String description) {
        UUID id = UUID.randomUUID();
        String tracking = String.format("%017d", Math.abs(id.getLeastSignificantBits() % 100_000_000_000_000_000L));
        return new RequestSubmitted(UUID.randomUUID(), id, tracking, channel, channel == Channel.HOTLINE ? null : "ZZ-" + id, null,
                "noise", title, description, Urgency.NORMAL, new Location("dejia", "德加社区广场", null, null),
                new Requester("王五", "13700137000"), Instant.now());
    }
}
