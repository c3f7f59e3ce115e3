package cn.onenet.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.localstack.IdentityClient;
import cn.onenet.localstack.Suite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ledger test, after Kafka's produce–consume–validate pattern. Channel systems submit steadily through the
 * gateway, retrying with the same externalId until they get a 202, and every 202 goes into the ledger. Meanwhile,
 * one at a time, each a process of its own: routing-service is killed (SIGKILL, as {@code kill -9}) and restarted,
 * request-intake-service likewise, then the Kafka broker, then the document store (its H2 file left as the kill
 * leaves it). After the load and a
 * drain: every acknowledged request is a work order exactly once, none is stuck in RECEIVED, and each order's
 * lifecycle on Kafka begins RECEIVED, DISPATCHED (or TRIAGED) with its sequence numbers in order.
 */
class LedgerFaultIntegrationTests {

    static Suite suite;
    static LifecycleLog lifecycle;
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    /** A supervisor's token: reads every order. */
    static String supervisor;
    static final List<String> CHANNELS = List.of("LIVELIHOOD", "GOVERNANCE", "PARTY_BUILDING", "LAWYER");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** externalId → request id, for every 202. */
    final Map<String, String> ledger = new ConcurrentHashMap<>();
    final AtomicInteger refusedOrFailed = new AtomicInteger();
    /** Answers a channel system should never get, whatever fails: anything but 202, 429 and 5xx-with-retry. */
    final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicBoolean loading = new AtomicBoolean(true);

    @BeforeAll
    static void startTheSuite() {
        Path home = Path.of(System.getProperty("onenet.home", "../.."));
        // the file store, so that a restart of the store keeps what it had
        suite = Suite.builder(home).dataDir(Path.of("target", "ledger-" + UUID.randomUUID())).inMemoryStore(false)
            // as ./run.sh runs them: from extracted jars, the classes archived by the suite before it (see README)
            .classDataSharing(Path.of("target", "class-data"))
            .infrastructureProcesses(true).build();
        suite.start();
        IdentityClient identity = new IdentityClient(suite.issuerUrl());
        for (String channel : CHANNELS) {
            String client = "channel-" + channel.toLowerCase().replace('_', '-');
            TOKENS.put(channel, identity.clientCredentials(client, client + "-secret"));
        }
        supervisor = identity.login("supervisor", "supervisor-demo", "onenet-console", suite.gatewayUrl() + "/");
        lifecycle = new LifecycleLog(suite.broker().bootstrapServers(), "ledger-" + UUID.randomUUID());
    }

    @AfterAll
    static void stopTheSuite() {
        if (lifecycle != null) {
            lifecycle.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void underLoadAndOneCrashAfterAnotherEveryAcknowledgedRequestIsOneCompleteWorkOrder() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            String channel = CHANNELS.get(client);
            clients.submit(() -> submitSteadily(channel));
        }
        awaitLedgerGrowth();

        suite.service(Suite.ROUTING).kill();
        awaitLedgerGrowth();
        suite.service(Suite.ROUTING).start();
        suite.service(Suite.ROUTING).awaitHealthy(Duration.ofSeconds(180));
        awaitLedgerGrowth();

        suite.service(Suite.INTAKE).kill();
        suite.service(Suite.INTAKE).start();
        suite.service(Suite.INTAKE).awaitHealthy(Duration.ofSeconds(180));
        awaitLedgerGrowth();

        suite.brokerProcess().kill();
        Thread.sleep(3000);
        suite.brokerProcess().start();
        awaitLedgerGrowth();

        suite.storeProcess().kill();
        Thread.sleep(3000);
        suite.storeProcess().start();
        awaitLedgerGrowth();

        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(unexpected).isEmpty();
        assertThat(ledger).hasSizeGreaterThan(50);
        Set<String> ids = Set.copyOf(ledger.values());
        assertThat(ids.size()).as("one id per externalId").isEqualTo(ledger.size());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> notYet = new ArrayList<>();
            for (String id : ids) {
                JsonNode order = get("/api/v1/requests/" + id);
                if (order == null || order.get("status").asString().equals("RECEIVED")) {
                    notYet.add(id);
                }
            }
            assertThat(notYet).as("acknowledged but not (yet) a routed work order").isEmpty();
        });
        // the drain includes routing's outbox: events its relay could not publish while the broker was down are
        // published once that batch's lease has ended (15 s), so an order routed just before is told a little later
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String id : ids) {
                List<LifecycleLog.Event> events = lifecycle.of(id);
                List<Long> sequences = events.stream().map(LifecycleLog.Event::sequence).distinct().toList();
                assertThat(sequences).as("lifecycle of " + id + " complete and in order").startsWith(1L, 2L)
                    .isSorted();
                assertThat(events.stream().filter(event -> event.sequence() == 1).map(LifecycleLog.Event::type)
                    .distinct()).containsExactly("cn.onenet.request.received.v1");
                assertThat(events.stream().filter(event -> event.sequence() == 2).map(LifecycleLog.Event::type)
                    .distinct()).singleElement()
                    .isIn("cn.onenet.request.dispatched.v1", "cn.onenet.request.triaged.v1");
                assertThat(events.stream().filter(event -> event.sequence() == 1)
                    .map(event -> event.payload().get("eventId").asString()).distinct())
                    .as("RECEIVED once, however often delivered").hasSize(1);
            }
        });
    }

    /** Submits one request after another, each retried with the same externalId until it is accepted. */
    private void submitSteadily(String channel) {
        int n = 0;
        while (loading.get()) {
            String externalId = "LEDGER-" + channel + "-" + (n++);
            String body = "{\"channel\":\"" + channel + "\",\"externalId\":\"" + externalId + "\",\"category\":\"elderly-care\","
                    + "\"title\":\"独居老人需要助餐服务\",\"description\":\"台账测试 " + externalId + "\",\"urgency\":\"NORMAL\","
                    + "\"location\":{\"community\":\"xingzhou\",\"address\":\"星洲社区3幢\"},"
                    + "\"requester\":{\"name\":\"张三\",\"phone\":\"13800138000\"}}";
            while (true) {
                try {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/requests"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKENS.get(channel))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 202) {
                        ledger.put(externalId, Gateway.JSON.readTree(response.body()).get("id").asString());
                        break;
                    }
                    if (!List.of(429, 502, 503, 504).contains(response.statusCode())) {
                        unexpected.add(response.statusCode() + " " + response.body());
                    }
                }
                catch (java.io.IOException ex) {
                    // the gateway or a service is down for a moment: the same request again
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                refusedOrFailed.incrementAndGet();
                pause(250);
            }
            pause(100);
        }
    }

    /** Waits until the ledger has grown by a few requests: the suite accepts again. */
    private void awaitLedgerGrowth() {
        int before = ledger.size();
        await().atMost(Duration.ofSeconds(180)).until(() -> ledger.size() >= before + 20);
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + supervisor).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Gateway.JSON.readTree(response.body()) : null;
        }
        catch (Exception ex) {
            return null;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
