package cn.onenet.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A store or broker that does not answer is DOWN within the bound: the health endpoint never hangs on it. */
class HealthBoundsTests {

    final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    /** Accepts connections and never answers, as a process stopped with kill -STOP. */
    int frozenServer() throws Exception {
        ServerSocket server = new ServerSocket(0);
        opened.add(server);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    opened.add(socket);
                }
            }
            catch (Exception closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }

    @Test
    void aFrozenDocumentStoreIsDownWithinTheBoundAndAgainAtOnceWhileItsPingStillWaits() throws Exception {
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + frozenServer()
                + "/?serverSelectionTimeoutMS=30000");
        opened.add(client);
        DocumentStoreHealthIndicator indicator = new DocumentStoreHealthIndicator(new MongoTemplate(client, "onenet"),
                Duration.ofMillis(500));
        opened.add(indicator::destroy);

        for (int check = 0; check < 3; check++) {
            long started = System.nanoTime();
            Health health = indicator.health();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", "timed out after 500 ms");
        }
    }

    @Test
    void anUnreachableBrokerIsDownWithinTheBoundAndItsAnswerIsReusedForAMoment() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaHealthIndicator indicator = kafkaHealth(closedPort, Duration.ofSeconds(30));

        Health health = downWithinTheBound(indicator);

        long again = System.nanoTime();
        assertThat(indicator.health()).isSameAs(health);
        assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(Duration.ofMillis(100));
    }

    @Test
    void aFrozenBrokerIsDownWithinTheBound() throws Exception {
        downWithinTheBound(kafkaHealth(frozenServer(), Duration.ofMillis(1)));
    }

    /** A broker health component bounded at 700 ms, its answer reused for {@code reuse}, closed after the test. */
    private KafkaHealthIndicator kafkaHealth(int port, Duration reuse) {
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port), "health-test",
                Duration.ofMillis(700), reuse);
        opened.add(indicator::destroy);
        return indicator;
    }

    private static Health downWithinTheBound(KafkaHealthIndicator indicator) {
        long started = System.nanoTime();
        Health health = indicator.health();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "timed out after 700 ms");
        return health;
    }
}
