package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTests {

    @TempDir
    static Path dataDir;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new KafkaBroker(dataDir.resolve("kafka"), 0, 0);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void listensOnAFreeLoopbackPortAndAnswersAdminClients() throws Exception {
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(broker.port()).isNotEqualTo(broker.controllerPort());
        try (Admin admin = KafkaTestClients.admin(broker)) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            assertThat(nodes).singleElement().satisfies(node -> {
                assertThat(node.id()).isEqualTo(KafkaBroker.NODE_ID);
                assertThat(node.host()).isEqualTo("127.0.0.1");
                assertThat(node.port()).isEqualTo(broker.port());
            });
        }
    }

    @Test
    void idempotentProducerWritesWhatAConsumerReadsBack() throws Exception {
        KafkaTestClients.createTopic(broker, "requests.received");

        RecordMetadata written = KafkaTestClients.send(broker, "requests.received", "MS-1", "{\"title\":\"助餐\"}");
        List<ConsumerRecord<String, String>> read =
                KafkaTestClients.readFromBeginning(broker, "requests.received", "broker-tests", 1);

        assertThat(read).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("MS-1");
            assertThat(record.value()).isEqualTo("{\"title\":\"助餐\"}");
            assertThat(record.partition()).isEqualTo(written.partition());
            assertThat(record.offset()).isEqualTo(written.offset());
        });
    }

    @Test
    void newTopicsGetThreePartitionsWithOneReplica() throws Exception {
        KafkaTestClients.createTopic(broker, "requests.routed");

        try (Admin admin = KafkaTestClients.admin(broker)) {
            TopicDescription topic = admin.describeTopics(Set.of("requests.routed"))
                    .allTopicNames().get(10, TimeUnit.SECONDS).get("requests.routed");
            assertThat(topic.partitions()).hasSize(3)
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
        }
    }

    @Test
    void isConfiguredForASingleNodeWithoutTopicAutoCreation() throws Exception {
        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(KafkaBroker.NODE_ID));
        try (Admin admin = KafkaTestClients.admin(broker)) {
            Config config = admin.describeConfigs(Set.of(node)).all().get(10, TimeUnit.SECONDS).get(node);
            assertThat(Map.of(
                    "auto.create.topics.enable", config.get("auto.create.topics.enable").value(),
                    "min.insync.replicas", config.get("min.insync.replicas").value(),
                    "offsets.topic.replication.factor", config.get("offsets.topic.replication.factor").value(),
                    "transaction.state.log.replication.factor",
                    config.get("transaction.state.log.replication.factor").value(),
                    "group.initial.rebalance.delay.ms", config.get("group.initial.rebalance.delay.ms").value()))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "auto.create.topics.enable", "false",
                            "min.insync.replicas", "1",
                            "offsets.topic.replication.factor", "1",
                            "transaction.state.log.replication.factor", "1",
                            "group.initial.rebalance.delay.ms", "0"));
        }
    }
}
