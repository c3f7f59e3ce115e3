package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class KafkaBrokerRestartTests {

    private static final Logger log = LoggerFactory.getLogger(KafkaBrokerRestartTests.class);

    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameDataDirKeepsPortsAndRecords() throws Exception {
        try (KafkaBroker broker = new KafkaBroker(dataDir.resolve("kafka"), 0, 0)) {
            long t0 = System.nanoTime();
            broker.start();
            long t1 = System.nanoTime();
            String bootstrap = broker.bootstrapServers();
            KafkaTestClients.createTopic(broker, "requests.received");
            KafkaTestClients.send(broker, "requests.received", "MS-2", "kept");

            long t2 = System.nanoTime();
            broker.stop();
            long t3 = System.nanoTime();
            assertThat(broker.isRunning()).isFalse();
            assertThat(Ports.isFree(broker.port())).isTrue();

            broker.start();
            long t4 = System.nanoTime();
            log.info("Broker first start {} ms, stop {} ms, restart {} ms",
                    (t1 - t0) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            List<ConsumerRecord<String, String>> read =
                    KafkaTestClients.readFromBeginning(broker, "requests.received", "restart-tests", 1);
            assertThat(read).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("MS-2");
                assertThat(record.value()).isEqualTo("kept");
            });
        }
    }

    @Test
    void startFailsWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            KafkaBroker broker = new KafkaBroker(dataDir.resolve("kafka"), taken.getLocalPort(), 0);

            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (Kafka) is already in use");
            assertThat(broker.isRunning()).isFalse();
        }
    }

    @Test
    void rejectsTheSamePortForClientsAndController() {
        assertThatThrownBy(() -> new KafkaBroker(dataDir, 19092, 19092))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("19092");
    }
}
