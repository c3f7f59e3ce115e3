package cn.onenet.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NettyRequestSenderTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ReferenceData reference = ReferenceData.parse(
            json.readTree("[{\"code\":\"noise\",\"department\":\"urban-management\"}]"),
            json.readTree("[{\"code\":\"xingzhou\",\"name\":\"星洲社区\"}]"));
    private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> bodies = new ArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private volatile int status = 202;
    private volatile long delayMillis;
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/api/v1/requests", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.stop(0);
        serverThreads.shutdownNow();
        serverThreads.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void answer(HttpExchange exchange) throws IOException {
        connections.add(exchange.getRemoteAddress());
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        synchronized (bodies) {
            bodies.add(body);
        }
        assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/json");
        int number = answered.incrementAndGet();
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] answer = (status == 202 ? "{\"id\":\"order-" + number + "\",\"status\":\"RECEIVED\"}"
                : "{\"type\":\"https://onenet.example/problems/service-unavailable\","
                        + "\"title\":\"Request can't be accepted right now\",\"status\":503}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private NettyRequestSender sender(String target, Duration timeout) {
        return new NettyRequestSender(target, new RequestFactory(reference, "T1", 7, json), timeout,
                Duration.ofSeconds(2), json, ChannelTokens.none());
    }

    private String target() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void postsEachRequestAndReadsTheAcceptedIdKeepingItsConnectionsAlive() throws Exception {
        try (NettyRequestSender sender = sender(target(), Duration.ofSeconds(5))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Outcome outcome = sender.send(i).get(5, TimeUnit.SECONDS);
                assertThat(outcome.isAccepted()).as("answer %s: %s", i, outcome).isTrue();
                ids.add(outcome.requestId());
            }
            List<CompletableFuture<Outcome>> together = new ArrayList<>();
            for (int i = 30; i < 60; i++) {
                together.add(sender.send(i));
            }
            for (CompletableFuture<Outcome> answer : together) {
                Outcome outcome = answer.get(5, TimeUnit.SECONDS);
                assertThat(outcome.isAccepted()).as("%s", outcome).isTrue();
                ids.add(outcome.requestId());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(60);
        }
        // one after the other on one connection; the thirty sent at once on more, but far fewer than sixty
        assertThat(connections.size()).isBetween(1, 31);
        assertThat(bodies).hasSize(60).allSatisfy(body -> {
            assertThat(body.path("category").asString()).isEqualTo("noise");
            assertThat(body.path("location").path("community").asString()).isEqualTo("xingzhou");
        });
    }

    @Test
    void anErrorAnswerKeepsItsStatusAndProblem() throws Exception {
        status = 503;
        try (NettyRequestSender sender = sender(target(), Duration.ofSeconds(5))) {
            Outcome outcome = sender.send(0).get(5, TimeUnit.SECONDS);
            assertThat(outcome.status()).isEqualTo(503);
            assertThat(outcome.isAccepted()).isFalse();
            assertThat(outcome.problem()).isEqualTo("service-unavailable: Request can't be accepted right now");
        }
    }

    @Test
    void aSlowAnswerTimesOutAndIsNeverTakenForTheNextOne() throws Exception {
        delayMillis = 1500;
        try (NettyRequestSender sender = sender(target(), Duration.ofMillis(300))) {
            long started = System.nanoTime();
            Outcome late = sender.send(0).get(5, TimeUnit.SECONDS);
            assertThat(late.clientError()).isEqualTo("timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
            delayMillis = 0;
            // the first answer ("order-1") arrives later, on a connection the timeout closed
            Outcome next = sender.send(1).get(5, TimeUnit.SECONDS);
            assertThat(next.isAccepted()).isTrue();
            assertThat(next.requestId()).isEqualTo("order-2");
        }
    }

    @Test
    void nothingListeningIsAClientErrorNotAnException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (NettyRequestSender sender = sender("http://127.0.0.1:" + port, Duration.ofSeconds(5))) {
            Outcome outcome = sender.send(0).get(5, TimeUnit.SECONDS);
            assertThat(outcome.status()).isZero();
            assertThat(outcome.clientError()).isEqualTo("connect-refused");
        }
    }
}
