package cn.onenet.routing.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/** 改派 through the API: the order moves, the clocks restart, the old department can no longer act on it. */
class TransferIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Test
    void aDispatcherTransfersAnOrderAndOnlyTheNewDepartmentWorksOnIt() throws Exception {
        recordLifecycle();
        RequestSubmitted submitted = WorkOrderIntegrationTests.submitted("sanitation", Urgency.NORMAL);
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted)).get();
        String path = "/api/v1/requests/" + submitted.requestId();
        await().atMost(Duration.ofSeconds(15)).until(() -> get(path).status() == 200 && get(path).body().hasNonNull("department"));
        String first = get(path).body().get("department").asString();
        assertThat(post(path + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\"" + first + "\"}").status()).isEqualTo(200);

        assertThat(post(path + "/transfer", "{\"department\":\"housing\"}").body().get("errors").get(0).get("field").asString())
            .isEqualTo("reason");
        assertThat(post(path + "/transfer", "{\"department\":\"no-such\",\"reason\":\"x\"}").status()).isEqualTo(400);
        assertThat(post(path + "/transfer", "{\"department\":\"nope\",\"reason\":\"\",\"coDepartments\":[\"zzz\"]}")
            .body().get("errors")).extracting(error -> error.get("field").asString())
            .as("every bad field in one answer").containsExactlyInAnyOrder("department", "reason", "coDepartments[0]");
        Response transferred = post(path + "/transfer", "{\"department\":\"housing\",\"reason\":\"涉及物业维修，属住建职责\"}");

        assertThat(transferred.status()).isEqualTo(200);
        JsonNode order = transferred.body();
        assertThat(order.get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(order.get("department").asString()).isEqualTo("housing");
        JsonNode last = order.get("timeline").get(order.get("timeline").size() - 1);
        assertThat(last.get("type").asString()).isEqualTo("TRANSFERRED");
        assertThat(last.get("note").asString()).isEqualTo("from " + first + ": 涉及物业维修，属住建职责");
        Response lost = post(path + "/events", "{\"type\":\"STARTED\",\"department\":\"" + first + "\"}");
        assertThat(lost.status()).as("the old department can't act on it any more: a conflict, whenever it asks")
            .isEqualTo(409);
        assertThat(lost.body().get("detail").asString()).contains("has left department " + first);
        assertThat(lost.body().get("orderStatus").asString()).isEqualTo("DISPATCHED");
        assertThat(lost.body().get("applied").asBoolean()).isFalse();
        assertThat(post(path + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\"housing\"}").status()).isEqualTo(200);
        assertThat(post(path + "/transfer", "{\"department\":\"housing\",\"reason\":\"again\"}").status()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lifecycleOf(submitted.requestId().toString()))
            .filteredOn(record -> "cn.onenet.request.dispatched.v1".equals(EventCodec.header(record.headers(), EventCodec.TYPE)))
            .extracting(record -> JSON.readTree(record.value()).path("transferredFrom").asString(null))
            .containsExactly(null, first));
    }

    /**
     * Two dispatchers looking at the same order decide at once, each for the version read (If-Match): one decision
     * stands, the other is told the order changed (412) instead of being applied on top of the first.
     */
    @Test
    void aDecisionSentForAnOrderThatChangedSinceIsRefused() throws Exception {
        String path = "/api/v1/requests/" + dispatched("sanitation").requestId();
        Response read = get(path);
        assertThat(read.etag()).isEqualTo("\"" + read.body().get("version").asLong() + "\"");

        ExecutorService dispatchers = Executors.newFixedThreadPool(2);
        try {
            Future<Response> toHousing = dispatchers.submit(() -> post(path + "/transfer",
                    "{\"department\":\"housing\",\"reason\":\"属住建职责\"}", read.etag()));
            Future<Response> toLabour = dispatchers.submit(() -> post(path + "/transfer",
                    "{\"department\":\"human-resources\",\"reason\":\"属人社职责\"}", read.etag()));
            List<Response> answers = List.of(toHousing.get(), toLabour.get());

            assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 412);
            Response stood = answers.stream().filter(answer -> answer.status() == 200).findFirst().orElseThrow();
            Response refused = answers.stream().filter(answer -> answer.status() == 412).findFirst().orElseThrow();
            assertThat(refused.body().get("type").asString()).isEqualTo("https://onenet.cn/problems/order-changed");
            assertThat(refused.body().get("currentVersion").asLong()).isEqualTo(stood.body().get("version").asLong());
            assertThat(refused.etag()).isEqualTo(stood.etag());
            JsonNode order = get(path).body();
            assertThat(order.get("department").asString()).isEqualTo(stood.body().get("department").asString());
            assertThat(order.get("timeline")).filteredOn(entry -> entry.get("type").asString().equals("TRANSFERRED"))
                .hasSize(1);
        }
        finally {
            dispatchers.shutdownNow();
        }

        Response current = get(path);
        assertThat(post(path + "/reject", "{\"code\":\"OTHER\",\"reason\":\"测试\"}", "version 3").body()
            .get("errors").get(0).get("field").asString()).isEqualTo("If-Match");
        assertThat(post(path + "/reject", "{\"code\":\"OTHER\",\"reason\":\"测试\"}", current.etag()).status())
            .isEqualTo(200);
    }

    /**
     * A dispatcher moved the order away from the department the rules chose; the new department returns it: it goes
     * back to the dispatchers, not to the rules (which sent it straight back to the department it was taken from).
     */
    @Test
    void anOrderADispatcherPlacedGoesBackToTheDispatchersWhenReturned() throws Exception {
        RequestSubmitted submitted = dispatched("noise"); // to urban-management, by the catalogue
        String path = "/api/v1/requests/" + submitted.requestId();
        post(path + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\"urban-management\"}");
        assertThat(post(path + "/transfer", "{\"department\":\"housing\",\"reason\":\"物业问题\"}").status())
            .isEqualTo(200);

        JsonNode returned = post(path + "/events", "{\"type\":\"RETURNED\",\"department\":\"housing\","
                + "\"reason\":\"非物业\"}").body();

        assertThat(returned.get("status").asString()).isEqualTo("RETURNED");
        assertThat(returned.path("department").isNull() || returned.path("department").isMissingNode()).isTrue();
        JsonNode listed = StreamSupport.stream(get("/api/v1/requests/triage?size=100").body().get("content")
                .spliterator(), false)
            .filter(entry -> entry.get("id").asString().equals(submitted.requestId().toString()))
            .findFirst().orElseThrow();
        // a dispatcher decides on the order as listed: its version goes with the entry, for If-Match
        assertThat("\"" + listed.get("version").asLong() + "\"").isEqualTo(get(path).etag());
        assertThat(post(path + "/reject", "{\"code\":\"OTHER\",\"reason\":\"非政府职能\"}").status()).isEqualTo(200);
        Response late = post(path + "/dispatch", "{\"department\":\"housing\"}",
                "\"" + listed.get("version").asLong() + "\"");
        assertThat(late.status()).as("a dispatch decided on the order as listed, rejected since").isEqualTo(412);
    }

    /** Submits an order of {@code category} and waits until the rules have dispatched it. */
    private RequestSubmitted dispatched(String category) throws Exception {
        RequestSubmitted submitted = WorkOrderIntegrationTests.submitted(category, Urgency.NORMAL);
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted)).get();
        String path = "/api/v1/requests/" + submitted.requestId();
        await().atMost(Duration.ofSeconds(15)).until(() -> get(path).status() == 200
                && "DISPATCHED".equals(get(path).body().get("status").asString()));
        return submitted;
    }
}
