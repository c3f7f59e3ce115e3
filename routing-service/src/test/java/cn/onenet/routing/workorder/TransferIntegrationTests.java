package cn.onenet.routing.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
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
        Response transferred = post(path + "/transfer", "{\"department\":\"housing\",\"reason\":\"涉及物业维修，属住建职责\"}");

        assertThat(transferred.status()).isEqualTo(200);
        JsonNode order = transferred.body();
        assertThat(order.get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(order.get("department").asString()).isEqualTo("housing");
        JsonNode last = order.get("timeline").get(order.get("timeline").size() - 1);
        assertThat(last.get("type").asString()).isEqualTo("TRANSFERRED");
        assertThat(last.get("note").asString()).isEqualTo("from " + first + ": 涉及物业维修，属住建职责");
        assertThat(post(path + "/events", "{\"type\":\"STARTED\",\"department\":\"" + first + "\"}").status())
            .as("the old department can't act on it any more").isIn(403, 404);
        assertThat(post(path + "/events", "{\"type\":\"ACKNOWLEDGED\",\"department\":\"housing\"}").status()).isEqualTo(200);
        assertThat(post(path + "/transfer", "{\"department\":\"housing\",\"reason\":\"again\"}").status()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(lifecycleOf(submitted.requestId().toString()))
            .filteredOn(record -> "cn.onenet.request.dispatched.v1".equals(EventCodec.header(record.headers(), EventCodec.TYPE)))
            .extracting(record -> JSON.readTree(record.value()).path("transferredFrom").asString(null))
            .containsExactly(null, first));
    }
}
